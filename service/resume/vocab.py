"""Word lists and small regexes for claim facets other than methods (see ``lexicon``):
datasets, metric names, roles, organisations, venues, and the cue phrases that mark a task
statement, an own contribution, a modification of an existing model, or an improvement.

Everything here is data; the matching logic lives in ``facets`` and ``metrics``.
"""

from __future__ import annotations

import re

# ASCII-aware word boundaries (CJK characters are \w in Python re, so \b is useless next to them).
WB = r"(?<![A-Za-z0-9_])"
WE = r"(?![A-Za-z_])"
_B, _E = WB, WE

# Dashes that join a date range or split a header: ASCII and full-width hyphen-minus, the hyphen
# (U+2010) and non-breaking hyphen (U+2011), figure dash ‒, en dash, em dash (also doubled, "——"),
# horizontal bar, minus sign −, tilde / full-width tilde and the wave dash 〜 of Chinese and
# Japanese typesetting.
DASH_CHARS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d~\uff5e\u301c\u3030"
DASH = "[" + re.escape(DASH_CHARS) + "]{1,2}"

# A bullet / numbering mark at the start of a line: "- ", "•", "1.", "1、", "(1)", "①", "[1]".
BULLET = re.compile(r"^\s*(?:[-*•●▪◆■·○➢►✓]|\d{1,2}[.、)）](?!\d)|[（(]\d{1,2}[)）]|[①-⑩]|"
                    r"\[\d{1,2}\])\s*")

DATASETS = re.compile(_B + r"(?:" + "|".join([
    r"(?:MS[\s-]?)?COCO(?:[\s-]?20\d\d)?", r"ImageNet(?:-?(?:1k|21k|22k))?",
    r"Pascal[\s-]?VOC(?:\s?20\d\d)?",
    r"Cityscapes", r"KITTI", r"nuScenes", r"Waymo(?: Open Dataset)?", r"BraTS(?:[\s-]?20\d\d)?",
    r"LIDC-IDRI", r"ISIC(?:[\s-]?20\d\d)?", r"CheXpert", r"MIMIC-(?:CXR|III|IV)", r"M&Ms", r"ACDC",
    r"MNIST", r"CIFAR-?10{1,2}", r"SQuAD(?:\s?[12]\.\d)?", r"(?:Super)?GLUE", r"MMLU", r"C-Eval",
    r"CMMLU", r"GSM8K", r"HumanEval", r"MBPP", r"FinEval", r"MT-Bench", r"AlpacaEval", r"ShareGPT",
    r"LibriSpeech", r"AISHELL-?\d?", r"WMT\s?\d{2}", r"CLUE", r"DuReader", r"MS\s?MARCO", r"BEIR",
    r"C-MTEB", r"MTEB", r"MovieLens(?:-\d+[MK])?", r"Criteo", r"Avazu", r"LAION(?:-\d+[BM])?",
    r"CC3M|CC12M", r"Objects365", r"LVIS", r"ADE20K", r"Open\s?Images", r"WIDER\s?FACE", r"CelebA",
    r"FFHQ", r"UCF-?101", r"Kinetics(?:-\d+)?", r"ShapeNet", r"ScanNet", r"DOTA", r"VisDrone",
    r"SemanticKITTI", r"LFW", r"MegaFace", r"PubMedQA", r"Home Credit",
    r"MVTec(?:[\s-]?AD)?", r"(?-i:VisA)", r"LEVIR-CD\+?", r"WHU-CD", r"Qasper", r"HotpotQA", r"TriviaQA",
    r"Natural Questions", r"MATH-500", r"Market-?1501", r"MSMT17", r"MPII", r"Human3\.6M", r"CrowdPose",
    r"MIT-BIH", r"PTB-XL", r"WenetSpeech", r"Common\s?Voice", r"LJSpeech", r"VCTK", r"Argoverse(?:\s?2)?",
    r"nuPlan", r"Sen1Floods11", r"Amazon[\s-]Reviews",
]) + r")" + _E)

