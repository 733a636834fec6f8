"""How long training ran: "4×A100 80G，3 epoch 约 52 小时" on the résumé against "每次完整训练要跑一周多".

A résumé line that names the GPUs and a duration ("8 × A100 训练约 36 小时", "4× A10G, ~30 hours")
claims how long the model trained; an answer that says how long training took ("训练跑了两天多",
"each full run took over a week") holds against it. Durations of a part are no claim on either
side: per epoch, fold, task or run ("~6 h per run", "每个 epoch 约 2.5 小时"), inference, labelling,
an ablation or a try. A stated duration clashes only when it is more than :data:`RATIO` times
longer or shorter than every claimed one (a line often gives several stages: "SFT 约 9 小时，DPO 约
4 小时").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.interview.drilling.hardware import GPU_MENTION
from service.interview.drilling.text import clause_texts

RATIO = 2.5
_DURATION = re.compile(r"(?P<n>\d+(?:\.\d+)?|an?|one|half a)\s*(?:多\s*)?(?:个\s*)?(?:-\s*)?"
                       r"(?P<u>小时|hours?|hrs?|h|天|days?|周|星期|weeks?)(?![a-z])")
_HOURS = {"小时": 1, "hour": 1, "hr": 1, "h": 1, "天": 24, "day": 24, "周": 168, "星期": 168,
          "week": 168}
_WORDS = {"a": 1.0, "an": 1.0, "one": 1.0, "half a": 0.5}
# in an answer, a duration is training's only right after a verb of running it ("跑了两天多",
# "training took about 9 hours", "each run took over a week"): "fine-tuned on the 46 hours" is data
_TRAINS = re.compile(r"(?:训练|训了|跑了?|微调了?|took|ran|trained|training|finetuning|fine-tuning|lasted)"
                     r"(?:(?!set|data|数据|集|语料|corpus|on the|from)[^，。,;；]){0,24}$")
_DATA_HOURS = re.compile(r"\d\s*(?:小时|hours?)\s*(?:的|of)\s*\S{0,6}(?:数据|录音|语音|data|audio|speech)")
# a part's duration, or one that is not training at all
_PART = re.compile(r"per (?:run|epoch|fold|task|step|seed|trial|model)|每(?:个|一|次)?\s*(?:epoch|轮|折|fold|次|步|个任务)"
                   r"|单折|一个 ?epoch|each (?:epoch|fold|task|step)|推理|inference|latency|标注|label"
                   r"|消融|ablat|试过|tried|窗口|window|滑动|特征提取|feature extraction|部署|serv")


@dataclass(frozen=True)
class TrainTime:
    hours: float
    said: str


def _durations(norm: str, after_verb: bool = False) -> list[float]:
    found = []
    for m in _DURATION.finditer(norm):
        if after_verb and not _TRAINS.search(norm[:m.start()]):
            continue
        n = m.group("n")
        found.append((float(n) if n[0].isdigit() else _WORDS[n]) * _HOURS[m.group("u").rstrip("s")])
    return found


def train_times(text: str, resume: bool = False) -> list[TrainTime]:
    """The training durations ``text`` states: on a résumé line only beside its GPUs; in an
    answer only in a clause about training."""
    if resume and not GPU_MENTION.search(text.lower()):
        return []
    found = []
    for original, norm in clause_texts(text):
        if _PART.search(norm) or _DATA_HOURS.search(norm):
            continue
        found += [TrainTime(hours, original) for hours in _durations(norm, after_verb=not resume)]
    return found


def train_time_conflicts(stated: list[TrainTime], claimed: list[TrainTime]
                         ) -> list[tuple[str, str]]:
    """(the claim's words, the answer's) for a stated duration far from every claimed one."""
    if not claimed:
        return []
    return [(claimed[0].said, said.said) for said in stated
            if all(said.hours > c.hours * RATIO or said.hours * RATIO < c.hours
                   for c in claimed)][:1]
