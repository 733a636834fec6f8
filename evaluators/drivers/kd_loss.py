"""Driver for `kd_loss` (runs inside the sandbox)."""

from __future__ import annotations

from typing import Any

from evaluators.driver_api import require, tensor
from evaluators.drivers._common_grad import backward, leaf


def run(ns: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    fn = require(ns, "kd_loss")
    student = leaf(payload, "student_logits", requires_grad=True)
    kwargs = {key: payload[key] for key in ("T", "alpha") if payload.get(key) is not None}
    loss = fn(student, tensor(payload["teacher_logits"]), tensor(payload["targets"]), **kwargs)
    return {"loss": loss, **backward(loss, {"student_logits": student})}
