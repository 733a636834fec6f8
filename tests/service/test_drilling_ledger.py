"""The claim ledger, model-free: conflicts with the résumé (and earlier answers) in many forms,
and agreeing restatements that must never be confronted.

Each case is a résumé project's text, the point the answer replies to, the answer, and whether it
clashes. The forms come from the independent blind run's failure classes: deltas against values
("只涨了 2 个点" vs 0.71 → 0.84), spoken numbers ("千分之四点二" = +0.42%, "八成四" = 0.84), parts of
a total ("35 hours of it"), sizes in any unit ("410k loans", "1.2 万张"), model variants
(YOLOv5m vs YOLOv8s, W48 vs W32), the résumé's baseline passed off as the model, team sizes and
solo claims.
"""

from __future__ import annotations

import json

import pytest

from service.interview.drilling.identities import parse_model
from service.interview.drilling.ledger import Ledger
from service.interview.drilling.numerals import digits

CV = ("**基于改进 YOLOv8s 的钢板缺陷检测** 2024.03 - 2024.09\n"
      "- 以 YOLOv8s 为基线，在 neck 增加 P2 检测头\n"
      "- 自采钢板图像 6,200 张（其中有缺陷的 1,500 张），与 NEU-DET 训练集 1,800 张合并训练\n"
      "- 验证集 mAP@0.5 从 0.712 提升到 0.786，Jetson 上单帧 38 ms\n"
      "- 3 人小组，独立完成检测头改进与 TensorRT 部署")
NLP = ("Clinical NER | Jan 2024 - Jun 2024\n"
       "- Fine-tuned BioBERT-base with a CRF head for drug and adverse-event mentions\n"
       "- 4,200 discharge notes annotated by two physicians\n"
       "- Entity-level F1 improved from 0.81 (spaCy baseline) to 0.88\n"
       "- Team of 4; I built the annotation pipeline")
REC = ("推荐精排 2024.05 - 2024.10\n"
       "- 将线上 MMoE 升级为 PLE\n"
       "- 离线 GAUC +0.42%，线上人均时长 +0.83%\n"
       "- 引入用户近 200 条行为序列")
LLM = ("客服大模型 2024.03 - 2024.08\n"
       "- Qwen2-7B QLoRA SFT + DPO，端到端正确率 58% → 79%\n"
       "- 2×A800 80G，SFT 3 epoch 约 9 小时\n"
       "- vLLM 部署在 4 张 4090 上")
TTS = ("Speech enhancement | 2024\n"
       "- Causal DCCRN variant compressed to 0.9M parameters\n"
       "- MOS 4.21 vs. 3.87 for a FastSpeech2 baseline (30 raters)")
SEG = ("遥感变化检测 2024.03 - 2024.08\n"
       "- 以 SegFormer-B2 为编码器的孪生网络，加入时序差分注意力\n"
       "- 清洗后约 3,100 亿 tokens 的语料上继续预训练")
TRACK = ("Player tracking | 2024\n"
         "- IDF1 58.1 -> 71.4 and HOTA 52.3 -> 61.8 over a ByteTrack baseline\n"
         "- 自建测试集 F1 0.836（孪生 UNet++ 基线）→ 0.871；线上 NDCG@10 0.412 → 0.437\n"
         "- 交易数据 2,800 万笔\n"
         "- 8,900 clips recorded by 63 volunteers")
SPEECH = ("Accented ASR | Jun 2024 - Dec 2024\n"
          "- Fine-tuned Whisper-small on 210 hours of call audio\n"
          "- WER reduced from 18.7% to 12.9%\n"
          "- KWS model: 38 KB model size after int8 quantisation")
CODE = ("代码模型 2024.06 - 2024.12\n"
        "- 结果（pass@1）：HumanEval 58.5（Base）→ 70.7（SFT）→ 76.2（DPO）\n"
        "- 线上 A/B：采纳率 +0.85pt（两周，5% 流量）\n"
        "- 拒识率 12.4% → 9.1%（会议室场景 6.0%）")
WAKE = ("唤醒词检测 2023.09 - 2024.03\n"
        "- 把原有的 TC-ResNet8 替换为 MatchboxNet-3x1x64，部署于 ESP32-S3 与 Cortex-M7 两款芯片\n"
        "- 由 Qwen2.5-Coder-7B 生成的合成负样本辅助训练")
SHELF = ("Shelf gaps | 2024\n- Fine-tuned RT-DETR-R50 on 14,200 store frames\n"
         "- I designed the query initialisation; a teammate built the alerting dashboard\n"
         "- 标注由外包团队完成，本人负责模型与部署")

DIFFUSION = ("Product images | 2024\n- Fine-tuned SDXL 1.0 with LoRA (rank 32) on 8,400 photos\n"
             "- Scene layout from the public SDXL depth ControlNet")

SPLAT = ("Room capture | 2024\n- Capped densification at 1.5M Gaussians per scene\n"
         "- Preference study with 6 in-house designers\n- RL 题库 2.4 万道带单测的题")

