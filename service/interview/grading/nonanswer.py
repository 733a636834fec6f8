"""Non-answers: "不知道", "xyz", an empty reply, a question back, filler, the question restated.

A non-answer must score 0 with no key point ticked, whatever judge grades it, so it is decided
*before* any similarity is computed (embeddings of "不知道" are not far from everything) and the
LLM judge is never asked about it.

Each clause of the answer is put in one of two bins:

* **no content** — once filler ("嗯……", "那个", "um", "sorry"), admissions of ignorance ("不太
  清楚", "没接触过", "I have no idea", "haven't implemented that"), skips ("跳过", "pass", "next
  question"), function words and the question's own words are removed, less than
  ``MIN_CONTENT_UNITS`` of text is left; or the clause is a question back ("你指的是…？", "could
  you explain…?"); or it is keyboard noise (ASCII words none of which any entry, nor English
  function words, ever uses: "xyz", "asdf qwer").
* **content** — everything else.

An answer whose clauses all lack content is a non-answer (:func:`non_answer` returns why). In a
real answer the no-content clauses ("这个我不太记得了，") are dropped from the evidence: an
admission of ignorance never supports a key point. Off-topic answers have content; the grader
decides those with embeddings (see :mod:`.rubric`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.textnorm import normalize
from service.interview.grading.segment import units
from service.interview.grading.signals import FUNCTION_WORDS_EN, FUNCTION_WORDS_ZH

MIN_CONTENT_UNITS = 3.0  # e.g. two English words, or three Chinese characters, of new content
# Less than about a sentence of the candidate's own: what an answer that mostly asks back, or
# that admits not knowing, may add and still be no answer ("I've heard of RLHF but …").
ASIDE_UNITS = 20.0

_FILLER = re.compile(
    r"嗯+|啊+|呃+|额+|哦+|唔+|哎+|诶+|欸+|嘛|呀|哈+|em+|那个|这个|就是说|就是|好的|好吧|"
    r"(?:让我|我)?(?:想想|想一想|想一下)|不好意思|抱歉|对不起|请问|我记得是|我记得|好像是|一下子|"
    r"\b(?:u+m+|u+h+|h+m+|erm|er|ah+|oh+|well|ok(?:ay)?|so|sorry|yeah|right|hmm+|let me think|"
    r"let's see|please|actually|honestly|i mean|uh-huh|you know|before i answer)\b")
_IGNORANCE = re.compile(
    r"(?:我)?(?:真的|确实|实在|完全|暂时)?(?:不太|不是很|不怎么|不)(?:知道|清楚|了解|懂|会|确定|记得)|"
    r"没(?:有|怎么|太)?(?:学过|接触过|用过|做过|听说过|听过|了解过|研究过|看过|思路|头绪|想过|准备过?|"
    r"复习过?)|只(?:听过|知道)(?:这个)?(?:名字|名词)|"
    r"记不(?:得|清|太清)|忘(?:了|记了)|想不起来|答不(?:上来|出来)|说不上来|回答不了|不好说|"
    r"(?:讲|说)不(?:太)?(?:出|清楚?)|"
    r"跳过|下一题|换一题|换个问题|算了|放弃|"
    r"\b(?:i )?(?:do not|don't|dont) (?:really |quite |actually )?(?:know|remember|recall)\b|"
    r"\b(?:no idea|no clue|dunno|not sure|i'm not sure|not familiar|unfamiliar|i forgot|forgot|"
    r"can't remember|cannot remember|can't recall|can't answer|cannot answer|i give up|"
    r"skip(?: this| it)?|pass|next question|move on)\b|"
    r"\b(?:i |we )?(?:have not|haven't|never) (?:\w+ ){0,2}?(?:used|worked|implemented|heard|learned|did|"
    r"learnt|seen|studied|done|touched|tried|looked|prepared|read|covered|reviewed|gone)\b|"
    r"\bonly (?:ever )?heard (?:of )?(?:the name|the term|it)\b|\bheard the name\b")
# Declining the whole question ("这题我不会", "I don't know, sorry."), not a gap in one detail
# ("具体我不太记得了"): with less than a sentence besides, the answer is a non-answer.
_DECLINES = re.compile(
    r"(?:这|这道|这个)(?:题|问题)?我?(?:真的|确实)?(?:不会|答不上来|不知道)|我不会(?:这|[。!！]|$)|不会这(?:题|个)|"
    r"答不(?:上来|出来)|回答不了|跳过|\bi (?:really )?(?:do not|don't|dont) know(?! (?:the|exactly|how|what|which|whether|if|why|much))\b|"
    r"\bno idea\b|\bcan't answer\b|\bcannot answer\b|\bi give up\b|^\W*pass\b(?! through)")
_QUESTION_BACK = re.compile(
    r"[?？]\s*$|^(?:你|您)?(?:能|可以|能不能|可不可以)(?:先|再)?(?:再|重复|解释|说明|说说|讲讲|"
    r"说一下|讲一下|提示|给我)|你(?:是|指的是|说的是|的意思是)|"
    r"是指|什么意思|^\s*(?:could|can|would) you\b|\bwhat do you mean\b|\bdo you mean\b|"
    r"\bare you asking\b|^\s*is (?:this|it) about\b|"
    r"\b(?:can|could|would) you (?:please )?(?:remind|repeat|explain|clarify|rephrase|tell) me\b")
_FUNCTION_EN = FUNCTION_WORDS_EN | frozenset("it's that's about anything something much".split())
_FUNCTION_ZH = re.compile(FUNCTION_WORDS_ZH.pattern + "|[们一些点下]")
_WORD = re.compile(r"[a-z][a-z0-9_']*")


@dataclass(frozen=True)
class ClauseContent:
    content_units: float  # units of new content once filler, ignorance and the question go
    ignorance: bool  # admits not knowing / skips
    question_back: bool
    noise: bool  # ASCII words nobody uses
    asks: bool = False  # the clause ends with a question mark (see :func:`clause_content`)
    declines: bool = False  # declines the whole question ("这题我不会", "I don't know, sorry")


def _strip(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def clause_content(clause: str, question_words: frozenset[str],
                   known_words: frozenset[str], *, asks: bool = False) -> ClauseContent:
    """How much a clause says beyond filler, ignorance and the question itself. ``asks``: the
    clause ended with "?" in the answer (clauses lose their marks) — a candidate who only asks
    ("Is it the same thing as PPO?", "能不能换一个？") has not answered, whatever the words."""
    text = normalize(clause)
    ignorance = bool(_IGNORANCE.search(text))
    rest = _strip(text, (_FILLER, _IGNORANCE))
    # a question back may come after filler ("sorry, can you …"); clauses lose their "?"
    question_back = bool(_QUESTION_BACK.search(text)
                         or _QUESTION_BACK.search(rest.lstrip(" ,，。.、!！")))
    words = [w for w in _WORD.findall(rest) if w not in _FUNCTION_EN and not _asked(w, question_words)]
    noise = bool(words) and not re.search(r"[\u3400-\u9fff]", rest) and all(
        w not in known_words for w in words)
    cjk = "".join(ch for ch in _FUNCTION_ZH.sub("", rest) if "\u3400" <= ch <= "\u9fff")
    content = _new_characters(cjk, question_words) + units(" ".join(words))
    return ClauseContent(content, ignorance, question_back, noise, asks,
                         bool(_DECLINES.search(text)))


def _asked(word: str, question_words: frozenset[str]) -> bool:
    """Whether ``word`` is one of the question's, give or take an inflection: "spans" for "span",
    "model" for "models", "mask" for "masked" ("causal BERT spans the GPT in a T5 way" restates
    the question's words and says nothing)."""
    stems = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("s"):
        stems |= {word[:-1], word[:-2] if word.endswith("es") else word[:-1]}
    return bool(stems & question_words)


def _new_characters(cjk: str, question_words: frozenset[str]) -> float:
    """CJK characters not inside a two-character word the question also uses."""
    seen = [False] * len(cjk)
    for i in range(len(cjk) - 1):
        if cjk[i:i + 2] in question_words:
            seen[i] = seen[i + 1] = True
    return float(seen.count(False))


def has_content(info: ClauseContent, *, rhetorical: bool = False) -> bool:
    """Whether the clause says something. A clause that ends with "?" says nothing unless
    ``rhetorical``: in an answer that has content elsewhere, "为什么要除以 √d？" is the
    candidate's own rhetorical question and its words still count as evidence."""
    if info.asks and not rhetorical:
        return False
    return not info.question_back and not info.noise and info.content_units >= MIN_CONTENT_UNITS


def question_words(*questions: str) -> frozenset[str]:
    """Words (ASCII) and two-character words (CJK) of the question: restating them adds
    nothing."""
    text = normalize(" ".join(questions))
    cjk = "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff")
    joined = {w.replace("-", "") for w in re.findall(r"[a-z]+(?:-[a-z]+)+", text)}  # "pre-training"
    return frozenset(_WORD.findall(text)) | joined | frozenset(cjk[i:i + 2]
                                                               for i in range(len(cjk) - 1))


def stated_units(infos: list[ClauseContent]) -> float:
    """The content of the clauses that say something (questions back not included)."""
    return sum(i.content_units for i in infos if has_content(i))


def mostly_asks(infos: list[ClauseContent]) -> bool:
    """An answer that is questions back with an aside ("What kind of models? Classifiers or an A/B
    test? … I just want to know what you're looking for."): its questions carry more words than
    its statements, and those are less than a sentence. A tag question after an answer ("…，对吧？")
    carries almost none, so that answer stands."""
    asked = sum(i.content_units for i in infos if i.asks or i.question_back)
    stated = stated_units(infos)
    return asked > stated and stated <= ASIDE_UNITS


def non_answer(infos: list[ClauseContent]) -> str | None:
    """Why the answer is no answer at all (None if it says something beyond an aside)."""
    if infos and mostly_asks(infos):
        return "asks a question back"
    if any(has_content(i) for i in infos):
        return None
    if not infos:
        return "empty"
    if any(i.ignorance for i in infos):
        return "says it does not know"
    if any(i.question_back or i.asks for i in infos):
        return "asks a question back"
    if any(i.noise for i in infos):
        return "no recognizable words"
    return "nothing beyond filler or the question itself"
