"""Every problem: the reference passes its own evaluator; realistic wrong solutions are rejected.

Wrong solutions live in ``tests/evaluators/wrong/<problem_id>/*.py``. The first line of each is
``# expect: TEXT``: TEXT must appear (case-insensitively) in the name or message of at least one
failed test, so the feedback points at the actual bug.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluators.catalog import load_catalog
from evaluators.grader import grade
from evaluators.sandbox.base import Sandbox

WRONG_DIR = Path(__file__).parent / "wrong"
PROBLEM_IDS = sorted(load_catalog())


def _wrong_solutions() -> list[tuple[str, Path]]:
    return [(p.parent.name, p) for p in sorted(WRONG_DIR.glob("*/*.py"))]


@pytest.mark.parametrize("problem_id", PROBLEM_IDS)
def test_reference_passes(problem_id: str, sandbox: Sandbox) -> None:
    problem = load_catalog()[problem_id]
    result = grade(problem, problem.reference_source, sandbox)
    failures = [(t.name, t.message) for t in result.tests if not t.passed]
    assert result.status == "passed", (result.status, result.error, failures, result.stderr[-2000:])
    assert result.score == 1.0


@pytest.mark.parametrize("problem_id", PROBLEM_IDS)
def test_every_problem_has_two_wrong_solutions(problem_id: str) -> None:
    assert len(list((WRONG_DIR / problem_id).glob("*.py"))) >= 2


@pytest.mark.parametrize(("problem_id", "path"), _wrong_solutions(),
                         ids=[f"{pid}/{p.stem}" for pid, p in _wrong_solutions()])
def test_wrong_solution_rejected_with_helpful_message(problem_id: str, path: Path,
                                                      sandbox: Sandbox) -> None:
    source = path.read_text(encoding="utf-8")
    first = source.splitlines()[0]
    assert first.startswith("# expect:"), f"{path} must start with '# expect: TEXT'"
    expected = first.split(":", 1)[1].strip().lower()
    result = grade(load_catalog()[problem_id], source, sandbox)
    assert result.status != "passed" and result.score < 1.0
    failed = [t for t in result.tests if not t.passed]
    assert all(t.message for t in failed)
    blob = " | ".join(f"{t.name}: {t.message}" for t in failed).lower()
    assert expected in blob, blob[:3000]


@pytest.mark.parametrize("problem_id", PROBLEM_IDS)
def test_starter_does_not_pass(problem_id: str, sandbox: Sandbox) -> None:
    problem = load_catalog()[problem_id]
    result = grade(problem, problem.starter, sandbox)
    assert result.status != "passed"
    assert problem.statement_zh.strip() and problem.statement_en.strip()