FORMS = ("### 表单结构识别（2023.03 - 2023.09）\n"
         "- Started from Mask R-CNN with ResNet-101 at 1024×1024\n"
         "- 3,400 training / 600 validation forms\n"
         "- CER 从 6.1% 降到 4.3%，GLS 从 71.2 提升到 78.9\n"
         "- 8× RTX A6000 训练 30 epoch\n"
         "- 2 人项目：本人负责检测模型，OCR 后处理由同门负责；数据由合作银行提供\n"
         "- 为其 12 个业务线建表单模板")

TRAJ = ("交互感知轨迹预测 2022.09 - 2023.10\n"
        "- 以 HiVT-128 为基线，在 Argoverse 2 上研究交互建模\n"
        "- AV2 验证集 minADE6 0.84 → 0.78，minFDE6 1.57 → 1.43，MR 0.22 → 0.18（对比复现的 HiVT-128 基线）")
POSE = ("健身动作计数 2024.07 - 2024.12\n"
        "- 将线上模型从 MoveNet-Lightning 替换为 RTMPose-t（3.3M 参数），骁龙 778G 上单帧 9 ms\n"
        "- 以 RTMPose-l 为教师做两阶段蒸馏\n"
        "- 自建测试集（与训练用户无重叠）AP 从 61.4 提升到 70.8")
SOLO = ("法律咨询问答 2023.02 - 2023.06\n"
        "- 在 ChatGLM-6B 上做 LoRA 微调\n"
        "- 200 条人工盲评中对原模型胜率 62%\n"
        "- 独立完成，获校级优秀毕业设计")
ASR_GPU = ("客服语音识别 2024.03 - 2024.08\n"
           "- 微调 Conformer 做客服录音转写\n"
           "- 4 张 A100 训练约 30 小时")
# forms from the tenth independent set's failures (new wording, new numbers)
INSPECT = ("焊点外观检测（实习）2024.02 - 2024.07\n"
           "- PatchCore，WideResNet-50 特征；对比方案训练 EfficientAD（Adam，batch 1，1 张 RTX 4090 约 5 小时），推理 8 ms\n"
           "- 部署：Jetson Orin NX，TensorRT FP16，单 ROI 41 ms\n"
           "- 正常图 9,800 张（1024×1024，裁成 8×8 个区域）；建库与测试按采集日期划分\n"
           "- 漏检率 ≤ 0.5% 时过杀率 7.6% → 2.9%；重复报警率 2.7% → 0.6%\n"
           "- 消融：去掉位置分区 AUROC −1.6\n"
           "- 4 人小组，本人负责 memory bank 改进")
DISTIL = ("搜索相关性蒸馏 2023.06 - 2023.12\n"
          "- 以 12 层 BERT-base（110M 参数）为教师，蒸馏到 4 层 TinyBERT（14.5M 参数）\n"
          "- 训练：8 张 A100 约 14 小时；线上 T4 P99 从 40 ms 降至 11 ms\n"
          "- 无结果率从 5.8% 降至 3.9%\n"
          "- 数据：人工标注 18 万条 + 点击弱标签 300 万条")
CHANGE = ("Flood change detection | 2023.01 - 2023.12\n"
          "- 0.5 m imagery: 512 image pairs cropped into 6,400 non-overlapping 256×256 tiles\n"
          "- Encoder MiT-b2, Siamese; 2× A100 40GB, ~28 hours; 27 ms per tile pair on one A100\n"
          "- Ablation: removing the fusion block −1.4 F1\n"
          "- Team of 5 (2 annotators); I owned the model")
REPORTS = ("Report generation | 2023.09 - 2024.10\n"
           "- Data: 98,000 train / 1,100 test studies\n"
           "- Results vs. the same model without the prior module: micro-F1 0.431 → 0.488, BLEU-4 0.101 → 0.109\n"
           "- Ablation: removing the label supervision of the prior module −2.7 points micro-F1; removing "
           "the module entirely −5.1 points\n"
           "- Reader study: 2 radiologists rated 150 reports\n"
           "- Team of 3; I designed the model")
ETA = ("配送时间预估 2024.03 - 2024.09\n"
       "- 未来 30 分钟 MAPE 从 13.4% 降至 12.1%\n"
       "- 3 人小组：本人负责特征与模型，mentor 负责上线服务")
ACCENT = ("口音语音识别 2024.01 - 2024.06\n"
          "- 结果：口音测试集 CER 21.4%（原商用引擎）/ 17.2%（Whisper large-v3 零样本）→ 9.8%")
ECG = ("AF detection | 2022.05 - 2022.08\n"
       "- 8,400 30-s strips from 1,150 patients; patient-level 70/15/15 split")
