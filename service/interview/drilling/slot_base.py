"""The building blocks of the slot catalog: a spoken number, the slot and rule types.

See :mod:`.slots` for what the catalog is for; :mod:`.slot_table` holds the slots themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

N = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:e-?\d+)?"
     r"|(?!一(?:些|下|起|步|直|定|般|致|样|点|部分|方面))[一二两三四五六七八九十百千万几]{1,4}(?![些下起]))")  # a spoken number
NUM_ANY = re.compile(r"\d|[一二两三四五六七八九十百千万]")
GPU = (r"(?:gpus?|卡|显卡|a100s?|h100s?|v100s?|a10g?s?|l4s?|a800|h800|[234]0[6789]0\s?(?:ti)?s?|t4s?|tpus?|npu|昇腾"
       r"|jetson|laptop|笔记本|macbook|cpu\s?(?:集群|cluster|server|servers|nodes?)|集群|cluster)")


@dataclass(frozen=True)
class Slot:
    point: str
    name: str
    label_zh: str
    label_en: str
    ask_zh: str
    ask_en: str
    fill: re.Pattern[str]
    cue: re.Pattern[str]
    exemplars: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.point}.{self.name}"

    def label(self, language: str) -> str:
        return self.label_zh if language == "zh" else self.label_en

    def ask(self, language: str) -> str:
        return self.ask_zh if language == "zh" else self.ask_en


@dataclass(frozen=True)
class Rule:
    required: tuple[str, ...]  # every one of these
    min_filled: int  # at least this many slots in total
    any_of: tuple[str, ...] = ()  # and at least one of these (empty: no constraint)


def make_slot(point: str, name: str, labels: tuple[str, str], asks: tuple[str, str], fill: str,
          cue: str, exemplars: tuple[str, ...]) -> Slot:
    return Slot(point, name, labels[0], labels[1], asks[0], asks[1], re.compile(fill),
                re.compile(cue), exemplars)
