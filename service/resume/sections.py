"""Résumé layout: find section headings, then split claim sections into items.

A line is a *heading* when, after stripping decoration (Markdown #/**, 【】, ■, "一、", "01",
trailing colon), it consists only of known heading words (Chinese and/or English, joined by
"与/和/&/and//"): "项目经历", "项 目 经 历" (closed up by normalization), "项目经历 Projects",
"Honors & Awards". Every heading starts a section; only claim-bearing kinds get items.

Items inside a section start at *header-like* lines: Markdown headings, bold lines, "项目一：…",
"项目名称：…", or short non-bullet lines carrying a date. Up to three consecutive header-like
lines before any body line form one header ("title" line + "2023.03-2023.06 | 负责人" line).
Sections without header-like lines (publication lists, awards, competition bullets) are split
by bullets / numbering, else by blank lines, else one item per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from service.resume.facets import PERIOD
from service.resume.vocab import BULLET

SectionKind = Literal["project", "research", "internship", "work", "experience", "competition",
                      "paper", "awards", "education", "skills", "other"]
CLAIM_SECTIONS: frozenset[str] = frozenset(
    {"project", "research", "internship", "work", "experience", "competition", "paper", "awards"})

_HEADING_WORDS: dict[SectionKind, list[str]] = {
    "project": ["项目经历", "项目经验", "项目实践", "主要项目", "个人项目", "校园项目", "项目",
                r"(?:selected |personal |academic |side |course )?projects?(?: experience)?"],
    "research": ["科研经历", "科研经验", "研究经历", "科研项目", "科研",
                 r"research(?: experience| projects?)?"],
    "internship": ["实习经历", "实习经验", "实习", r"internships?(?: experience)?"],
    "work": ["工作经历", "工作经验", "职业经历", r"employment(?: history)?"],
    "experience": ["实践经历", r"(?:work |professional |industry )?experience"],
    "competition": ["竞赛经历", "竞赛经验", "比赛经历", "竞赛获奖", "竞赛", r"competitions?"],
    "paper": ["论文发表", "发表论文", "学术论文", "论文", "学术成果", "科研成果", "研究成果",
              "专利",
              "发表", "出版物", r"(?:selected )?publications?", r"papers?", r"patents?"],
    "awards": ["荣誉奖项", "获奖情况", "获奖经历", "荣誉", "奖项", r"honou?rs", r"awards"],
    "education": ["教育背景", "教育经历", "教育", "学历", r"education"],
    "skills": ["专业技能", "个人技能", "技能特长", "技术栈", "技能", r"(?:technical )?skills"],
    "other": ["自我评价", "个人评价", "个人总结", "个人信息", "基本信息", "联系方式", "资格证书",
              "证书", "语言能力", "兴趣爱好", "校园经历", "学生工作", "社会实践", "求职意向",
              "个人简历", "简历",
              "summary", "profile", "about me", "contact", "certifications?", "languages",
              "interests", "activities", "leadership", "references", "teaching", "service", "talks",
              "curriculum vitae", "resume"],
}
# One alternation, longest words first, so "科研项目" wins over "项目" at the same position.
_WORD_KIND = sorted(((w, k) for k, ws in _HEADING_WORDS.items() for w in ws),
                    key=lambda wk: -len(wk[0]))
_HEADING_RE = re.compile("|".join(f"(?P<g{i}>{w})" for i, (w, _) in enumerate(_WORD_KIND)))
_DECOR = re.compile(r"^[#*\s>【\[■◆●▌|_=\-]*(?:[一二三四五六七八九十]+[、.]|\d{1,2}[、.]?\s)?\s*|"
                    r"[*】\]■◆_=:：\s\-]*$")
_GLUE = re.compile(r"[\s/|&,、·\-–—()（）]|与|和|及|以及|and")

NAMED_ITEM = re.compile(r"^(?:项目[一二三四五六七八九十\d]+\s*[:：、.]|项目名称\s*[:：]"
                        r"|Project\s?\d+\s*[:：.]|"
                    r"(?:Project|Title)\s*[:：])", re.IGNORECASE)


@dataclass
class Section:
    kind: SectionKind
    heading: str | None
    lines: list[str] = field(default_factory=list)


@dataclass
class Item:
    header: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.header + self.body


def _ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def heading_kind(line: str) -> SectionKind | None:
    if len(line) > 60:
        return None
    core = _DECOR.sub("", line).strip()
    if not core or len(core) > 40:
        return None
    lowered = core.casefold()
    kinds: list[SectionKind] = []
    for match in _HEADING_RE.finditer(lowered):
        before = lowered[match.start() - 1: match.start()]
        after = lowered[match.end(): match.end() + 1]
        if not _ascii_letter(before) and not _ascii_letter(after):
            kinds.append(_WORD_KIND[int(str(match.lastgroup)[1:])][1])
    rest = _HEADING_RE.sub("", lowered)
    if kinds and not _GLUE.sub("", rest):
        return kinds[0]
    return None


def split_sections(text: str) -> list[Section]:
    """Sections in order; text before the first heading is an "other" section (heading None)."""
    sections = [Section("other", None)]
    for line in text.split("\n"):
        kind = heading_kind(line)
        if kind is not None:
            sections.append(Section(kind, _DECOR.sub("", line).strip()))
        else:
            sections[-1].lines.append(line)
    return sections


def is_header_like(line: str) -> bool:
    stripped = line.strip()
    if stripped.startswith(("#", "**")) or NAMED_ITEM.match(stripped):
        return True
    if BULLET.match(stripped) or len(stripped) > 90:
        return False
    return PERIOD.search(stripped) is not None


def _split_by_headers(lines: list[str]) -> list[Item]:
    items: list[Item] = []
    for line in lines:
        if not line.strip():
            continue
        if is_header_like(line):
            if items and not items[-1].body and 0 < len(items[-1].header) < 3:
                items[-1].header.append(line)
            else:
                items.append(Item(header=[line]))
        elif items:
            items[-1].body.append(line)
        else:
            items.append(Item(body=[line]))
    return items


def _split_flat(lines: list[str]) -> list[Item]:
    """One item per bullet (continuation lines attach), else per blank-line block, else per line."""
    content = [line for line in lines if line.strip()]
    if any(BULLET.match(line) for line in content):
        items: list[Item] = []
        for line in content:
            if BULLET.match(line) or not items:
                items.append(Item(body=[line]))
            else:
                items[-1].body.append(line)
        return items
    blocks = "\n".join(lines).strip().split("\n\n")
    if len(blocks) > 1:
        return [Item(body=[ln for ln in block.split("\n") if ln.strip()]) for block in blocks
                if block.strip()]
    return [Item(body=[line]) for line in content]


def split_items(section: Section) -> list[Item]:
    if section.kind in ("paper", "awards"):
        return _split_flat(section.lines)
    if any(is_header_like(line) for line in section.lines if line.strip()):
        return _split_by_headers(section.lines)
    return _split_flat(section.lines)
