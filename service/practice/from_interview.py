"""What a finished interview adds to the practice history: one attempt per concept answered (the
technique probes of drilling included) and one for the coding problem, so the review queue also
brings back what went wrong in interviews.

A concept's attempt merges its first answer and the follow-up (the key points still missed after
both); the coding problem is an entry-level item (no key points), weak below ``PASS``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from service.interview.state import InterviewState
from service.practice.models import PracticeAttempt


def attempts_from_interview(state: InterviewState, key_points: Callable[[str], int],
                            at: datetime) -> list[PracticeAttempt]:
    """``key_points(entry_id)``: how many key points the entry has (0 if unknown)."""
    found = [PracticeAttempt(entry_id=c.entry_id, score=max(0.0, min(100.0, c.score)),
                             missed=list(c.missed), key_points=key_points(c.entry_id), at=at,
                             source="interview")
             for c in [*state.probes, *state.concepts] if c.score is not None]
    coding = state.coding
    if coding is not None and (coding.attempts or coding.stuck):
        found.append(PracticeAttempt(entry_id=coding.problem_id, score=coding.best_score * 100,
                                     key_points=0, at=at, source="interview"))
    return found
