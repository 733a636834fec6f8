"""Résumé text → project claims: the things an interviewer should drill into ("拷打").

``extract_claims`` finds claim-bearing sections (projects, research, internships, work,
competitions, papers, competition-like awards; see ``sections``), splits them into items, and
turns each item into a ``ProjectClaim``: name, kind, role, organisation, period, task, methods,
data, metrics, own contributions — and ``vague_flags`` naming what the claim does not back up
(no numbers, no data, no first-person contribution, only off-the-shelf models). A résumé without
recognisable headings falls back to scanning lines that look like project descriptions.

``extract_profile`` (name, education, skills) lives in ``profile`` and is re-exported here.
"""

from __future__ import annotations

import re

from service.resume import facets, vocab
from service.resume.metrics import extract_metrics
from service.resume.models import ClaimKind, ProjectClaim, VagueFlag
from service.resume.profile import extract_profile
from service.resume.sections import (
    CLAIM_SECTIONS,
    NAMED_ITEM,
    Item,
    Section,
    split_items,
    split_sections,
)

__all__ = ["extract_claims", "extract_profile"]

MAX_CLAIMS = 40
_INTERN = re.compile(r"实习|intern", re.IGNORECASE)
_RESEARCH = re.compile(r"科研|研究生期间|课题|研究方向|research|thesis", re.IGNORECASE)
_PAPER = re.compile(r"论文|paper|published|发表", re.IGNORECASE)
_CLAIM_CUE = re.compile(r"项目|系统|平台|实习|竞赛|比赛|论文|研究|开发|负责|做过|搭建|" + vocab.WB
                        + r"(?:project|intern\w*|built|developed|research\w*|paper|system)"
                        + vocab.WE, re.IGNORECASE)
_EDUCATION_LINE = re.compile(r"(?:本科|硕士|博士|学士|Bachelor|Master|Ph\.?D|B\.S\.|M\.S\.|GPA).*"
                             r"(?:大学|学院|研究所|University|Institute)|(?:大学|学院|University).*"
                             r"(?:本科|硕士|博士|学士|Bachelor|Master|Ph\.?D)", re.IGNORECASE)
_FIRST_AUTHOR = re.compile(r"第一作者|一作|共同一作|first author", re.IGNORECASE)
_AUTHOR_PAIR = re.compile(r"[A-Z][a-z]*,\s?[A-Z]")  # "Chen, J" left by splitting "E. Chen, J. Park"
_SEGMENTS = re.compile(rf"\s*[|｜丨]\s*|\s+{vocab.DASH}\s+")
_DASHES = re.escape(vocab.DASH_CHARS)
_ONLY_DATE_CHARS = re.compile(rf"[\d\s./{_DASHES}]+")
# Brackets left holding only dashes, separators or spaces once a date range is cut out: "（ ‒ ）".
_EMPTY_BRACKETS = re.compile(rf"[(（\[【][\s,，、/|｜:：{_DASHES}]*[)）\]】]")


def _kind(section_kind: str, header: str, raw: str) -> ClaimKind | None:
    if section_kind == "paper":
        return ClaimKind.PAPER
    if section_kind == "competition" or vocab.COMPETITION.search(header):
        return ClaimKind.COMPETITION
    if section_kind == "awards":
        return ClaimKind.COMPETITION if vocab.COMPETITION.search(raw) else None
    if section_kind == "research":
        return ClaimKind.RESEARCH
    if section_kind in ("internship", "work", "experience"):
        if _INTERN.search(header or raw):
            return ClaimKind.INTERNSHIP
        if section_kind == "experience" and not facets.find_organization(header, ""):
            return ClaimKind.PROJECT
        return ClaimKind.WORK
    return ClaimKind.PROJECT


def _guess_kind(line: str) -> ClaimKind:
    if _INTERN.search(line):
        return ClaimKind.INTERNSHIP
    if vocab.COMPETITION.search(line):
        return ClaimKind.COMPETITION
    if _RESEARCH.search(line):
        return ClaimKind.RESEARCH
    return ClaimKind.PAPER if _PAPER.search(line) and len(line) < 120 else ClaimKind.PROJECT


def _tidy(text: str) -> str:
    text = re.sub(r"[,，]\s*(?=[)）])", "", text)
    text = re.sub(r"(?<=[(（])\s*[,，;；]\s*", "", text)  # "( , M.S. course project)" once dates go
    text = _EMPTY_BRACKETS.sub("", text)
    return re.sub(r"\s+", " ", text).strip(" |｜,，:：;；" + vocab.DASH_CHARS)


def _title_from_header(header: str) -> str | None:
    text = facets.PERIOD.sub(" ", re.sub(r"[*#]+", " ", header))
    for segment in _SEGMENTS.split(text):
        segment = _tidy(segment)
        if segment and not _ONLY_DATE_CHARS.fullmatch(segment) \
                and not vocab.ROLES.fullmatch(segment):
            return segment
    return None


_RESULT = re.compile(r"\s?(?:Top[\s-]?\d|第\s*\S{1,3}\s*名|\d+(?:st|nd|rd|th) place|排名\s*前?\s*\d"
                     r"|rank(?:ed)?\s*#?\s*\d|(?:国家级|省级|"
                     r"市级|校级|国际|全国)?(?:" + vocab.AWARDS.pattern + "))", re.IGNORECASE)


