"""Evasions: what candidates say instead of an answer, and how to recognise them.

"默认参数", "按官方教程", "我们团队一起", "挺多的", "效果还可以", "跟论文一样", "保密", "standard
settings", "the usual": each names *that* something exists without saying *what* it is. An
evasion never fills a slot; the span is kept so the press can quote it back ("你说「训练用的默认
参数」——…"). Each pattern has a kind, which the phrasing uses to react to it the way a senior
interviewer would (a default has a value; "we" hides "I"; "a lot" is a number).

Patterns run on normalized text (simplified Chinese, lower case). A clause that also carries the
concrete thing ("默认的学习率 0.01") is not evasive for that slot: the assessor decides that, this
module only finds the spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# kind -> pattern. Order matters only for overlapping spans (the first kind wins).
# Things that are not counted ("很多问题", "lots of challenges"): vague, but "how many?" is no fix.
_ABSTRACT = (r"(?:问题|困难|挑战|坑|工作|事情|东西|细节|challenges|problems|issues|difficulties|obstacles"
             r"|pitfalls|work|effort|things|stuff)")
_PATTERNS: dict[str, str] = {
    "secret": (
        r"保密|不方便(?:说|透露|讲|公开)|不能(?:说|透露|公开)|涉密|涉及(?:公司)?(?:隐私|机密)|属于(?:公司)?机密"
        r"|\bnda\b|confidential|can'?t (?:really )?(?:share|talk about|disclose|say)"
        r"|cannot (?:share|disclose)|not allowed to (?:share|say)"),
    "memory": (
        r"记不(?:太)?清|忘了|不太记得|不记得|记不住|具体(?:的)?(?:我)?(?:也)?不(?:太)?清楚"
        r"|(?:i )?don'?t (?:really )?remember|i forg[eo]t|can'?t recall"),
    "unknown": (
        r"^(?:嗯|呃|额)?[，, ]*(?:我)?(?:也)?不(?:太)?(?:知道|清楚|了解|会)|^(?:这个)?(?:我)?没(?:做过|参与|关注过?)"
        r"|^(?:i )?(?:don'?t|do not) know|^no idea|^not sure|^i'?m not sure|^i have no idea"),
    "team": (
        r"我们(?:团队|组|小组|这边)?(?:一起|共同)(?:做|完成|推|搞)?|(?:团队|组里|大家|小组)(?:一起|共同|分工)"
        r"|都有参与|我都(?:有)?参与|参与了|协助|配合(?:\S{0,4})?(?:做|完成)|帮忙|打下手|跟着(?:\S{0,6})做"
        r"|一起(?:做|完成|推)的|团队(?:一起)?完成|大家都出了力|跟着.{0,10}做|配合.{0,10}做"
        r"|(?:did it|worked on it|built it) together|team effort|as a team|we all (?:did|contributed)"
        r"|(?:i was |i've been )?involved in|i helped|helped (?:out|with)|supporting the|i supported"
        r"|contributed to (?:several|many|various|different)|part of the team|joint work"
        r"|(?:very )?collaborative|i did most of the work"),
    "default": (
        r"默认(?:的)?(?:参数|配置|设置|结构|值|超参)?|(?:按|按照|照着|参照)(?:着)?(?:\S{0,12}?)(?:官方|教程|论文|文档|原文|repo)"
        r"(?:\S{0,6}?)(?:来|的|一样|跑|设置|设的)?|(?:跟|和|与)(?:论文|官方|原文|原来的?|原版)(?:\S{0,4})一样"
        # "跟官方教程来的" is; "框架和论文写作是一作" is not
        r"|(?:跟|和)(?:\S{0,12}?)(?:官方|教程|论文|文档|原文|repo)(?:\S{0,6}?)(?:来|一样|跑|设置|设的)"
        r"|常规(?:的)?(?:设置|操作|做法|流程|处理|那些|的)?|标准(?:的)?(?:设置|流程|做法|配置)"
        r"|一般的做法|没怎么(?:调|改|动)|基本没(?:动|改|调)|参数(?:都|基本)?(?:是|跟)\S{0,6}(?:默认|一样)"
        r"|没(?:什么|啥)特别|直接拿来用|拿来(?:就)?用|直接(?:拿来)?(?:微调|用的)|不用改|没(?:有)?(?:什么|啥)?改"
        r"|didn'?t (?:change|modify) (?:anything|much)|no changes|unchanged|nothing to change|as[- ]is|原样|原封不动"
        r"|(?:the )?default(?:s| settings| hyperparameters| parameters| config(?:uration)?)?"
        r"|standard (?:settings|recipe|setup|implementation|architecture|one|fine-?tuning|training|way)"
        r"|(?:the )?usual(?: stuff| setup| settings| recipe| way)?|same (?:training )?(?:setup |settings )?as"
        r" (?:the |in the )?(?:paper|baseline|original)s?|followed the [a-z0-9\- ]{0,30}"
        r"(?:recipe|tutorial|paper|docs|example)|out of the box|off[- ]the[- ]shelf"
        r"|nothing (?:fancy|special|too special)|pretty (?:standard|much the defaults)"
        r"|as in the paper|the normal (?:way|one)|trained it the normal way|the same as everyone"),
    "deflect": (
        r"大家都(?:在)?用|(?:业界|行业)?(?:比较)?主流(?:的)?|比较成熟|业界常规|都在用|everyone uses|what everyone"
        r"|(?:very )?popular|trendy|fashionable|everyone'?s using|具体哪个不(?:太)?重要|比较流行|很火"),
    "quantity": (  # how much of something countable; "lots of challenges" is generic, below
        r"(?:挺多(?:的)?|很多(?:的)?|不少|大量(?:的)?|比较多|好多|海量|量(?:很|挺|比较)?大|资源挺多"
        r"|a lot(?: of)?|lots of|plenty of|quite a few|tons of|a bunch of|so many|not that much"
        r"|(?<![十\d])几(?:个|十|百|千|万|轮|次)|a few (?:epochs|rounds|hours|days|thousand|hundred)|several (?:epochs|thousand|hundred)"
        r"|(?<!\d )some (?:sensor |call )?(?:data|hours|logs|notes))(?!\s*(?:的)?\s*" + _ABSTRACT + ")"),
    "quality": (
        r"效果(?:还|挺|很|比较|也)?(?:可以|行|好|不错|明显|挺好)|还(?:可以|行|不错)(?:吧)?|挺好(?:的)?"
        r"|(?:有|还是有)(?:一点|一些|些)?(?:提升|用|帮助)|提升(?:了)?(?:不少|很多|明显|挺多)"
        r"|(?:提升|提高|改善)(?:还是)?(?:很|比较|非常)?明显|更好(?:了)?|好了不少|(?:比较|很|挺)满意"
        r"|都是正向|效果更好|比原来(?:的)?.{0,6}(?:好|强)|比较好|(?:比较|很|挺)规范|质量(?:还|挺|很)?(?:可以|好|高)"
        r"|基本(?:是)?干净|挺干净"
        r"|works? (?:better|well|really well)|(?:much|a lot|quite a bit|way) (?:better|more accurate)"
        r"|pretty good|decent|improved (?:things )?(?:a lot|quite a bit)|helped (?:a lot|quite a bit)"
        r"|happy with|(?:the )?(?:buyers|users|team) liked|state[- ]of[- ]the[- ]art|\bsota\b"
        r"|good results?|numbers were good|went up a lot|works better"),
    "generic": (
        r"遇到(?:了)?(?:很多|不少)?(?:问题|坑)|(?:最后|也)?都解决了|查资料|问师兄|一步步(?:也)?都解决"
        r"|(?:挺多|很多|不少|好多|大量)(?:的)?" + _ABSTRACT + r"|(?:lots of|a lot of|plenty of|so many|tons of|many) "
        + _ABSTRACT + r"|worked through (?:them|it)|delivered on time|(?:is|was) (?:an? )?(?:really )?"
        r"important (?:open )?problem|(?:做|加)(?:了)?一些\S{0,12}(?:改进|优化|调整|改动|trick)|结构上的(?:一些)?优化"
        r"|几个(?:比较)?(?:好的|常用的|有效的)?\S{0,4}(?:模块|方法|技巧|trick)|some (?:improvements|optimi[sz]ations|tweaks"
        r"|changes|tricks)|a few (?:tricks|tweaks)"),
    "applied": (
        r"把\s?\S{1,24}?\s?用(?:到|在)(?:了)?(?:这个|我们|我们的|电商的?|客服|工业)?\S{0,6}场景"
        r"|(?:applying|applied|adapted) \S+(?: \S+)? to (?:our|the|this)"
        r"|(?:was )?new for the company|nobody (?:had|has) done|之前(?:组里)?没(?:人|有人)用过"
        r"|用\s?\S{1,16}替代了?|(?:was|as) the new thing"),
}
EVASIONS = {kind: re.compile(pattern) for kind, pattern in _PATTERNS.items()}
# A hedge weakens a number but does not erase it ("大概 0.65").
HEDGES = re.compile(r"大概|大约|可能|应该是|好像|差不多|左右|吧$|maybe|probably|about|around|roughly"
                    r"|i think|i guess|like\s")


@dataclass(frozen=True)
class Evasion:
    kind: str
    start: int
    end: int


# What others do, named to set one's own work apart, is no evasion: "relative to an off-the-shelf
# RAG setup", "常规做法是只在标注集上做 logits 蒸馏".
_CONTRAST_BEFORE = re.compile(r"(?:relative to|compared (?:to|with)|unlike|versus|than|相比|不同于|区别于|比起|相对于)"
                              r"\s*(?:an? |the )?$")
_PRACTICE_STATED = re.compile(r"\s*(?:是|都是|一般是|就是|is|was|are)\s*\S")


def _sets_apart(norm: str, m: re.Match[str]) -> bool:
    return bool(_CONTRAST_BEFORE.search(norm[max(0, m.start() - 16):m.start()])) or (
        bool(re.search(r"做法|approach|practice", m.group(0))) and bool(_PRACTICE_STATED.match(norm, m.end())))


def find_evasions(norm: str) -> list[Evasion]:
    """Non-overlapping evasion spans in ``norm``, in text order."""
    found: list[Evasion] = []
    for kind, regex in EVASIONS.items():
        for m in regex.finditer(norm):
            if m.end() - m.start() < 2 or (kind == "default" and _sets_apart(norm, m)):
                continue
            if all(m.end() <= e.start or m.start() >= e.end for e in found):
                found.append(Evasion(kind, m.start(), m.end()))
    return sorted(found, key=lambda e: e.start)