METRIC_NAMES = re.compile(_B + r"(?:" + "|".join([
    r"Top-?[15]\s?(?:acc(?:uracy)?|准确率|error)", r"mAP(?:@?[\d.:]+|_?\d{2})?",
    r"AP(?:@[\d.:]+|\d{2})", r"mIoU", r"IoU", r"(?-i:EM|AP)",
    r"Dice(?:\s?(?:score|coefficient|系数))?",
    r"F1(?:[\s-]?score|值)?", r"Macro-F1",
    r"(?:ROC[\s-]?|GAUC|g)?AUC", r"accuracy|acc", r"precision", r"recall(?:@\d+)?",
    r"BLEU(?:-\d)?", r"ROUGE(?:-[L12])?", r"METEOR", r"CIDEr", r"perplexity|PPL", r"WER", r"CER",
    r"NDCG(?:@\d+)?", r"HR@\d+", r"MRR(?:@\d+)?", r"GMV", r"CTR", r"CVR", r"QPS", r"TEDS",
    r"(?:P\d{2}\s)?latency", r"throughput", r"FPS", r"RMSE", r"MAE", r"MSE", r"R2|R²", r"PSNR",
    r"SSIM", r"FID", r"win[\s-]rate", r"pass@\d+", r"speed-?up", r"success rate", r"error rate",
    r"F-?measure", r"top-?1 accuracy", r"zero-shot (?:top-1 )?accuracy",
    r"准确率", r"正确率", r"精确率", r"精准率", r"精度", r"召回率", r"查准率", r"查全率", r"命中率",
    r"点击率", r"转化率", r"留存率?", r"胜率", r"成功率", r"通过率", r"解决率", r"误报率",
    r"漏检率",
    r"误检率", r"错误率", r"投诉率", r"延迟|时延", r"耗时", r"吞吐(?:量)?", r"显存(?:占用)?",
    r"推理速度", r"训练速度", r"速度", r"参数量", r"成本", r"效率", r"收入", r"营收", r"覆盖率",
    r"(?:F1|AUC|Dice)\s?值", r"得分|分数", r"临床准确率",
]) + r")" + _E, re.IGNORECASE)

DELTA_UP = re.compile(r"提升|提高|增加|增长|上涨|改善|改进了?|加速|超过"
                      r"|improv\w*|increas\w*|boost\w*|rais\w*|gain\w*|speed-?up|\+", re.IGNORECASE)
DELTA_DOWN = re.compile(r"降低|下降|减少|缩短|压缩|节省|降至|reduc\w*|decreas\w*|cut\w*|lower\w*"
                        r"|drop\w*|sav\w*", re.IGNORECASE)

CONTRIBUTION = re.compile(
    r"负责|主导|牵头|带领|设计|实现|提出|独立|搭建|开发|构建|编写|完成|我|本人|主要工作|优化了|改进|引入|"
    r"复现|训练了|部署|推动|落地|"
    + _B + r"(?:I|I've|I'm|led|lead|designed|implemented|proposed|built|developed|owned|drove|"
    r"created|wrote|architected|spearheaded|introduced|trained|deployed|optimi[sz]ed|improved|"
    r"engineered|devised|invented|launched|mentored|fine-tuned|reduced|achieved)" + _E,
    re.IGNORECASE)
PARTICIPATION_ONLY = re.compile(r"参与|协助|配合|跟进|学习了|了解|" + _B
                                + r"(?:participated|assisted|helped|involved|contributed to)" + _E,
                                re.IGNORECASE)

TASK_LABEL = re.compile(r"^(?:项目(?:描述|背景|简介|目标|内容)|背景|目标|任务|简介|描述|"
                        r"(?:Project\s)?(?:Goal|Task|Objective|Problem|Background|Description|"
                        r"Summary|Overview))\s*[:：]\s*", re.IGNORECASE)
# A sentence stating what the project is for ("针对 / 用于" alone are method details, not aims).
TASK_AIM = re.compile(r"旨在|目标是|目的是|目标为|" + _B + r"(?:aims? to|aimed to|the goal (?:is|was)"
                      r"|goal was|objective (?:is|was))" + _E, re.IGNORECASE)
META_LABEL = re.compile(r"^(?:担任角色|角色|职位|岗位|时间|起止时间|项目名称|技术栈|使用技术"
                        r"|Role|Position|Period|Time|Tech ?stack)\s*[:：]", re.IGNORECASE)
CONTRIBUTION_LABEL = re.compile(
    r"^(?:主要工作|个人职责|主要职责|职责|我的工作|工作内容|个人贡献"
    r"|Responsibilities|Contributions?|My role|What I did)\s*[:：]\s*", re.IGNORECASE)

MODIFICATION = re.compile(
    r"改进|改造|修改|魔改|设计了|设计并|设计(?:一种|一个|新的)|提出|引入|新增|添加|加入|替换|融合|自研|重构|"
    r"重新设计|改为|嵌入|"
    + _B + r"(?:modif\w*|propos\w*|design\w*|introduc\w*|add\w*|replac\w*|customi[sz]\w*|novel|"
    r"extend\w*|re-?architect\w*|combin\w*|augment\w*|new)" + _E, re.IGNORECASE)

