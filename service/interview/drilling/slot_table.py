"""The slot table: per drilling point, the slots a complete answer holds (see :mod:`.slots`).

Each slot: its labels and the interviewer's question for it (zh, en); ``fill`` — the pattern
that finds it stated concretely in one clause (a ``(?!x)(?!y)x`` pattern means a detector in
:mod:`.assess` decides instead); ``cue`` — the pattern that finds it merely mentioned; and
exemplars of concrete statements (zh and en) for the optional embedding comparison.
"""

from __future__ import annotations

import re

from service.interview.drilling.slot_base import GPU, N
from service.interview.drilling.slot_base import make_slot as _slot
from service.resume.vocab import DATASETS

_TASK = [
    _slot("task", "io", ("输入输出", "inputs and outputs"),  # + answer-level check (assess.py)
          ("输入具体是什么数据、输出是什么形式", "what exactly goes in and what comes out"),
          r"(?:输入|给(?:定|[1一]\s?[张个段条句份])|拿到|用户上传|用户问|given (?:a|an|the)|takes?|"
          r"(?:goes|go|come) in|input(?:s)? (?:is|are|was|were)|\bin,? (?:and )?(?:the )?(?:model )?output|"
          r"from (?:the )?\w+ (?:go|goes) in|用.{0,12}(?:特征|数据|信息))"
          r".{0,60}?(?:输出|预测|判断|分(?:成|为|到)|框出|检索|生成|返回|召回|识别|检测出?|标出|打分|"
          r"outputs?|predict|classif|tag|return|retriev|generat|score|detect|forecast|label)"
          r"|(?:输出|预测|output|predict|forecast|classify).{0,4}.{0,40}?(?:概率|类别|框|分数|序列|向量|"
          r"probabilit|labels?|class|span|tags?|transcript|quantile|score|units|one of|是否)"
          r"|(?:classify|predict|forecast|detect|tag|extract) (?:the |each |every )?\w+(?: \w+){0,6} "
          r"(?:into|as|for each|from)|sequence labell?ing|序列标注|二分类|多分类|binary classification"
          r"|(?:tokens?|images?|audio|notes?|sentences?|text) (?:of [a-z ]+ )?in,? (?:and )?\w+ out"
          r"|\b[a-z]+s in,? (?:and )?(?:a |an |the )?[\w\- ]{1,30}? out\b"
          r"|(?:image|text|audio|speech|video|sequence|token|图像|图片|文本|语音|视频|序列)\s?(?:classification"
          r"|detection|segmentation|recognition|retrieval|labell?ing|分类|检测|分割|识别|检索|标注)",
          r"任务|输入|输出|检测|分类|识别|预测|推荐|生成|task|input|output|detect|classif|predict"
          r"|recogni|recommend|forecast|extract",
          ("输入是产线相机拍的零件图片，输出是每个缺陷的框和类别",
           "给一条用户评论，模型判断它是正面、负面还是中性",
           "用户问一个问题，系统检索相关文档再生成带引用的答案",
           "The input is a scanned invoice image and the output is a JSON with vendor, date and "
           "total amount",
           "Given a user's last 50 clicks, predict the probability they click each candidate item",
           "Audio goes in and the model outputs the transcript with word timestamps")),
    _slot("task", "goal", ("成功标准", "success criterion"),
          ("这个任务怎么衡量做得好不好、目标定在多少", "how success was measured, and the target"),
          r"(?=.*(?:目标(?:就|主要|其实)?是|要求|验收|衡量|标准|看的是|主要看|看\s?(?:auc|ks|f1|map|recall)|评测|评估|打分|"
          r"goal (?:is|was)|target (?:is|was)|success (?:is|was|meant)|measured|judged|scored by|"
          r"we tracked|we report|needed|had to|required|the target|由.{0,10}(?:评|打分|标)|要求是|好坏(?:就)?看"
          r"|optimi[sz]ed? for|the aim|aim(?:ed)? (?:is|was|to|for)|objective (?:is|was)|what mattered|考核"
          r"|the bar|bar (?:is|was)|threshold|门槛|(?:给的|定的|划的)线|底线|至少|不低于|不少于|不超过|不能(?:比|低于|超过)"
          r"|要(?:过|超过|达到|高于|低于|比)|at least|no (?:less|more|worse) than|had to (?:beat|reach|stay)|must"
          r"|看的就是|(?:signed|sign) off|wanted|衡量标准|验收|kpi|考核))"
          r".*?(?:" + N + r"|map|auc|auroc|gauc|ks|f1|recall|召回|准确|精度|漏检|误检|误报|满意|转人工|"
          r"时长|延迟|latency|wer|mape|accuracy|precision|error|ctr|点击|dice|iou|top-?1|坏账|"
          r"stock-?out|waste|合规|态度|相关率|false alarm|rmsle|smape|wape|mrr|ndcg|gauc|[\u4e00-\u9fff]{2}率"
          r"|[a-z]+ rate|帧|fps)"
          r"|(?:" + N + r")\s*(?:%|毫秒|ms|帧每秒|帧/秒|fps|个点|points?)?\s*(?:以内|以下|以上|之内)|(?:below|under|above"
          r"|at least|less than|more than|over)(?: a| an)? " + N,
          r"目标|效果|衡量|标准|要求|goal|target|success|measure|better|metric",
          ("要求漏检率低于 2%，每张图 50 毫秒内出结果",
           "验收标准是召回率 95% 以上、误报率不超过 5%",
           "离线看 AUC，线上看人均观看时长",
           "The goal was word error rate under 13% on accented speakers",
           "Success meant adverse-event recall above 0.85 for the safety team",
           "We judged it by strict entity-level F1 on a held-out set")),
    _slot("task", "scale", ("规模和约束", "scale and constraints"),
          ("线上数据量级和延迟、资源上的约束是多少", "the scale and the latency or resource limits"),
          r"(?:" + N + r")\s*(?:万|亿|k|million|billion|thousand)?\s*(?:次|条|通|个|张|笔|calls|requests|"
          r"notes|queries|series|pairs|items|store).{0,8}?(?:每天|每秒|一天|/天|a day|per day|a month|"
          r"per second|qps|每月|[1一]个月)|(?:每天|每秒|[1一]天|每个月|a day|per day|a month|per second).{0,10}?"
          + N + r"|(?:qps|tps|p99|延迟|latency|内存|ram|显存|毫秒|ms).{0,12}?" + N + r"|" + N
          + r"\s*-?\s*(?:毫秒|ms|milliseconds?|kb|mb)\s*(?:以内|内|之内|budget)?|" + N
          + r"\s*-?\s*(?:秒|seconds?)\s*(?:以内|内|之内|budget)|(?<![\d.])\d{2,3}\s*(?:帧|fps)|(?:microcontroller|on-device|端侧|边缘设备|jetson|"
          r"手机端|嵌入式)|" + N + r"\s*(?:万|亿|million|billion|thousand|k)?\s*(?:个|条|路|家)?\s*\S{0,4}(?:商品|视频|"
          r"store-item|series|documents|文档|用户|stores?|shops?|products?|门店|摄像头|cameras?|候选|candidates?)",
          r"规模|量级|线上|实时|延迟|约束|scale|latency|real-?time|volume|throughput",
          ("线上每天大概 20 万次请求，单次要在 20 毫秒内返回",
           "要部署在 Jetson 上，每张图 30ms 以内",
           "要从 8000 万个商品里检索，P99 延迟 80 毫秒",
           "We process about 30,000 notes a month",
           "It had to run on a microcontroller with 256 KB of RAM",
           "12,000 store-item series, rescored every week in under an hour")),
    _slot("task", "why", ("为什么需要", "why it was needed"),
          ("原来的方案差在哪、为什么要做这个", "what was wrong with the existing approach"),
          r"(?:原来|之前|原有|old|existing|previous|manual|人工).{0,20}(?:" + N + r"|因为|所以|because|so )"
          # what was wrong, said plainly: the old system's failure, or the reason asked for itself
          r"|(?:原来|之前|原有|现有|通用|old|existing|previous|current)[^。!?！？]{0,40}?(?:不准|不够|不行|漏掉|丢点"
          r"|乱飘|失效|太慢|太重|太贵|经常|只能|(?<![a-z])only (?:saw|used|had|looked)|can't|cannot|couldn't"
          r"|didn't|fail|poor|blind|plateau|struggl)"
          r"|为什么要[^。!?！？]{0,12}?因为|(?<![a-z])why\s*[:：]|the reason (?:for|was|is)|瓶颈|bottleneck|痛点",
          r"原来|之前|人工|old|existing|manual|previous",
          ("原来靠人工目检，一个工人一天只能看 2000 个零件",
           "旧系统是规则模板，答非所问的比例有 30%",
           "The old Kaldi system had 18% WER on accented callers")),
]

