"""Report coaching for the 反问 stage: how each question lands, and what to ask instead.

In a first technical round the best questions show interest in the work itself (what the role
does, how it is judged, how people are mentored, what to learn); process questions are fine at the
end; salary, "我表现怎么样" and off-topic questions leave a poor impression because the interviewer
cannot answer them or they put the interviewer on the spot. Every note says why, and every
question that was not good gets a better one to ask instead, for the same track.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.interview.candidate_questions.classify import Matcher, classify_question
from service.interview.candidate_questions.models import (
    Category,
    CoachingSummary,
    Language,
    QuestionCoaching,
)

_NOTES: dict[Category, tuple[str, str]] = {
    "role": ("问岗位日常在做什么，说明你在认真考虑这份工作，好问题。",
             "Asking what the work is day to day shows you are seriously considering the role."),
    "team": ("问 mentor 和团队协作方式，体现出你在意怎么融入和成长，好问题。",
             "Asking about mentoring and how the team works shows you care about fitting in and "
             "growing."),
    "stack": ("问技术栈能看出你在考虑上手成本，好问题；如果能结合自己会的工具问会更好。",
              "Asking about the stack shows you are thinking about ramping up; tie it to tools you "
              "know to make it even better."),
    "evaluation": ("问工作怎么评估、什么算做得好，说明你关注产出，这是面试官最喜欢的一类问题。",
                   "Asking how work is judged and what good looks like shows you care about "
                   "results; interviewers like this kind of question most."),
    "growth": ("问成长和发展是好问题；问转正时注意措辞，重点放在“需要做出什么”而不是“能不能转正”。",
               "Growth is a good topic; when asking about conversion, focus on what it takes "
               "rather than whether you will get it."),
    "advice": ("请面试官指出该补什么，显得谦虚、有成长意识，好问题。",
               "Asking what to strengthen comes across as open and eager to grow."),
    "process": ("问流程和时间安排没有问题，放在最后问比较合适，但它不能代替关于岗位本身的问题。",
                "Asking about next steps is fine at the end, but it does not replace a question "
                "about the work itself."),
    "compensation": ("技术面问薪资福利会显得重心不在工作本身，而且技术面试官一般也答不了，留到 HR 面再问。",
                     "Salary and benefits in a technical round suggest your focus is not the work, "
                     "and the interviewer usually cannot answer; keep them for the HR round."),
    "feedback": ("直接问“我表现怎么样”会让面试官为难，通常也得不到真实答复，还显得不自信。",
                 "Asking how you did puts the interviewer on the spot, rarely gets an honest "
                 "answer, and can read as insecure."),
    "company": ("问公司是做什么的，说明面试前没做功课；换成针对具体业务方向的问题。",
                "Asking what the company does suggests you did not prepare; ask about a specific "
                "area of its work instead."),
    "off_topic": ("这个问题和岗位无关，浪费了反问这个展示自己的机会。",
                  "The question has nothing to do with the role and wastes the chance the "
                  "questions stage gives you."),
    "unclear": ("问题不够具体，面试官需要反过来问你想了解什么；直接问一个具体的问题更好。",
                "The question was too vague for the interviewer to answer; ask one specific "
                "question instead."),
    "none": ("没有提问会显得兴趣不大，反问环节最好准备 1–2 个关于岗位本身的问题。",
             "Asking nothing can read as low interest; prepare one or two questions about the "
             "role itself."),
}
_BETTER: dict[str, tuple[str, str]] = {
    "role": ("这个岗位的实习生入职后前一两个月一般会做什么？",
             "What would an intern in this role typically work on in the first couple of months?"),
    "evaluation": ("团队里怎么判断一个实习生做得好？有哪些具体的期待？",
                   "How does the team tell that an intern is doing well, and what is expected "
                   "concretely?"),
    "advice": ("如果要胜任这个岗位，您觉得我现在最需要补的是哪方面？",
               "For this role, which area do you think I should strengthen most?"),
    "growth": ("之前表现好的实习生，一般在实习期间做出了什么样的成果？",
               "What have strong interns achieved during their internship here?"),
}
_BETTER_FOR: dict[Category, str] = {
    "process": "role", "compensation": "evaluation", "feedback": "advice", "company": "role",
    "off_topic": "role", "unclear": "role", "none": "evaluation",
}
_OVERALL = {
    "empty": ("反问环节没有提问。下次准备 1–2 个关于岗位本身的问题，比如工作内容或评价标准。",
              "You asked no questions. Next time prepare one or two about the role itself, such as "
              "the work or how it is judged."),
    "good": ("反问问得不错：问题围绕岗位本身，留下了认真、有兴趣的印象。",
             "Good questions: they were about the role itself and left an impression of real "
             "interest."),
    "mixed": ("有好问题，也有不太合适的；技术面的反问尽量围绕工作内容、评价标准和成长。",
              "Some good questions, some less suitable ones; in a technical round keep to the "
              "work, how it is judged, and growth."),
    "poor": ("这次的反问没有帮到你，技术面里换成关于工作内容、评价标准或成长的问题。",
             "These questions did not help you; in a technical round ask about the work, how it is "
             "judged, or growth instead."),
}


def _pick(pair: tuple[str, str], language: Language) -> str:
    return pair[0] if language == "zh" else pair[1]


def coach_question(text: str, language: Language,
                   matcher: Matcher | None = None) -> QuestionCoaching:
    """How one asked question lands, why, and a better one when it was not good."""
    found = classify_question(text, matcher)
    better_key = _BETTER_FOR.get(found.category)
    return QuestionCoaching(
        question=text.strip(), category=found.category, impression=found.impression,
        note=_pick(_NOTES[found.category], language),
        better=_pick(_BETTER[better_key], language) if better_key else None)


def coach_questions(questions: Sequence[str], language: Language,
                    matcher: Matcher | None = None) -> CoachingSummary:
    """The whole stage: one item per asked question (declines are left out), an overall note,
    and up to three good questions to ask next time (ones the candidate did not already ask)."""
    items = [coach_question(q, language, matcher) for q in questions if q.strip()]
    asked = [item for item in items if item.category != "none"]
    impressions = {item.impression for item in asked}
    if not asked:
        overall = "empty"
    elif impressions == {"good"} or impressions == {"good", "neutral"}:
        overall = "good"
    elif "good" in impressions:
        overall = "mixed"
    else:
        overall = "poor"
    covered = {item.category for item in asked}
    suggestions = [_pick(pair, language) for key, pair in _BETTER.items() if key not in covered]
    return CoachingSummary(items=asked, overall=_pick(_OVERALL[overall], language),
                           suggestions=suggestions[:3])
