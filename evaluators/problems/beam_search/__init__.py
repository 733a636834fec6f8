"""Beam search over a toy LM: slots, a finished pool and three stopping rules (problems.md)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_decoding import ToyLM, random_toy_lm, sequence_score
from evaluators.problem import Case, CaseFailure, Outputs, Problem

MIN_MARGIN = 1e-3  # every pruning decision and the final choice are this far from a tie

Beam = tuple[float, list[int]]


def reference(lm: ToyLM, prompt: list[int], width: int, max_new: int,
              eos: int) -> tuple[list[int], float]:
    """float64 beam search; returns the best generated tokens and the smallest decision margin."""
    live: list[Beam] = [(0.0, [])]
    finished: list[Beam] = []
    margin = np.inf
    for _ in range(max_new):
        expansions = []
        for score, tokens in live:
            log_probs = lm.log_probs(prompt + tokens)
            expansions += [(score + float(lp), [*tokens, t]) for t, lp in enumerate(log_probs)]
        expansions.sort(key=lambda beam: -beam[0])
        if len(expansions) > width:
            margin = min(margin, expansions[width - 1][0] - expansions[width][0])
        live = []
        for beam in expansions[:width]:
            (finished if beam[1][-1] == eos else live).append(beam)
        if len(finished) >= width or not live:
            break
    pool = sorted(finished + live, key=lambda beam: -beam[0])
    if len(pool) > 1:
        margin = min(margin, pool[0][0] - pool[1][0])
    return pool[0][1], margin


def greedy(lm: ToyLM, prompt: list[int], max_new: int, eos: int) -> list[int]:
    tokens: list[int] = []
    for _ in range(max_new):
        tokens.append(int(np.argmax(lm(prompt + tokens))))
        if tokens[-1] == eos:
            break
    return tokens


def _hint(got: list[int], expected: list[int], lm: ToyLM, prompt: list[int], max_new: int,
          eos: int) -> str:
    if got == prompt + expected:
        return " — return only the generated tokens, not the prompt"
    if expected and expected[-1] == eos and got == expected[:-1]:
        return " — keep the final eos_id in the returned tokens"
    if len(got) > max_new or not all(0 <= t < lm.vocab_size for t in got):
        return ""
    notes = ["it equals the greedy decoding"] if got == greedy(lm, prompt, max_new, eos) else []
    got_score, best_score = sequence_score(lm, prompt, got), sequence_score(lm, prompt, expected)
    if got_score > best_score:
        notes.append(f"it scores {got_score:.4f} (sum of log_softmax), higher than the expected "
                     f"{best_score:.4f}, so your search keeps candidates the specified one "
                     "prunes: eos expansions use one of the beam_width slots, and only "
                     "beam_width expansions survive each step")
    else:
        notes.append(f"it scores {got_score:.4f} (sum of log_softmax), lower than the expected "
                     f"{best_score:.4f}")
    return " — " + "; ".join(notes)


def _check(lm: ToyLM, prompt: list[int], width: int, max_new: int, eos: int):
    expected, _ = reference(lm, prompt, width, max_new, eos)

    def check(outputs: Outputs) -> None:
        got = compare.as_int_list(outputs, "tokens", "beam_search result")
        if got != expected:
            raise CaseFailure(f"beam_search returned {got}, expected {expected} (prompt "
                              f"{prompt}, beam_width={width}, max_new_tokens={max_new}, "
                              f"eos_id={eos})" + _hint(got, expected, lm, prompt, max_new, eos))

    return check


def _case(name: str, seed: int, vocab: int, width: int, max_new: int, eos: int,
          eos_shift: float, prompt_len: int = 3) -> Case:
    lm, prompt = random_toy_lm(seed, vocab, eos, eos_shift, prompt_len=prompt_len)
    _, margin = reference(lm, prompt, width, max_new, eos)
    if margin < MIN_MARGIN:
        raise ValueError(f"{name}: a beam decision is within {margin:.2g} of a tie")
    payload = {"lm": lm.to_payload(), "prompt": prompt, "beam_width": width,
               "max_new_tokens": max_new, "eos_id": eos}
    return Case(name=name, payload=payload, check=_check(lm, prompt, width, max_new, eos))


def make_cases() -> list[Case]:
    # name, seed, V, beam_width, max_new_tokens, eos_id, eos_shift (seeds chosen so that each
    # case exercises the rule in its name; see the statement for the exact semantics)
    specs = [
        ("beam_width_1_equals_greedy", 4, 8, 1, 8, 0, -1.0),
        ("beam_beats_greedy", 2, 8, 3, 8, 0, -1.0),
        ("eos_fills_finished_pool_early_stop", 71, 8, 3, 10, 0, -1.0),
        ("live_beam_beats_finished_sequences", 61, 7, 3, 8, 2, 0.0),
        ("eos_uses_its_slot", 24, 6, 2, 10, 5, -0.5),
        ("eos_uses_its_slot_beam_4", 56, 9, 4, 8, 3, -0.5),
        ("no_eos_runs_to_max_new_tokens", 0, 6, 3, 6, 4, -6.0),
        ("eos_at_first_step", 4, 6, 2, 6, 1, 2.0),
        ("max_new_tokens_zero", 6, 6, 2, 0, 0, 0.0),
        ("max_new_tokens_one", 0, 9, 3, 1, 3, 0.0),
        ("wide_beam_5_of_9", 7, 9, 5, 6, 8, -1.0),
        ("random_v10_beam_4", 11, 10, 4, 7, 1, -1.5),
    ]
    return [_case(*spec) for spec in specs]


PROBLEM = Problem(
    id="beam_search",
    title_zh="束搜索（Beam Search）",
    title_en="Beam search",
    difficulty="medium",
    tags=("decoding", "llm", "search"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
)