_MODEL = [
    _slot("model", "arch", ("具体结构", "the architecture"),
          ("具体是哪个模型、多大规模", "exactly which model, and what size"),
          r"(?!x)(?!y)x",  # filled by named-model detection in the assessor, not by a pattern
          r"模型|网络|结构|backbone|架构|model|network|architecture|backbone|双塔|two-tower",
          ("backbone 用的是 YOLOv8s", "基座是 Qwen2-7B-Instruct",
           "用的是 ResNet-50 加一个两层 MLP 的投影头",
           "wav2vec 2.0 large with a linear CTC head on top",
           "BioBERT base with a CRF layer", "a Temporal Fusion Transformer with hidden size 64")),
    _slot("model", "change", ("改了什么、改在哪", "what you changed and where"),
          ("具体改了网络的哪一部分、怎么改的", "which part of the network you changed, and how"),
          r"(?:在|把|给|往|对).{0,24}?(?:里|上|中|后面|后|前面|前|之后|之前|头|层|塔|模块|block|地方|位置|处|stage).{0,8}?"
          r"(?:加了|加入|加|引入|插入|插了|接了|接|换成|替换|改成|改为|去掉|约束)"
          r"|(?:加|加入|引入|插入|接|换成|替换成?|改成|改为).{0,6}?(?:在|到).{0,20}?(?:层|头|neck|backbone|"
          r"head|模块|block|之后|后面|上)|(?:层|头|塔|模块|结构|backbone|encoder|decoder|kernel|tokenizer|loss|损失|head|neck|pooling|池化)"
          r".{0,8}(?:换成了|替换成|改成了|换掉)|(?:换成了|替换成|改成了|换掉).{0,12}(?:层|头|塔|模块|loss|损失|head"
          r"|pooling|池化)|(?:rank|秩)\s*" + N
          + r"|lora.{0,6}(?:加在|加到|apply|on)|单调性约束|冻结|freez|(?:added|put|inserted|replaced|swapped|"
          r"wrapped|attached|appended|froze|removed)\b.{0,50}?(?:layer|head|block|encoder|decoder|top|instead"
          r"|with|marker|kernel|covariate|prototype|tower|neck|backbone|embedding|lm|language model)"
          r"|(?:instead of|rather than) (?:a |the )?\w+|on top of|文本塔换成|head 换成|检测头"
          r"|(?:挂|接|插|放|加)(?:在|到)\S{0,30}?(?:层|头|上|里)|(?:rank|秩|(?<![a-z])r)\s*(?:取|=|设为?|为|of)\s*" + N
          + r"|(?:with|plus|加(?:了)?|接(?:了)?|插(?:了|入)?|塞(?:进|了)|feeding)\s?(?:a |an |one |two |\d )?.{0,30}?"
          r"(?:head|layer|classifier|prototype|branch|module|block|头|分支|模块|层|块|向量|vector)"
          # a named model swapped in ("换成了预训练的 ECAPA-TDNN"), or the change introduced as such
          r"|(?:换成了?|替换(?:成|为)|改用|换为|switched to|replaced (?:it |them )?with|swapped in)\s?\S{0,6}?\s?"
          r"[a-z][a-z0-9]*[\-\d][a-z0-9\-]*"
          r"|the (?:main |key |big )?change (?:is|was) (?:in|to|that|on|at)|(?:we|i) (?:changed|modified) the \w+"
          r"|改动(?:主要)?(?:在|是)|主要改了|改的是",
          r"改|加|换|引入|modif|chang|add|replac|custom",
          ("在 neck 的每个 C2f 后面加了 CBAM 模块", "把文本塔换成了中文 RoBERTa",
           "LoRA 加在所有 attention 和 MLP 的线性层上，rank 16",
           "I put a CRF on top of the last layer instead of a softmax",
           "I froze the CNN feature encoder and added a 4-gram language model in decoding",
           "I replaced the 31-wide depthwise kernel with a 15-wide one")),
    _slot("model", "why", ("为什么这么选/这么改", "why this choice"),
          ("为什么选它、为什么这么改", "why you chose it and why that change"),
          r"(?:因为|由于|为了|考虑到|是因为|所以|原因是|不然|否则|装得下|放得下|跑得动|问题是|because|since|so that"
          r"|(?:选|用|不用|没用|为什么不用)\S{0,16}?(?:主要是|是因为|就是因为)|the problem (?:is|was)|mainly for|picked it|chose it|(?:picked|chose|selected) \S+ over|看中"
          r"|so any|in order to|to fit|fits? on|otherwise|"
          r"on purpose|due to|mattered because|which (?:also )?(?:ran|runs)|needed).{0,4}.{4,}"
          r"|装得下|放得下|跑得动|塞得下|fits? (?:on|in(?:to)?) (?:a |one |the |\d)"
          r"|(?:比(?!较)|than).{0,12}(?:快|慢|高|低|差|好|faster|slower|better|worse)"
          r"|" + N + r"\s*(?:[a-z0-9@\-]+\s){0,2}(?:better|worse|higher|lower|faster|slower)"
          r"|(?:高|低|快|慢|higher|lower|faster|slower|better|worse)(?:了)?\s*(?:by )?" + N
          + r"|(?:compared|对比过|比过|比较过).{0,40}" + N,
          r"因为|为什么|为了|because|why|since",
          ("选 YOLOv8s 是因为要在 Jetson 上 30ms 以内",
           "因为划痕细长、背景纹理多，需要空间注意力",
           "对比过逻辑回归和 XGBoost，XGBoost 的 KS 高 0.05",
           "We chose TFT over DeepAR because we needed variable importance for buyers",
           "softmax produced invalid tag sequences, so I used a CRF",
           "Whisper hallucinated on long silences, so we went with wav2vec 2.0")),
    _slot("model", "cost", ("参数量和推理开销", "size and inference cost"),
          ("参数量多大、推理延迟多少", "the parameter count and the inference latency"),
          r"" + N + r"\s*(?:m|b|k)?\s*(?:个)?(?:参数|params|parameters)|(?:参数量|参数|params|parameters)"
          r".{0,10}?" + N + r"|" + N + r"\s*(?:毫秒|ms|fps|kb|mb|gb|g)\b|(?:延迟|latency|显存|memory).{0,16}?"
          + N + r"|real-?time factor|rtf",
          r"参数|延迟|速度|显存|latency|parameters|speed|memory|fast|slow",
          ("参数量 11M，Jetson 上单张 25 毫秒", "int4 量化后显存 6G 左右",
           "打分延迟从 12 毫秒涨到 17 毫秒",
           "95M parameters, running at 0.3 real-time factor on CPU",
           "about 1.2 million parameters, scoring everything in 15 minutes",
           "180 KB after int8 quantisation")),
]

