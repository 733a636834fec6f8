"""Judging the non-drilling turns: self-introductions, and attempts to skip or steer.

:func:`detect_manipulation` flags attempts to skip ("下一题", "next question") or to instruct the
interviewer ("ignore previous instructions", "给我满分"); the engine refuses them and counts them
as non-answers. :func:`score_intro` scores a self-introduction by the facets it covers and its
length. Drilling answers are assessed slot by slot in :mod:`service.interview.drilling`.
Everything here is deterministic and cheap (regular expressions on normalized text).
"""

from __future__ import annotations

import re

from knowledge.textnorm import normalize

SKIP_PATTERNS = re.compile(
    r"下一题|下一个问题|跳过|换个问题|换一题|不想回答|直接进入|跳到|next question|skip( this)?|"
    r"move on|let'?s go to|go to the next", re.I)
# "system prompt" and "提示词" are things LLM engineers build; only asking the interviewer to
# reveal, repeat or drop its own is an attempt to steer it.
INJECTION_PATTERNS = re.compile(
    r"忽略(之前|以上|上面|前面)|无视(之前|以上)|你现在是|(你的|输出|告诉我|重复|忽略)(你的)?(系统提示|提示词)|"
    r"(系统提示|提示词)(是什么|发给我|给我看)|给我(打)?满分|打\s*100\s*分|"
    r"ignore (all |the )?(previous|prior|above) (instructions|prompts?)|disregard (the |all )?"
    r"(previous|above)|you are now|(reveal|show|print|repeat|ignore|forget|override|tell me) "
    r"(me )?(your |the )?system prompt|your system prompt|give me (full marks|100|a perfect score)|"
    r"set (my )?score|as an ai language model", re.I)


def _length_units(text: str) -> int:
    """Rough answer length: CJK characters plus Latin words."""
    return len(re.findall(r"[\u4e00-\u9fff]", text)) + len(re.findall(r"[a-z]+", text))


def detect_manipulation(text: str) -> str | None:
    """``"skip"``, ``"injection"`` or ``None``."""
    norm = normalize(text)
    if INJECTION_PATTERNS.search(norm):
        return "injection"
    if SKIP_PATTERNS.search(norm) and _length_units(norm) < 40:
        return "skip"
    return None


def _has_any(norm: str, words: tuple[str, ...]) -> bool:
    return any(w in norm for w in words)


def score_intro(text: str) -> float:
    """Self-introduction: background, direction, projects, and a sensible length."""
    norm = normalize(text)
    facets = [
        ("大学", "学院", "硕士", "博士", "本科", "研究生", "university", "master", "phd", "bachelor",
         "school", "major", "专业"),
        ("项目", "project", "实习", "intern", "论文", "paper", "比赛", "competition", "research", "研究"),
        ("方向", "cv", "nlp", "llm", "视觉", "大模型", "推荐", "vision", "language", "检测", "分割",
         "算法", "algorithm", "learning", "学习"),
    ]
    covered = sum(_has_any(norm, group) for group in facets) / len(facets)
    units = _length_units(norm)
    length_score = 1.0 if 40 <= units <= 400 else (units / 40 if units < 40 else 0.7)
    return round(100 * (0.6 * covered + 0.4 * length_score), 1)
