"""Nested-dict tree from slash-separated paths (empty components ignored)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem


def reference(paths: list[str]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for path in paths:
        node = root
        for part in path.split("/"):
            if part:
                node = node.setdefault(part, {})
    return root


def _where(prefix: tuple[str, ...]) -> str:
    return "the root" if not prefix else "'" + "/".join(prefix) + "'"


def first_difference(got: Any, expected: dict[str, Any],
                     prefix: tuple[str, ...] = ()) -> str | None:
    """A description of the first place where ``got`` differs from ``expected``, or None."""
    if not isinstance(got, dict):
        kind = "None" if got is None else type(got).__name__
        return f"the node at {_where(prefix)} should be a dict ({{}} for a leaf), got {kind}"
    extra = sorted(set(got) - set(expected), key=str)
    if extra:
        hint = (" — empty components (from leading, trailing or doubled '/') must be ignored"
                if "" in extra else "")
        return f"the node at {_where(prefix)} has unexpected key {extra[0]!r}{hint}"
    missing = sorted(set(expected) - set(got))
    if missing:
        return (f"the node at {_where(prefix)} is missing key {missing[0]!r} (has "
                f"{sorted(map(str, got))[:8]}) — paths with a shared prefix must merge")
    for key in sorted(expected):
        if (diff := first_difference(got[key], expected[key], (*prefix, key))) is not None:
            return diff
    return None


def _check(paths: list[str]):
    expected = reference(paths)

    def check(outputs: Outputs) -> None:
        got = compare.to_python(compare.get(outputs, "tree"))
        diff = first_difference(got, expected)
        if diff is not None:
            raise CaseFailure(diff)

    return check


def _case(name: str, paths: list[str]) -> Case:
    return Case(name=name, payload={"paths": list(paths)}, check=_check(paths))


def _random_paths(rng: np.random.Generator, n: int) -> list[str]:
    vocab = ["news", "car", "suv", "sedan", "sports", "nba", "cba", "tech", "ai", "ml", "dl",
             "data", "v1", "v2", "img"]
    paths = []
    for _ in range(n):
        parts = [vocab[i] for i in rng.integers(0, 5 if rng.random() < 0.5 else len(vocab),
                                                 rng.integers(1, 6))]
        seps = ["/" if rng.random() < 0.85 else "//" for _ in parts[1:]]
        path = parts[0] + "".join(s + p for s, p in zip(seps, parts[1:], strict=True))
        lead, trail = ("/" if rng.random() < 0.2 else "" for _ in range(2))
        paths.append(lead + path + trail)
    return paths


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261205)
    return [
        _case("example_from_statement", ["news/car/suv", "news/car/sedan", "sports/nba"]),
        _case("empty_list", []),
        _case("single_component", ["root"]),
        _case("repeated_paths", ["a/b/c", "a/b", "a/b", "a/b/c", "a/b"]),
        _case("prefix_after_longer_path", ["a/b/c", "a/b", "a", "a/b/d"]),
        _case("prefix_before_longer_path", ["x", "x/y", "x/y/z", "x/w"]),
        _case("leading_and_trailing_slashes", ["/usr/bin/", "/usr/lib", "home/", "/home/me"]),
        _case("doubled_slashes", ["a//b", "a///c", "a/b//d", "//e"]),
        _case("only_empty_components", ["", "/", "///"]),
        _case("same_name_on_different_levels", ["a/a/a", "a/b/a", "b/a"]),
        _case("unicode_and_spaces",
              ["新闻/汽车/SUV", "新闻/体育", "my docs/a b", "新闻/汽车/轿车"]),
        _case("random_300_paths", _random_paths(rng, 300)),
    ]


PROBLEM = Problem(
    id="path_tree",
    title_zh="路径列表转树（嵌套字典）",
    title_en="Build a tree from paths",
    difficulty="easy",
    tags=("data-processing", "python", "dict"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
)