_TRAINING = [
    _slot("training", "loss", ("损失函数", "the loss"),
          ("loss 具体用的什么、怎么设计的", "which loss, and how it was designed"),
          r"交叉熵|cross[- ]?entropy|\bce\b|\bbce\b|focal|dice|ciou|siou|giou|diou|\bl1\b|\bl2\b|\bmse\b"
          r"|smooth|hinge|triplet|infonce|nt-?xent|对比损失|contrastive loss|\bkl\b|kl散度|kl 散度|\bctc\b"
          r"|\bnll\b|log-?loss|quantile loss|分位数损失|binary:logistic|sigmoid\s?损失|负对数似然"
          r"|negative log-?likelihood|margin loss|arcface|bpr|listwise|pairwise loss|lambdarank|pinball"
          r"|对比(?:的)?损失|contrastive (?:objective|loss)|(?:对称|双向)的?\S{0,4}损失|似然|likelihood|hinge",
          r"loss|损失|目标函数|objective",
          ("loss 用的是 BCE 加 CIoU", "损失是对称的 InfoNCE，温度可学习",
           "只对 assistant 部分算交叉熵", "The loss is CTC",
           "quantile loss over the 0.1, 0.5 and 0.9 quantiles",
           "cross-entropy plus 0.5 times the contrastive loss")),
    _slot("training", "optimizer", ("优化器", "the optimizer"),
          ("优化器用的什么、动量和权重衰减多少", "which optimizer, with what momentum and weight decay"),
          r"\b(?:sgd|adamw?|adagrad|rmsprop|lion|lamb|adafactor|nesterov|ftrl|l-?bfgs|adadelta)\b|随机梯度下降"
          r"|stochastic gradient descent|带动量|with momentum|decoupled weight decay|动量\s*"
          + N + r"|momentum\s*" + N,
          r"优化器|optimizer|优化",
          ("优化器用 SGD，动量 0.9", "AdamW，weight decay 0.05", "embedding 用 Adagrad，MLP 用 Adam",
           "SGD with momentum 0.9", "Adam with a tri-stage schedule", "AdamW for all parameters")),
    _slot("training", "lr", ("学习率和调度", "learning rate and schedule"),
          ("初始学习率是多少、怎么衰减", "the initial learning rate and its schedule"),
          r"(?:学习[率律]|步长|learning[-_ ]rate|step size|\blr0?\b|\beta\b).{0,12}?(?:" + N + r")|(?:adam|sgd|adamw|optimizer"
          r"|优化器)\S{0,4}\s?(?:at|@|=|用|设)\s?\d|\d(?:\.\d+)?e-\d|\b0\.0\d+\b.{0,6}"
          r"(?:学习率|lr)|cosine|余弦|warm-?up|预热|step ?decay|阶梯|\bpoly\b|linear decay|线性衰减"
          r"|onecycle|tri-stage|range test|学习率(?:降|调)到\s?" + N,
          r"学习率|learning rate|\blr\b",
          ("初始学习率 0.01，cosine 衰减", "学习率 2e-4，前 3 个 epoch warmup",
           "learning rate 3e-5 with linear decay and 10% warmup",
           "lr 0.1 with cosine annealing", "peak learning rate 5e-5 after 2,000 warmup steps",
           "学习率用的 1e-3，每 30 轮乘 0.1")),
    _slot("training", "batch", ("batch size", "batch size"),
          ("batch size 多大", "the batch size"),
          r"(?:batch|批大小|批量|bs).{0,14}?(?:" + N + r")|(?:" + N + r")\s*(?:的)?\s*(?:batch|批)"
          r"|梯度累积|gradient accumulation|每(?:次|步|批|个 step|个step)(?:喂|送|放|输入|取|采)?\s*" + N
          + r"|(?:一次|每次)(?:喂|送进去|放)\s*" + N + r"|" + N + r"\s*(?:[a-z]+\s){0,2}(?:per|each)\s(?:update|step"
          r"|batch|iteration|gpu)|a batch of\s*" + N,
          r"batch|批",
          ("batch size 32", "全局 batch 4096", "每张卡 batch 16，梯度累积 4 步",
           "batch size 256", "an effective batch of 64 with gradient accumulation",
           "batch of 16 sequences per GPU")),
    _slot("training", "epochs", ("训练轮数", "epochs / steps"),
          ("训了多少个 epoch 或多少步、怎么决定停的", "how many epochs or steps, and when you stopped"),
          r"(?:" + N + r")\s*(?:个)?\s*(?:epochs?|轮|遍|步|steps?|iterations?|updates?|k steps|棵树|棵|trees"
          r"|rounds?|passes|sweeps)"
          r"|(?:epochs?|轮数|迭代次数|训练轮次|树的数量|棵数|number of trees|n_estimators).{0,8}?(?:" + N + r")|(?:过|跑|训)(?:了)?\s*" + N
          + r"\s*(?:遍|次)",
          r"epoch|轮|收敛|converge|iteration",
          ("训了 150 个 epoch", "SFT 训 3 个 epoch，DPO 1 个 epoch", "300 轮，验证集 AUC 早停",
           "10 epochs with early stopping", "80k updates in total", "about 30 epochs")),
    _slot("training", "hardware", ("算力和时长", "hardware and training time"),
          ("用了几张什么卡、训了多久", "how many and which GPUs, and how long it took"),
          r"" + N + r"\s*(?:张|块|个|台)?\s*" + GPU + r"|" + GPU + r".{0,6}?(?:上)?.{0,10}?(?:" + N
          + r")\s*(?:个)?(?:小时|天|分钟|hours?|days?|minutes?)|(?:跑了|训了|took|took about|about)\s*"
          r"(?:大概|about|around)?\s*" + N + r"\s*(?:个)?(?:小时|天|分钟|hours?|days?|minutes?)|"
          + N + r"\s*(?:核|cores?)|(?:[12一两单])\s?(?:张|块)\s*(?:卡|gpu)|single (?:gpu|t4|v100|a100)"
          r"|one (?:gpu|v100|a100|t4)|on (?:one|a|my|our) (?:\w+ )?" + GPU + r"|(?:一|[1单])\s?(?:张|块|台)\s?" + GPU
          + r"|" + GPU + r".{0,10}(?:半天|一天|一晚|overnight|a few minutes|几分钟)",
          r"gpu|显卡|卡|服务器|集群|server|cluster|machine|hardware",
          ("两张 3090 跑了 14 个小时", "8 张 A100，SFT 大概 6 小时", "一台 32 核的服务器，10 分钟",
           "4 V100s, about two days", "one V100, 25 minutes per run", "16 A100s for three days")),
    _slot("training", "recipe", ("训练策略", "training strategy"),
          ("训练策略上具体怎么做的，比如冻结、初始化、早停", "the training strategy: freezing, initialisation, "
           "early stopping"),
          r"冻结|解冻|freez|unfreez|lora\s*(?:rank|r)?\s*=?\s*" + N + r"|\balpha\s*" + N + r"|预训练权重"
          r"|pretrained weights|from (?:the |an )?(?:imagenet|coco|public|previous|checkpoint)|初始化|initiali[sz]"
          r"|early stop|早停|patience|蒸馏|distill|梯度累积|accumulat|mixed precision|混合精度|\bfp16\b|\bbf16\b"
          r"|增量训练|incremental|预热|curriculum|weight decay|权重衰减|dropout|mask\s?掉|masked out"
          r"|beta\s*" + N + r"|五折|交叉验证|cross-?validation|贝叶斯优化|bayesian optim|grid search|网格搜索"
          r"|balanced sampling|re-?train|retrain|scale_pos_weight|参考模型|reference model|加权|weighted|"
          r"不涨就停|就停|stop(?:ped)? (?:when|once|after|if)|贝叶斯|搜出来|searched|sweep|"
          r"(?:sft|dpo|pretrain)\s?阶段|stage",
          r"策略|微调|fine-?tun|预训练|pretrain|策略|strategy",
          ("加载 COCO 预训练权重，先冻结 backbone 训 20 轮",
           "SFT 阶段 LoRA rank 16，DPO 阶段 beta 0.1", "用验证集 AUC 早停，耐心 30 轮",
           "the feature encoder stayed frozen and the transformer was frozen for 10k updates",
           "retrained weekly from the previous week's weights",
           "re-trained the classifier with class-balanced sampling")),
]