def _first_clause(line: str) -> str:
    """A name for an item without a header: its first clause that is not just a result."""
    text = facets.PERIOD.sub(" ", vocab.BULLET.sub("", line))
    text = re.sub(r"^\s*(?:19|20)\d{2}\s*", "", _tidy(text))
    clauses = [c for c in re.split(r"[，,；;。:：]", text) if c.strip()] or [text]
    for clause in clauses:
        if sum(ch.isalnum() for ch in _RESULT.sub("", clause)) >= 4:
            cut = _RESULT.search(clause)
            clause = clause[: cut.start()] if cut and cut.start() > 3 else clause
            return _tidy(clause)[:60]
    return _tidy(clauses[0])[:60]


def _paper_title(raw: str) -> str:
    quoted = re.search(r"[“\"《]([^”\"》]{8,200})[”\"》]", raw)
    if quoted:
        return quoted.group(1).strip()
    text = vocab.BULLET.sub("", raw.replace("\n", " "))
    parts = [p.strip() for p in re.split(r"\.\s+|。|，|,\s(?=[A-Z][a-z]+\s[a-z])", text)]
    candidates = [p for p in parts if not re.search(r"et al|^\(|（", p)
                  and not vocab.VENUES.fullmatch(p) and not _AUTHOR_PAIR.fullmatch(p)]
    return max(candidates or parts, key=len).strip(" .")[:200]


def _name(kind: ClaimKind, item: Item, header: str, org: str | None, role: str | None) -> str:
    if kind is ClaimKind.PAPER:
        return _paper_title("\n".join(item.lines))
    for line in item.header:
        named = NAMED_ITEM.match(line.strip(" *#"))
        if named:
            return _tidy(line.strip(" *#")[named.end():])[:80] or _first_clause(line)
    if kind in (ClaimKind.INTERNSHIP, ClaimKind.WORK) and org and item.header:
        return " · ".join(part for part in (org, role) if part)
    # an organisation no list knows ("Applied Scientist Intern, Retail Vision Startup"): the
    # header's own title, not the role alone ("Scientist")
    title = _title_from_header(header) if item.header else None
    return title or _first_clause(item.lines[0])


def _flags(claim: ProjectClaim, model_used: bool) -> list[VagueFlag]:
    flags = []
    if not claim.metrics:
        flags.append(VagueFlag.NO_METRICS)
    if not claim.data:
        flags.append(VagueFlag.NO_DATA)
    first_author = claim.kind is ClaimKind.PAPER and _FIRST_AUTHOR.search(claim.role or "")
    if not claim.contribution and not first_author:
        flags.append(VagueFlag.NO_OWN_CONTRIBUTION)
    if (model_used and claim.kind is not ClaimKind.PAPER
            and not vocab.MODIFICATION.search(claim.raw)):
        flags.append(VagueFlag.ONLY_EXISTING_MODEL)
    if any(metric.metric == "unspecified" for metric in claim.metrics):
        flags.append(VagueFlag.UNNAMED_METRIC)
    return flags


def build_claim(item: Item, kind: ClaimKind, section: str | None) -> ProjectClaim:
    header = " ".join(item.header) or item.lines[0]
    body = "\n".join(item.body)
    raw = "\n".join(item.lines)
    org = facets.find_venue(raw) if kind is ClaimKind.PAPER else facets.find_organization(header,
                                                                                          body)
    role = facets.find_role(header, body)
    if org is None and kind is not ClaimKind.PAPER and role is not None:  # a job's header
        org = facets.organization_after_dash(header)
    methods = facets.find_methods(raw)
    body_sentences = facets.sentences(body if item.header else raw)
    claim = ProjectClaim(
        name=_name(kind, item, header, org, role), kind=kind, role=role, organization=org,
        period=facets.find_period(header, body), methods=[display for _, display in methods],
        task=None if kind is ClaimKind.PAPER else facets.find_task(body_sentences),
        data=facets.find_data(raw), metrics=extract_metrics(raw),
        contribution=facets.find_contributions(item.body if item.header else item.lines),
        raw=raw, section=section)
    categories = {category for category, _ in methods}
    claim.vague_flags = _flags(claim, "model" in categories and "technique" not in categories)
    return claim


def _meaningful(item: Item) -> bool:
    return sum(ch.isalnum() for ch in "".join(item.lines)) >= 6


def _from_sections(sections: list[Section]) -> list[ProjectClaim]:
    claims = []
    for section in sections:
        if section.kind not in CLAIM_SECTIONS:
            continue
        for item in split_items(section):
            header = " ".join(item.header) or (item.lines[0] if item.lines else "")
            kind = _kind(section.kind, header, "\n".join(item.lines))
            if kind is not None and _meaningful(item):
                claims.append(build_claim(item, kind, section.heading))
    return claims


def _headingless(text: str) -> list[ProjectClaim]:
    claims = []
    for line in text.split("\n"):
        if len(line) < 15 or _EDUCATION_LINE.search(line):
            continue
        methods = facets.find_methods(line)
        substantive = any(category != "tool" for category, _ in methods)
        if _CLAIM_CUE.search(line) or substantive:
            claims.append(build_claim(Item(body=[line]), _guess_kind(line), None))
    return claims


def extract_claims(text: str) -> list[ProjectClaim]:
    """Project / internship / competition / paper claims of a normalized résumé text."""
    sections = split_sections(text)
    if any(section.kind in CLAIM_SECTIONS for section in sections):
        claims = _from_sections(sections)
    else:
        claims = _headingless(text)
    return claims[:MAX_CLAIMS]
