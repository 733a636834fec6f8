"""End to end through the HTTP API: the source candidate's weak answers are each pressed, and each
press names what was said; the concept stage asks about the résumé's own techniques; the report
carries the preparation sheet.

The résumé is the source candidate's (YOLOv8 + CBAM defect detection, nnU-Net, HRNet); the five
weak answers are the ones quoted in issue 10, verbatim.
"""

from __future__ import annotations

from typing import Any

from drilling_sets import names_candidate_words, resumes

WEAK = {
    "task": "这个项目就是做工业零件的缺陷检测，效果还可以。",
    "model": "就是用的 YOLOv8 默认的结构，加了个 CBAM。",
    "training": "训练用的默认参数，跑了 100 个 epoch。",
    "data": "数据是工厂给的，我们自己标的。",
    "novelty": "创新点的话，主要是把 CBAM 用到这个场景。",
}
CONCRETE = {
    "task": "输入是产线相机拍的零件表面灰度图，输出划痕、凹坑的框和类别；要求漏检率低于 2%，单张 50 毫秒内。",
    "model": "backbone 是 YOLOv8s，我在 neck 每个 C2f 后面加了 CBAM，因为划痕细长、背景纹理多。",
    "training": "SGD，初始学习率 0.01，cosine 衰减，batch size 32，训了 150 个 epoch。",
    "data": "一共 1.2 万张，我和同学用 LabelImg 标注、两人交叉检查，按批次 8:1:1 划分。",
    "difficulty": "难点是细小划痕漏检，原因是 P3 层下采样 8 倍，我加了 P2 检测头，召回从 0.68 提到 0.85。",
    "novelty": "新的是 P2 头加 CBAM 的组合，消融里两个一起让 mAP 从 0.71 到 0.84。",
    "metrics": "mAP@0.5，按批次划的 1200 张测试集上，原版 0.71，改进后 0.84。",
    "contribution": "模型改进、训练和 TensorRT 部署都是我做的，标注是我和同学分的。",
    "technique": "通道注意力对特征做全局池化后过 MLP 得到通道权重，空间注意力在通道维池化后过 7x7 卷积。",
}


def _last(client: Any, interview_id: str) -> dict[str, Any]:
    turns = client.get(f"/v1/interviews/{interview_id}").json()["turns"]
    return next(t for t in reversed(turns) if t["role"] == "interviewer")


def _say(client: Any, interview_id: str, text: str) -> dict[str, Any]:
    response = client.post(f"/v1/interviews/{interview_id}/messages", json={"content": text})
    assert response.status_code == 200, response.text
    return _last(client, interview_id)


def test_source_candidates_weak_answers_are_each_pressed(client: Any) -> None:
    text = resumes()["cv_defect_zh"]["text"]
    upload = client.post("/v1/resumes", files={"file": ("cv.md", text.encode(), "text/markdown")})
    assert upload.status_code == 201, upload.text
    created = client.post("/v1/interviews", json={
        "track": "cv-intern", "language": "zh", "length": "standard", "seed": 3,
        "resume_id": upload.json()["id"]})
    assert created.status_code == 201, created.text
    interview_id = created.json()["id"]
    turn = _say(client, interview_id, "我是王磊，华科电子信息硕士，做过缺陷检测、nnU-Net 分割和 HRNet 姿态估计。")
    pressed: dict[str, str] = {}
    for _ in range(40):
        if turn["stage"] != "project":
            break
        directive = turn["directive"]
        point, depth = directive["point"], directive["depth"]
        assert point and isinstance(depth, int) and directive["project_name"]
        if point in WEAK and depth == 0:
            reply = _say(client, interview_id, WEAK[point])
            assert reply["directive"]["point"] == point and reply["directive"]["depth"] == 1, reply
            assert names_candidate_words(reply["content"], WEAK[point]), reply["content"]
            pressed[point] = reply["content"]
            turn = _say(client, interview_id, CONCRETE[point])
            continue
        turn = _say(client, interview_id, CONCRETE.get(point, "不知道"))
    assert set(pressed) == set(WEAK), pressed
    assert len(set(pressed.values())) == len(pressed)
    assert turn["stage"] == "concept" and turn["kind"] == "ask_concept"
    progress = client.get(f"/v1/interviews/{interview_id}").json()["progress"]
    # The public progress never announces upcoming (résumé-linked) concept questions.
    assert "linked" not in progress and "techniques" not in progress["projects"][0]
    assert progress["concepts"] == [{"entry_id": turn["directive"]["entry_id"], "score": None}]
    concepts = []
    while turn["stage"] == "concept":
        concepts.append(turn["directive"])
        turn = _say(client, interview_id, "不知道")
    linked = [d for d in concepts if d["kind"] == "ask_concept" and d.get("technique")]
    assert linked and any(d["entry_id"] == "nnunet" for d in linked), [
        (d["kind"], d.get("entry_id"), d.get("technique")) for d in concepts]
    report = client.get(f"/v1/interviews/{interview_id}/report").json()["report"]
    sheet = report["preparation"][0]
    assert sheet["project"] and sheet["statements"] and sheet["techniques"]
    markdown = client.get(f"/v1/interviews/{interview_id}/report.md").text
    assert "项目包装" in markdown