_DATA = [
    _slot("data", "source", ("数据来源", "where the data came from"),
          ("数据具体从哪来的", "where exactly the data came from"),
          r"(?!x)(?!y)x",  # named datasets and origin phrases are found by the assessor
          r"来源|来自|数据|data|source",
          ("数据是产线上两台相机采集的", "用的公开数据集 LiTS", "从近半年的人工客服记录里筛出来的",
           "600 hours of our own call-centre recordings", "Google Speech Commands v2",
           "three years of POS data from the company warehouse")),
    _slot("data", "size", ("数据规模", "dataset size"),
          ("一共多少条/多少张，训练集多大", "how many samples in total, and how big the training set"),
          r"(?<![@\d])(?<!\d\.)(?:" + N + r")\s*(?:多|余)?\s*(?:万|亿|千|k(?![a-z])|m(?![a-z])|million|billion|thousand)?\s*(?:多|余)?\s*"
          r"(?:[a-z\-]+\s){0,2}(?:[个张条轮份段组批笔通]\s?(?=对话|样本|图|文本|视频|记录|数据|语音|病例))?(?:个(?!\s*(?:coco\s*)?(?:关键点|类|层|头|模块|阶段|维|通道|参数|专家|分支|点|epoch|step|月|小时|人"
          r"|gpu|卡|节点|门|特征))|张|条|例"
          r"|对|份|篇|句|帧|段|笔|小时|hours?|images?|samples?|examples?|notes?|rows?|utterances?|clips?|pairs?"
          r"|records?|documents?|cases?|patients?|sentences?|series|mentions?|图|样本|病例|对话|文档|数据|曝光"
          r"|申请|条数据|(?!(?:months?|days?|weeks?|years?|hours?|minutes?|seconds?|epochs?|steps?|times|pages?|"
          r"percent|points?|features?|layers?|people|annotators?)\b)[a-z]{3,}s\b)|(?:数据量|样本量|规模|(?<!batch )(?<!hidden )(?<!embedding )(?<!kernel )(?<!patch )"
          r"(?<!vocab )(?<!window )(?<!step )(?<!input )(?<!image )(?<!crop )(?<!chunk )(?<!beam )"
          r"(?<!context )(?<!group )(?<!file )(?<!cache )(?<!model )size).{0,8}" + N + r"|(?:十几|几十|几百|几千|几万|十几万).{0,3}"
          r"(?:万|亿)?.{0,3}(?:张|条|个|样本)",
          r"多少|规模|数量|数据量|size|how many|how much",
          ("一共 1.2 万张图片", "5 万条 SFT 数据、8000 对偏好数据", "每天大概 20 亿条曝光样本",
           "4,000 discharge notes", "about 410k utterances", "13 million rows")),
    _slot("data", "labeling", ("标注和质检", "labelling and quality control"),
          ("谁标的、怎么保证标注质量", "who labelled it and how label quality was checked"),
          r"(?:标注|标的|标了|打标|annotat|label|transcrib|审核|质检|review).{0,30}?(?:交叉|一致|kappa|agreement"
          r"|guideline|规范|抽检|抽查|re-?check|仲裁|third|外包|vendor|physicians?|doctors|质检员|labelimg|cvat|"
          r"两(?:个)?人|2个?人|双人|两名|\d+ 个质检|[三两]个质检同学|确认|\d 类)|(?:两个人|2个人|双人|两位|two).{0,12}"
          r"(?:标注|交叉检查|annotat|transcri|各标)|inter-?annotator|一致才保留|disagreements? went"
          r"|(?:各|分别)标(?:了)?(?:1|一)遍|对不上|请.{0,8}(?:判|确认|仲裁)|(?:second|another|third) (?:person|annotator|"
          r"transcriber|reviewer)|re-?check|double-?check|(?:outside|external) (?:agency|vendor|annotators)"
          r"|transcribed by|annotated by|labell?ed by|由.{0,8}(?:标注|标的|审核)|抽检|抽查|交叉检查|spot-?check"
          r"|cross-?check|kappa|double[- ]annotat|annotators|标注员|labels? (?:came|come|were|was) (?:from|taken|"
          r"defined)|label\s?(?:是|从|来自)|(?:算|当|作为)(?:作)?(?:正样本|负样本|完播|点击|positive|negative)"
          r"|counts? as (?:a )?(?:positive|negative|click)|as (?:the )?positives?|labell?ed (?:in|with|using|from) \S+"
          r"|(?:re-?)?audit(?:ed)?.{0,30}?(?:" + N + r"|noise|errors?)|label noise|标签噪声|噪声(?:率|比例)?.{0,6}" + N
          + r"|second pass|复核|二次(?:检查|审核)|labelme|label studio|labelimg|cvat|仲裁"
          r"|交叉质检|交叉审核|质检|一致率|外包.{0,8}标|(?:\d+|几|两|三)\s?个人标",
          r"标注|标的|label|annotat|transcri",
          ("我和另一个同学用 LabelImg 标的，两人交叉检查", "三个质检同学标，两人以上一致才保留",
           "外包团队标注，我们抽检 10%", "two physicians annotated each note following a guideline",
           "a vendor transcribed it and a second transcriber re-checked 5%",
           "inter-annotator agreement was 0.86 F1")),
    _slot("data", "balance", ("类别分布", "class balance"),
          ("类别分布怎么样、正负样本比例多少", "the class distribution, and the positive/negative ratio"),
          r"(?:正负|比例|占|分布|distribution|skew(?:ed)?|坏样本率|imbalance|ratio|占比|只有|only|balance|intermittent|bad rate|default rate"
          r"|positive rate|正样本率|坏账率|违约率|正例|positives?|(?:fraud|churn|click|defect|anomaly|spam|illicit"
          r"|event) rate|欺诈率|流失率|点击率|缺陷率|异常率|不良率).{0,20}?"
          r"(?:\d+(?:\.\d+)?\s*%|\d+\s*[:：比]\s*\d+(?![:：\d])|" + N + r"\s*成|" + N + r")"
          r"|(?<![\d:：])\d+\s*[:：]\s*\d+(?![\d:：])"
          r"|(?:\d+(?:\.\d+)?\s*%|" + N + r"成)\s*(?:are|were|is|是|的|左右)?.{0,12}?(?:类|class|intermittent|"
          r"坏样本|正样本|负样本|were|占)|1\s*比\s*\d+|上采样|过采样|下采样|降采样|重采样|upsampl|oversampl"
          r"|downsampl|resampl|(?:biggest|largest|smallest|most common|rarest|head|tail|top|最多|最少|最大|最小)"
          r"(?: class| 类|的类)?.{0,24}?\d",
          r"分布|比例|均衡|不均衡|长尾|imbalance|balance|distribution|ratio",
          ("有缺陷的只有 3000 张，凹坑只有 400 多张", "正负样本比大约 1:20",
           "退换货类占 45%，物流类 30%", "drugs were 60% of mentions and adverse events only 8%",
           "about 40% of series were intermittent", "imbalance ratio 100 between head and tail")),
    _slot("data", "split", ("划分和防泄漏", "split and leakage"),
          ("训练/验证/测试怎么划分的、怎么防止泄漏", "how you split train/val/test and avoided leakage"),
          r"\d+\s*[:：]\s*\d+\s*[:：]\s*\d+|\d+\s*/\s*\d+\s*/\s*\d+|按(?:.{0,8}?)(?:划分|切分|做|分|抽)|"
          r"(?:五|5|十|10)\s*折|k-?fold|by (?:patient|speaker|time|user|date|session|client|customer|site)"
          r"|out[- ]of[- ]time|validated (?:out|on)|split by|按.{0,6}切|不打乱|(?:前|first)\s?\d+\s?(?:天|days?).{0,8}(?:训练|train)|按(?:病人|时间|患者|用户"
          r"|批次|会话|商品|类目|月份|申请月份)|oot|时间外|穿越|泄漏|泄露|leak|不重叠|overlap|去重|rolling|backtest"
          r"|(?:standard|official|balanced|held-?out|separate)\s(?:[a-z0-9\-]+\s){0,2}(?:test|validation)"
          r"|留(?:了|出)?\s?\d+\s?%?.{0,10}(?:测|考|验证|test)|留出|单独拿出来|跨时间|按.{0,8}留|(?:kept|held|set) "
          r"(?:aside|out|apart)|held-?out|(?:测试集|test set|验证集|validation).{0,16}?(?:" + N + r"|单独|官方|official|另外|"
          r"按|分层)|official (?:train|balanced|split|test)|(?:留|用)(?:了)?最后\s?" + N
          + r"|第\s?" + N + r"\s?天|tuned on the|validation split|stratif|分层",
          r"划分|切分|测试集|验证集|split|test set|validation",
          ("按零件批次 8:1:1 划分，避免同批次泄漏", "按病人做五折交叉验证",
           "训练用前 30 天，验证用第 31 天，按时间切",
           "split 70/15/15 by patient", "rolling-origin backtest with four cutoffs",
           "the official balanced test set; tuning only on the validation split")),
    _slot("data", "processing", ("清洗和预处理", "cleaning and preprocessing"),
          ("具体做了哪些清洗和预处理", "exactly which cleaning and preprocessing steps"),
          r"清洗(?:掉)?.{0,10}(?:" + N + r"|模糊|重复|低质|错)|去掉|删掉|删除|过滤|筛(?:掉|选)|filter|remov|clean"
          r"|exclud|抽帧|采样间隔|间隔\s?\d|sampled every|deduplicat|去掉了|脱敏"
          r"|normali[sz]|归一化|增强|augment|mosaic|翻转|flip|crop|裁剪|resize|截断|truncat|降采样|downsampl"
          r"|上采样|过采样|oversampl|upsampl|重采样|resampl|分箱|woe|tokeniz|切块|chunk|sliding window|去重"
          r"|dedup|z-?score|spacing|log-?transform|log 变换|impute|填充|mixed in|snr|randaugment|亮度扰动"
          r"|脱敏|隐私信息|营销词|sentence-?split|vad|segment|抹掉|剔(?:了|掉|除)|清掉|去重|scrub|strip(?:ped)?"
          r"|discard|drop(?:ped)? (?:anything|everything|all|the)|threw out",
          r"清洗|预处理|处理|clean|preprocess|process",
          ("清洗掉了 1500 张模糊图，用 Mosaic 和随机裁剪做增强", "先用规则去掉手机号、地址这些隐私信息",
           "缺失率超过 80% 的特征直接删，连续特征卡方分箱再算 WOE",
           "we removed utterances under one second and normalised numbers to words",
           "filled stock-out days as missing instead of zero demand",
           "sentence-split with scispaCy and a sliding window of stride 128")),
]

