"""A scripted candidate for the UI tests.

It reads what the interviewer just asked from the service's transcript (the directive kind, the
project point, the entry or problem id — what a candidate sees or could infer, never the hidden
reference) and returns the answer a well-prepared candidate would type. The UI tests type these
answers into the real UI (AppTest widgets or Chromium); only the choice of words comes from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
RESUME = ROOT / "tests" / "service" / "fixtures" / "resumes" / "zh_cv_intern.md"
INTRO = ("我是浙江大学计算机硕士李明，研究方向是目标检测和医学图像分割，在商汤做过工业质检的"
         "检测算法实习，也做过 nnU-Net 脑肿瘤分割项目。")
DRILL = {
    "task": "任务是 PCB 工业质检里的小目标缺陷检测：输入是 2048x2048 的板子图片，输出缺陷框和类别，目标是把漏检率降下来。",
    "model": "我用的是 YOLOv8s，在检测头上加了 CBAM 注意力，把 CIoU 换成了 SIoU 损失，并增加了一个 P2 小目标检测层。",
    "training": "训练 300 个 epoch，batch 32，SGD 初始学习率 0.01 加 cosine 衰减和 3 个 epoch 的 warmup，在 4 张 A100 上大概 20 小时。",
    "data": "数据集是自建的 3.2 万张图片，标注了 6 类缺陷，清洗掉了 1500 张模糊图，用 mosaic 和随机裁剪做增强，按 8:1:1 划分训练验证测试。",
    "difficulty": "难点是小缺陷只有 10 个像素左右，下采样后特征消失。原因是 P3 层感受野太大，所以加了 P2 检测层并用切图推理解决，召回提升了 8 个点。",
    "novelty": "和直接用 YOLOv8 不同，我设计了 P2 层加 CBAM 的组合，并提出了按缺陷面积加权的损失，消融显示各带来 2 到 3 个点的 mAP 提升。",
    "metrics": "mAP@0.5 从 0.712 提升到 0.786，漏检率降低 35%，TensorRT FP16 部署后单张 18ms。",
    "contribution": "我负责整个检测模型的改进和训练，我设计了 P2 层和损失，我实现了 TensorRT 部署，标注是外包团队做的。",
}
COMPLEXITY = "时间复杂度主要在排序和两两计算上，空间复杂度是线性的，边界情况（空输入、并列分数）我都处理了。"


def transcript(service_url: str, interview_id: str) -> dict[str, Any]:
    response = httpx.get(f"{service_url}/v1/interviews/{interview_id}", timeout=30)
    response.raise_for_status()
    return dict(response.json())


def last_question(data: dict[str, Any]) -> dict[str, Any]:
    turn = next(t for t in reversed(data["turns"]) if t["role"] == "interviewer")
    return dict(turn["directive"] or {"kind": turn["kind"]})


def reference_solution(problem_id: str) -> str:
    from evaluators.catalog import get_problem

    return str(get_problem(problem_id).reference_source)


def answer(service_url: str, directive: dict[str, Any], submitted: set[str]) -> tuple[str, str]:
    """("message" | "code", text) for the interviewer's last directive."""
    kind = directive.get("kind")
    if kind == "greet_and_ask_intro":
        return "message", INTRO
    if kind in ("ask_project", "drill_point"):
        return "message", DRILL.get(str(directive.get("point")), DRILL["task"])
    if kind in ("ask_concept", "concept_follow_up") and directive.get("entry_id"):
        entry = httpx.get(f"{service_url}/v1/knowledge/{directive['entry_id']}", timeout=30)
        return "message", str(entry.json()["answer_zh"])
    problem_id = directive.get("problem_id")
    if kind in ("present_coding", "coding_feedback", "coding_talk") and \
            problem_id not in submitted:
        submitted.add(str(problem_id))
        return "code", reference_solution(str(problem_id))
    if kind in ("coding_feedback", "coding_talk"):
        return "message", COMPLEXITY
    if kind == "invite_questions":
        return "message", "请问团队目前主要在做哪些方向？"
    return "message", "没有了，谢谢。"


def finish_over_http(service_url: str, *, track: str = "cv-intern", with_resume: bool = True,
                     max_turns: int = 60) -> str:
    """A whole interview through the API only (to give the review page something to show)."""
    with httpx.Client(base_url=service_url, timeout=120) as http:
        resume_id = None
        if with_resume:
            uploaded = http.post("/v1/resumes", files={"file": ("cv.md", RESUME.read_bytes(),
                                                                "text/markdown")})
            uploaded.raise_for_status()
            resume_id = uploaded.json()["id"]
        started = http.post("/v1/interviews", json={"track": track, "language": "zh",
                                                    "length": "short", "resume_id": resume_id,
                                                    "seed": 7})
        started.raise_for_status()
        interview_id = str(started.json()["id"])
        submitted: set[str] = set()
        for _ in range(max_turns):
            data = transcript(service_url, interview_id)
            if data["status"] == "finished":
                return interview_id
            how, text = answer(service_url, last_question(data), submitted)
            if how == "code":
                problem_id = last_question(data)["problem_id"]
                reply = http.post(f"/v1/interviews/{interview_id}/code",
                                  json={"problem_id": problem_id, "code": text})
            else:
                reply = http.post(f"/v1/interviews/{interview_id}/messages",
                                  json={"content": text})
            reply.raise_for_status()
    raise AssertionError(f"interview {interview_id} did not finish in {max_turns} turns")
