import numpy as np


def speculative_accept(draft_probs: np.ndarray, target_probs: np.ndarray, draft_tokens,
                       rng: np.random.Generator) -> list[int]:
    """draft_probs (K, V), target_probs (K + 1, V), draft_tokens: K ids.
    Accept draft i with probability min(1, p_i[x] / q_i[x]); at the first rejection append a
    token from normalize(max(p_i - q_i, 0)) and stop; if all are accepted append one from p_K.
    Use only rng for randomness; return a list of Python ints."""
    raise NotImplementedError