ROLES = re.compile(
    r"项目负责人|技术负责人|负责人|核心成员|主要成员|主要完成人|组长|队长|成员|算法实习生|研究实习生|"
    r"[\u4e00-\u9fffA-Za-z]{0,8}实习生|[\u4e00-\u9fffA-Za-z]{0,8}工程师|研究员|研究助理|第一作者|共同一作|共同第一作者|通讯作者|第[二三四]作者|"
    r"一作|二作|独立开发|独立完成|" + _B + r"(?:(?:co-)?first author|second author|corresponding "
    r"author|team (?:lead|leader|member)|tech lead|project lead|lead|leader|captain|member|"
    r"(?:research |software |ML |machine learning |algorithm |(?-i:[A-Z][a-z]+ ){1,2})?"
    r"(?:intern|engineer|scientist)(?: intern)?|"
    r"research assistant|(?-i:RA|PI)|owner)" + _E, re.IGNORECASE)

ORG_SPAN = re.compile(
    r"(?:(?![的了过在和与及参负做用是])[\u4e00-\u9fffA-Za-z()（）]){2,20}?"
    r"(?:有限公司|公司|集团|研究院|实验室|研究所|研究中心|大学(?!生)|学院)"
    r"(?:\s?[A-Z][a-z]+(?:\s[A-Z][a-z]+)*)?"
    r"|(?:[A-Z][\w&.-]*\s){0,4}(?:Inc\.?|Ltd\.?|LLC|Corp\.?|Labs?|University|Institute|Technologies)"
    r"(?:\sof(?:\s[A-Z][\w-]*)+)?")
COMPANIES = re.compile(
    r"字节跳动|腾讯|阿里巴巴|阿里云|阿里|蚂蚁集团|百度|美团|京东|华为|商汤(?:科技)?|旷视|快手|小红书|网易|滴滴|"
    r"拼多多|小米|携程|微软|谷歌|蔚来|理想汽车|大疆|科大讯飞|智谱|月之暗面|" + _B
    + r"(?:ByteDance|Tencent|Alibaba|Baidu|Meituan|Huawei|SenseTime|Megvii|Kuaishou|Microsoft|"
    r"Google|Meta|Amazon|Apple|NVIDIA|OpenAI|DeepMind|FAIR)" + _E)
ROLE_STRONG = re.compile(
    r"项目负责人|技术负责人|负责人|核心成员|主要完成人|组长|队长|第一作者|共同一作|共同第一作者|通讯作者|"
    r"第[二三四]作者|一作|独立开发|独立完成|" + _B + r"(?:(?:co-)?first author|second author"
    r"|corresponding author|team (?:lead|leader)|tech lead|project lead|captain)" + _E,
    re.IGNORECASE)
# GPU models as written on résumés and in answers (lower-case text; compile with re.I for raw
# text): the drilling ledger's hardware claims, and what tells training time from hours of data.
GPU_MODELS = (r"(?:[ahl]100|[ah]800|h20|h200|v100|p100|(?<![a-z])t4|a10g?|a30|a40|a6000|l40s?|l20|l4"
              r"|(?:rtx\s?)?(?:2080|3080|3090|4080|4090|5090)(?:\s?ti)?|rtx\s?[2345]0[6-9]0(?:\s?ti)?|titan\s?\w+)")
VENUES = re.compile(_B + r"(?:CVPR|ICCV|ECCV|NeurIPS|NIPS|ICML|ICLR|AAAI|IJCAI|ACL|EMNLP|NAACL|"
                    r"COLING|KDD|WWW|SIGIR|WSDM|CIKM|MICCAI|ISBI|IROS|ICRA|TPAMI|TMI|TIP|TNNLS|"
                    r"Interspeech|ICASSP|arXiv)(?:\s?['’]?\d{2,4})?(?:\s(?:Findings|Workshop|Oral))?"
                    + _E + r"|中文核心|北大核心|SCI|EI|发明专利|实用新型专利")
COMPETITION = re.compile(r"竞赛|比赛|大赛|挑战赛|天池|数学建模|ACM|ICPC|蓝桥杯|" + _B
                         + r"(?:Kaggle|Challenge|Competition|Contest|Cup|Hackathon|Olympiad)" + _E,
                         re.IGNORECASE)
AWARDS = re.compile(r"[特一二三]等奖|金奖|银奖|铜奖|金牌|银牌|铜牌|冠军|亚军|季军|优秀奖|" + _B
                    + r"(?:gold|silver|bronze)(?: medal)?|winner|runner-up|honou?rable mention"
                    + _E, re.IGNORECASE)
