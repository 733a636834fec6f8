"""The problem catalog: every package under ``evaluators/problems`` that defines ``PROBLEM``."""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from evaluators.problem import Problem

PROBLEMS_DIR = Path(__file__).resolve().parent / "problems"


class UnknownProblemError(LookupError):
    def __init__(self, problem_id: str) -> None:
        self.problem_id = problem_id
        super().__init__(f"no coding problem with id {problem_id!r}; list them with "
                         "GET /v1/problems or `kaoda eval list`")


@lru_cache(maxsize=1)
def load_catalog() -> dict[str, Problem]:
    catalog: dict[str, Problem] = {}
    for path in sorted(PROBLEMS_DIR.iterdir()):
        if not (path / "__init__.py").is_file() or path.name.startswith("_"):
            continue
        module = importlib.import_module(f"evaluators.problems.{path.name}")
        problem: Problem = module.PROBLEM
        if problem.id != path.name:
            raise ValueError(f"{path}: PROBLEM.id {problem.id!r} must equal the folder name")
        catalog[problem.id] = problem
    return catalog


def get_problem(problem_id: str) -> Problem:
    catalog = load_catalog()
    if problem_id not in catalog:
        raise UnknownProblemError(problem_id)
    return catalog[problem_id]
