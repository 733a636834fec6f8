import numpy as np


def top_k_cosine(queries, database, k):
    q = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    db_norms = np.sqrt(np.einsum("ij,ij->i", database, database))
    scores = (q @ database.T) / db_norms                     # (Q, N)
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]    # unordered top k
    part_scores = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-part_scores, axis=1)
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(part_scores, order, axis=1)
