import numpy as np


def beam_search(next_logits, prompt, beam_width, max_new_tokens, eos_id):
    """next_logits(ids: list[int]) -> ndarray (V,) of logits for the next token.

    Score = sum of log_softmax of the chosen tokens (no length penalty). Each step, expand every
    live beam with every token and keep the beam_width best expansions overall; kept expansions
    ending in eos_id move to the finished pool (using their slot). Stop when the finished pool
    holds beam_width sequences, when no live beam remains, or after max_new_tokens steps.
    Return the generated tokens (not the prompt) of the best sequence among finished and live.
    """
    raise NotImplementedError
