"""Slot detectors that a single pattern cannot express: names, first person, mechanisms.

Seven slots are filled by things rather than by cue words: a *named* architecture (YOLOv8s,
BioBERT, a Temporal Fusion Transformer — "一个 CNN" is not a name), a *named* data origin (a
dataset, the factory's cameras, the call-centre recordings — "公司内部的" is not), a technical
*symptom* (not "stakeholder management"), a concrete *fix*, a *mechanism* that is new (not "把
CBAM 用到这个场景"), a *number tied to a metric*, and what *I* did (not "我们一起"). Each function
takes one clause (normalized text) and, where names matter, the candidate's original spelling.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.interview.drilling.slots import METRIC_NAME, N
from service.resume import facets, vocab

GENERIC_MODELS = re.compile(
    r"^(?:cnn|rnn|mlp|dnn|transformers?|attention|注意力机制|神经网络|深度学习|深度模型|大模型|模型|双塔|"
    r"two-tower|树模型|tree model|gbdt|lr|logistic regression|逻辑回归|机器学习|machine learning)$")
_ACRONYM_STOP = frozenset({
    "api", "gpu", "gpus", "cpu", "sql", "id", "ids", "ab", "qa", "oot", "ok", "nda", "ml", "ai",
    "cv", "nlp", "llm", "llms", "asr", "tts", "ner", "ocr", "rag", "sft", "pos", "ui", "hr", "kpi",
    "p50", "p90", "p99", "ms", "kb", "mb", "gb", "tb", "pr", "roc", "cuda", "json", "csv", "url",
    "ctc", "bio", "vad", "ram", "rtf", "fp16", "bf16", "int8", "int4", "oom", "mse", "mae", "kl",
    "ce", "bce", "l1", "l2", "i", "a", "an", "dpo", "ppo", "rlhf", "lora", "qlora", "sgd", "adam",
    "adamw", "spu", "psi", "woe", "iv", "smote", "snr", "cutoffs", "v1", "v2"})
_MODEL_TOKEN = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*(?:[-./][A-Za-z0-9]+)*"  # BioBERT, DSSM, ViT-B/16
    r"|[A-Za-z]+[-]?\d+(?:\.\d+)?[A-Za-z]*(?:[-./][A-Za-z0-9]+)*"  # YOLOv8s, HRNet-W32, wav2vec 2.0
    r"|[A-Za-z]+(?:-[A-Za-z]*\d[A-Za-z0-9]*){1,3})(?![A-Za-z0-9])")  # bge-large-zh, pytorch-forecasting
_MODEL_PHRASE = re.compile(
    r"(?:[A-Z][a-z]+ ){1,3}(?:Transformer|Net|Network|Former|Forest|Machine|Autoencoder|Model)s?"
    r"|lstm(?: autoencoder)?|gru|conformer|autoencoder|wideresnet|dssm|通义千问|千问|文心|百川|梯度提升树|随机森林"
    r"|gradient[- ]boost(?:ed|ing) trees?|random forest|(?<![a-z])v\d+(?=\s?的?\s?(?:small|large|base|nano|[nsmlx]\b|版本))")


_MODEL_CUE = re.compile(r"模型|网络|结构|model|network|backbone|架构|基于|用的|用了|采用|based on|using|used|with a"
                        r"|encoder|tagger|classifier|算法|algorithm|(?:[A-Z]{2,5}\s?(?:\+|加|和|and)\s?[A-Z]{2,5})")


def named_models(original: str, norm: str) -> list[str]:
    """Named architectures / algorithms in a clause (original spelling), generic families out."""
    return list(_named_models(original))


@lru_cache(maxsize=8192)
def _named_models(original: str) -> tuple[str, ...]:
    names = [display for category, display in facets.find_methods(original)
             if category in ("model", "algorithm")
             and not GENERIC_MODELS.match(display.lower())]
    for m in _MODEL_TOKEN.finditer(original):
        token = m.group(0)
        low = token.lower()
        if low in _ACRONYM_STOP or METRIC_NAME.fullmatch(low) or vocab.DATASETS.fullmatch(token):
            continue
        if len(re.sub(r"[^a-z]", "", low)) < 2 or (
                re.fullmatch(r"[a-z]+\d*[kmbg]?b?", low)
                and not re.search(r"[A-Z].*[A-Z]|\d", token)):
            continue
        if re.fullmatch(r"[A-Z]{2,5}", token) and not _MODEL_CUE.search(
                original[max(0, m.start() - 10):m.end() + 10]):
            continue  # "PCB", "ICU": an acronym is a model name only when used as one
        if not GENERIC_MODELS.match(low):
            names.append(token)
    names += [m.group(0) for m in _MODEL_PHRASE.finditer(original)]
    return tuple(dict.fromkeys(names))


_ORIGIN = re.compile(
    r"来自|来源于?|从\S{0,24}(?:来的|来|里|中|采|筛|爬|抽|拿|导出)|采集|采的|拍的|爬(?:取|的|下来)|工厂|厂里|产线"
    r"|医院|病人的|合作\S{0,4}(?:医院|方|公司)|日志|记录|录音|recordings?|logs?\b|warehouse|数据仓库|数仓"
    r"|平台上|公开数据集|开源数据集|官方数据集|比赛数据|竞赛数据|kaggle|(?:public|open) (?:dataset|benchmark)s?"
    r"|in-house|our own|own \w+|vendor|partner|hospital|factory|sensor|crawl|scrap|用户(?:行为|反馈)|曝光"
    r"|客服记录|历史\S{0,8}(?:记录|数据|对话)|内部文档|corpus|benchmarks?\b|dataset|数据集|课程老师|老师给"
    r"|sent us|给的|提供的|商品数据|(?:申请|交易|订单|进件|线上|业务|历史|征信)\S{0,2}(?:样本|记录|数据|日志)"
    # collected or bought by the team ("自采了 320 个人", "买了 40 个面具", "分析师标的", "teleoperated")
    r"|自采|自己(?:采|拍|录|收集)|自建|(?:购买|采购|买)了|外包|实验室(?!的?(?:卡|服务器|机器|gpu))|分析师|\blab\b(?! (?:gpus?|machines?|servers?|cluster))|collected|teleoperat"
    r"|bought|purchased")
_VAGUE_ORIGIN = re.compile(r"^(?:数据|data)?\S{0,4}(?:都是|就是|是)?(?:公司|我们)?(?:内部|自己)(?:的)?(?:那些)?$")
_NAMED_SET = re.compile(r"(?<![A-Za-z])(?:[A-Z][A-Za-z0-9]*(?:[- ][A-Z0-9][A-Za-z0-9]*)*(?:[- ]\d+)?)"
                        r"(?:[- ](?:LT|C|v\d))?(?![A-Za-z])")


def named_source(original: str, norm: str) -> bool:
    if vocab.DATASETS.search(original):
        return True
    if _VAGUE_ORIGIN.match(norm.strip()):
        return False
    if _ORIGIN.search(norm):
        return True
    # "ImageNet-LT, iNaturalist 2018", "LiTS 的 131 例", "CUB-200", "DDI 2013 corpus" — named where
    # data is ("上线时再蒸馏回 6 层 MiniLM" is no "上")
    return any(re.search(r"[A-Z].*[A-Za-z]", m.group(0)) and len(m.group(0)) >= 4
               and not METRIC_NAME.fullmatch(m.group(0).lower())
               and m.group(0).lower() not in _ACRONYM_STOP
               for m in _NAMED_SET.finditer(original)) and bool(
        re.search(r"数据|dataset|benchmark|corpus|用的|used|on |(?<!线)上(?!线)|at imbalance|预训练"
                  r"|pre-?train|一共|总共|in total", norm))


_NON_TECHNICAL = re.compile(
    r"stakeholder|approval|审批|业务方|需求(?:变|改)|沟通|coordinat|reviewer|accepted|deadline|时间紧|manag"
    r"|协调|开会|领导|老板|budget|预算|签|合同|paperwork|paper accepted|getting the paper")
_SYMPTOM = re.compile(
    r"难点|最难|困难|问题是|挑战|卡在|麻烦|难分|漏检|误检|误报|掉点|过拟合|不收敛|崩|幻觉|编造|胡说|冷启动|漂移|失效"
    r"|乱跳|越来越长|不准|不好|太小|太少|太多|很多|噪声|不均衡|被挡|遮挡|反光|慢|超时|显存不够|oom|nan"
    r"|hardest|difficult|challenge|problem|issue|tricky|worst|struggl|collaps|diverg|overfit"
    r"|hallucin|cold[- ]start|drift|missed|lost|worse|dropped|blank|explod|broke|failed|had no"
    r"|又臭又长|没效果|不涨|掉点|messed up|kept getting|went wrong|blew up|fell apart|unstable|不稳定"
    r"|召不回|找不到|搜不到|不回来|老是|总是|漂了|漂|always (?:miss|fail)|keeps? (?:miss|fail)"
    r"|were really hard|was hard|were hard|only \d|不一致|inconsistent|too (?:few|many|small|long)"
    r"|头疼|头痛|棘手|难搞|(?:特别|很|非常)?容易(?:出|跑|漏|错|崩|过拟合|混|糊|抖)|prone to|only (?:about|around|roughly) \d"
    r"|只有\s?(?:大概|差不多)?\s?\d|才\s?\d")


def technical_problem(norm: str) -> bool:
    if _NON_TECHNICAL.search(norm) or not _SYMPTOM.search(norm):
        return False
    # the symptom must be about something: a few content words besides the cue itself ("The
    # hardest part was that it was really difficult" is about nothing)
    rest = _SYMPTOM.sub(" ", norm)
    rest = re.sub(r"主要|就是|是|的|了|很|太|比较|肯定|有|一些|最大", "", rest)
    cjk = re.findall(r"[\u4e00-\u9fff]", rest)
    words = [w for w in re.findall(r"[a-z0-9][a-z0-9\-]+", rest) if w not in _FILLER_WORDS]
    return len(cjk) >= 2 or len(words) >= 1 or (len(cjk) == 1 and bool(words))


_FILLER_WORDS = frozenset(
    "the was were is are so thing things part most really that it this there they we i a an of to "
    "and but very quite just also be been had has have in on for with as at by our my its some lot "
    "lots all any what which who them us me you did do does get got one ones".split())


_FIX = re.compile(
    r"解决|最后|后来|做成|改成|改为|改用|换成|用了|加了|引入|采用|用\S{1,24}(?:去|来|做|代替|初始化)|把\S{1,24}(?:作为|当|放进|删|加)"
    r"|按\S{1,12}(?:把|做|分)|只用|在相机上|才(?:稳住|降|好)|直接丢掉|再用|加上|去掉|删掉|重新"
    r"|\bi (?:normali[sz]ed|added|used|rebuilt|fed|replaced|switched|introduced|wrote|built|changed"
    r"|moved|kept|froze|trained|handled|removed|re-?weighted|clipped|split|tuned|applied)"
    r"|what (?:actually |finally |really |eventually |ultimately )?(?:worked|fixed it)|the fix was|in the end|fixed (?:it|this) by|solved (?:it|this) by"
    r"|ended up|instead we|so i |which fixed|warming up|fed item|我(?:把|用|在|对|给|将)|my fix|the fix"
    r"|回头(?:去)?|改成|换成|之后就|以后就|才(?:好|解决)|fixed by|by feeding|switch(?:ed)? to")
# An attempt that failed is no fix ("我试过降学习率、加 dropout，都不太行"), nor is the onset of a
# symptom ("2000 步以后就开始出现电音").
_FAILED = re.compile(r"不太行|不行|没用|没效果|没什么用|不管用|didn'?t (?:help|work)|did not (?:help|work)|no luck"
                     r"|以后就(?:开始|会|出现)|之后就(?:开始|会|出现)")
_EMPTY_FIX = re.compile(r"^(?:最后|后来)?(?:也)?都解决了$|都解决了|worked through|一步步")


def concrete_fix(norm: str) -> bool:
    if _EMPTY_FIX.search(norm) or _FAILED.search(norm) or not _FIX.search(norm):
        return False
    rest = _FIX.sub("", norm)
    return len(re.sub(r"[\s,，.。]", "", rest)) >= 4


_MECHANISM_VERB = re.compile(
    r"加了|加入|加进|加在|加上|塞进|构造|对齐|作为|采样|加权|去重|融合|组合|设计了|提出了?|改成|换成|引入|注入|挑了|挑选|聚类"
    r"|rather than|instead of|weight by|we weight|re-?weight|专门挑|挑的|不是随机|not random"
    r"|约束|re-?weight|added|adding|combin|sampl|inject|learn|cluster|proposed|designed|introduc"
    r"|normaliz|align|instead of|rather than|side info|prototype|feature|condition(?:ing|ed)? (?:the )?\w+ on"
    r"|fed|feed(?:ing)?|prompt|作为输入|喂给|拼接|concat|前缀|prefix|prepend")
_APPLIED = re.compile(
    r"用(?:到|在)(?:了)?\S{0,8}场景|applying|applied|adapted|new for|nobody|没(?:人|有人)用过|替代了?|"
    r"improved|改进了|更适合|works better|novel loss|the new thing")


# "新的地方在于…", "what was new was…": the answer says which thing is new — new if it then names
# something of substance (not "用到这个场景", not "几个模块结合").
_NEW_INTRO = re.compile(r"(?:主要)?新在|(?:新(?:[一1]点)?的地方|新的点|创新点|创新的地方|不一样的地方|区别)(?:主要)?(?:在于|是|就是)"
                        r"|(?:what was|what's|what is|the) new(?: (?:bit|part|thing|idea))?"
                        r"(?: (?:relative to|compared (?:to|with)|versus|over) [^,;:]{1,40}?)? (?:was|is)"
                        r"|the novelty (?:was|is)|what (?:i|we) added (?:was|is)")


def new_mechanism(norm: str) -> bool:
    if _APPLIED.search(norm):
        return False
    intro = _NEW_INTRO.search(norm)
    if intro:
        rest = norm[intro.end():]
        return len(re.findall(r"[a-z]{3,}", rest)) >= 3 or len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 6
    if not _MECHANISM_VERB.search(norm):
        return False
    return bool(re.search(r"[a-z]{2,}|\d", norm)) or len(re.findall(r"[\u4e00-\u9fff]", norm)) >= 8


_RESULT_NUMBER = re.compile(r"(?<![a-z@])" + N + r"\s*(?:%|个点|points?|percent)?")


_REACHED = re.compile(r"(?:从|from)\s*\d+(?:\.\d+)?\s*%?.{0,12}?(?:到|to|→|->)\s*\d|(?:做到|达到|到了|reached"
                      r"|got to|we got|ended at|came to)\s*(?:了)?\s*\d")


def reached_number(norm: str) -> bool:
    return bool(_REACHED.search(norm))


# Dates, durations and label scales are no metric values ("2025 年 3 月到 8 月", "训练了 14 小时",
# "输出是 0 到 3 四档相关性", "a 1-5 rating").
_WHEN = re.compile(r"(?:19|20)\d{2}\s*(?:年|[./-]\s*\d{1,2})|\d+(?:\.\d+)?\s*(?:个)?\s*(?:月|日|号|天|周|小时|分钟)"
                   r"|\d+(?:\.\d+)?\s*(?:days?|weeks?|months?|years?|hours?|minutes?)(?![a-z])"
                   r"|\d+\s*(?:到|至|-|~|to)\s*\d+\s*(?:\S{0,2}(?:档|级|分制|个等级|类)|(?:point|star)s?(?: scale)?)"
                   r"|(?:\S{0,2}[档级类]|\d+-point scale)")


# A number that is a requirement, not a result: "P99 要在 80 毫秒以内", "a 50 ms budget"
_REQUIRED = re.compile(r"以内|之内|不超过|不能超过|要在|要求|目标|budget|at most|no more than|target|goal")


def metric_result(norm: str, answer_names_metric: bool) -> bool:
    """A number that is a metric's value: the metric named in the clause (or, for "做到 0.84",
    in the answer), the number not part of the metric's name (Recall@10, mAP@0.5), and not a
    requirement ("P99 要在 80 毫秒以内")."""
    if _REQUIRED.search(norm):
        return False
    stripped = _WHEN.sub(" ", METRIC_NAME.sub(" ", norm))
    has_value = bool(re.search(r"(?<![a-z@\-])\d+(?:\.\d+)?", stripped)) or bool(
        re.search(r"[一二三四五六七八九十]+成", stripped))
    if not has_value:
        return False
    if METRIC_NAME.search(norm):
        return True
    return answer_names_metric and bool(re.search(r"做到|达到|到了?|是|reached|got|to \d|at \d|"
                                                  r"of \d|was \d|versus|vs|against|for (?:ours|us|our)|我们(?:的)?(?:是|做到)", norm))


_FIRST_PERSON = re.compile(r"我(?!们)|(?<![a-z])(?:i|my|myself|me|mine)(?![a-z'])")
_OWN_VERB = re.compile(
    r"负责|写|做|实现|设计|搭|构建|完成|提出|定|查|跑|标|训|改|部署|整理|推|出的|扛|包了|搞定|wrote|write|built|build"
    r"|implement|covered|took care of"
    r"|(?:were|was|are|is) (?:entirely |all |completely |fully )?mine|mine from|由我|归我"
    r"|design|ran\b|run\b|owned|own\b|led\b|came up|creat|train|deploy|develop|did\b|handled|set up")
_PARTICIPATION = re.compile(r"参与|协助|配合|帮忙|打下手|跟着|一起|involved|helped|help with|supporting|"
                            r"supported|part of|contributed to|most of the work|a bit of everything|"
                            r"其中一部分|一些实验|一些工作")


def own_part(norm: str) -> bool:
    if not _FIRST_PERSON.search(norm) or not _OWN_VERB.search(norm):
        return False
    if _PARTICIPATION.search(norm):
        return False
    rest = _OWN_VERB.sub("", _FIRST_PERSON.sub("", norm))
    rest = re.sub(r"主要|都|全部|一个人|1个人|独立|自己|的|了|是|也|the|all|whole|and|myself", "", rest)
    return len(re.sub(r"[\s,，.。]", "", rest)) >= 4 and bool(
        re.search(r"[a-z]{3,}|[\u4e00-\u9fff]{2,}", rest))


def has_number(norm: str) -> bool:
    """A digit (clauses are read with spoken numbers already written as digits)."""
    return bool(re.search(r"\d", norm))


_INPUT_SIDE = re.compile(
    r"输入|给(?:定|[1一]\s?[张个段条句份])|拿到|(?:用户|员工|客户|医生|患者)\S{0,2}(?:问|上传|输入|提交|发)|用.{0,12}(?:特征|数据|信息)"
    r"|given (?:a|an|the)|takes?\b|goes in|go in|come in|inputs? (?:is|are|was|were)|\bin,? (?:and )?"
    r"(?:the )?(?:model )?output|trained on .{0,30} sees|sees .{0,40}(?:batch|image|frame|text)|from the "
    r"microphone|拍的|采的|吃进去|喂进去|送进去|进去的是|(?:audio|text|images?|video|frames?|tokens?|data|signals?) in\b|拍(?:一张|1张)|传上来|comes? in|we take|给过来|送进来|拿.{0,10}(?:特征|数据|信息|历史)"
    r"|given|based on (?:the|its|their)|from (?:its|the|their) (?:history|sales|text|audio|image)"
    r"|\b[a-z]{3,}s in\s*$")  # "two dates in, a binary change mask out"
_OUTPUT_SIDE = re.compile(
    r"输出|预测|判断|分(?:成|为|到)|框出|检索|生成|返回|召回|识别|检测|标出|打分|数\S{0,12}次数|"
    r"outputs?|predict|classif|\btag|return|retriev|generat|\bscore|detect|forecast|\blabel|transcri"
    r"|adapt|\bcount|圈出|找出|算(?:一个|1个|出)|排出|给出|告诉|hand back|produce|flag|rank|(?:we|it) give"
    r"|\w+ out\b|吐出|出来的是")


_DATA_NOUN = re.compile(r"图片|照片|图像|视频|音频|文本|语音|日志|记录|序列|帧|信号|images?|photos?|audio|text"
                        r"|notes?|frames?|signals?|recordings?|documents?|sentences?")


def input_and_output(clauses: list[str]) -> int | None:
    """Index of the clause that says what goes in, when the answer also says what comes out."""
    inputs = [i for i, c in enumerate(clauses) if _INPUT_SIDE.search(c)] or [
        i for i, c in enumerate(clauses) if _DATA_NOUN.search(c)]
    outputs = [i for i, c in enumerate(clauses) if _OUTPUT_SIDE.search(c)]
    if not inputs or not outputs:
        return None
    for i in inputs:
        start = _INPUT_SIDE.search(clauses[i]) or _DATA_NOUN.search(clauses[i])
        after = clauses[i][start.end():] if start else clauses[i]
        if any(o != i for o in outputs) or _OUTPUT_SIDE.search(after):
            return i
    return None


_ADD_ONLY = re.compile(r"加了|加入|加上|加个|引入|接了|插入|added|adding|\bwith an? |plus an? |用了")
_REAL_CHANGE = re.compile(
    r"换成|替换|改成|改为|换掉|去掉|删掉|冻结|rank|秩|约束|replac|swap|instead of|rather than|froze|freez|remov"
    r"|constraint|switched|changed|改了")
_LOCATION = re.compile(
    r"(?:在|于|到|往|给)\s?[^\s，,。；;]{0,10}?(?:\s[^\s，,。；;]{1,10}){0,2}?\s?(?:backbone|neck|head|encoder|decoder|层"
    r"|stage|c2f|p\d|stride|分支|塔|tower"
    r"|attention|mlp|ffn|残差|bottleneck|检测头|特征图|输入端|输出端|池化|embedding|block|之间|前面|后面|之后|之前|最后|每)"
    r"|(?:backbone|neck|head|encoder|decoder|层|stage|c2f|attention|mlp|tower|塔)\s?\S{0,6}(?:里|中|上|后|前|之后|之前|最后)"
    r"|(?:into|in|on|after|before|between|inside|at|to) (?:the |each |every |all |its |a )?(?:\w+ ){0,3}?(?:backbone|neck"
    r"|encoder|decoder|layers?|stages?|blocks?|heads?|attention|mlp|ffn|tower|branch|output|logits|input)"
    r"|on top|每(?:个|一)|every|each")


def add_only(norm: str) -> bool:
    """"在里面加了一个 SE 注意力", "with an adapter added": a named block added, with no where,
    nothing it replaced — a real change says where it went or what it replaced."""
    return bool(_ADD_ONLY.search(norm)) and not _REAL_CHANGE.search(norm) and \
        not _LOCATION.search(norm)