_DIFFICULTY = [
    _slot("difficulty", "problem", ("具体难点", "the concrete problem"),
          ("难点具体表现是什么，差到什么程度", "what exactly went wrong, and how badly"),
          r"(?!x)(?!y)x",  # a technical symptom: found by the assessor (cues + meaning)
          r"难点|最难|困难|问题|挑战|hard|difficult|challenge|problem|issue|tricky",
          ("细小划痕漏检，只有几个像素宽", "SFT 之后模型会编造退款时效",
           "DPO 训完回复越来越长", "fine-tuning kept collapsing to blank outputs",
           "forecasts collapsed during promotions, MAPE 45% in promo weeks",
           "training diverged when the contrastive weight was above 0.5")),
    _slot("difficulty", "cause", ("原因", "the cause"),
          ("原因是什么、你是怎么定位到的", "what caused it, and how you found out"),
          r"(?:原因是|是因为|因为|由于|导致|查(?:了一下|下来)|排查|定位|分析|发现|看(?:特征图|了|下来)|"
          r"the cause|caused by|because|turned out|found that|showed|due to|looking at|error analysis|"
          r"the reason|i found|was that|tracked (?:it|this|the \w+) down|traced (?:it|this) (?:back )?to|narrowed it down|拉出来看|一看|等于(?:是)?|说明|所以|, so |which meant|meaning that|意味着)",
          r"原因|为什么|why|cause|reason",
          ("我看特征图发现到 P3 层就没了，因为下采样了 8 倍", "查下来是训练数据里不同店铺的政策互相矛盾",
           "原因是遮挡那侧的热图峰值很低", "error analysis showed most misses were negated mentions",
           "the cause was that the promo calendar arrived only two weeks ahead",
           "the loss averages over positives, so head classes dominate the gradient")),
    _slot("difficulty", "attempts", ("试过的方法", "what you tried"),
          ("试过哪些方法、哪些没用", "what you tried first, and what did not work"),
          r"试过|尝试|一开始|先试|试了|首先试|第一反应|起初|最开始|tried|first tried|attempted|didn'?t help|没用|反而"
          r"|at first|initially|my first (?:try|attempt|instinct)"
          r"|没效果|only delayed|was poor|both missed|which didn'?t",
          r"试|try|tried",
          ("一开始试了直方图均衡化，误检反而更多", "先把 beta 调大到 0.5，长度下来了但满意度也掉了",
           "试过给新视频固定加分，效果不稳定", "I first tried lowering the learning rate, which didn't help",
           "I tried gradient clipping, which only delayed it",
           "simple truncation and head plus tail both missed entities")),
    _slot("difficulty", "solution", ("最后怎么解决的", "how you solved it"),
          ("最后具体怎么解决的", "exactly how you solved it"),
          r"(?!x)(?!y)x",  # a concrete fix: found by the assessor (cues + a technical object)
          r"解决|办法|方案|fix|solv|solution|resolved",
          ("加了 P2 检测头，推理时把大图切成 4 块", "按店铺把政策放进 system prompt，并删掉矛盾样本",
           "改成实时拼接观看序列", "I normalised every transcript to spoken form",
           "what fixed it was warming up the contrastive weight over 20 epochs",
           "I fed item attributes as static covariates")),
    _slot("difficulty", "effect", ("解决后的效果", "the effect of the fix"),
          ("解决之后指标变化了多少", "how much the metric moved after the fix"),
          r"(?:从\s?" + N + r".{0,10}?(?:提|降|到|涨|变)|(?:回到|恢复到|back to|down to|降到)\s?" + N
          + r"|\+\s?" + N + r"\s*(?:%|个点|points?|pp)?\s*(?:\S+\s?)?(?:f1|auc|map|ks|acc|recall|dice|bleu|gauc|points?|pp)"
          + r"|(?:提升|提高|降低|下降|减少|少了|涨|降|掉|提到|升到|做到)(?:了|到)?.{0,4}"
          + N + r"|少了一半|降回|(?:from|dropped|fell|rose|went|improved|reduced|cut).{0,6}.{0,20}?"
          + N + r"|" + N + r"\s*(?:个点|个百分点|points?|pp)|" + N + r"\s*%\s*(?:to|→|->))",
          r"效果|提升|提高|improv|better|gain",
          ("召回从 0.68 提到了 0.85", "编造时效的比例从 12% 降到 2%", "PSI 降回 0.08",
           "digit WER dropped to 11%", "promo-week MAPE fell to 28%",
           "tail accuracy rose 4.1 points")),
]

