"""Single-class detection AP over several images, VOC all-point (area under the envelope)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from evaluators.common_numeric import numpy_scalar
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("torch",)
Images = list[np.ndarray]
MARGIN = 1e-3  # no IoU this close to the threshold


def iou(box: np.ndarray, gts: np.ndarray) -> np.ndarray:
    iw = np.clip(np.minimum(box[2], gts[:, 2]) - np.maximum(box[0], gts[:, 0]), 0, None)
    ih = np.clip(np.minimum(box[3], gts[:, 3]) - np.maximum(box[1], gts[:, 1]), 0, None)
    inter = iw * ih
    area = (box[2] - box[0]) * (box[3] - box[1])
    return inter / (area + (gts[:, 2] - gts[:, 0]) * (gts[:, 3] - gts[:, 1]) - inter)


def match(preds: Images, scores: Images, gts: Images, thr: float, *, pooled: bool = False,
          duplicates: bool = False, order: str = "desc") -> tuple[np.ndarray, bool]:
    """TP flags in processing order and whether any match was ambiguous (tests avoid those)."""
    dets = [(s, i, b) for i, (bs, ss) in enumerate(zip(preds, scores, strict=True))
            for b, s in zip(bs, ss, strict=True)]
    if order == "desc":
        dets.sort(key=lambda d: -d[0])
    pool = [np.concatenate(gts)] if pooled else gts
    used = [np.zeros(len(g), dtype=bool) for g in pool]
    tp, ambiguous = np.zeros(len(dets)), False
    for k, (_, image, box) in enumerate(dets):
        index = 0 if pooled else image
        if len(pool[index]) == 0:
            continue
        ious = iou(box, pool[index])
        ambiguous |= bool(np.any(np.abs(ious - thr) < MARGIN))
        j = int(np.argmax(ious))
        free_above = (ious >= thr) & ~used[index]
        ambiguous |= bool(used[index][j] and free_above.any())
        if ious[j] >= thr and (duplicates or not used[index][j]):
            used[index][j] = True
            tp[k] = 1
    return tp, ambiguous


def area(tp: np.ndarray, n_gt: int, interp: str = "all") -> float:
    if len(tp) == 0:
        return 0.0
    cum = np.cumsum(tp)
    recall, precision = cum / n_gt, cum / np.arange(1, len(tp) + 1)
    if interp in ("11", "101"):
        points = np.linspace(0, 1, int(interp))
        return float(np.mean([precision[recall >= r].max() if (recall >= r).any() else 0.0
                              for r in points]))
    env = precision if interp == "raw" else np.maximum.accumulate(precision[::-1])[::-1]
    return float(np.sum((recall - np.concatenate([[0.0], recall[:-1]])) * env))


def average_precision(preds: Images, scores: Images, gts: Images, thr: float,
                      mistake: str = "") -> float:
    n_gt = sum(len(g) for g in gts)
    if mistake == "per_image":
        aps = [average_precision([p], [s], [g], thr) for p, s, g in
               zip(preds, scores, gts, strict=True) if len(g)]
        return float(np.mean(aps))
    tp, _ = match(preds, scores, gts, thr, pooled=mistake == "pooled",
                  duplicates=mistake == "duplicates", order="given" if mistake == "unsorted"
                  else "desc")
    interp = {"11": "11", "101": "101", "raw": "raw"}.get(mistake, "all")
    return area(tp, n_gt, interp)


MISTAKES = {
    "11": "11-point interpolation (VOC2007); use the area under the whole envelope",
    "101": "101-point sampling (COCO); use the area under the whole envelope (all points)",
    "raw": "the raw precision at each recall step; use the envelope max_{j ≥ k} precision_j",
    "pooled": "detections matched against ground truths of other images; match only within "
              "the detection's own image",
    "duplicates": "a second detection of an already matched ground truth counted as a true "
                  "positive; it is a false positive",
    "per_image": "AP computed per image and averaged; pool all detections of all images",
    "unsorted": "detections processed in the given order; sort all of them by score, "
                "descending",
}


def _check(preds: Images, scores: Images, gts: Images, thr: float):
    expected = average_precision(preds, scores, gts, thr)
    variants = {text: average_precision(preds, scores, gts, thr, key)
                for key, text in MISTAKES.items()}

    def check(outputs: Outputs) -> None:
        got = numpy_scalar(outputs, "ap", "average_precision(...)")
        if np.isclose(got, expected, rtol=1e-6, atol=1e-9):
            return
        hint = next((f" — looks like {text}" for text, value in variants.items()
                     if abs(value - expected) > 1e-9 and abs(got - value) < 1e-7), "")
        raise CaseFailure(f"AP: expected {expected:.6f}, got {got:.6f}{hint}")

    return check


def _case(name: str, preds, scores, gts, thr: float | None = None, weight: float = 2.0) -> Case:
    preds = [np.asarray(p, dtype=np.float64).reshape(-1, 4) for p in preds]
    scores = [np.asarray(s, dtype=np.float64).reshape(-1) for s in scores]
    gts = [np.asarray(g, dtype=np.float64).reshape(-1, 4) for g in gts]
    t = 0.5 if thr is None else thr
    _, ambiguous = match(preds, scores, gts, t)
    all_scores = np.concatenate(scores) if scores else np.zeros(0)
    if ambiguous or len(np.unique(all_scores)) != len(all_scores):
        raise ValueError(f"{name}: ambiguous matching or equal scores")
    payload = {"pred_boxes": preds, "pred_scores": scores, "gt_boxes": gts, "iou_threshold": thr}
    return Case(name=name, payload=payload, check=_check(preds, scores, gts, t), weight=weight)


def _random_images(rng: np.random.Generator, images: int, thr: float) -> tuple[Images, ...]:
    """Random detections around ground truths (jittered hits, duplicates, clutter)."""
    for _ in range(200):
        preds, scores, gts = [], [], []
        for _ in range(images):
            g = rng.integers(0, 6)
            xy = rng.uniform(0, 200, (g, 2))
            gt = np.concatenate([xy, xy + rng.uniform(20, 60, (g, 2))], axis=1)
            hits = gt[rng.random(g) < 0.8] if g else np.zeros((0, 4))
            hits = np.concatenate([hits, hits[rng.random(len(hits)) < 0.3]])
            jitter = hits + rng.normal(0, 4, hits.shape)
            clutter_xy = rng.uniform(0, 220, (rng.integers(0, 4), 2))
            clutter = np.concatenate([clutter_xy, clutter_xy + 30], axis=1)
            p = np.concatenate([jitter, clutter])
            preds.append(p)
            scores.append(rng.random(len(p)))
            gts.append(gt)
        _, ambiguous = match(preds, scores, gts, thr)
        if not ambiguous and sum(len(g) for g in gts) > 0:
            return preds, scores, gts
    raise ValueError("could not draw an unambiguous detection set")


def make_cases() -> list[Case]:
    rng = np.random.default_rng(20270119)
    gt2 = [[0, 0, 10, 10], [20, 20, 30, 30]]
    cases = [
        _case("statement_example", [[[0, 0, 10, 10], [50, 50, 60, 60], [20, 20, 30, 31]]],
              [[0.9, 0.8, 0.7]], [gt2]),
        _case("precision_envelope_matters",
              [[[0, 0, 10, 10], [80, 80, 90, 90], [20, 20, 30, 30], [40, 40, 50, 50]]],
              [[0.9, 0.8, 0.7, 0.6]], [[*gt2, [40, 40, 50, 51]]]),
        _case("duplicate_detection_is_false_positive",
              [[[0, 0, 10, 10], [0.5, 0, 10.5, 10], [21, 20, 31, 30]]], [[0.9, 0.85, 0.6]],
              [gt2]),
        _case("matches_only_within_own_image",
              [[[20, 20, 30, 30]], [[0, 0, 10, 10], [40, 40, 50, 50]]], [[0.9], [0.8, 0.3]],
              [[[0, 0, 10, 10]], [[20, 20, 30, 30], [40, 41, 50, 51]]]),
        _case("image_without_ground_truth_and_image_without_detections",
              [[[0, 0, 10, 10]], [[5, 5, 15, 15], [60, 60, 70, 70]], np.zeros((0, 4))],
              [[0.6], [0.95, 0.4], np.zeros(0)],
              [[[0, 0, 10, 10]], np.zeros((0, 4)), [[30, 30, 40, 40]]]),
        _case("no_detections_gives_zero", [np.zeros((0, 4))], [np.zeros(0)], [gt2], weight=1.0),
        _case("perfect_detections_give_one", [[[20, 20, 30, 30], [0, 0, 10, 10]]],
              [[0.3, 0.7]], [gt2], weight=1.0),
        _case("threshold_0.75", [[[0, 0, 10, 12], [20, 20, 30, 30], [0, 0, 10, 10]]],
              [[0.9, 0.6, 0.5]], [gt2], thr=0.75),
        _case("scores_not_in_input_order", [[[50, 50, 60, 60], [20, 20, 30, 30],
                                             [0, 0, 10, 10], [70, 0, 80, 10]]],
              [[0.2, 0.9, 0.4, 0.6]], [gt2]),
    ]
    for i, (images, thr) in enumerate([(5, 0.5), (8, 0.5), (6, 0.7)]):
        preds, scores, gts = _random_images(rng, images, thr)
        cases.append(_case(f"random_{images}_images_threshold_{thr}", preds, scores, gts,
                           thr=thr if i == 2 else None))
    return cases


PROBLEM = Problem(
    id="average_precision",
    title_zh="平均精度 AP（单类别检测，VOC all-point）",
    title_en="Average precision (single-class detection, VOC all-point)",
    difficulty="hard",
    tags=("cv", "detection", "evaluation-metrics", "numpy"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
