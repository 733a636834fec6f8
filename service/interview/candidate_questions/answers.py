"""What an interviewer says back to a candidate's question, per track, in general terms.

These lines are what a senior engineer in a first technical round would say about an internship
or junior role on the track: what the work usually is, how it is judged, the usual tools, how
people are mentored. They describe the *kind* of role ("一般", "通常", "typically"): no promises
(conversion, salary), no invented facts about a company, team size or product. Questions the
technical round does not own (salary, the verdict) are deferred politely; off-topic ones are
steered back.
"""

from __future__ import annotations

from service.interview.candidate_questions.models import Category, Language

Lines = dict[str, tuple[str, str]]  # track → (zh, en)

_ROLE: Lines = {
    "cv-intern": (
        "这个方向的实习生一般会跟一个具体的视觉课题，比如检测、分割或者多模态。日常就是看论文和复现、"
        "整理数据和标注规范、跑对比实验，效果稳定了再考虑往线上推。具体做哪个课题要看团队当时的安排。",
        "An intern on a vision team usually owns one concrete problem, say detection, segmentation "
        "or a multimodal task: reading and reproducing papers, cleaning data and writing labelling "
        "guidelines, running comparisons, and pushing what holds up towards production. Which "
        "problem depends on what the team needs at the time."),
    "llm-algorithm": (
        "大模型方向的同学日常大多在数据和实验上：构造和清洗训练数据、做微调或者对齐实验、搭评测，"
        "也有人偏推理和应用落地。具体分到哪一块要看团队当时的重点。",
        "On an LLM team most of the day goes into data and experiments: building and cleaning "
        "training data, running fine-tuning or alignment experiments, building evaluations; some "
        "people lean towards inference or applications. Where you land depends on the team's "
        "focus at the time."),
    "research-scientist": (
        "研究岗一般是围绕一个方向自己提问题、设计实验、把结论做扎实，最后沉淀成论文、专利或者能落地的方法。"
        "选题通常会和 mentor、团队的长期方向对齐。",
        "A research role usually means framing questions within a direction, designing the "
        "experiments that settle them, and turning the result into a paper, a patent or a method "
        "the product can use. Topics are normally aligned with a mentor and the team's longer-term "
        "agenda."),
    "ml-fundamentals": (
        "机器学习算法岗日常一般是数据分析、特征和样本构造、建模调参、离线评估，然后做线上 AB 实验看效果。"
        "具体业务场景要看分到哪个团队。",
        "A machine-learning role usually means data analysis, building features and training "
        "samples, modelling and tuning, offline evaluation, and then online A/B tests. The "
        "business problem depends on the team you join."),
}
_STACK: Lines = {
    "cv-intern": (
        "工具上一般是 Python 加 PyTorch，检测分割会用到常见的开源框架，数据处理离不开 OpenCV 和 numpy，"
        "训练在多卡集群上跑，部署会接触 ONNX、TensorRT 这一类。",
        "Typically Python and PyTorch, the usual open-source detection and segmentation "
        "frameworks, OpenCV and numpy for data, multi-GPU training on a cluster, and ONNX or "
        "TensorRT-style tooling for deployment."),
    "llm-algorithm": (
        "一般是 PyTorch 加 Transformers 生态，训练用 DeepSpeed 或 Megatron 这类分布式框架，"
        "推理会接触 vLLM 之类的服务框架，多机多卡是常态。",
        "Usually PyTorch and the Transformers ecosystem, DeepSpeed- or Megatron-style "
        "distributed training, serving frameworks such as vLLM for inference, and multi-node "
        "GPU jobs as a matter of course."),
    "research-scientist": (
        "一般是 PyTorch，也有团队用 JAX；实验跑在共享的 GPU 集群上，实验记录、代码复现和版本管理会要求得比较严。",
        "Mostly PyTorch, some teams use JAX; experiments run on a shared GPU cluster, and "
        "experiment tracking, reproducible code and versioning are taken seriously."),
    "ml-fundamentals": (
        "常见的是 Python 和 SQL，大数据用 Spark 或 Hive，模型从 XGBoost、LightGBM 到 PyTorch 都有，"
        "上线前要过 AB 实验平台。",
        "Usually Python and SQL, Spark or Hive for large data, models from XGBoost and LightGBM "
        "to PyTorch, and an A/B testing platform before anything ships."),
}
_EVALUATION: Lines = {
    "cv-intern": (
        "主要看产出：在固定测试集上的指标有没有实打实的提升、实验是不是可复现、结论有没有消融支撑，"
        "再就是能不能把进展讲清楚，周会上说得明白。",
        "Mostly by output: real gains on a fixed test set, experiments others can reproduce, "
        "claims backed by ablations, and whether you can explain your progress clearly in the "
        "weekly meeting."),
    "llm-algorithm": (
        "一般看评测结果和实验质量：自动评测和人工评测上有没有稳定提升，对照和消融做得严不严谨，"
        "最后能不能在业务指标上体现出来。",
        "By evaluation results and experimental rigour: steady gains on automatic and human "
        "evaluations, clean baselines and ablations, and ideally an effect on product metrics."),
    "research-scientist": (
        "看研究质量和影响：问题提得好不好，实验能不能把结论立住，最后有没有论文、开源或者被团队用起来的方法。",
        "By the quality and impact of the research: a well-posed question, experiments that "
        "actually settle it, and in the end a paper, an open-source release or a method the team "
        "adopts."),
    "ml-fundamentals": (
        "离线指标要有提升，更重要的是线上 AB 实验的业务指标，还有分析是不是严谨、结论是不是站得住。",
        "Offline metrics need to improve, but what counts most is the online A/B result, plus "
        "whether the analysis is rigorous and the conclusions hold up."),
}
_TEAM = (
    "一般会有 mentor 带，刚开始先从一个边界清楚的小课题上手，每周和 mentor 对一下进展，有问题随时可以问。",
    "There is normally a mentor. You start with a well-scoped piece of work, sync with your "
    "mentor every week, and can ask questions any time.")