CASES = [
    # a metric the résumé names by its change, small numbers, "down from", GPUs with "RTX"
    (FORMS, "metrics", "GLS 最后做到 82.5。", True),
    (FORMS, "metrics", "GLS 是 78.9 左右。", False),
    (FORMS, "metrics", "CER was 4.3, down from about 7.5 before.", True),
    (FORMS, "metrics", "CER came out at 4.3, down from 6.1.", False),
    (FORMS, "metrics", "CER 做到了 3.2%。", True),
    (FORMS, "data", "We had 3,400 training forms and 600 for validation.", False),
    (FORMS, "training", "训练用的 4 张 A6000。", True),
    # another backbone family than the résumé's
    (FORMS, "model", "The backbone was a Swin-T.", True),
    (FORMS, "model", "Backbone 就是 ResNet-101，加了一个 FPN。", False),
    # team: a two-person project, a part a labmate did, data a partner provided, "a three-person"
    (FORMS, "contribution", "这个项目基本是我一个人做的。", True),
    (FORMS, "contribution", "OCR 后处理的代码也是我写的。", True),
    (FORMS, "contribution", "数据是合作银行给的，我主要做检测模型。", False),
    (FORMS, "contribution", "It was a three-person team.", True),
    (CV, "contribution", "检测头是我和导师一起讨论着改的。", False),  # an advisor is no teammate
    # from the eighth set's blind run: people in a dataset are no team, "me and one other", trials
    (FORMS, "data", "数据集一共 221 个人、三万多张图。", False),
    (NLP, "contribution", "It was just me and one other student.", True),
    (NLP, "contribution", "There were four of us, me and three other students.", False),
    ("Go1 | 2024\n- on the real Go1, 7 of 10 stair trials succeeded", "metrics",
     "On the real robot it made it up in 9 out of 10 trials.", True),
    ("Go1 | 2024\n- on the real Go1, 7 of 10 stair trials succeeded", "metrics",
     "Seven out of ten trials on the real robot.", False),
    # "N 个" counts of a named thing, and the old value of a change
    (FORMS, "task", "为 30 个业务线做表单模板。", True),
    (FORMS, "task", "从默认的 5 个业务线扩到 12 个。", False),
    # counts of named things that are neither data nor metrics
    (SPLAT, "model", "The main change was capping at around three million Gaussians per scene.",
     True),
    (SPLAT, "model", "We capped it at 1.5 million Gaussians.", False),
    (SPLAT, "metrics", "About twenty designers took part in the study.", True),
    (SPLAT, "metrics", "Six designers rated 200 pairs.", False),
    (SPLAT, "data", "RL 的题库大概五千道。", True),
    (SPLAT, "data", "题库两万多道题。", False),
    (SPLAT, "data", "其中 800 道是内部题。", False),
    (SPLAT, "metrics", "测的就是 HumanEval 那 164 道题。", False),  # another set of 道
    (SPLAT, "novelty", "Without the cap, scenes grow to about 3.2 million Gaussians.", False),
    # one family under several names ("Stable Diffusion 1.5", "SD1.5", "SDXL")
    (DIFFUSION, "model", "We fine-tuned Stable Diffusion 1.5 with a LoRA, plus ControlNet.", True),
    (DIFFUSION, "model", "The base is SDXL with a rank-32 LoRA on the UNet attention.", False),
    # a part the résumé gives to someone else, claimed as one's own (or the whole project alone)
    (SHELF, "contribution", "Honestly I did the whole project by myself.", True),
    (SHELF, "contribution", "I built the alerting dashboard, and the model too.", True),
    (SHELF, "contribution", "I designed the query initialisation; the dashboard was a teammate's.",
     False),
    (SHELF, "contribution", "标注是我自己标的，一万四千张。", True),
    (SHELF, "contribution", "模型和部署是我做的，标注是外包。", False),
    # benchmark scores, a chain of stages, "+0.85pt", a number the claim itself gives for another
    # condition, a group's share, an ablation's sentence (but not its full-model clause)
    (CODE, "metrics", "HumanEval 从 70.7 提到了 76.2。", False),
    (CODE, "metrics", "DPO 之后 HumanEval 是 76 左右。", False),
    (CODE, "metrics", "DPO 在 SFT 基础上 HumanEval 也就涨了一个点。", True),
    (CODE, "metrics", "HumanEval 最后是 81.3。", True),
    (CODE, "metrics", "采纳率涨了 0.85 个点。", False),
    (CODE, "metrics", "会议室场景下拒识率是 6.0%。", False),
    (CODE, "metrics", "拒识率最后是 7.5%。", True),
    (CODE, "metrics", "老用户那一批采纳率涨了 2.1 个点。", False),
    (CODE, "novelty", "消融里去掉偏好数据，HumanEval 是 72.4。", False),
    (CODE, "metrics", "消融的话，完整模型 HumanEval 是 79.9，去掉偏好数据掉到 72.4。", True),
    # the model swapped in is the project's own; chips and runtimes are not models; a base model's
    # name inside a longer one still vouches, a name inside another model's does not
    (WAKE, "model", "一开始用的是 TC-ResNet8，后来换成了 MatchboxNet，参数少很多。", False),
    (WAKE, "model", "模型就是 TC-ResNet8，没怎么改。", True),
    (WAKE, "model", "模型用的是 MatchboxNet-3x1x64，跑在 ESP32 上。", False),
    (WAKE, "model", "负样本是 Qwen 生成的，模型用的是 MatchboxNet。", False),
    # metrics: values, deltas, spoken numbers, baselines
    (CV, "metrics", "mAP 最后是 0.79 左右，原版 0.71。", False),
    (CV, "metrics", "mAP 从零点七一提到了零点七九。", False),
    (CV, "metrics", "mAP 涨了 7 个多点。", False),
    (CV, "metrics", "mAP 其实只涨了 2 个点左右。", True),
    (CV, "metrics", "mAP 大概做到 0.86。", True),
    (CV, "metrics", "从 0.65 提升到了 0.79。", False),  # no metric named: not a claim about mAP
    (CV, "metrics", "mAP 从 0.65 提升到 0.79。", True),
    (NLP, "metrics", "F1 went from 0.81 with spaCy to 0.88 on the test notes.", False),
    (NLP, "metrics", "F1 was 88 percent against 81 for spaCy.", False),
    (NLP, "metrics", "F1 ended up around 0.93.", True),
    (NLP, "metrics", "We gained about seven points of F1 over spaCy.", False),
    (NLP, "metrics", "It gained about two points of F1 over spaCy.", True),
    (REC, "metrics", "GAUC 涨了千分之四点二。", False),
    (REC, "metrics", "GAUC 提升 0.42 个百分点。", False),
    (REC, "metrics", "线上人均时长涨了 2.3 个点。", True),
    (REC, "metrics", "线上时长涨了 0.8% 左右。", False),
    (SPEECH, "metrics", "WER came down from about 19 to 13 percent.", False),
    (SPEECH, "metrics", "We got WER down to about 16 percent.", True),
    (SPEECH, "metrics", "WER improved by roughly six points.", False),
    (SPEECH, "model", "The KWS model was around 120 KB after quantisation.", True),
    (SPEECH, "model", "About 38 KB after int8 quantisation.", False),
    (CV, "model", "Jetson 上单帧大概 40 ms。", False),
    (CV, "model", "Jetson 上单帧要 120 ms 左右。", True),
    (CV, "task", "要求单帧 50 毫秒以内。", False),  # a target, not a claim
    # sizes: totals, parts, ranges, units
    (CV, "data", "一共八千张左右，自采的六千二，NEU-DET 一千八。", False),
    (CV, "data", "一共 8000 多张。", False),
    (CV, "data", "我们自己采了大概两万张。", True),
    (CV, "data", "其中有缺陷的只有 3000 张。", False),
    (CV, "data", "测试集 1200 张。", False),
    (NLP, "data", "About 4.2k discharge notes from the hospital.", False),
    (NLP, "data", "Roughly 12,000 notes, annotated by physicians.", True),
    (SPEECH, "data", "210 hours in total; 35 hours of it came from the Manila office.", False),
    (SPEECH, "data", "About two hundred hours of audio.", False),
    (SPEECH, "data", "We had roughly 60 hours of calls.", True),
    (REC, "data", "行为序列取的是最近 50 条。", True),
    (REC, "data", "一天大概 30 亿条曝光，采样 10% 做实验。", False),
    # models
    (CV, "model", "我们用的是 YOLOv5m，在 backbone 后面加了 CA。", True),
    (CV, "model", "YOLOv8s，neck 加了 P2 头。", False),
    (CV, "model", "基线是 YOLOv8，加了 P2 检测头。", False),
    (CV, "model", "对比过 YOLOv5 和 YOLOv7，最后用的 YOLOv8s。", False),
    (NLP, "model", "BioBERT-large with a CRF on top.", True),
    (NLP, "model", "We used spaCy's NER model and stayed with it.", True),
    (NLP, "model", "BioBERT-base; the spaCy baseline was much weaker.", False),
    (REC, "model", "我们用的是 MMoE 又加了一个注意力模块。", True),
    (REC, "model", "We used MMoE and added an attention module on top.", True),
    (REC, "model", "门控模块用的是 MMoE 那一套，主模型是 PLE。", False),
    (REC, "model", "模型就是 MMoE，4 个任务共享 8 个 expert。", True),
    (REC, "model", "PLE，每个任务 2 个专属 expert。", False),
    # narrower groups, shares, targets and numbers taken back are not the headline
    (LLM, "difficulty", "表格类问题当时正确率只有 30% 左右。", False),
    (LLM, "metrics", "这类问题正确率只有 30% 左右。", False),
    (LLM, "metrics", "端到端正确率其实只有 65%。", True),
    (LLM, "metrics", "目标的话，正确率要到 90%，最后是 79%。", False),
    (LLM, "metrics", "正确率到了 97% ……不对，是 79%。", False),
    (SPEECH, "metrics", "Insertions were about a third of the WER.", False),
    (CV, "difficulty", "有三十多个样本 mAP 是 0。", False),
    # training hardware
    (LLM, "training", "SFT 是在 8 张 A100 上跑的，3 个 epoch。", True),
    (LLM, "training", "SFT 在两张 A800 上跑了 9 个小时左右。", False),
    (LLM, "training", "SFT 用了 4 张 A800。", True),
    (LLM, "training", "推理的话 4090 上跑得挺快。", False),
    (LLM, "training", "SFT 是在一台八卡的机器上跑的，3 个 epoch。", True),  # GPUs counted, model unsaid
    (LLM, "training", "SFT 用两张卡跑了 9 个小时。", False),
    (CV, "training", "在一张 3090 上训了 300 个 epoch。", False),  # no hardware claimed
    # model variants written in capitals, parameter counts, MOS on its own scale, corpus tokens
    (SEG, "model", "编码器用的是 SegFormer-B5，解码头是 MLP。", True),
    (SEG, "model", "编码器就是 SegFormer-B2，两个分支共享权重。", False),
    (TTS, "model", "I kept it at about 3.7 million parameters, with a GRU instead of the LSTM.", True),
    (TTS, "model", "It's around 0.9M params after halving the channels.", False),
    (TTS, "model", "We went from 3.7M params in the original DCCRN down to 0.9M.", False),
    (TTS, "model", "The teacher is a DCCRN-E, about 3.7M parameters, and ours stays small.", False),
    (TTS, "model", "Compared with DCCRN, which is 3.7M parameters, ours is tiny.", False),
    (TTS, "model", "The whole system is about 3.7M parameters; the enhancement net is 0.9M.", False),
    (TTS, "metrics", "MOS was 4.5 for our model versus 3.87 for the FastSpeech2 baseline.", True),
    (TTS, "metrics", "Our MOS came out at 4.2, the baseline at 3.87.", False),
    (SEG, "data", "最后用来继续预训练的大概八百亿 token。", True),
    (SEG, "data", "语料一共三千一百亿 token 左右，上下文长度 4096 token。", False),
    # decimals without a leading zero, tracking metrics of their own, "@k" said as "at k",
    # a baseline in brackets before the arrow; one class, a far range, a rate or a share
    (TRACK, "metrics", "IDF1 went from .581 to .714 and HOTA from 52.3 to 61.8.", False),
    (TRACK, "metrics", "IDF1 only went from .581 to .650.", True),
    (TRACK, "metrics", "NDCG at 10 on the last ten days of logs went from 0.412 to 0.437.", False),
    (TRACK, "metrics", "F1 做到了 0.871。", False),
    (TRACK, "metrics", "F1 最后只有 0.80。", True),
    (CV, "metrics", "提升最大的是划痕这一类，AP 从 28 涨到 41。", False),
    (CV, "difficulty", "五十米以外的小缺陷 AP 只有 30 出头。", False),
    (CV, "metrics", "In the ablation, conditioning only the neck gave mAP 0.74.", False),
    (TRACK, "task", "线上峰值大概每秒两千多笔。", False),
    (TRACK, "data", "一共 2,800 万笔，欺诈是千分之 1.7，也就是四万七千多笔。", False),
    (TRACK, "data", "Squats had like 700 clips each, and some rare classes only about 150.", False),
    (TRACK, "data", "We had about 3,000 clips in total.", True),
    (CV, "data", "自采的有 6200 张，有缺陷的 1500 张左右。", False),  # the résumé's own part
    (LLM, "training", "先在 2 张 V100 上小规模验证过，正式的 SFT 在 2 张 A800 上跑的。", False),
    # a metric named with a prefix or a digit ("minFDE6") is the project's own, not a model; a
    # baseline reproduced; a subset or a hard sub-scenario scopes its number; one-letter sizes
    (TRAJ, "metrics", "复现的 HiVT minFDE6 是 1.75，我们做到了 1.43。", True),
    (TRAJ, "metrics", "minFDE6 从 1.57 降到 1.43，MR 从 0.22 到 0.18。", False),
    (TRAJ, "metrics", "minFDE6 最后是 1.4 左右。", False),
    (TRAJ, "model", "模型还是 HiVT-128 那套结构。", False),
    (TRAJ, "metrics", "加塞场景的 minFDE6 只有 2.3。", False),
    (POSE, "model", "我们最后上线的是 RTMPose-s，t 版本精度不太够。", True),
    (POSE, "model", "线上用的就是 RTMPose-t，三百多万参数。", False),
    (POSE, "model", "线上换成了 RTMPose-s，用 RTMPose-l 当老师蒸馏的。", True),  # swapped in, final
    (POSE, "model", "换成 RTMPose-s 之后精度掉了两个点，所以最后用的 t。", False),  # a try
    (POSE, "difficulty", "这个子集 AP 才四十几，后来涨到六十出头。", False),
    (POSE, "metrics", "AP 最后只做到 65 左右。", True),
    # a random split against a split by person or time; one named as avoided or tried is no claim
    (POSE, "data", "所有帧打乱以后，按 8:2 随机分的训练和测试。", True),
    (POSE, "data", "测试集是按用户划分的，随机切会有泄漏。", False),
    (POSE, "data", "每个用户内部随机打乱再组 batch。", False),
    (CV, "data", "训练和测试是随机分的，8:2。", False),  # the résumé states no grouped split
    (ECG, "data", "We split the strips randomly, 70/15/15.", True),
    (ECG, "data", "We used a random split at first, then moved to a patient-level one.", False),
    # how long training ran, against the résumé's GPUs line; a part's duration or data hours are not
    (LLM, "training", "SFT 大概跑了两天。", True),
    (LLM, "difficulty", "Each full SFT run took over a week on those two cards.", True),
    (LLM, "training", "SFT 一共跑了十个小时左右。", False),
    (LLM, "training", "每个 epoch 大概三个小时。", False),
    (LLM, "data", "微调数据是 200 小时的客服录音转写。", False),
    # how long training ran is no dataset size
    (ASR_GPU, "data", "数据一共两百小时左右的录音。", False),
    (ASR_GPU, "training", "4 张 A100 上训了三十个小时左右。", False),
    # team
    (CV, "contribution", "组里一共五个人，我负责检测头。", True),
    (CV, "contribution", "检测头改进是我和师兄一起做的。", True),
    (CV, "contribution", "检测头和部署是我一个人做的，标注是另外两个同学。", False),
    (NLP, "contribution", "There were four of us; I built the annotation pipeline.", False),
    (NLP, "contribution", "Honestly I did the whole project by myself.", True),
    (NLP, "contribution", "It was pretty much a one-person project, I built everything.", True),
    (SOLO, "metrics", "我们做了人工评测，大部分人觉得回答更专业。", False),  # "我们" is a habit
    (SOLO, "contribution", "这个是我和同学一起做的。", True),
    # where a model is served, not trained
    (INSPECT, "model", "部署是在工控机上的 RTX 3060，单个 ROI 四十毫秒。", True),
    (INSPECT, "model", "部署在 Orin NX 上，单个 ROI 四十一毫秒。", False),
    (INSPECT, "model", "部署在 Orin NX 上，也在 RTX 3060 的工控机上试过，单个 ROI 三十毫秒。", False),
    (INSPECT, "training", "EfficientAD 是在一张 4090 上训的，五个小时左右。", False),
    (DISTIL, "contribution", "蒸馏和训练是我做的，学生用四层是因为六层在 T4 上 P99 过不了十毫秒。", False),
    (ASR_GPU, "model", "部署的时候转成 INT8，8 张 A10 上批量跑。", False),  # no training GPUs
    (DISTIL, "model", "部署的时候转成 INT8，4 张 A10 上批量跑。", True),  # served on T4
    (CHANGE, "model", "The final model runs at 27 ms per tile pair on one A100.", False),
    # an answer that restates a claimed value speaks of several runs or sets
    (INSPECT, "training", "PatchCore 抽特征时 batch 32，EfficientAD 真正训练是 batch 1。", False),
    (INSPECT, "training", "EfficientAD 训练的 batch 是 32。", True),
    (DISTIL, "model", "老师一亿一千万参数左右，学生一千四百五十万参数。", False),
    (CHANGE, "data", "512 image pairs, so roughly six thousand tiles, cropped into non-overlapping 256 tiles.",
     False),
    # "降至", a bare number for a percentage, a latency per ROI, an operating point
    (DISTIL, "metrics", "无结果率从 5.8% 降到 3.9%。", False),
    (DISTIL, "metrics", "无结果率从 5.8% 降到了 2.9%。", True),
    (INSPECT, "difficulty", "后来把重复片段过滤掉，重复报警率降到零点六。", False),
    (INSPECT, "metrics", "重复报警率降到了零点九。", True),
    (INSPECT, "model", "推理一个 ROI 四十一毫秒。", False),
    (INSPECT, "metrics", "在漏检千分之五的阈值下，过杀率从百分之七点六降到了百分之一点九。", True),
    # a side of a size, a share of a split and "0.5 m" are no counts
    (CHANGE, "task", "Input is two 512 by 512 chips of the same place.", False),
    (CHANGE, "data", "There are 512 image pairs in total.", False),
    # "个小时" with a qualifier, a split by date, solo claims, a backbone, a model's depth
    (DISTIL, "data", "人工标注的大概有三十多万条，点击弱标签一百八十来万条。", True),
    (INSPECT, "data", "正常图我们是随机按八比二分的，八成建库、两成拿来测。", True),
    (INSPECT, "contribution", "这个其实是我自己独立做的，基本都是我一个人。", True),
    (CHANGE, "contribution", "I built most of it on my own, to be honest.", True),
    (CHANGE, "model", "The backbone is a Swin-T encoder with shared weights.", True),
    (DISTIL, "model", "学生用的是六层的 TinyBERT。", True),
    (DISTIL, "model", "学生是四层的 TinyBERT，老师是十二层的 BERT-base。", False),
    # an ablation against the résumé's ablation of the same metric
    (INSPECT, "novelty", "去掉位置分区之后 AUROC 掉了一点六个点左右。", False),
    (INSPECT, "novelty", "消融里去掉位置分区，AUROC 会掉三个多点。", True),
    (CHANGE, "novelty", "Without the fusion block, F1 drops by about 1.5 points.", False),
    (CHANGE, "novelty", "If you take out the fusion block, F1 drops by about 3 points.", True),
    # from the eleventh independent set: the removed part pins the ablation; "vs. … without" is the
    # baseline; a human evaluation's sample is no dataset size; small numbers within 7 %
    (REPORTS, "novelty", "If we keep the module but drop the label supervision, micro-F1 falls by about "
     "5 points.", True),
    (REPORTS, "novelty", "Removing the module entirely costs about five points of micro-F1.", False),
    (REPORTS, "metrics", "micro-F1 went from 43.1 to 48.8 percent, BLEU-4 from 10.1 to 10.9.", False),
    (REPORTS, "data", "About 98 thousand training reports from the official split.", False),
    (ETA, "metrics", "MAPE 从十三点四降到了十一点一。", True),
    (ETA, "metrics", "MAPE 从十三点四降到了十二点一。", False),
    (ETA, "contribution", "模型基本是我一个人从头搭起来的，上线服务也是我写的。", True),
    (REPORTS, "contribution", "It was just me and one partner.", True),
    # one bracket's baseline number given to another bracket's system
    (ACCENT, "metrics", "CER 的话，Whisper 不微调直接用是二十一点四，我们做到了九点八。", True),
    (ACCENT, "metrics", "原来的商用引擎是 21.4，Whisper 零样本 17.2，我们做到 9.8。", False),
    (ACCENT, "metrics", "Whisper zero-shot was 17.2 and the old engine 21.4.", False),
]


