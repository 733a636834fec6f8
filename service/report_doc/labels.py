"""Every word the report document shows besides the interview's own content, in both languages.

One place for section titles, stage / point / status names, grade bands and the drilling reason
codes, so a 中文 report never shows an internal code: unknown codes are dropped, not printed.
"""

from __future__ import annotations

from datetime import datetime

from service.interview.candidate_questions.models import Impression

Pair = tuple[str, str]  # (zh, en)

TRACKS: dict[str, Pair] = {
    "cv-intern": ("CV 算法实习", "CV algorithm internship"),
    "llm-algorithm": ("大模型算法工程师", "LLM algorithm engineer"),
    "research-scientist": ("AI 研究科学家", "AI research scientist"),
    "ml-fundamentals": ("机器学习基础", "Machine-learning fundamentals"),
}
STAGES: dict[str, Pair] = {
    "intro": ("自我介绍", "Self-introduction"), "project": ("项目拷打", "Project drilling"),
    "concept": ("八股概念", "Concepts"), "coding": ("手撕代码", "Coding"),
    "questions": ("反问", "Your questions"),
}
POINTS: dict[str, Pair] = {
    "task": ("任务", "task"), "model": ("模型", "model"), "training": ("训练", "training"),
    "data": ("数据", "data"), "difficulty": ("难点", "difficulty"), "novelty": ("创新点", "novelty"),
    "metrics": ("指标", "metrics"), "contribution": ("个人贡献", "own contribution"),
}
REASONS: dict[str, Pair] = {  # drilling analysis codes → what the candidate should hear
    "hedging": ("用了“大概、可能”这类含糊的说法", "hedged (\"maybe\", \"probably\")"),
    "just_used_existing": ("只说用了现成模型，没说自己改了什么", "only said an existing model was used"),
    "too_short": ("回答太短", "the answer was too short"),
    "no_numbers": ("没有给出具体数字", "no concrete numbers"),
    "no_concrete_model": ("没有说出具体的模型", "no concrete model named"),
    "no_own_contribution": ("没有说清自己做了什么", "your own part was not clear"),
    "no_task_specifics": ("任务的输入输出和目标没讲清楚", "the task's input, output and goal were unclear"),
    "no_model_specifics": ("模型结构没讲具体", "the model was not described concretely"),
    "no_training_specifics": ("训练细节不具体", "training details were missing"),
    "no_data_specifics": ("数据情况不具体", "the data was not described concretely"),
    "no_difficulty_specifics": ("难点和解决过程没讲具体", "the difficulty and its solution were vague"),
    "no_novelty_specifics": ("创新点没讲具体", "what was new was not explained"),
    "no_metrics_specifics": ("指标和对比没讲具体", "metrics and baselines were missing"),
    "no_contribution_specifics": ("个人贡献不具体", "your own contribution was vague"),
}
STATUSES: dict[str, Pair] = {
    "passed": ("通过", "passed"), "failed": ("未通过", "failed"), "error": ("运行出错", "error"),
    "timeout": ("超时", "timed out"), "memory_limit": ("内存超限", "memory limit exceeded"),
    "forbidden_api": ("使用了禁止的 API", "used a forbidden API"),
}
IMPRESSIONS: dict[Impression, Pair] = {
    "good": ("好问题", "good question"), "neutral": ("一般", "neutral"),
    "poor": ("不建议", "better avoided"),
}
TEXT: dict[str, Pair] = {
    "title": ("拷打面试报告", "Kaoda interview report"),
    "track": ("方向", "Track"), "date": ("时间", "Date"), "overall": ("总分", "Overall score"),
    "length": ("时长", "Length"), "status": ("状态", "Status"),
    "ended_early": ("面试提前结束，只按已经问到的内容评分。", "The interview was ended early; it "
                    "is scored on what was asked."),
    "in_progress": ("面试尚未结束，这是目前为止的报告。", "The interview is not finished; this is "
                    "the report so far."),
    "scores": ("各阶段得分", "Scores by stage"), "topics": ("各题得分", "Scores by question"),
    "strengths": ("亮点", "Strengths"), "no_strengths": (
        "这次没有达到 75 分的阶段或题目，先把下面的薄弱点补上。",
        "No stage or question reached 75 this time; start with the weak spots below."),
    "study": ("建议复习", "What to study"), "nothing_to_study": (
        "没有明显的知识漏洞。", "No clear knowledge gaps."),
    "intro": ("自我介绍", "Self-introduction"), "projects": ("项目拷打", "Project drilling"),
    "concepts": ("八股概念", "Concept questions"), "coding": ("手撕代码", "Coding"),
    "questions": ("反问", "Your questions"),
    "question": ("问题", "Question"), "answer": ("你的回答", "Your answer"),
    "follow_up": ("追问", "Follow-up"), "no_answer": ("（未作答）", "(no answer)"),
    "score": ("得分", "Score"), "grade": ("评价", "Grade"),
    "hit": ("答到的要点", "Key points you made"), "missed": ("漏掉的要点", "Key points you missed"),
    "evidence": ("你的原话", "you said"), "reference": ("参考答案", "Reference answer"),
    "feedback": ("点评", "Feedback"), "why_pressed": ("被追问的原因", "Why you were pressed"),
    "preparation": ("项目包装：下次面试前要准备的", "Project preparation for next time"),
    "prepare_missing": ("没说清楚、要准备的", "Not yet said — prepare"),
    "prepare_techniques": ("会被追问的技术", "Techniques you will be asked about"),
    "prepare_statements": ("你说得好的地方（保留）", "Your best concrete statements (keep)"),
    "prepare_contradictions": ("前后对不上的说法", "Claims that did not match"),
    "you_said": ("你说的是", "you said"),
    "problem": ("题目", "Problem"), "result": ("结果", "Result"), "attempts": ("提交次数", "Attempts"),
    "best": ("最好得分", "Best score"), "your_code": ("最后提交的代码", "Your final code"),
    "tests": ("测试用例", "Tests"), "test_name": ("用例", "Test"), "test_result": ("结果", "Result"),
    "test_message": ("说明", "Details"), "pass": ("通过", "pass"), "fail": ("未通过", "fail"),
    "coding_talk": ("过程记录", "How it went"),
    "submitted": ("（提交了代码）", "(submitted code)"),
    "asked": ("你问的", "You asked"), "reply": ("面试官的回答", "Interviewer's reply"),
    "impression": ("印象", "Impression"), "better": ("可以换成", "Ask instead"),
    "suggestions": ("下次可以问", "Good questions for next time"),
    "no_questions_stage": ("没有进行到反问环节。", "The interview did not reach your questions."),
    "chart_stages": ("各阶段得分", "Scores by stage"), "chart_topics": ("各题得分", "Scores by question"),
    "none": ("无", "none"),
    "approach": ("讲思路", "Your approach"),
    "idea_stated": ("说清了关键思路", "stated the key idea"),
    "idea_missing": ("关键思路没有讲清楚", "the key idea was not clear"),
    "time": ("时间复杂度", "time complexity"), "space": ("空间复杂度", "space complexity"),
    "not_stated": ("没有说", "not stated"), "edges": ("提到的边界情况", "edge cases named"),
    "no_approach": ("写代码前没有讲思路和复杂度。", "You did not explain the approach and complexity "
                    "before coding."),
    "gave_up": ("这道题中途放弃了，手撕代码按 0 分计。", "You gave up on this problem; coding scores 0."),
    "ended_in": ("面试在「{stage}」阶段提前结束。", "The interview was ended during {stage}."),
}
EDGES: dict[str, Pair] = {
    "empty": ("空输入", "empty input"), "single": ("单个元素", "a single element"),
    "stability": ("数值稳定", "numerical stability"), "ties": ("相等或并列", "ties"),
    "shape": ("形状与广播", "shapes and broadcasting"), "mask": ("掩码", "masks"),
    "bounds": ("下标边界", "index bounds"), "dtype": ("数据类型", "dtypes"),
    "unspecified": ("边界情况（没有具体说）", "edge cases (unspecified)"),
}
LENGTHS: dict[str, Pair] = {"short": ("短", "short"), "standard": ("标准", "standard"),
                            "full": ("完整", "full")}
_GRADES: tuple[tuple[float, Pair], ...] = (
    (85, ("优秀", "excellent")), (75, ("良好", "good")), (60, ("及格", "fair")),
    (0, ("不足", "weak")))
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def pick(pair: Pair, language: str) -> str:
    return pair[0] if language == "zh" else pair[1]


def text(key: str, language: str) -> str:
    return pick(TEXT[key], language)


def name(table: dict[str, Pair], key: str, language: str, fallback: str | None = None) -> str:
    """The label of ``key``; an unknown key gives ``fallback`` (never the raw key in Chinese)."""
    if key in table:
        return pick(table[key], language)
    if fallback is not None:
        return fallback
    return key.replace("_", " ") if language == "en" else ""


def grade(score: float | None, language: str) -> str:
    if score is None:
        return ""
    return next(pick(label, language) for floor, label in _GRADES if score >= floor)


def human_date(moment: datetime, language: str) -> str:
    """"2026年12月5日 09:46" / "5 Dec 2026, 09:46" (the timestamp's own clock, no zone shown)."""
    if language == "zh":
        return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"
