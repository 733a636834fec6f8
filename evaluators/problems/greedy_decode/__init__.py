"""Greedy decoding over the shared toy LM: arg-max each step, stop after eos."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_decoding import ToyLM, random_toy_lm
from evaluators.problem import Case, CaseFailure, Outputs, Problem

MIN_MARGIN = 1e-2  # the arg-max of every step leads the runner-up by at least this much


def reference(lm: ToyLM, prompt: list[int], max_new: int, eos: int) -> tuple[list[int], float]:
    """The generated tokens and the smallest top-1 / top-2 logit gap along the way."""
    tokens: list[int] = []
    margin = np.inf
    for _ in range(max_new):
        logits = lm(prompt + tokens)
        top2 = np.sort(logits)[-2:]
        margin = min(margin, top2[1] - top2[0])
        tokens.append(int(np.argmax(logits)))
        if tokens[-1] == eos:
            break
    return tokens, margin


def _hint(got: list[int], expected: list[int], lm: ToyLM, prompt: list[int], max_new: int,
          eos: int) -> str:
    if got == prompt + expected:
        return "return only the generated tokens, not the prompt"
    if expected and expected[-1] == eos and got == expected[:-1]:
        return "keep eos_id in the result when it is generated (it is the last token)"
    if got[:len(expected)] == expected and len(got) > len(expected):
        if expected and expected[-1] == eos:
            return "stop right after generating eos_id"
        return f"generate at most max_new_tokens = {max_new} tokens"
    step = next((i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
                min(len(got), len(expected)))
    if step >= len(expected):
        return f"the result stops after {len(got)} tokens, before eos or max_new_tokens"
    if step >= len(got):
        return f"step {step}: the result ends early"
    logits = lm(prompt + expected[:step])
    return (f"step {step}: expected token {expected[step]} = argmax next_logits(prompt + "
            f"generated[:{step}]) (logit {logits[expected[step]]:.3f}), got {got[step]} (logit "
            f"{logits[got[step]] if 0 <= got[step] < len(logits) else float('nan'):.3f}); "
            "call next_logits on the prompt followed by everything generated so far")


def _check(lm: ToyLM, prompt: list[int], max_new: int, eos: int):
    expected, _ = reference(lm, prompt, max_new, eos)

    def check(outputs: Outputs) -> None:
        got = compare.as_int_list(outputs, "tokens", "greedy_decode result")
        if got != expected:
            raise CaseFailure(f"greedy_decode returned {got}, expected {expected} (prompt "
                              f"{prompt}, max_new_tokens={max_new}, eos_id={eos}) — "
                              + _hint(got, expected, lm, prompt, max_new, eos))

    return check


def _case(name: str, seed: int, vocab: int, max_new: int, eos: int, eos_shift: float) -> Case:
    lm, prompt = random_toy_lm(seed, vocab, eos, eos_shift)
    _, margin = reference(lm, prompt, max_new, eos)
    if margin < MIN_MARGIN:
        raise ValueError(f"{name}: an arg-max is within {margin:.2g} of a tie")
    payload = {"lm": lm.to_payload(), "prompt": prompt, "max_new_tokens": max_new,
               "eos_id": eos}
    return Case(name=name, payload=payload, check=_check(lm, prompt, max_new, eos))


def make_cases() -> list[Case]:
    # name, seed, V, max_new_tokens, eos_id, eos_shift (seeds chosen so that each case
    # exercises what its name says)
    specs = [
        ("stops_at_eos", 2, 8, 12, 0, -0.5),
        ("no_eos_runs_to_max_new_tokens", 1, 7, 9, 6, -1.0),
        ("eos_as_first_token", 4, 6, 5, 2, 1.0),
        ("max_new_tokens_zero", 3, 6, 0, 0, 0.0),
        ("max_new_tokens_one", 1, 9, 1, 4, 0.0),
        ("eos_id_is_last_token_id", 2, 10, 15, 9, -1.0),
        ("random_vocab_12", 2, 12, 10, 3, -1.5),
    ]
    return [_case(*spec) for spec in specs]


PROBLEM = Problem(
    id="greedy_decode",
    title_zh="贪心解码",
    title_en="Greedy decoding",
    difficulty="easy",
    tags=("decoding", "llm"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
)