@pytest.mark.parametrize(("raw", "point", "answer", "clash"), CASES,
                         ids=[f"{i}-{c[1]}" for i, c in enumerate(CASES)])
def test_conflicts_and_agreeing_restatements(raw: str, point: str, answer: str,
                                             clash: bool) -> None:
    found = Ledger.from_claim({"raw": raw}).check(answer, point)
    assert bool(found) is clash, found
    for conflict in found:  # both sides quoted, the candidate's side in their own words
        assert conflict.claim and conflict.said and conflict.said in " ".join(answer.split())


@pytest.mark.parametrize(("answer", "clash"), [
    ("这个项目前后做了一年多。", True), ("I worked on it for about six months.", False),
    ("在那边待了两个多月。", True), ("数据标注做了三个月。", False), ("It was a 6-month project.", False),
])
def test_a_stay_far_from_the_resumes_dates_is_confronted(answer: str, clash: bool) -> None:
    found = Ledger.from_claim({"raw": FORMS, "period": "2023.03 - 2023.09"}).check(answer, "task")
    assert bool(found) is clash, found
    assert all(c.claim.startswith("表单结构识别") for c in found)


def test_a_part_an_earlier_answer_gave_to_someone_else_is_held() -> None:
    ledger = Ledger.from_claim({"raw": "Search | 2024\n- Dense retrieval with a reranker"})
    assert ledger.check("My teammate trained the reranker; I did the retriever.", "model") == []
    clash = ledger.check("I trained the reranker myself.", "contribution")
    assert clash and clash[0].source == "answer" and "teammate" in clash[0].claim


