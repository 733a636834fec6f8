"""The interviewer's move on a chat message in the coding stage (手撕).

The interviewer asks for the approach and its complexity before the code ("先讲思路和复杂度，再写"),
so a message before the first run is expected: :func:`service.interview.coding_talk.
assess_coding_message` says what it is (an approach, a question about the problem, code pasted
into the chat, being stuck) and what it stated, and :func:`decide` picks the reply — let them
code, ask for the complexity or the idea that is missing, point them to the editor, or nudge. After
a failing run, talking about the bug is fine too: a cause and a fix → "change it and run again",
a cause without a fix → "how will you fix it?".

The stage still ends: after a pass or the last attempt the next message moves on (it answered the
complexity question); after a failing run a message that is neither bug talk nor a question gets
one "fix it and resubmit" nudge and then moves on, as does more than :data:`MAX_TALK` messages
since the last run, or saying twice that they are stuck (giving up scores the coding stage 0).

Pure: no engine, brains or I/O; the state's :class:`CodingProgress` records what was said
(``approach``: the first explanation, ``talk``: one record per message) for the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from service.interview.coding_talk import CodingProblem, CodingTalk, Phase, assess_coding_message
from service.interview.state import CodingProgress

MAX_TALK = 4  # chat messages after a failing run before the stage moves on
GIVE_UP_AFTER = 2  # "I'm stuck" this many times: the candidate gives up on the problem

Action = Literal["talk", "resubmit", "move_on", "give_up"]


@dataclass
class CodingMove:
    """``talk``: a ``coding_talk`` reply with ``extra``; ``resubmit``: the "fix it and submit
    again" feedback; ``move_on``: on to the candidate's questions; ``give_up``: the same, with
    the problem left unsolved."""

    action: Action
    extra: dict[str, Any] = field(default_factory=dict)


def phase_of(coding: CodingProgress, max_attempts: int) -> Phase:
    if coding.passed or coding.attempts >= max_attempts:
        return "after_pass"
    return "before_run" if coding.attempts == 0 else "after_fail"


def summary(talk: CodingTalk) -> dict[str, Any]:
    """What the report keeps of an approach: stated idea, complexities, edge cases, missing."""
    return {"key_idea": talk.key_idea, "time": talk.time_complexity,
            "space": talk.space_complexity, "edge_cases": list(talk.edge_cases),
            "missing": list(talk.missing)}


def _record(coding: CodingProgress, talk: CodingTalk, phase: Phase) -> None:
    coding.talk.append({"kind": talk.kind, "move": talk.suggested, "phase": phase})
    if talk.kind == "approach" and (coding.approach is None or
                                    len(talk.missing) < len(coding.approach.get("missing", []))):
        coding.approach = summary(talk)


def decide(coding: CodingProgress, text: str, problem: CodingProblem,
           max_attempts: int) -> CodingMove:
    """Assess ``text`` and pick the move (see the module docstring); updates ``coding``."""
    phase = phase_of(coding, max_attempts)
    talk = assess_coding_message(text, problem, phase, coding.last_failing_test)
    _record(coding, talk, phase)
    if phase == "after_pass":
        coding.explained = True
        return CodingMove("move_on")
    coding.talks_since_run += 1
    if talk.kind == "stuck":
        coding.stuck += 1
        if coding.stuck >= GIVE_UP_AFTER:
            return CodingMove("give_up")
    if phase == "after_fail":
        if coding.talks_since_run > MAX_TALK:
            return CodingMove("move_on")
        if talk.kind not in ("bug", "question", "code", "stuck", "approach"):
            if coding.nudged:
                return CodingMove("move_on")
            coding.nudged = True
            return CodingMove("resubmit")
    return CodingMove("talk", {
        "talk": talk.kind, "move": talk.suggested, "phase": phase, "missing": list(talk.missing),
        "topic": talk.question_topic, "time": talk.time_complexity,
        "space": talk.space_complexity, "cause": talk.cause_stated})
