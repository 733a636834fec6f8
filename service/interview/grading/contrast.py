"""Stated opposites: a clause says X where the reference's matching statement says Y.

Sentence embeddings barely notice which member of a contrast a sentence names: "温度越大越关注难负
样本" and "温度越小…越关注难负样本", "run the ablations on the test set" and "… on the validation
set", "升序排序" and "降序排序" are near-identical vectors. That weakness is used here: the
reference statement an answer clause is *closest* to is the reference's version of the same claim,
so if the clause names one member of a contrast group (larger/smaller, before/after, encoder/
decoder, training/validation/test set, zeros/ones, …) and that statement names another, the
candidate stated the opposite.

Reference statements are the clauses of both reference answers and the key points that name a
group member (only those can disagree, so only those are embedded, once per entry). A flag needs
a clear alignment (cosine ≥ ``ALIGN_AT``) and no reference statement naming the candidate's own
member nearly as close (``RIVAL_MARGIN``): then the reference says X elsewhere about something
similar, and the clause may be right. Members under a local negation ("不是解码器",
"unbiased=False") do not count as named; conditionals and comparisons ("如果…", "unlike …") are
skipped, since they name the other member on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.schema import Entry
from knowledge.textnorm import normalize
from service.interview.grading.evidence import PassageCache
from service.interview.grading.negation import negation_before
from service.interview.grading.segment import clauses

ALIGN_AT = 0.85  # cosine (query vs passage) at which a reference statement matches the clause
RIVAL_MARGIN = 0.03  # a statement naming the clause's own member this close makes it ambiguous

_Specs = tuple[tuple[tuple[str, str], ...], ...]
# directions, orders and properties that wrong answers reverse
_PROPERTY_SPECS: _Specs = (
    (("larger", r"\b(?:larger|bigger|greater|higher|increases?|increased|grows?)\b|越大|更大|增大|"
                r"变大|增加|升高|上升|提高|加大|变多|越多|更多|翻倍"),
     ("smaller", r"\b(?:smaller|lower|fewer|decreases?|decreased|shrinks?)\b|越小|更小|减小|变小|"
                 r"减少|降低|下降|缩小|变少|越少|更少|减半")),
    (("ascending", r"ascending|升序"), ("descending", r"descending|降序")),
    # (以前/以后 are not here: "之前 token" and "以后用不到" are loose time words, not an order)
    (("before", r"\bbefore\b|之前"), ("after", r"\bafter\b|之后")),
    (("first half", r"first half|前半"), ("second half", r"second half|后半")),
    (("faster", r"\bfaster\b|更快|加快|变快"), ("slower", r"\bslower\b|更慢|变慢")),
    (("sharper", r"\bsharp(?:er|en)?|尖锐|更尖"), ("flatter", r"\bflat(?:ter|ten)?\b|平滑|平坦|更平")),
    (("keep", r"\b(?:keeps?|kept|retains?)\b|保留|留下"),
     ("remove", r"\b(?:remove[sd]?|delete[sd]?|discard(?:s|ed)?|suppress(?:es|ed)?)\b|删除|删掉|"
                r"去掉|去除|丢弃")),
    (("learnable", r"\b(?:learnable|trainable|learned)\b|可学习|可训练"), ("fixed", r"\bfixed\b|固定")),
    (("biased", r"(?<!un)biased|有偏"), ("unbiased", r"unbiased|无偏")),
    (("concatenate", r"concat|拼接"),
     ("add", r"\badd(?:ed|s|ing)? (?:them|up|together|element)|\bsum(?:med)? (?:them|up)|"
             r"element-?wise (?:add|sum)|相加"),
     ("average", r"\baverag\w*|取平均|求平均")),
    (("convex", r"(?<!non-)(?<!non)\bconvex|(?<!非)凸"), ("non-convex", r"non-?convex|非凸")),
    (("even", r"\beven (?:dim|indices|positions|index)|偶数"),
     ("odd", r"\bodd (?:dim|indices|positions|index)|奇数")),
    (("with replacement", r"with replacement|有放回"),
     ("without replacement", r"without replacement|无放回")),
    (("easy", r"\beasy (?:example|sample|negative)s?|简单样本|易分"),
     ("hard", r"\bhard (?:example|sample|negative)s?|难样本|难分|难负")),
    (("zeros", r"\bzeros\b|全 ?0|全零|零初始化"), ("ones", r"\bones\b|全 ?1\b|全一")),
    # as predicates only: "不同种子" (different seeds) and "一样大" (equally large) compare nothing
    (("the same", r"(?<!不)(?:一样(?![大小多少快慢高低好重])|相同|等价)|同样|同一|没有?区别|一回事|"
                  r"\b(?:identical|same|equivalent|interchangeable|no difference)\b"),
     ("different", r"是不同的|不同(?![\u3400-\u9fff])|不同于|不一样|不相同|不等价|有区别|"
                   r"\b(?:different|differs?|not the same|not equivalent|not interchangeable)\b")),
)
# named things candidates confuse with each other
_NAMED_SPECS: _Specs = (
    (("encoder", r"encoder|编码器"), ("decoder", r"decoder|解码器")),
    (("hyperparameter", r"hyper-?parameters?|超参"),
     ("parameter", r"(?<!hyper)(?<!hyper-)\bparameters?\b|(?<!超)参数")),
    (("l1", r"\bl1\b"), ("l2", r"\bl2\b")),
    (("bn", r"\bbn\b|batch ?norm|batch normalization|批归一化"),
     ("ln", r"\bln\b|layer ?norm|layer normalization|层归一化"), ("gn", r"\bgn\b|group ?norm")),
    (("sigmoid", r"sigmoid"), ("tanh", r"tanh"), ("relu", r"relu")),
    (("one-stage", r"one-stage|single-stage|单阶段|一阶段"), ("two-stage", r"two-stage|两阶段|二阶段")),
    (("precision", r"precision|精确率|查准率"), ("recall", r"recall|召回")),
    (("mqa", r"\bmqa\b"), ("gqa", r"\bgqa\b"), ("mha", r"\bmha\b")),
    (("bias", r"\bbias\b|偏差"), ("variance", r"variance|方差")),
    (("training set", r"training set|train set|训练集"), ("validation set", r"validation|验证集"),
     ("test set", r"test set|test-set|测试集")),
    (("sgd", r"\bsgd\b"), ("adam", r"\badam\b")),
    (("d_model", r"d_model"), ("d_head", r"d_head|d_k\b")),
    (("max pooling", r"max ?pool|最大池化"), ("transposed conv", r"transposed? conv|转置卷积|反卷积|deconv"),
     ("interpolation", r"interpolat|插值")),
    (("row", r"\brows?\b|每行|按行"), ("column", r"\bcolumns?\b|每列|按列")),
)
_GROUP_SPECS = _PROPERTY_SPECS + _NAMED_SPECS
CONTRAST_GROUPS = tuple(tuple((name, re.compile(p)) for name, p in g) for g in _GROUP_SPECS)
_ANY_MEMBER = re.compile("|".join(f"(?:{p})" for g in _GROUP_SPECS for _, p in g))
# conditionals, hypotheticals, comparisons and the baseline being improved on ("normally the
# forward pass keeps every activation") name the other member on purpose
ASIDE = re.compile(r"\b(?:if|would|unless|otherwise|whereas|while|unlike|vs|versus|compared|"
                   r"normally|by default)\b|如果|否则|不然|的话|不像|相比|对比|区别|本来|原本|"
                   r"正常情况|默认情况")
_FALSE_AFTER = re.compile(r"\s*=\s*false")
# where a statement that names several members ("running_mean = zeros, running_var = ones",
# "欠拟合 = 高偏差；过拟合 = 高方差") is cut to see which member goes with what
_SUBSTATEMENT = re.compile(r"[,;，；、]|\b(?:while|whereas|but)\b|而")
_IDENTIFIER = re.compile(r"[a-z][a-z0-9]*_[a-z0-9_]+")


@dataclass(frozen=True)
class Opposite:
    clause: int
    said: str
    reference_says: str
    statement: str  # the reference statement the clause matches


def asserts(pattern: re.Pattern[str], text: str) -> bool:
    """(Normalized) ``text`` says ``pattern`` at least once without negating it."""
    return any(not negation_before(text, m.start(), m.group(0))
               and not _FALSE_AFTER.match(text, m.end()) for m in pattern.finditer(text))


def named(group: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> frozenset[str]:
    """Members of ``group`` that (normalized) ``text`` names without negating them."""
    return frozenset(name for name, pattern in group if asserts(pattern, text))


class ReferenceStatements:
    """One entry's reference clauses that name a contrast-group member, with their vectors."""

    def __init__(self, entry: Entry, passages: PassageCache) -> None:
        texts = [entry.answer_zh, entry.answer_en]
        pieces = [c for t in texts for c in clauses(t)]
        pieces += [t for kp in entry.key_points for t in (kp.zh, kp.en)]
        pieces = [p for p in dict.fromkeys(pieces) if _ANY_MEMBER.search(normalize(p))]
        self._names = [[named(g, normalize(p)) for g in CONTRAST_GROUPS] for p in pieces]
        self._texts = pieces
        self._vectors = passages(pieces) if pieces else np.zeros((0, 1), dtype=np.float32)
        self._cues = frozenset(normalize(c) for kp in entry.key_points for c in kp.cues)
        self._parts = [[p for p in _SUBSTATEMENT.split(normalize(t)) if p.strip()] for t in pieces]

    def _anchors(self, text: str, group: int) -> set[str]:
        """Cues and identifiers in ``text`` that are not themselves members of ``group``."""
        found = {c for c in self._cues if c in text} | set(_IDENTIFIER.findall(text))
        return {a for a in found if not named(CONTRAST_GROUPS[group], a)}

    def _bound_elsewhere(self, text: str, j: int, g: int, said: frozenset[str]) -> bool:
        """Statement ``j`` names several members; the parts of it that share the clause's
        anchors (cues, identifiers) name another member than the clause, never its own."""
        anchors = self._anchors(text, g)
        shared = [(len(anchors & self._anchors(p, g)), named(CONTRAST_GROUPS[g], p))
                  for p in self._parts[j]]
        most = max((n for n, names in shared if names), default=0)
        bound = [names for n, names in shared if names and n == most]
        return most > 0 and all(not names & said for names in bound)

    def _disagrees(self, text: str, sims: np.ndarray, g: int, said: frozenset[str]) -> bool:
        """The closest statement names another member of group ``g`` than the clause (in the
        part about the same thing, if it names several), and none naming the clause's own
        member is nearly as close."""
        best = int(np.argmax(sims))
        theirs = self._names[best][g]
        if sims[best] < ALIGN_AT or not theirs:
            return False
        if said & theirs:
            return len(said) == 1 < len(theirs) and self._bound_elsewhere(text, best, g, said)
        rivals = [sims[j] for j, names in enumerate(self._names) if names[g] & said]
        return not rivals or max(rivals) < sims[best] - RIVAL_MARGIN

    def _opposite(self, c: int, g: int, said: frozenset[str], sims: np.ndarray) -> Opposite:
        best = int(np.argmax(sims))
        return Opposite(c, "/".join(sorted(said)), "/".join(sorted(self._names[best][g])),
                        self._texts[best])

    def opposites(self, normalized: Sequence[str], clause_vecs: np.ndarray) -> list[Opposite]:
        """Clauses naming one member of a group where their closest statement names another."""
        if not self._texts:
            return []
        sims = clause_vecs @ self._vectors.T
        out = []
        for c, text in enumerate(normalized):
            if ASIDE.search(text):
                continue
            for g, group in enumerate(CONTRAST_GROUPS):
                said = named(group, text)
                if said and self._disagrees(text, sims[c], g, said):
                    out.append(self._opposite(c, g, said, sims[c]))
        return out
