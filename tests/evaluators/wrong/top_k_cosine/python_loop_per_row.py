# expect: time_budget
# Scores every (query, row) pair in a Python loop.
import math

import numpy as np


def top_k_cosine(queries, database, k):
    all_idx, all_scores = [], []
    for q in queries:
        qn = math.sqrt(float(q @ q))
        scores = []
        for j in range(len(database)):
            row = database[j]
            scores.append(float(q @ row) / (qn * math.sqrt(float(row @ row))))
        scores = np.array(scores)
        idx = np.argsort(-scores)[:k]
        all_idx.append(idx)
        all_scores.append(scores[idx])
    return np.array(all_idx), np.array(all_scores)