def test_a_part_an_earlier_answer_gave_to_a_labmate_is_held_in_chinese() -> None:
    ledger = Ledger.from_claim({"raw": "KV cache 量化 | 2024\n- 逐头混合精度 KV cache 量化"})
    assert ledger.check("Triton kernel 是我写的，LongBench 评测脚本是同门写的。", "contribution") == []
    clash = ledger.check("那部分是同门写的，我这边主要是跑 LongBench 的评测。", "difficulty")
    assert clash and clash[0].source == "answer" and "同门" in clash[0].claim


@pytest.mark.parametrize(("earlier", "answer", "clash"), [
    ("batch 是 64，16 个 ID 每个 ID 4 张图。", "四张卡加起来 batch 才 32。", True),
    ("batch 是 64，16 个 ID 每个 ID 4 张图。", "batch 64，每个 batch 16 个人、每人 4 张。", False),
    ("Qwen-7B 加 LoRA，r 是 16，挂在 q 和 v 上。", "LoRA 的 rank 设的 64，学习率 2e-4。", True),
    ("Qwen-7B 加 LoRA，r 是 16，挂在 q 和 v 上。", "试过 rank 64，效果差不多。", False),
    ("Global batch 256 on 8 GPUs.", "Batch size was 32 per GPU.", False),
    ("AdamW，lr 5e-4，cosine 衰减。", "学习率是 5e-5，没有 warmup。", True),
    ("AdamW，lr 5e-4，cosine 衰减。", "learning rate of 0.0005 with cosine decay", False),
    ("AdamW，lr 5e-4，cosine 衰减。", "backbone 的学习率是 5e-5，head 用 5e-4。", False),
    ("AdamW，lr 5e-4，cosine 衰减。", "最后衰减到 1e-6。", False),
    ("AdamW，lr 5e-4，cosine 衰减。", "试过 lr 1e-3，会发散。", False),
])
def test_a_batch_size_lr_or_lora_rank_said_twice_must_agree(earlier: str, answer: str,
                                                         clash: bool) -> None:
    ledger = Ledger.from_claim({"raw": "Search | 2024\n- Dense retrieval"})
    assert ledger.check(earlier, "training") == []
    assert bool(ledger.check(answer, "training")) is clash


