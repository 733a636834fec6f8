"""Greedy non-maximum suppression: IoU strictly greater than the threshold suppresses."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = (
    "torchvision",
    "torch.ops.torchvision",
    "cv2",
)
MARGIN = 1e-4  # random cases keep every IoU this far from the threshold


def iou_matrix(boxes: np.ndarray, plus_one: bool = False) -> np.ndarray:
    one = 1.0 if plus_one else 0.0
    x1, y1, x2, y2 = boxes.T
    area = (x2 - x1 + one) * (y2 - y1 + one)
    w = np.clip(np.minimum(x2[:, None], x2) - np.maximum(x1[:, None], x1) + one, 0, None)
    h = np.clip(np.minimum(y2[:, None], y2) - np.maximum(y1[:, None], y1) + one, 0, None)
    inter = w * h
    return inter / (area[:, None] + area - inter)


def reference(boxes: np.ndarray, scores: np.ndarray, threshold: float, *, ge: bool = False,
              plus_one: bool = False, greedy: bool = True) -> list[int]:
    """float64 greedy NMS; the keyword arguments switch on classic mistakes (for hints)."""
    iou = iou_matrix(boxes, plus_one)
    over = iou >= threshold if ge else iou > threshold
    order = [int(i) for i in np.argsort(-scores)]
    keep: list[int] = []
    removed = np.zeros(len(boxes), dtype=bool)
    for rank, i in enumerate(order):
        if greedy and removed[i]:
            continue
        if not greedy and any(over[j, i] for j in order[:rank]):
            continue
        keep.append(i)
        removed |= over[i]
    return keep


def _hint(got: list[int], boxes: np.ndarray, scores: np.ndarray, threshold: float,
          expected: list[int]) -> str:
    order = [int(i) for i in np.argsort(-scores)]
    if all(0 <= i < len(order) for i in got) and [order[i] for i in got] == expected:
        return " — these are positions in the score-sorted order; return indices into `boxes`"
    if sorted(got) == sorted(expected):
        return " — the right boxes, but return them in descending score order"
    variants = [
        ({"ge": True}, "a box whose IoU equals the threshold must be kept: only IoU > threshold "
                       "suppresses"),
        ({"plus_one": True}, "area is (x2 - x1) * (y2 - y1), without the +1 pixel convention"),
        ({"greedy": False}, "a box that was already suppressed must not suppress others"),
    ]
    hints = [hint for kwargs, hint in variants
             if got == reference(boxes, scores, threshold, **kwargs)]
    return " — " + "; or ".join(hints) if hints else ""


def _check(boxes: np.ndarray, scores: np.ndarray, threshold: float):
    expected = reference(boxes, scores, threshold)

    def check(outputs: Outputs) -> None:
        got = compare.as_int_list(outputs, "keep", "nms result")
        if got != expected:
            first = next((k for k, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
                         min(len(got), len(expected)))
            raise CaseFailure(
                f"nms kept {_short(got)} ({len(got)} boxes), expected {_short(expected)} "
                f"({len(expected)} boxes); first difference at position {first}"
                + _hint(got, boxes, scores, threshold, expected))

    return check


def _short(items: list[int]) -> str:
    return str(items) if len(items) <= 12 else f"[{', '.join(map(str, items[:12]))}, …]"


def _check_types(outputs: Outputs) -> None:
    value = compare.get(outputs, "keep")
    if value.get("type") not in ("list", "tuple"):
        raise CaseFailure(f"nms must return a list of Python ints, got a {value.get('type')}")
    bad = [item for item in compare.items(value) if item.get("type") != "int"]
    if bad:
        raise CaseFailure(f"nms must return Python ints (e.g. int(i)); got items of type "
                          f"{bad[0].get('type')} {bad[0].get('dtype', '')}".rstrip())


def _case(name: str, boxes, scores, threshold: float) -> Case:
    boxes = np.asarray(boxes, dtype=np.float64)
    scores = np.asarray(scores, dtype=np.float64)
    payload = {"boxes": boxes, "scores": scores, "iou_threshold": float(threshold)}
    return Case(name=name, payload=payload, check=_check(boxes, scores, threshold))


def _random_case(name: str, rng: np.random.Generator, n: int, threshold: float,
                 clusters: int) -> Case:
    while True:
        centers = rng.uniform(0, 60, (clusters, 2))
        xy = centers[rng.integers(0, clusters, n)] + rng.normal(0, 3, (n, 2))
        wh = rng.uniform(4, 14, (n, 2))
        boxes = np.concatenate([xy - wh / 2, xy + wh / 2], axis=1)
        iou = iou_matrix(boxes)
        if np.all(np.abs(iou - threshold) > MARGIN):
            scores = rng.permutation(n) / n + rng.uniform(0, 0.5 / n, n)
            return _case(name, boxes, scores, threshold)


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20261204)
    cases = [
        _case("two_overlapping_one_apart", [[0, 0, 10, 10], [1, 1, 11, 11], [50, 50, 60, 60]],
              [0.9, 0.8, 0.7], 0.5),
        _case("indices_refer_to_input_order", [[20, 20, 30, 30], [0, 0, 10, 10], [1, 0, 11, 10],
                                               [21, 21, 31, 31], [40, 0, 45, 5]],
              [0.3, 0.6, 0.95, 0.5, 0.1], 0.5),
        _case("iou_equal_to_threshold_is_kept", [[0, 0, 3, 1], [1, 0, 4, 1], [0, 5, 2, 7],
                                                 [0, 5, 2, 6]], [0.9, 0.8, 0.7, 0.6], 0.5),
        _case("suppressed_box_does_not_suppress", [[0, 0, 10, 10], [4, 0, 14, 10],
                                                   [8, 0, 18, 10]], [0.9, 0.8, 0.7], 0.3),
        _case("area_without_plus_one", [[0, 0, 2, 2], [1, 0, 3, 2], [10, 10, 13, 12],
                                        [11, 10, 14, 12]], [0.9, 0.8, 0.7, 0.6], 0.4),
        _case("single_box", [[1.5, 2.5, 4.0, 8.0]], [0.42], 0.5),
        _case("no_overlap_all_kept", [[0, 0, 1, 1], [2, 2, 3, 3], [1, 1, 2, 2], [5, 0, 6, 4]],
              [0.1, 0.4, 0.3, 0.2], 0.5),
        _case("threshold_zero_touching_boxes_kept", [[0, 0, 2, 2], [2, 0, 4, 2], [1, 1, 3, 3],
                                                     [5, 5, 6, 6]], [0.9, 0.8, 0.7, 0.6], 0.0),
        _random_case("random_60_boxes_threshold_0_5", rng, 60, 0.5, 8),
        _random_case("random_200_boxes_threshold_0_3", rng, 200, 0.3, 12),
        _random_case("random_300_boxes_threshold_0_7", rng, 300, 0.7, 15),
    ]
    types = {"boxes": np.array([[0.0, 0, 4, 4], [1, 1, 5, 5], [9, 9, 12, 12]]),
             "scores": np.array([0.5, 0.9, 0.7]), "iou_threshold": 0.5}
    cases.append(Case(name="returns_list_of_python_ints", payload=types, check=_check_types,
                      weight=0.5))
    return cases


PROBLEM = Problem(
    id="nms",
    title_zh="非极大值抑制（NMS）",
    title_en="Non-maximum suppression (NMS)",
    difficulty="easy",
    tags=("cv", "detection", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