_NOVELTY = [
    _slot("novelty", "what_new", ("具体新在哪", "what exactly is new"),
          ("和现有方法比，具体新在哪个机制上", "which mechanism is new compared with existing methods"),
          r"(?!x)(?!y)x",  # the assessor decides (a concrete mechanism, not "用到这个场景")
          r"创新|新|不同|区别|novel|new|differ|unlike|contribution",
          ("蒸馏时不只对齐向量，还对齐 batch 内的相似度矩阵", "rejected 专门挑了政策说错的回复",
           "把完播率作为行为的 side info 加进 attention 的 key",
           "we re-weight by in-batch class frequency and learn prototypes jointly",
           "accent-balanced sampling with temperature 0.5 per batch",
           "store-cluster embeddings as a static input")),
    _slot("novelty", "motivation", ("动机", "the motivation"),
          ("为什么这个改动会有用", "why this change should help"),
          r"(?:因为|由于|为了|是因为|考虑到|这样(?:既|就|能|可以)|because|since|motivat|the idea|so that|"
          r"this way|the imbalance|behave completely differently|otherwise|so without it|不然|否则)",
          r"动机|为什么|why|motivat",
          ("因为检索看的是相对排序", "因为客服最怕的就是说错政策", "因为看完的视频比划走的更能代表兴趣",
           "because the small accents were drowned out", "because stores in tourist areas behave "
           "differently", "because the imbalance that hurts is the one inside each batch")),
    _slot("novelty", "evidence", ("消融证据", "ablation evidence"),
          ("消融实验里去掉这个改动，指标掉多少", "how much the metric drops in the ablation without it"),
          r"(?:后|after|with it)\s*" + N + r"|(?:消融|ablat|去掉|without|removing|单加|单用|只用|只对齐|用随机|对比|alone).{0,40}?" + N
          + r"|(?:from|从)\s?" + N + r".{0,20}?(?:to|到)\s?" + N + r"|" + N + r"\s*(?:个点|个百分点|points?|"
          r"个千分点|pp|%)|costs? " + N + r"|drops? (?:\S+ ){0,6}(?:to|by)? ?" + N,
          r"消融|ablat|实验|experiment|证明|prove",
          ("消融里单加 CBAM 涨 2.1 个点，单加 P2 涨 5 个点", "用随机 rejected 错误率 6%，用我们的 2%",
           "只对齐向量 Recall@10 是 0.61，加上相似度矩阵对齐是 0.65",
           "removing the in-batch re-weighting costs 2.3 points",
           "backtest MAPE went from 19.1% without it to 17.2% with it",
           "WER on the smallest accents was 19% without it and 14% with it")),
    _slot("novelty", "prior", ("和已有工作的区别", "versus prior work"),
          ("和已有的方法比有什么本质区别", "how it differs from the existing methods"),
          r"(?:unlike|不同于|区别于|和.{1,12}不同|相比于?|compared (?:to|with)|rather than|instead of|"
          r"原版.{0,10}只有|previous methods|existing methods|most [\w\- ]{1,30}(?:work|methods|papers|approaches"
          r"|stacks|systems|pipelines|setups|implementations|baselines) (?:only|just|use|rely)"
          r"|relative to (?:an? |the )?(?:off-the-shelf|standard|vanilla|existing|usual|typical)"
          r"|(?:别人|其他方法|已有方法|现有方法|之前的方法|大部分方法|(?:一般|常规|通常|传统|主流|业界)(?:的)?做法)(?:都)?(?:只|是))",
          r"相比|不同|unlike|compared|prior|existing",
          ("原版 DIN 的序列只有视频 ID", "不同于直接平均池化", "unlike BCL and PaCo, which re-weight globally")),
]