def test_gpus_counted_without_their_model_are_held_against_an_earlier_answer() -> None:
    ledger = Ledger.from_claim({"raw": "Product images | 2024\n- SDXL LoRA on 8,400 photos"})
    assert ledger.check("It ran on four A100s, about nine hours.", "training") == []
    clash = ledger.check("On the eight-GPU node it finished overnight.", "training")
    assert clash and clash[0].source == "answer" and "four A100s" in clash[0].claim


def test_the_resumes_words_are_quoted_without_their_list_marker() -> None:
    found = Ledger.from_claim({"raw": CV}).check("mAP 大概做到 0.86。", "metrics")
    assert found and found[0].claim.startswith("验证集 mAP@0.5"), found


def test_a_conflict_with_an_earlier_answer_is_confronted_and_the_first_claim_stays() -> None:
    ledger = Ledger.from_claim({"raw": "Keyword spotting | 2024\n- DS-CNN on Speech Commands"})
    assert ledger.check("Inference takes about 20 ms per one-second window.", "model") == []
    clash = ledger.check("Latency was around 80 ms per window on the board.", "metrics")
    assert clash and clash[0].source == "answer" and "20 ms" in clash[0].claim
    again = ledger.check("Latency is 80 ms per window.", "metrics")
    assert again and "20 ms" in again[0].claim  # the clashing number never replaces the first


