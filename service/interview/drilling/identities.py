"""The ledger's claims that are names, not numbers: which model (the team is in :mod:`.team`).

**Models.** A name is read into a family and its variant ("YOLOv8s" → ``yolo`` version 8, size
small; "HRNet-W32" → ``hrnet`` width 32; "Qwen2-7B-Instruct" → ``qwen`` version 2, 7b;
"legal-BERT" → ``legalbert``). The résumé's models get a role: *own* (what the project used or
built on — "以 YOLOv8s 为基线，在 neck 增加…" is own) or *compared* (a baseline next to a number,
"the legal-BERT baseline", "TSN 基线 84.5%", the production model it replaced, "MMoE 升级为
PLE"). An answer that says it used a model clashes with the résumé when

* it is the same family in another variant (YOLOv5m vs YOLOv8s, W48 vs W32, Whisper-medium vs
  -small, BERT-large vs -base) — unless a résumé model of that family agrees;
* it is the résumé's *compared* model, or a model the résumé never names, said as *the* model
  ("we used XGBoost", "started from legal-BERT and stayed with it") while none of the résumé's own
  models is named in the answer. Clauses that compare or try models ("对比过", "tried", "than")
  and components ("backbone 用的是 CSPDarknet", "reranker") are not claims of the main model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.textnorm import normalize
from service.interview.drilling.detectors import GENERIC_MODELS, named_models
from service.interview.drilling.numerals import digits
from service.interview.drilling.text import clause_texts
from service.resume import facets, vocab

_SIZES = {"n": "nano", "t": "tiny", "s": "small", "m": "medium", "l": "large", "x": "xl", "tiny": "tiny",
          "mini": "mini", "small": "small", "base": "base", "medium": "medium", "large": "large",
          "xl": "xl", "xxl": "xxl", "huge": "huge", "nano": "nano"}
# "ViT-B/16", "Swin-T", "VideoMAE-L", "SAM-H", "CLAM-SB", "SegFormer-B2": a variant in capitals
_VARIANT_CODE = re.compile(r"(?<=[A-Za-z0-9])-(?P<code>[A-Z]{1,2}\d?)(?:/(?P<patch>\d{1,2}))?$")
_CODE_SIZES = {"T": "tiny", "S": "small", "M": "medium", "B": "base", "L": "large", "H": "huge",
               "G": "giant", "XL": "xl"}
_NOISE = {"instruct", "chat", "hf", "zh", "en", "cased", "uncased", "it", "v", "w", "the", "model"}
_COMPARED_BEFORE = re.compile(
    r"(?:vs\.?|versus|对比|相比|than|compared (?:to|with)|against|线上的?|原有的?|原来的?|旧的?|老的?|(?<![a-z])old"
    r"|previous|existing|legacy|production|replac\w*|instead of|rather than|优于|超过|基线|baseline|替换|换掉|取代)"
    r"[^,，;；。]{0,8}$")
_COMPARED_AFTER = re.compile(r"^\s*(?:的)?\s*(?:baseline|基线|升级为|升级成|替换为|替换成|换成|->|→|in production)")
# "将基线 DS-CNN-S 替换为 BC-ResNet-1", "replaced the LSTM with a Conformer": the model swapped in
# is the project's own, the one before the verb the compared one.
_SWAPPED_IN = re.compile(r"(?:替换为|替换成|换成|换为|升级为|升级成|改为|改成|replaced (?:it |them )?with"
                         r"|switched to|upgraded to|moved to)\s*(?:a |an |the )?$")
# Chips, boards and runtimes carry model-like codes ("STM32L476", "Cortex-M4F", "Jetson Orin"):
# the hardware reader owns them, and a board is never the model a candidate trained.
_NOT_MODEL = re.compile(r"^(?:stm32|cortex|esp32|jetson|orin|xavier|snapdragon|hexagon|rtx|gtx|tesla"
                        r"|raspberry|rk\d|armv|cmsis|tensorrt|onnx|openvino|tflite|[ahlv]100|[ah]800)",
                        re.I)
_PART_BEFORE = re.compile(r"(?:added|adding|add|with a|plus|加入|加了|引入|增加|插入|接了?|结合|融合|配合|用)\s*(?:a |an |the )?"
                          r"(?:token-level |\S{0,8})?$")
_PART_AFTER = re.compile(r"^\s*(?:head|layer|module|block|loss|层|头|模块|损失|替换|做多尺度)")
_OWN_BASE = re.compile(r"以\s*$|(?:based on|built on|基于|在)\s*$")
_OWN_BASE_AFTER = re.compile(r"^\s*(?:为|作为)\s*(?:基线|基础|baseline|backbone|基座)")
_ANSWER_COMPARE = re.compile(
    r"对比|相比|比(?!较)|试过|试了|尝试|tried|compared|than|versus|vs\.?|instead of|rather than|against"
    r"|baseline|基线|原来|之前|old |previous|rather|over |一开始|起初|最初|最早|initially|at first"
    r"|originally|换成|换为|替换|switched|replaced")
# "线上换成了 RTMPose-s", "we finally switched to X": the model swapped in is the one in use now.
_FINAL_SWAP = re.compile(r"(?:线上|最后|最终|后来|现在|上线)\S{0,3}(?:换成|换为|替换为|替换成|升级为|升级成|改成|改为)"
                         r"|(?:finally|eventually|in production we|now we) (?:switched|moved|upgraded) to")
_ASSERTS_USE = re.compile(
    r"用的是|用的|用了|采用|基于|基座|模型(?:就)?是|model (?:is|was)|we used|i used|(?<![a-z])used|using|started "
    r"(?:from|with)|stayed with|went with|based on|built on|fine-?tuned|went for|chose|选了|选的")
# Where a clause moves on to another act ("we used X and added a module", "用的是 X，又加了…").
_NEXT_ACT = re.compile(r"\b(?:and|then|plus|but)\b|又|并且|然后|还|再|但")
_COMPONENT = re.compile(
    r"backbone|encoder|decoder|head|neck|检索|召回|rerank|tokenizer|embedding|分词|特征提取|feature extractor"
    r"|层|模块|block|module|loss|损失|优化器|optimizer|teacher|教师|蒸馏|向量|adapter|lora|框架|framework"
    r"|库|library|工具|tool|部署|serv|runtime|推理引擎")
# "the Tesseract + regex baseline", "legal-BERT baseline", "基线 LR 评分卡": a compared system the
# lexicon may not know as a model.
_BASELINE_NAME = re.compile(r"(?:\(|（|\bthe |\ba |，|,|^)\s*([A-Z][\w\-.]{2,24})[^()（）,，;；]{0,24}?\s(?:baseline|基线)"
                            r"|(?:baseline|基线)\s*(?:is|was|为|是)?\s*([A-Z][\w\-.]{2,24})")


@dataclass(frozen=True)
class ModelName:
    name: str
    family: str
    variant: tuple[tuple[str, str], ...]

    def agrees(self, other: ModelName) -> bool:
        mine, theirs = dict(self.variant), dict(other.variant)
        return self.family == other.family and all(
            mine[k] == theirs[k] for k in mine.keys() & theirs.keys())

    def clashes(self, other: ModelName) -> bool:
        return self.family == other.family and not self.agrees(other)


def parse_model(name: str) -> ModelName | None:
    """``"YOLOv8s"`` → family ``yolo``, variant version 8, size small; ``"ViT-B/16"`` → ``vit``,
    size base, patch 16; ``"CLAM-SB"`` → ``clam``, code sb."""
    family, variant, original = "", {}, name
    code = _VARIANT_CODE.search(name)
    if code:
        letters, patch = code.group("code"), code.group("patch")
        if letters in _CODE_SIZES:
            variant["size"] = _CODE_SIZES[letters]
        else:
            variant["code"] = letters.lower()
        if patch:
            variant["patch"] = patch
        name = name[:code.start()]
    tokens = re.findall(r"[a-z]+|\d+(?:\.\d+)?[a-z]?", name.lower())
    for i, token in enumerate(tokens):
        number = re.fullmatch(r"(\d+(?:\.\d+)?)([a-z]?)", token)
        if number:
            value, letter = number.groups()
            previous = tokens[i - 1] if i else ""
            if letter in ("b", "m", "k") and (previous in ("", "-") or "version" in variant
                                              or i > 1):
                variant["params"] = token
            elif previous == "w":
                variant["width"] = value
            else:
                variant.setdefault("version", value)
                if letter and letter in _SIZES:
                    variant["size"] = _SIZES[letter]
        elif token in _SIZES and family:
            variant["size"] = _SIZES[token]
        elif token not in _NOISE:
            family += token
    if family.endswith("v") and "version" in variant and len(family) > 2:
        family = family[:-1]  # "yolov" 8 → yolo
    family, version = _FAMILY_ALIAS.get(family, (family, None))
    if version is not None:
        variant["version"] = version
    return ModelName(original, family, tuple(sorted(variant.items()))) if len(family) >= 2 else None


# "4 层 TinyBERT", "六层的 TinyBERT", "a 6-layer TinyBERT": the depth is part of the variant
_LAYERS_BEFORE = re.compile(r"(?<![\d.])(\d{1,3})\s*(?:层|-?layers?)\s*(?:的)?\s*$")


def with_layers(parsed: ModelName | None, original: str, name: str) -> ModelName | None:
    """``parsed`` with the layer count said right before ``name`` in ``original``, if any."""
    at = original.find(name)
    if parsed is None or at < 0:
        return parsed
    layers = _LAYERS_BEFORE.search(digits(normalize(original[max(0, at - 12):at])))
    if layers is None:
        return parsed
    variant = dict(parsed.variant) | {"layers": layers.group(1)}
    return ModelName(parsed.name, parsed.family, tuple(sorted(variant.items())))


_SPACED_VERSION = re.compile(r" (\d{1,2}(?:\.\d)?)(?![\d.]|\s*(?:[kmb%]|万|亿|个|张|层|维|x\b))")
# One family under several names: "Stable Diffusion 1.5", "SD1.5" and "SDXL" are one family, and
# SDXL is its own version (an answer's "SD 1.5" for the résumé's "SDXL" is another model).
_FAMILY_ALIAS = {"stablediffusion": ("sd", None), "sdxl": ("sd", "xl")}
# a name of 3+ characters with a capital-letter variant ("CLAM-MB", "VideoMAE-B", "ViT-L/14")
_CODED_NAME = re.compile(r"(?<![A-Za-z0-9\-])[A-Za-z][A-Za-z0-9.]*[A-Z][A-Za-z0-9.]*-[A-Z]{1,2}\d?(?:/\d{1,2})?"
                         r"(?![A-Za-z0-9\-])")

# a CamelCase name with a one-letter size ("RTMPose-t", "YOLOX-s", "PicoDet-m")
_SIZED_NAME = re.compile(r"(?<![A-Za-z0-9\-])[A-Z][A-Za-z]*[A-Z][A-Za-z]*-[tsmlxn](?![A-Za-z0-9\-])")


@lru_cache(maxsize=4096)
def model_names(original: str) -> tuple[str, ...]:
    """Models a clause names, each with its variant ("HRNet-W48", "legal-BERT", "Whisper-small",
    "LLaMA-Factory"): the résumé lexicon's models, widened to the whole hyphenated token, and
    named tokens with a version or size in them ("YOLOv5m", "Qwen1.5-14B"); a name inside a
    longer one ("ResNet-1" in "BC-ResNet-1", but not the base "Qwen2.5" of "Qwen2.5-Coder-7B") and
    chips or runtimes are not models."""
    names = []
    for category, display in facets.find_methods(original):
        at = original.find(display)
        if category not in ("model", "algorithm") or at < 0:
            continue
        start, end = at, at + len(display)
        while start > 0 and re.match(r"[A-Za-z0-9.\-_]", original[start - 1]):
            start -= 1
        while end < len(original) and re.match(r"[A-Za-z0-9.\-_&]", original[end]):
            end += 1
        spaced = _SPACED_VERSION.match(original, end)  # "Stable Diffusion 1.5", "Llama 3"
        end = spaced.end(1) if spaced and not re.search(r"\d", original[start:end]) else end
        name = original[start:end].strip(".-_")
        suffix = re.findall(r"[A-Za-z]{4,}", name[at - start + len(display):])
        if any(w.lower() not in _SIZES and w.lower() not in _NOISE for w in suffix):
            continue  # "LLaMA-Factory", "YOLO-World-Tools": a tool named after a model
        names.append(name)
    names += [n for n in named_models(original, original.lower())
              if re.search(r"\d|-(?:tiny|mini|small|base|medium|large|xl|xxl|huge|nano)\b", n, re.I)]
    names += [m.group(0) for m in _CODED_NAME.finditer(original)]
    names += [m.group(0) for m in _SIZED_NAME.finditer(original)]
    names = [n for n in dict.fromkeys(names) if not vocab.DATASETS.search(n)
             and not GENERIC_MODELS.match(n.lower()) and not re.fullmatch(r"v\d+", n.lower())
             and not _NOT_MODEL.match(n)]
    return tuple(n for n in names if not any(n in o and not o.startswith(n) for o in names))


def resume_models(raw: str) -> list[tuple[ModelName, str, str]]:
    """(name, role, the résumé's words) for each model the project text names."""
    found: list[tuple[ModelName, str, str]] = []
    for line in raw.splitlines():
        for original, _ in clause_texts(line):
            for name in model_names(original):
                parsed = with_layers(parse_model(name), original, name)
                at = original.find(name)
                if parsed is None or at < 0:
                    continue
                before, after = original[:at].lower(), original[at + len(name):].lower()
                own = _SWAPPED_IN.search(before[-12:]) or (
                    _OWN_BASE.search(before) and _OWN_BASE_AFTER.match(after))
                compared = not own and (_COMPARED_BEFORE.search(before)
                                        or _COMPARED_AFTER.match(after))
                part = not own and not compared and (_PART_BEFORE.search(before[-24:])
                                                     or _PART_AFTER.match(after))
                role = "compared" if compared else "part" if part else "own"
                found.append((parsed, role, original))
            for m in _BASELINE_NAME.finditer(original):
                parsed = parse_model(m.group(1) or m.group(2))
                if parsed is not None and all(p.family != parsed.family for p, _, _ in found):
                    found.append((parsed, "compared", original))
    return found


def model_conflicts(answer: str, claimed: list[tuple[ModelName, str, str]],
                    main: bool = True) -> list[tuple[str, str, str]]:
    """(key, the résumé's words, the answer's words) for each model the answer clashes on;
    ``main``: the answer is about the model (or the task), so a model it says it used is *the*
    model — elsewhere only another variant of a claimed model clashes."""
    if not claimed:
        return []
    own = [m for m, role, _ in claimed if role == "own"]
    said_families = {p.family for o, _ in clause_texts(answer)
                     for p in map(parse_model, model_names(o)) if p is not None}
    names_own = any(m.family in said_families for m in own)
    found = []
    for original, norm in clause_texts(answer):
        if _ANSWER_COMPARE.search(norm) and not _FINAL_SWAP.search(norm):
            continue
        plain = re.sub(r"[^a-z0-9]", "", norm)
        # a component named around the verb counts, not one in a later act of the clause
        use = _ASSERTS_USE.search(norm)
        around = _NEXT_ACT.split(norm[use.end():], maxsplit=1)[0] if use else ""
        asserted = use and not _COMPONENT.search(norm[:use.end()] + around)
        for m, role, _ in claimed:  # the résumé's baseline, said as the model used
            if main and asserted and role == "compared" and own and not names_own and \
                    len(m.family) >= 4 and m.family in plain:
                found.append((f"model:{m.family}", next(w for _, r, w in claimed if r == "own"),
                              original))
                break
        for name in model_names(original):
            parsed = with_layers(parse_model(name), original, name)
            if parsed is None:
                continue
            same = _most_specific([(m, words) for m, _, words in claimed
                                   if m.family == parsed.family])
            if same and not any(m.agrees(parsed) for m, _ in same):
                found.append((f"model:{parsed.family}", same[0][1], original))
                continue
            only_compared = same and all(role == "compared" for m, role, _ in claimed
                                         if m.family == parsed.family)
            if main and asserted and own and not names_own and (not same or only_compared):
                words = next(w for m, role, w in claimed if role == "own")
                found.append((f"model:{parsed.family}", words, original))
    return found or (backbone_swaps(answer, claimed) if main else [])


# Backbone families: an answer that names another one than the résumé's ("The backbone was a
# VoVNet-99" against "BEVDet4D with ResNet-50") has swapped the network, not added a part.
BACKBONES = frozenset({
    "resnet", "resnext", "vovnet", "swin", "convnext", "efficientnet", "mobilenet", "cspdarknet",
    "darknet", "regnet", "hrnet", "vit", "deit", "densenet", "pplcnet", "pphgnet", "dla", "vgg",
    "shufflenet", "ghostnet", "repvgg", "mobilevit", "efficientvit", "internimage", "pvt",
    "mitb", "wideresnet", "res2net", "resnest", "inception", "xception", "mobileone", "fastvit",
    "levit", "efficientformer", "cspnext", "hgnet"})


def backbone_swaps(answer: str, claimed: list[tuple[ModelName, str, str]]) -> list[tuple[str, str, str]]:
    """(key, the résumé's words, the answer's) when the answer names a backbone family the résumé
    never does while the résumé has one of its own, and the answer never names that one."""
    ours = [(m, words) for m, role, words in claimed if m.family in BACKBONES and role != "compared"]
    plain = re.sub(r"[^a-z0-9]", "", answer.lower())
    if not ours or any(m.family in plain for m, _ in ours):
        return []
    for original, norm in clause_texts(answer):
        if _ANSWER_COMPARE.search(norm):
            continue
        for parsed in filter(None, map(parse_model, model_names(original))):
            if parsed.family in BACKBONES and all(m.family != parsed.family for m, _, _ in claimed):
                return [(f"model:{parsed.family}", ours[0][1], original)]
    return []


def _most_specific(same: list[tuple[ModelName, str]]) -> list[tuple[ModelName, str]]:
    """A bare family name ("转 YOLO 格式") does not vouch when the résumé also names a variant."""
    most = max((len(m.variant) for m, _ in same), default=0)
    return [(m, w) for m, w in same if len(m.variant) == most]
