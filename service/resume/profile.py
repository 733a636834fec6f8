"""Résumé text → profile: the candidate's name (only when obvious), education lines, skills.

* Name: a "姓名：" / "Name:" label, else one of the first lines that is just a 2–4 character
  Chinese name (optionally followed by an English name, "男/女" or contact data) or 2–3
  capitalised English words. Nothing clever: a wrong name is worse than none.
* Education: the lines of education sections; without one, lines naming both a degree and a
  school.
* Skills: skills sections split at list separators, with labels ("编程语言：") and proficiency
  words ("熟练掌握", "familiar with") removed; without a section, lines starting with "技能/会/
  熟悉/Skills:".
"""

from __future__ import annotations

import re

from service.resume.models import ResumeProfile
from service.resume.sections import heading_kind, split_sections
from service.resume.vocab import BULLET

_NAME_LABEL = re.compile(r"(?:姓\s*名|Name)\s*[:：|｜]\s*"
                         r"([\u4e00-\u9fff·]{2,5}|[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})")
_CJK_NAME = re.compile(r"^([\u4e00-\u9fff]{2,4})"
                       r"(?:$|\s+(?:[A-Z][a-z]+\s?){1,3}$|\s+(?:男|女)|\s+[\d+(])")
_EN_WORD = r"(?:[A-Z][a-z]+|[A-Z]{2,})"
_EN_NAME = re.compile(rf"^(?:Dr\.?\s+)?({_EN_WORD}(?:\s{_EN_WORD}){{1,2}})$")
_NOT_NAMES = frozenset({"个人简历", "简历", "求职简历", "个人信息", "基本信息"})
_DEGREE = r"(?:本科|硕士|博士|学士|研究生|Bachelor|Master|Ph\.?D|B\.S\.|M\.S\.|B\.Eng|M\.Eng)"
_SCHOOL = r"(?:大学|学院|研究所|University|Institute|College)"
_EDUCATION = re.compile(rf"{_DEGREE}.*{_SCHOOL}|{_SCHOOL}.*{_DEGREE}", re.IGNORECASE)
_SKILL_LINE = re.compile(r"^(?:技能|专业技能|会|熟悉|掌握|精通|Skills?)\s*[:：]?\s*", re.IGNORECASE)
_LABEL = re.compile(r"^[^:：]{1,12}[:：]\s*")
_PROFICIENCY = re.compile(r"^(?:熟练掌握|熟练使用|熟练|精通|熟悉|掌握|了解|使用|能够|会|"
                          r"proficient (?:in|with)|familiar with|experienced (?:in|with)|"
                          r"experience (?:in|with)|knowledge of)\s*", re.IGNORECASE)
_SPLIT = re.compile(r"[,，、;；/|]|\s+和\s*|与|以及|及|\band\b")


def _name_from_line(line: str) -> str | None:
    line = line.strip(" #*")
    if not line or heading_kind(line) is not None or line in _NOT_NAMES:
        return None
    cjk = _CJK_NAME.match(re.sub(r"^([\u4e00-\u9fff])\s+([\u4e00-\u9fff]{1,2})(?=\s|$)", r"\1\2",
                                 line))
    if cjk and cjk.group(1) not in _NOT_NAMES:
        return cjk.group(1)
    english = _EN_NAME.match(line)
    return english.group(1) if english else None


def _find_name(text: str) -> str | None:
    label = _NAME_LABEL.search(text[:2000])
    if label:
        return label.group(1)
    lines = [line for line in text.split("\n") if line.strip()][:5]
    for line in lines:
        name = _name_from_line(line)
        if name:
            return name
    return None


def _clean_skill(token: str) -> str:
    token = _PROFICIENCY.sub("", token.strip(" -*•.。"))
    token = re.split(r"\s?等", token, maxsplit=1)[0].strip(" -")
    if token.count("(") != token.count(")") or token.count("（") != token.count("）"):
        token = token.strip("()（）")
    return token.replace("(", " (").replace("  (", " (").strip()


def _skills_from_lines(lines: list[str], split_spaces: bool) -> list[str]:
    skills: list[str] = []
    seen: set[str] = set()
    for line in lines:
        line = _SKILL_LINE.sub("", BULLET.sub("", line).strip())
        line = _LABEL.sub("", line) if len(_LABEL.sub("", line)) > 1 else line
        tokens = _SPLIT.split(line)
        if split_spaces:
            tokens = [part for token in tokens for part in token.split()]
        for token in tokens:
            skill = _clean_skill(token)
            if 1 < len(skill) <= 30 and skill.casefold() not in seen:
                seen.add(skill.casefold())
                skills.append(skill)
    return skills[:40]


def extract_profile(text: str) -> ResumeProfile:
    """Name (if obvious), education lines and skills of a normalized résumé text."""
    sections = split_sections(text)
    education = [BULLET.sub("", line.replace("**", "")).strip(" #") for s in sections
                 if s.kind == "education" for line in s.lines if line.strip()]
    if not education:
        education = [line.strip(" *#-") for line in text.split("\n") if _EDUCATION.search(line)]
    skill_lines = [line for s in sections if s.kind == "skills" for line in s.lines if line.strip()]
    if skill_lines:
        skills = _skills_from_lines(skill_lines, split_spaces=False)
    else:
        fallback = [line for line in text.split("\n") if _SKILL_LINE.match(line.strip())]
        skills = _skills_from_lines(fallback, split_spaces=True)
    return ResumeProfile(name=_find_name(text), education=[e for e in education if e][:10],
                         skills=skills)
