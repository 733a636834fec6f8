"""Grading spoken interview answers against knowledge-base rubrics (see :mod:`.rubric`)."""

from service.interview.grading.models import AnswerGrade, KeyPointResult
from service.interview.grading.rubric import RubricGrader

__all__ = ["AnswerGrade", "KeyPointResult", "RubricGrader"]
