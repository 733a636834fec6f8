import numpy as np  # noqa: F401


def top_k_cosine(queries, database, k):
    """queries (Q, d), database (N, d), 1 <= k <= N.

    Return (indices (Q, k), scores (Q, k)): the k database rows most cosine-similar to each
    query, scores descending.
    """
    raise NotImplementedError