_GROWTH = (
    "成长主要靠把一个课题完整做下来。转正一般看实习期间的产出和最后的答辩，具体政策以 HR 的说明为准，我这边不好打包票。",
    "Growth mostly comes from carrying one project all the way through. Conversion usually "
    "depends on what you deliver and a final review; HR owns the exact policy, so I can't promise "
    "anything here.")
_GENERIC: dict[Category, tuple[str, str]] = {
    "team": _TEAM,
    "growth": _GROWTH,
    "advice": (
        "从今天的情况看，建议把做过的项目按任务、数据、模型、结果、难点重新梳理一遍，每个数字都要说得出来源；"
        "基础题多练习用自己的话讲清楚原理，手写代码注意边界情况。",
        "From today: rehearse each project as task, data, model, results and the hard part, with "
        "a source for every number; practise explaining fundamentals in your own words; and mind "
        "the edge cases when coding."),
    "process": (
        "后面一般还有一到两轮，通常包括主管面和 HR 面，时间安排 HR 会统一通知。",
        "There are usually one or two more rounds, typically with the hiring manager and HR; HR "
        "will let you know the timing."),
    "compensation": (
        "薪资福利这些是 HR 那边统一沟通的，技术面不涉及，后面的环节可以再问。",
        "Pay and benefits are handled by HR, not in the technical round; you can raise them in a "
        "later stage."),
    "feedback": (
        "结果会在流程结束后统一反馈，这里不方便评价。面试后可以回想一下哪些问题答得不够具体。",
        "You will hear back once the process is complete; I can't comment here. Afterwards, think "
        "about which answers were not concrete enough."),
    "company": (
        "公司和团队的业务介绍官网和招聘页面上都有，建议面试前先了解一下；你更关心岗位的哪一块？",
        "The company's and the team's work is described on the careers pages, and it's worth "
        "reading before an interview. Which part of the role are you most interested in?"),
    "off_topic": (
        "这个和今天的面试关系不大，我们还是聊和岗位相关的。",
        "That's not really related to today's interview; let's keep to the role."),
    "unclear": ("你具体想了解哪方面？比如日常工作内容、团队和带教方式，或者怎么评价实习生的产出。",
                "What would you like to know? For example the day-to-day work, the team and "
                "mentoring, or how interns' work is judged."),
    "none": ("好的。", "All right."),
}
_INVITE = ("还有别的问题吗？", "Anything else you'd like to ask?")
_BY_TRACK: dict[Category, Lines] = {"role": _ROLE, "stack": _STACK, "evaluation": _EVALUATION}
DEFAULT_TRACK = "cv-intern"


def answer_line(category: Category, track: str, language: Language) -> str:
    """One category's answer for the track (unknown tracks fall back to the CV internship)."""
    index = 0 if language == "zh" else 1
    lines = _BY_TRACK.get(category)
    if lines is not None:
        return lines.get(track, lines[DEFAULT_TRACK])[index]
    return _GENERIC[category][index]


def invite_line(language: Language) -> str:
    return _INVITE[0 if language == "zh" else 1]
