"""Training settings stated as numbers: the batch size, the learning rate and the LoRA rank.

They are exact choices, so a candidate who says "batch 是 64" and later "batch 才 32", or whose
résumé says "LoRA（rank 16）" and who now says "rank 设的 64", or "lr 1e-6 恒定" and now "学习率是
1e-5", has one of them wrong. A setting is a
claim only where it is said plainly: a clause that tries, compares or ablates ("试过 rank 8", "we
also tried batch 128", "消融里…") names another run, and a per-device batch ("每卡 4", "4 per GPU")
is a different number from the global one and is kept apart, as is the learning rate of one part or
phase (the backbone's, the warm-up's, the floor of a decay). What a batch holds ("每个 batch 16
个人", "global batch 约 4M tokens") is no batch size. Epochs are not compared: answers name the
epochs of other stages too often ("DPO 只跑了 1 个 epoch", "最后 5 个 epoch 关掉增强").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.interview.drilling.text import clause_texts

# how a setting's value is introduced: "batch 是 64", "lr=3e-4", "rank of 16", "batch 才 32"
_IS = r"是|为|设(?:成|为|的)?|取|用的?|of|is|was|=|:|："
_BATCH = re.compile(r"(?<!每个 )(?<!每个)(?<!each )(?<!per )(?:batch[ _]?size|batch|bs|批大小|批量)\s*"
                    r"(?:" + _IS + r"|才|就)?\s*(?P<v>\d{1,5})"
                    r"(?![\d.%]|\s*(?:m\b|k\b|万|tokens?|条|个人|人))")
_RANK = re.compile(r"(?:lora\s*(?:的)?\s*)?(?:rank|秩|(?<![a-z])r)\s*(?:" + _IS + r")?"
                   r"\s*(?P<v>\d{1,4})(?![\d.%])")
_LR = re.compile(r"(?:learning[ _-]?rate|(?<![a-z])lr|学习率)\s*(?:" + _IS + r"|才|就)?"
                 r"\s*(?P<v>\d+(?:\.\d+)?e-?\d+|0?\.\d+)(?![\d.%])")
# The learning rate of one part or phase: not the run's.
_LR_PART = re.compile(r"backbone|head|encoder|decoder|分层|layer-?wise|min|最小|最低|floor|final|衰减到|降到|decay(?:s|ed)? to"
                      r"|warm-?up|预热|critic|actor|value|reward|teacher|student|×|倍")
_LORA = re.compile(r"lora|rank|秩|(?<![a-z])r\s*(?:是|=|为)")
_PER_DEVICE = re.compile(r"per (?:gpu|device|card)|每(?:张)?卡|单卡|each gpu|per-gpu|micro")
_ANOTHER_RUN = re.compile(r"试过|试了|尝试|对比|消融|ablat|tried|compared|also ran|instead|rather than|如果|if we"
                          r"|调到|改成|从\s*\d|from \d|增大|减小|加大|默认")


@dataclass(frozen=True)
class Setting:
    key: str  # "batch", "batch/device", "lr" or "rank"
    value: float
    said: str


def setting_claims(text: str) -> list[Setting]:
    """The settings ``text`` (a résumé line, or an answer) states plainly, one per key and clause."""
    found: list[Setting] = []
    for original, norm in clause_texts(text):
        if _ANOTHER_RUN.search(norm):
            continue
        batch, rank = _BATCH.search(norm), _RANK.search(norm)
        if batch is not None:
            key = "batch/device" if _PER_DEVICE.search(norm) else "batch"
            found.append(Setting(key, int(batch.group("v")), original))
        lr = _LR.search(norm)
        if lr is not None and not _LR_PART.search(norm):
            found.append(Setting("lr", float(lr.group("v")), original))
        if rank is not None and _LORA.search(norm):  # "R50" is a backbone, not a rank
            found.append(Setting("rank", int(rank.group("v")), original))
    return [s for s in found if s.value > 0]


def setting_conflicts(stated: list[Setting], claimed: list[Setting]) -> list[tuple[str, str, str]]:
    """(key, claim, said) for a stated setting that no claim of its key equals. An answer that
    also states a claimed value of the key speaks of several runs ("PatchCore 抽特征 batch 32 …
    EfficientAD 是真训的：batch 1"): its other values of that key are no clash."""
    def agrees(said: Setting, claim: Setting) -> bool:
        return claim.key == said.key and abs(claim.value - said.value) <= 1e-3 * abs(claim.value)

    vouched = {s.key for s in stated if any(agrees(s, c) for c in claimed)}
    out = []
    for said in stated:
        same = [c for c in claimed if c.key == said.key]
        if same and said.key not in vouched and not any(agrees(said, c) for c in same):
            out.append((f"setting:{said.key}", same[0].said, said.said))
    return out
