"""The ledger's claims about people: how big the team was, what the candidate did alone, and what
someone else did.

* "3 人小组" / "team of 3" is a team size;
* "独立完成检索模块" / "on my own" is a solo claim over what follows it;
* "a teammate built the alerting dashboard" / "数据采集由合作方完成" / "SFT 数据由组内另一位同学负责"
  says someone else did a part — what follows the verb, or what comes before "由".

An answer clashes when it gives another team size, says a solo part was done with someone
("检索模块是我和另一个同学一起写的" — they share a word), claims the whole project alone ("I did
the whole project by myself") against a résumé team or a part someone else did, or claims as its
own a part the résumé gives to someone else ("I built the alerting dashboard", "三百多个人的录音是
我去组织的" against "数据采集由合作方完成" — they share a content word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.interview.drilling.text import clause_texts

_TEAM_SIZE = re.compile(
    r"team of (?P<a>\d+)|(?:团队|小组|组里|我们组|我们|组)(?:一共|总共|就)?\s*(?P<e>\d+)\s*(?:个)?(?:人|people|members?)"
    r"|(?:just )?me and (?P<f>one|an?|\d+) other (?:students?|people|persons?|engineers?|teammates?|labmates?"
    r"|interns?|classmates?)|(?:just )?me and (?P<f2>one|an?) (?:partner|collaborator|teammate|classmate|labmate"
    r"|colleague|friend)"
    r"|(?P<b>\d+)\s*(?:个)?(?:人|-person|person|people|members?)\s*(?:的)?\s*(?:小组|团队|组|team|一起|合作|项目|project)"
    r"|(?P<c>\d+) of us|we were (?P<d>\d+)")
_SOLO = re.compile(r"独立(?:完成|负责|开发|实现|搭建|设计)?|独自|[一1]个人(?:完成|做|写|负责)?|solo|single-?handedly"
                   r"|on my own|by myself|sole (?:developer|author|engineer)")
_TOGETHER = re.compile(r"一起|(?:合作|协作)(?:完成|开发|实现|搭建|做|写)|together|with (?:a|my|another|the other|two|three) (?:colleague|teammate|labmate"
                       r"|classmate|coworker|co-worker|partner|friend|engineer|student|intern)s?|和\S{1,8}(?:一起|合作)"
                       r"|(?:a|my|one) (?:colleague|teammate|labmate|classmate|friend) and i|我和(?:同事|同学|师兄|师姐)"
                       r"|we (?:built|wrote|did)|我们组(?:一起)?(?:写|做)|我们一起(?:写|做)")
_WHOLE_ALONE = re.compile(
    r"whole (?:project|thing|system)\S* (?:by myself|on my own|alone)|one-(?:person|man|woman) (?:project|job|show|effort)|solo project|(?:by myself|on my own|alone).{0,20}"
    r"whole (?:project|thing)|nobody else|no one else|没有别人|就我[一1]个人|整个(?:项目|系统)\S{0,4}(?:都)?是我[一1]个人"
    r"|全部(?:都)?是我[一1]个人|(?:都|全)是我[一1]个人(?:做|写)|项目\S{0,6}是我[一1]个人(?:做|写|搞)"
    r"|(?:基本|几乎)(?:上)?(?:都|全)?是我[一1]个人\S{0,4}?(?:做|写|搞|搭)|(?:都|全)是我[一1]个人(?:的)?$"
    r"|^(?:这个|这个项目|整个项目|项目)(?:其实|基本)?(?:都)?是我(?:自己)?(?:独立|一个人)(?:做|完成|写|搞)"
    r"|(?:most|all|the bulk) of (?:it|the (?:project|system|work)) (?:on my own|by myself|alone)")
# Working with one's advisor or mentor is not a team ("我和导师一起讨论着做的" against "独立完成").
_ADVISOR = re.compile(r"导师|老师|教授|mentor|advisor|adviser|supervisor|professor|\bdr\b")
_PEER = re.compile(r"同学|同事|师兄|师姐|同门|teammate|colleague|labmate|classmate|student|engineer|intern")
_OTHER = (r"(?:teammates?|colleagues?|labmates?|classmates?|partners?|co-?workers?|another (?:student|engineer|intern)"
          r"|(?:phd|ms|master's|msc|undergrad\w*) students?|postdocs?|mentors?|同门|师弟|师妹|学长|学姐"
          r"|(?:the )?(?:partner|client|vendor|museum|hospital|annotation team)|同学|同事|师兄|师姐|合作方|外包|甲方"
          r"|另一位\S{0,4}|其他(?:同学|同事|人)|别人)")
_OTHERS_DID = re.compile(
    _OTHER + r"\s*(?:built|wrote|did|handled|ran|made|owned|implemented|designed|collected|recorded|labell?ed"
    r"|trained|fitted|fit|tuned|maintained|evaluated|deployed|prepared|annotated|cleaned|set up"
    r"|provided|(?:was|were) responsible for)\s+(?P<what>.+)")
_DONE_BY_OTHERS = re.compile(r"(?P<what>.+?)(?:是|都是)?由\s*(?:组内|团队|我们组)?\S{0,6}?" + _OTHER
                             + r"\S{0,4}?(?:完成|负责|提供|实现|搭建|采集|标注|录制)"
                             # "LongBench 评测脚本是同门写的"
                             r"|(?P<what2>.+?)(?:都|主要)?是\s?(?:组内|团队|我们组)?\S{0,4}?" + _OTHER
                             + r"\S{0,3}?(?:写|做|负责|搭|实现|标|跑|训|采)的")
_OWN_CLAIM = re.compile(
    r"(?<![a-z])i (?:did|built|wrote|made|handled|ran|implemented|designed|collected|recorded|organi[sz]ed"
    r"|trained|fitted|fit|tuned|maintained|evaluated|deployed|prepared|annotated|cleaned|set up"
    r"|labell?ed|owned|was responsible for|took care of)"
    r"|我(?:自己)?(?:这边|这块)?(?:主要)?(?:是)?(?:负责|做|写|搭|实现|组织|采集|录|标|跑)"
    r"|是我(?:自己)?(?:去)?(?:负责|做|写|搭|实现|组织|采集|录|标)|by myself|on my own")
_WORD = re.compile(r"[a-z][a-z0-9\-]+")
_GENERIC = frozenset({"the", "and", "of", "to", "my", "our", "own", "project", "whole", "this", "it",
                      "all", "with", "for", "on", "in", "we", "by", "myself", "完成", "项目", "整个",
                      "part", "parts", "most", "including", "also", "data", "model", "was", "did"})


def _content(norm: str) -> set[str]:
    words = {w for w in _WORD.findall(norm) if w not in _GENERIC}
    cjk = re.sub(r"[^\u4e00-\u9fff]", " ", norm)
    grams = {cjk[i:i + 2] for i in range(len(cjk) - 1) if " " not in cjk[i:i + 2]}
    return words | (grams - {"独立", "完成", "负责", "一个", "个人", "我们", "一起", "是我", "我和", "同学", "本人",
                             "数据", "模型", "部分", "这块", "都是"})


def _size(m: re.Match[str]) -> int:
    """The team size a :data:`_TEAM_SIZE` match states ("me and one other student" is 2)."""
    if m.group("f"):
        return (int(m.group("f")) if m.group("f").isdigit() else 1) + 1
    if m.group("f2"):  # "just me and one partner"
        return 2
    return int(next(g for g in m.groups() if g))


@dataclass(frozen=True)
class TeamClaims:
    size: tuple[int, str] | None  # (people, the résumé's words)
    solo: tuple[tuple[set[str], str], ...]  # (what was done alone, the résumé's words)
    others: tuple[tuple[set[str], str], ...] = ()  # (what someone else did, the résumé's words)


def resume_team(raw: str) -> TeamClaims:
    size, solo, others = None, [], []
    for line in raw.splitlines():
        for original, norm in clause_texts(line):
            m = _TEAM_SIZE.search(norm)
            if m and size is None:
                size = (_size(m), original)
            s = _SOLO.search(norm)
            if s:  # over what follows, or what came before ("模型与实验由本人独立完成")
                scope = norm[s.end():] or re.sub(r"(?:由|是)?(?:本人|我)\s*$", "", norm[:s.start()])
                solo.append((_content(scope), original))
            did = _OTHERS_DID.search(norm) or _DONE_BY_OTHERS.search(norm)
            what = did and (did.groupdict().get("what") or did.groupdict().get("what2") or "")
            if what and _content(what):
                others.append((_content(what), original))
    return TeamClaims(size, tuple(solo), tuple(others))


def team_conflicts(answer: str, claims: TeamClaims) -> list[tuple[str, str, str]]:
    found = []
    for original, norm in clause_texts(answer):
        m = _TEAM_SIZE.search(norm)
        other_size = m is not None and _size(m) != (claims.size or (0,))[0]
        alone = bool(_WHOLE_ALONE.search(norm))
        if claims.size and (other_size or (alone and claims.size[0] >= 2)):
            found.append(("team:size", claims.size[1], original))
        elif _TOGETHER.search(norm) and not _SOLO.search(norm) and (
                not _ADVISOR.search(norm) or _PEER.search(norm)):
            for what, words in claims.solo:  # a solo claim over nothing in particular: all of it
                if not what or what & _content(norm):
                    found.append(("team:solo", words, original))
                    break
        elif alone or _OWN_CLAIM.search(norm):
            said = _content(norm)
            for what, words in claims.others:
                if alone or what & said:
                    found.append(("team:others", words, original))
                    break
    return found