_METRIC_NAME = (r"map(?:@[\d.:]+)?|\bap\b|\bauc\b|auroc|auprc|aupr|(?:roc|pr)-?auc|gauc|\bks\b|\bf1\b|micro-?f1|macro-?f1|precision|recall(?:@\d+)?"
                r"|准确率|召回率?|精确率|精度|\bdice\b|\biou\b|miou|\bwer\b|word error rate|\bcer\b|bleu|rouge"
                r"|mape|rmse|\bmae\b|\bmse\b|ndcg(?:@\d+)?|hit ?rate|hr@\d+|top-?[15](?: accuracy)?|accuracy"
                r"|perplexity|\bppl\b|\bpsi\b|满意度|转人工率|漏检率|误检率|误报率|错误率|观看时长|时长|\bctr\b"
                r"|\bcvr\b|点击率|完播率|留存|\bfps\b|pass@\d+|exact match|胜率|win rate|satisfaction"
                r"|error rate|\boks\b|\bpck\b|mota|idf1|\bfid\b|psnr|ssim|\bacc\b|坏账率|ks值|相关率|rmsle|smape|wape"
                r"|\bmrr\b|log ?loss|pesq|dnsmos|\bmos\b|\bstoi\b|si-?s[nd]r|c-?eval|cmmlu|\bmmlu\b|gsm8k|humaneval|[a-z]{2,}eval\b"
                r"|\b(?:a|ap|bp)cer\b|\bhter\b|\beer\b|tpr@|fpr@|success(?:es)? out of|out of \d+ trials|接受长度"
                r"|accept(?:ance|ed)? length|\bp(?:50|90|95|99)\b|\bttft\b|吞吐|throughput|延迟|latency"
                r"|(?<!学习)(?<!采样)(?<!丢弃)(?<!衰减)(?<!一)(?<![概频码比利汇税])[\u4e00-\u9fff]率"
                r"|\b(?!learning|sampling|dropout|decay|frame|bit|tax|interest|heart)[a-z]+ rate\b"
                # a metric the vocabulary lacks, introduced as the metric ("指标用 TEDS", "scored
                # with WRMSSE", "the metric is NDS")
                r"|(?:指标(?:就)?(?:用|是|看)(?:的)?(?:是)?|评测(?:用|看)(?:的)?|主要看|metric (?:is|was)|"
                r"(?:scored|evaluated|measured|judged) (?:with|by|using|in)|we report(?:ed)?)\s?"
                r"(?:the )?[a-z][a-z0-9@\-]{1,15}\b(?<!\bthe)(?<!\bon)(?<!\bit)")
METRIC_NAME = re.compile(_METRIC_NAME)