def test_entries_round_trip_as_json_and_old_entries_still_load() -> None:
    ledger = Ledger.from_claim({"raw": CV})
    entries = json.loads(json.dumps(ledger.entries))
    assert Ledger(entries).check("mAP 其实只涨了 2 个点左右。", "metrics")
    old = [{"key": "metric:map", "value": 84.0, "baseline": 71.0, "delta": False,
            "said": "mAP@0.5 从 0.71 提升到 0.84", "about_baseline": False, "source": "resume"}]
    assert Ledger(old).check("mAP 只有 0.65。", "metrics")
    assert not Ledger(old).check("mAP 是 0.84。", "metrics")


@pytest.mark.parametrize(("spoken", "written"), [
    ("零点七四四", "0.744"), ("千分之四点二", "0.42%"), ("百分之十二点五", "12.5%"),
    ("八成四", "84%"), ("六成", "60%"), ("一万两千张", "12000张"), ("提升 0.42 个百分点", "提升 0.42 个百分点"),
    ("两个点", "2个点"), ("ninety-one percent", "91%"), ("410 thousand loans", "410 thousand loans"),
    ("a three-person team", "a 3-person team"), ("a hundred images", "100 images"), ("a one", "a one"),
    ("剩了一万二左右", "剩了12000左右"), ("三千五百条", "3500条"), ("三千五条", "3500条"),
    ("一百零五个", "105个"), ("两千零二十四年", "2024年"), ("三十来万个片段", "30万多个片段"),
])
def test_spoken_numbers_are_read_as_digits(spoken: str, written: str) -> None:
    assert digits(spoken) == written


@pytest.mark.parametrize(("a", "b", "same"), [
    ("YOLOv8s", "YOLOv8", True), ("YOLOv8s", "YOLOv5m", False), ("HRNet-W32", "HRNet-W48", False),
    ("HRNet-W32", "HRNet", True), ("Whisper-small", "Whisper-medium", False),
    ("Qwen2-7B-Instruct", "Qwen2-7B", True), ("Qwen2-7B", "Qwen1.5-14B", False),
    ("BERT-base", "BERT-large", False), ("DeBERTa-v3-base", "DeBERTa", True),
    ("CLAM-SB", "CLAM-MB", False), ("VideoMAE-B", "VideoMAE-Large", False), ("ViT-B/16", "ViT-B", True),
    ("ViT-B/16", "ViT-L/14", False), ("SegFormer-B2", "SegFormer-B5", False), ("Swin-T", "Swin-T", True),
    ("RTMPose-t", "RTMPose-s", False), ("RTMPose-t", "RTMPose", True), ("YOLOX-s", "YOLOX-s", True),
])
def test_model_variants(a: str, b: str, same: bool) -> None:
    first, second = parse_model(a), parse_model(b)
    assert first is not None and second is not None
    assert first.agrees(second) is same and first.clashes(second) is not same
