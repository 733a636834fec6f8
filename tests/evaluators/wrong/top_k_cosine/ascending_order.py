# expect: descending order
# argpartition picks the right rows but they are returned in ascending score order.
import numpy as np


def top_k_cosine(queries, database, k):
    q = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    d = database / np.linalg.norm(database, axis=1, keepdims=True)
    scores = q @ d.T
    idx = np.argsort(scores, axis=1)[:, -k:]
    return idx, np.take_along_axis(scores, idx, axis=1)