_METRICS = [
    _slot("metrics", "metric", ("指标", "the metric"),
          ("具体用的哪个指标", "exactly which metric"),
          _METRIC_NAME,
          r"指标|效果|metric|numbers|measure|评测|evaluat",
          ("主要看 mAP@0.5", "离线看 AUC，线上看人均观看时长", "人工评测满意度",
           "word error rate", "strict entity-level micro F1", "weekly MAPE")),
    _slot("metrics", "result", ("你的结果", "your result"),
          ("最后做到多少", "the number you reached"),
          r"(?!x)(?!y)x",  # a number tied to a metric: found by the assessor
          r"结果|做到|达到|result|reached|got",
          ("改进后 mAP@0.5 是 0.84", "满意度做到 81%", "AUC 0.751",
           "we got to 12.9% WER", "our model reached 0.88 F1", "few-shot accuracy 41.7")),
    _slot("metrics", "baseline", ("基线", "the baseline"),
          ("baseline 是多少、是什么方法", "what the baseline was, and its number"),
          r"(?:从|由|from)\s?(?:原来|原版|老|线上|the old|the previous|previous|a|an)?.{0,16}?" + N
          + r".{0,16}?(?:到|to|提|降|涨|→|->)|(?:beat|beats|outperform(?:ed|s)?) .{2,40}?by\s?" + N
          + r"|(?:baseline|基线|原来|原版|老模型|previous best|之前|the old|"
          r"originally|versus|vs\.?|against|比原来).{0,30}?" + N + r"|" + N + r"\s*(?:versus|vs\.?|against)"
          r"|较.{0,12}(?:提升|高)\s?" + N + r"|" + N + r"\s*(?:\S+\s)?(?:for|是|of|from|with)\s*(?:the )?(?:old|"
          r"original|previous|baseline|原来|原版|老)|对比(?:的)?(?:是|对象是)\s?\S{2,}|(?:compared|relative) (?:to|with|against)"
          r" (?:the |a |our )?\S{3,}|(?:went|came|dropped|rose|improved|moved|go(?:es)?) (?:down |up )?from (?:about |around )?"
          + N + r"|(?:提升|提高|降低|涨)(?:了)?(?:是)?从\s?" + N,
          r"baseline|基线|原来|对比|compared|versus|before",
          ("原版 YOLOv8s 是 0.71", "从规则机器人的 62% 到 81%", "KS 从 LR 评分卡的 0.37 提到 0.42",
           "the spaCy baseline was 0.81", "seasonal ARIMA was 24%", "versus 37.6 for PaCo")),
    _slot("metrics", "test_set", ("测试集", "the test set"),
          ("在哪个测试集上、怎么划的", "on which test set, and how it was split"),
          r"测试集|test set|test split|held-?out|\boot\b|验证集|validation|backtest|\ba/?b\b|ab 实验"
          r"|线上\s?(?:的)?\s?(?:实验|测试|a/?b|ab|灰度|流量|效果|指标|评估|跑了|验证)"
          r"|out[- ]of[- ]time|评估用|评测用|evaluated on|tested on|测的|上测|leaderboard|训练日期.{0,4}后|后一天"
          r"(?:实验|灰度|a/?b)|灰度|online (?:a/?b|test|experiment|traffic|metrics?|evaluation)|第\s?" + N + r"\s?天|benchmark|imagenet-lt|coco|lits|brats"
          r"|\d+\s*(?:个|对)?\s*(?:真实问题|query)|hold out|hold-out|last \w+ (?:weeks|months)|最后\s?" + N
          + r"\s?个月|跨时间|留出|held[- ]out|out-of-time|the last \d+ (?:weeks|months|days)"
          r"|\bon (?:the |our |a |their )?[\w'\-]+(?: [\w'\-]+){0,3} set\b|(?:\bon |在\s?)(?i:" + DATASETS.pattern + r")"
          r"|test (?:months?|weeks?|days?|period|window|time steps?)\b|测试(?:月|周|期|窗口)"
          r"|\d+ (?:real[- ]world |physical )?(?:trials|episodes|rollouts)\b",
          r"测试|test|evaluat|评测",
          ("在按批次划出来的 1200 张测试集上", "最后 3 个月的 OOT 样本", "线上 A/B 10% 流量两周",
           "on the 600-note test split", "a 20-hour held-out set of accented speakers",
           "the last 26 weeks held out as a backtest")),
]

_CONTRIBUTION = [
    _slot("contribution", "own_part", ("你本人做的部分", "what you did yourself"),
          ("具体哪部分是你本人做的", "which part you did yourself"),
          r"(?!x)(?!y)x",  # first person + a concrete object: found by the assessor
          r"我|负责|i |my |myself|responsib",
          ("模型改进和训练全部是我做的", "数据清洗和 SPU 去重是我一个人写的",
           "DIN 的模型代码和样本拼接流水线是我写的", "I wrote the whole data pipeline and the evaluation "
           "harness", "I built the feature pipeline and the backtesting framework myself",
           "I implemented the entity markers and the evaluation scripts")),
    _slot("contribution", "team_split", ("团队分工", "who did the rest"),
          ("其他部分是谁做的", "who did the other parts"),
          r"(?:同事|同学|师兄|师姐|师弟|师妹|学长|学姐|老师|队友|组员|mentor|leader|导师|工程组|工程同学|外包|厂里|advisor|supervisor|professor"
          r"|labmate|colleague|contractor|manager|first author|另一个|另外|data engineer|the team|组里|质检同学|工程师"
          r"|others?|teammates?|another \w+|other \w+|[一1]作|[二2]作|通讯作者|co-?authors?)"
          r".{0,30}?(?:负责|做的|写的|部署|标|跑|handled|owned|ran|built|did|designed|helped|wrote|负责的|定的|定方向"
          r"|chose|set|decided|reviewed|picked|'s\b)|solo project|(?:独立|一个人)(?:完成|做)的?(?:整个)?项目|no one else"
          r"|nobody else|没有别人|(?:是|由|归)\s?(?:[一1]作|[二2]作|通讯作者|师兄|师姐|同门|导师|同事|同学|mentor)"
          r"|(?:came from|was done by|were done by|was built by|handled by|owned by|by) (?:a |an |the |our |my )?"
          r"(?:contractor|colleague|vendor|team|teammate|labmate|intern|engineer|manager|advisor|mentor)",
          r"团队|分工|同事|team|colleague|others",
          ("部署和接口是工程组做的", "标注是外包团队做的", "相机和工控机是厂里的工程师负责",
           "my colleague ran most of the training jobs", "a data engineer owned the warehouse extracts",
           "my advisor helped frame the paper")),
    _slot("contribution", "decision", ("你做的关键决定", "a decision you made"),
          ("哪个关键决定是你做的、为什么", "which key decision was yours, and why"),
          r"(?:是我(?:定|提|决定|选|提出来|查出来|出)的?|我(?:定的|提出|决定|选了|提议|出的)|主意.{0,4}我|my (?:call|decision"
          r"|proposal|idea|suggestion)"
          r"|i (?:decided|proposed|chose|came up with|suggested|also decided)|(?:i|i also) made the (?:call|decision)|was my (?:call|decision|proposal|idea)"
          r"|decision i (?:pushed|made|drove|took)|i pushed (?:for|through)?|i argued for|我坚持|我拍板|我推动)",
          r"决定|提出|decid|propos|idea",
          ("P2 头和 CBAM 的位置是我定的", "用政策错误回复当 rejected 是我提出来的",
           "分渠道校准是我提出来的", "freezing the feature encoder was my call",
           "choosing TFT over DeepAR was my proposal", "I came up with the in-batch re-weighting")),
    _slot("contribution", "outcome", ("你带来的结果", "the result of your part"),
          ("你做的这部分带来了多少提升", "how much your part moved the result"),
          r"(?:带来|让|使|moved|brought|gave|cut|reduced|让.{0,10}).{0,30}?(?:" + N + r"|一半|half)"
          r"|(?:少了|降了|提升了|涨了).{0,6}(?:" + N + r"|一半)",
          r"结果|效果|impact|result",
          ("这一步让肿瘤的假阳性少了一半", "去重这一块单独带来了 4 个点的 Recall",
           "switching to marker pooling moved F1 from 0.74 to 0.79")),
]

GROUPS = (_TASK, _MODEL, _TRAINING, _DATA, _DIFFICULTY, _NOVELTY, _METRICS, _CONTRIBUTION)
