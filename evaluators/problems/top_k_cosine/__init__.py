"""Top-k cosine-similarity search in numpy, with a relative time budget at N = 200k."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.common_numeric import topk_inputs
from evaluators.problem import Case, CaseFailure, Outputs, Problem, TimeBudget

FORBIDDEN = ("sklearn", "faiss", "scipy.spatial", "torch.nn.functional.cosine_similarity",
             "torch.cosine_similarity", "torch.nn.CosineSimilarity")
# drawn once per process (see fm_predict): nothing can be precomputed from the source
BIG = {"seed": secrets.randbits(31), "n": 200_000, "d": 128, "q": 16, "k": 10}
FLOOR_S = 0.05  # budget never below 1 s, so load on a 2-core box cannot flake it


def cosine_scores(queries: np.ndarray, database: np.ndarray) -> np.ndarray:
    qn = queries / np.sqrt(np.einsum("ij,ij->i", queries, queries))[:, None]
    return (qn @ database.T) / np.sqrt(np.einsum("ij,ij->i", database, database))


def top_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """float64 reference: indices and scores of the k largest per row, descending."""
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    vals = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-vals, axis=1)
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(vals, order, axis=1)


def _outputs(outputs: Outputs, q: int, k: int) -> tuple[np.ndarray, np.ndarray, tuple]:
    idx = compare.as_array(outputs, "indices", "any", "indices")
    scores = compare.as_array(outputs, "scores", "any", "scores")
    for name, arr in (("indices", idx), ("scores", scores)):
        if arr.shape != (q, k):
            raise CaseFailure(f"{name} should have shape ({q}, {k}), got {arr.shape}")
    if not np.all(np.equal(np.mod(idx, 1), 0)):
        raise CaseFailure("indices should be integers (row numbers of the database)")
    dtype = compare.get(outputs, "scores").get("dtype")
    return idx.astype(np.int64), scores, compare.F32_TOL if dtype == "float32" else compare.F64_TOL


def _index_failure(all_scores: np.ndarray, idx: np.ndarray, want: np.ndarray, dots: np.ndarray,
                   row: int) -> CaseFailure:
    k = want.shape[1]
    got, exp = idx[row].tolist(), want[row].tolist()
    msg = f"query {row}: expected indices {exp}, got {got}"
    if got == np.argsort(-dots[row])[:k].tolist():
        return CaseFailure(f"{msg} — ranked by raw dot product: normalize the database rows")
    if sorted(got) == sorted(exp):
        return CaseFailure(f"{msg} — the right rows in the wrong order: sort by score, "
                           "descending")
    if sorted(got) == sorted(np.argsort(all_scores[row])[:k].tolist()):
        return CaseFailure(f"{msg} — these are the least similar rows: take the largest scores")
    return CaseFailure(msg)


def _compare(outputs: Outputs, queries: np.ndarray, database: np.ndarray, all_scores: np.ndarray,
             k: int, expected: tuple[np.ndarray, np.ndarray]) -> None:
    idx, scores, tol = _outputs(outputs, len(queries), k)
    if (np.diff(scores, axis=1) > 1e-12).any():
        row = int(np.argwhere(np.diff(scores, axis=1) > 1e-12)[0][0])
        raise CaseFailure(f"scores of query {row} are not in descending order: "
                          f"{np.round(scores[row], 5).tolist()}")
    want_idx, want_scores = expected
    bad_rows = np.flatnonzero((idx != want_idx).any(axis=1))
    if len(bad_rows):
        dots = queries @ database.T
        raise _index_failure(all_scores, idx, want_idx, dots, int(bad_rows[0]))
    try:
        compare.assert_close("scores", scores, want_scores, tol)
    except CaseFailure as failure:
        hint = ""
        if np.allclose(np.abs(scores), np.abs(want_scores) * np.linalg.norm(queries, axis=1)[
                :, None], rtol=1e-4):
            hint = " — scores scale with the query norm: normalize the queries too"
        raise CaseFailure(f"{failure}{hint}; scores must be cosine similarities") from None


def _check(queries: np.ndarray, database: np.ndarray, k: int):
    all_scores = cosine_scores(queries, database)
    expected = top_k(all_scores, k)

    def check(outputs: Outputs) -> None:
        _compare(outputs, queries, database, all_scores, k, expected)

    return check


@lru_cache(maxsize=1)
def big_reference() -> tuple[np.ndarray, np.ndarray]:
    """Expected (indices, scores) on the budget inputs (per process)."""
    queries, database = topk_inputs(BIG["seed"], BIG["n"], BIG["d"], BIG["q"])
    return top_k(cosine_scores(queries, database), BIG["k"])


BUDGET = TimeBudget(
    "top_k_cosine at N=200000, d=128, Q=16", FLOOR_S,
    "Normalize once and score every query against the whole database with one matrix product, "
    "then np.argpartition: no Python loop over rows.")


def _check_big(outputs: Outputs) -> None:
    want_idx, want_scores = big_reference()
    idx, scores, tol = _outputs(outputs, BIG["q"], BIG["k"])
    if (idx != want_idx).any():
        row = int(np.flatnonzero((idx != want_idx).any(axis=1))[0])
        raise CaseFailure(f"query {row}: expected indices {want_idx[row].tolist()}, got "
                          f"{idx[row].tolist()}")
    compare.assert_close("scores", scores, want_scores, tol)


def _case(name: str, rng: np.random.Generator, q: int, n: int, d: int, k: int,
          db_norms: tuple[float, float] = (0.5, 3.0), weight: float = 1.0) -> Case:
    queries = rng.standard_normal((q, d)) * rng.uniform(0.2, 5.0, size=(q, 1))
    database = rng.standard_normal((n, d))
    low, high = np.log(db_norms[0]), np.log(db_norms[1])
    database *= np.exp(rng.uniform(low, high, size=(n, 1)))
    payload = {"queries": queries, "database": database, "k": k}
    return Case(name=name, payload=payload, check=_check(queries, database, k), weight=weight)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261212)
    cases = [
        _case("basic_q3_n20_k5", rng, 3, 20, 8, 5),
        _case("single_query", rng, 1, 50, 16, 4),
        _case("k_equals_1", rng, 4, 30, 6, 1),
        _case("k_equals_n_full_ranking", rng, 2, 7, 5, 7),
        _case("database_norms_vary_widely", rng, 5, 200, 12, 6, (0.01, 100.0), 1.5),
        _case("odd_dims_q7_n333_d17_k9", rng, 7, 333, 17, 9, weight=1.5),
    ]
    cases.append(Case(name="time_budget_n200000_d128_q16", payload=dict(BIG), check=_check_big,
                      weight=2.0, op="timed_run", budget=BUDGET))
    return cases


PROBLEM = Problem(
    id="top_k_cosine",
    title_zh="Top-k 余弦相似度检索",
    title_en="Top-k cosine similarity search",
    difficulty="easy",
    tags=("retrieval", "vectorization", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
    timeout_s=20.0,  # data generation + a cold start under load; the budget itself is relative
)
