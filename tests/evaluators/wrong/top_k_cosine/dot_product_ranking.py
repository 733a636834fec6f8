# expect: normalize the database rows
# Normalizes only the queries: ranks by dot product with unnormalized database rows.
import numpy as np


def top_k_cosine(queries, database, k):
    q = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    scores = q @ database.T
    idx = np.argsort(-scores, axis=1)[:, :k]
    return idx, np.take_along_axis(scores, idx, axis=1)
