"""What kind of question the candidate asked in the 反问 stage.

Each category has weighted cue patterns in both languages, matched on normalized text (NFKC,
lower case, traditional → simplified, see ``knowledge.textnorm``), so "實習生平時做什麼" and
"What would an intern work on day to day?" land in the same place. A message can hold several
questions; every category with a cue is reported, ordered by score and then by position, and the
first one is the ``primary`` category the interviewer answers first.

A message with no topic cue is ``off_topic`` when it has an off-topic cue (small talk, questions
about the interviewer, instructions aimed at the interviewer), ``none`` when it declines or just
acknowledges ("没有问题了", "好的", "that's all"), and ``unclear`` otherwise ("我想问一下", a question
about something the cues do not know): the interviewer asks what they would like to know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from knowledge.textnorm import normalize
from service.interview.candidate_questions.models import Category, Classification

_W = r"(?<![a-z])"  # ASCII word start (CJK characters count as \w, so \b is useless next to them)
_E = r"(?![a-z])"


@dataclass(frozen=True)
class _Cue:
    regex: re.Pattern[str]
    weight: float


def _cues(*pairs: tuple[str, float]) -> tuple[_Cue, ...]:
    return tuple(_Cue(re.compile(pattern), weight) for pattern, weight in pairs)


_ROLE_WHO = r"(?:实习生|新人|新同学|这个岗位|这个职位|该岗位|岗位|职位|我|入职后|进来)"
_CUES: dict[Category, tuple[_Cue, ...]] = {
    "role": _cues(
        (r"日常(?:工作|的工作|主要)?|平时(?:主要)?(?:做|干|负责|的工作)|每天(?:主要)?(?:做|干)", 1.5),
        (r"工作内容|岗位职责|职责是|主要(?:做|负责|工作)|具体(?:做|负责|干)", 2),
        (_ROLE_WHO + r".{0,10}(?:做什么|干什么|干嘛|做哪些|做些什么|负责什么|负责哪些|内容|参与什么|参与哪些"
         r"|接手|接触|什么样的(?:任务|工作|活))", 2.5),
        (r"(?:实习|工作|这份工作|岗位)(?:主要)?(?:是)?(?:干嘛|做啥|干啥)|(?:第一个|一开始|刚开始)(?:的)?(?:任务|项目|工作)", 2.5),
        (r"(?:团队|组里|组内|部门|你们组|你们团队).{0,8}(?:做什么|在做|做哪些|方向|业务|课题)", 2),
        (r"(?:哪个|什么|哪些)(?:方向|课题|项目|业务)", 1),
        (_W + r"(?:day[- ]to[- ]day|typical day|daily (?:work|tasks|routine)|responsibilit\w*)", 2.5),
        (_W + r"what (?:would|will|does|do|did) (?:i|an intern|the intern|interns|this role|the role"
         r"|someone)\b.{0,30}(?:do|work on|working on|be doing|focus)", 2.5),
        (_W + r"(?:what|which) (?:kind of |sort of |type of )?(?:projects?|problems?|work|tasks)" + _E, 2),
        (_W + r"(?:what (?:is|does) the team|team'?s?) (?:work(?:ing)? on|focus|do)" + _E, 2),
        (_W + r"(?:first (?:project|task|assignment)|problems? (?:are )?you (?:solving|working)"
         r"|what (?:is|are) (?:you|the team) (?:solving|building))" + _E, 2.5),
    ),
    "team": _cues(
        (r"mentor|导师|师傅|带教|(?:谁|有人|会有人|有没有人)带|带(?:我|新人|实习生)", 2.5),
        (r"团队(?:规模|氛围|文化|有多少|多大|构成|成员|结构)|(?:几个|多少)(?:人|同学|同事)|氛围", 2),
        (r"(?:协作|合作|沟通)(?:方式|模式)?|一对一|1[:：]1|培养(?:方式|机制|计划)?|汇报给|向谁汇报|同事|新人培训|入职培训", 2),
        (_W + r"(?:mentor\w*|onboard\w*|supervis\w*|report(?:ing)? to|pair programming)" + _E, 2.5),
        (_W + r"(?:team (?:size|culture|structure)|how (?:big|large) is the team"
         r"|how many people|who (?:would|will) i (?:work|report))" + _E, 2.5),
        (_W + r"(?:collaborat\w*|work(?:ing)? with)" + _E, 1),
    ),
    "stack": _cues(
        (r"技术栈|工具链|基础设施|算力|集群|显卡|gpu|(?:几|多少)张卡|(?:用|使用)(?:什么|哪些)(?:框架|工具|技术|语言|平台|卡|库)", 2.5),
        (r"框架|pytorch|tensorflow|jax|megatron|deepspeed|vllm|c\+\+|kubernetes|k8s|slurm|docker|cuda|"
         r"需要会|要会|要求会", 1.5),
        (_W + r"(?:tech(?:nology)? stack|frameworks?|tool(?:s|ing|chain)|infra(?:structure)?"
         r"|compute|gpus?|clusters?|librar(?:y|ies))" + _E, 2.5),
        (_W + r"(?:pytorch|tensorflow|jax|kubernetes|slurm|docker|cuda|which language|what language"
         r"|programming languages?)" + _E, 1.5),
    ),
    "evaluation": _cues(
        (r"(?:怎么|如何|怎样|用什么|看什么)(?:来)?(?:评估|评价|考核|衡量|判断)|考核|绩效|kpi|okr", 3),
        (r"评价标准|(?:看|用)什么(?:指标|标准)|(?:算|才算|叫|是)(?:做得好|做得不错|成功|优秀|合格)"
         r"|(?:做得好|优秀|成功)的(?:标准|标志)|期望(?:的)?(?:产出|结果)|(?:需要|要)达到什么", 3),
        (_W + r"(?:evaluat\w*|assess\w*|performance review|success look|measured|judged"
         r"|deliverables?|expectations?|expected to (?:deliver|achieve))" + _E, 2.5),
        (_W + r"(?:what (?:would|does|do) (?:good|success|great|a good job)|successful (?:intern"
         r"|internship|candidate|hire)|what (?:does|would) success)" + _E, 3),
    ),
    "growth": _cues(
        (r"转正|留用|return ?offer|晋升|成长|发展(?:空间|路径|方向|机会)?|学(?:到|习机会)|培训", 2.5),
        (r"多久(?:能|可以|才能)(?:独立|上手|负责)|(?:独立|单独)负责|(?:对|以后|将来|未来).{0,8}(?:找工作|求职|职业)"
         r"|有什么帮助|发(?:表)?论文|(?:之前|以前|往届)的实习生", 2),
        (_W + r"(?:return offer|full[- ]time (?:offer|conversion|position|role)|conver(?:t|sion)"
         r"|growth|grow|career|promot\w*|learning opportunit\w*|ramp(?:ing)? up|publish\w*"
         r"|past interns|former interns|go on to)" + _E, 2.5),
    ),
    "advice": _cues(
        (r"(?:我|自己)(?:还)?(?:需要|应该|要|可以)(?:再)?(?:补|加强|提升|学|准备|提高|多看)", 3),
        (r"(?:哪些|什么|哪)(?:方面|地方|能力|知识|技能).{0,6}(?:补|加强|提升|不足|欠缺|准备)", 3),
        (r"(?:给|提)(?:我)?(?:一些|点|些)?建议|有(?:什么|没有|哪些)建议|学习建议|推荐.{0,6}(?:学|看|书|论文|资料)", 3),
        (_W + r"(?:(?:what|which) (?:skills?|areas?|topics?|things?) should i|any advice|advice (?:for|on)"
         r"|how (?:can|should|could) i (?:improve|prepare|get better)|recommend\w*.{0,20}"
         r"(?:learn|read|study|resources|papers?|books?))" + _E, 3),
    ),
    "process": _cues(
        (r"几轮|还有几面|下一轮|下轮|后续(?:的)?(?:流程|安排|环节)|接下来(?:的)?(?:流程|安排|环节|是什么)"
         r"|面试流程|二面|三面|hr ?面|终面|主管面|(?:后面|接下来|下面)的?面试|还有(?:面试|技术面)", 2.5),
        (r"(?:什么时候|多久|几天)(?:能|会|可以)?(?:出|有|通知|知道)(?:结果|消息|反馈)?|结果.{0,6}(?:多久|什么时候)"
         r"|(?:收到|拿到|得到)(?:结果|通知|消息|反馈)", 2.5),
        (r"(?:什么时候|何时)(?:能|可以)?入职|入职时间|到岗|实习(?:时间|周期|时长|多久|几个月|最短|最少)|一周(?:几|多少)天|远程", 2),
        (_W + r"(?:next (?:steps?|rounds?|stages?)|how many rounds|interview process|hiring process"
         r"|timeline|hear back|start(?:ing)? date|when (?:can|could|would|do|will) i (?:start|hear|know)"
         r"|days a week|remote|on-?site|hybrid|another (?:technical )?(?:round|interview)"
         r"|more (?:rounds|interviews))" + _E, 2.5),
        (_W + r"how long (?:is|would|will) the internship" + _E, 2),
    ),
    "compensation": _cues(
        (r"薪资|薪水|工资|薪酬|待遇|福利|日薪|月薪|年薪|多少钱|补贴|房补|餐补|住宿|五险一金|社保|公积金|期权|股票|涨薪", 3),
        (r"加班|几点下班|工作时间|996|大小周|双休|年假|周末.{0,4}(?:上班|加班|工作)", 2),
        (_W + r"(?:salary|salaries|pay|paid|compensation|stipend|benefits?|bonus|equity|stock|housing"
         r"|relocation|overtime|working hours|hours (?:a|per) week|pto|vacation|perks|get paid|weekends?"
         r"|how much .{0,20}(?:earn|make))" + _E, 3),
    ),
    "feedback": _cues(
        (r"(?:我|今天)(?:的)?(?:表现|面试|回答|答得|发挥).{0,8}(?:怎么样|如何|怎样|好不好|行不行|可以吗|还行吗|及格|合格)", 3.5),
        (r"(?:表现|答得|发挥)(?:得)?(?:怎么样|如何|还行吗|可以吗|好吗)|我.{0,4}(?:能|可以|有机会)(?:过|通过|进下一轮)"
         r"|(?:能|会)(?:不会)?(?:给|发)(?:我)?(?:发)?\s?offer|有(?:没有)?(?:希望|戏)|打(?:个|几|多少)?分|(?:几|多少)分", 3.5),
        (r"(?:今天|刚才)(?:哪里|哪些地方|什么地方)(?:答得|做得|说得)?(?:不好|不对|有问题)"
         r"|(?:我|刚才)的?(?:代码|答案|回答|思路).{0,6}(?:还行|对不对|对吗|正确吗|可以吗|怎么样)|挂了|凉了", 3),
        (_W + r"(?:how (?:did|do|have) i do|how was my|how did (?:it|the interview|i) go"
         r"|(?:think|feel) i did|how i did|my performance (?:today|in th)"
         r"|did i (?:pass|do (?:well|ok|okay|good))|will i (?:pass|get|make)|my chances|what score"
         r"|(?:give|get|have) (?:me )?(?:some |any )?feedback|any feedback|feedback on my"
         r"|what did you think of my|was my (?:answer|code|solution)\w*.{0,30}(?:correct|right|ok"
         r"|good))" + _E, 3.5),
    ),
    "company": _cues(
        (r"(?:公司|你们)(?:主要|是|的)*(?:做什么|干什么|做哪些)的?|(?:公司|你们)的?(?:主营)?(?:业务|产品)是(?:什么|啥)", 3),
        (_W + r"(?:what does (?:the|your) company do|what (?:is|are) (?:the|your) (?:company|products?)"
         r"|which (?:company|team) is this)" + _E, 3),
    ),
    "off_topic": _cues(
        (r"天气|吃(?:饭|了)|你是(?:不是)?(?:ai|机器人|人工智能|真人|chatgpt|gpt)|你叫什么|你(?:多大|几岁)"
         r"|(?:男|女)朋友|结婚|星座|笑话|忽略(?:之前|以上|前面)|系统提示|提示词", 3),
        (_W + r"(?:weather|are you (?:an? )?(?:ai|bot|robot|human|real)|your name|tell me a joke"
         r"|ignore (?:all |the )?(?:previous|prior|above)|system prompt|favou?rite (?:movie|food|color))"
         + _E, 3),
    ),
}
_DECLINE = re.compile(
    r"^(?:没有|没|暂时没有|目前没有|我没有|没什么|没啥|不用了|没有了|没有问题|没问题了|没有其他|谢谢|感谢|好的|好|嗯"
    r"|ok|明白|了解|行)"
    r"|(?:没有|没什么|没啥)(?:其他|别的)?(?:问题|想问|要问)|没有了|问完了|就这些"
    r"|" + _W + r"(?:no(?:pe)?,?(?: more)? questions?|no,? (?:thanks|thank you)|nothing (?:else|more)"
    r"|that'?s (?:all|it)|i'?m good|all good|no questions|nope|no)" + _E)
_ASKING = re.compile(r"[?？]|想问|请问|问一下|问个|想了解|" + _W + r"(?:i'?d like to ask|can i ask"
                     r"|may i ask|i want to know|i wonder)" + _E)
_QUESTION_SHAPE = re.compile(r"[?？]|吗|呢|么|请问|想问|想了解|能否|是否|怎么|如何|什么|哪|多少|几"
                             r"|" + _W + r"(?:what|how|which|who|when|where|why|is|are|do|does|can"
                             r"|could|would|will)" + _E)


def _scores(norm: str) -> list[tuple[Category, float, int]]:
    found = []
    for category, cues in _CUES.items():
        score, first = 0.0, len(norm)
        for cue in cues:
            match = cue.regex.search(norm)
            if match:
                score += cue.weight
                first = min(first, match.start())
        if score:
            found.append((category, score, first))
    return sorted(found, key=lambda item: (-item[1], item[2]))


CONFIDENT_CUE = 2.5  # a cue score at or above this is trusted without asking the matcher


class Matcher(Protocol):
    """Semantic fallback (see ``semantic.SemanticMatcher``): the closest category, or None."""

    def closest(self, text: str) -> tuple[Category, float] | None: ...


def classify_question(text: str, matcher: Matcher | None = None) -> Classification:
    """Classify one candidate message of the 反问 stage (any length; only the head is read).

    Cue patterns decide when they are confident; otherwise ``matcher`` (when given) compares the
    question with example questions by meaning, which is what makes unseen phrasings work.
    """
    norm = normalize(text[:1000])
    scores = _scores(norm)
    topical = [(c, s) for c, s, _ in scores if c != "off_topic"]
    off_topic = next((s for c, s, _ in scores if c == "off_topic"), 0.0)
    declined = bool(_DECLINE.search(norm)) and len(norm) < 40 and not _ASKING.search(norm)
    if topical and topical[0][1] >= CONFIDENT_CUE and topical[0][1] >= off_topic:
        categories = [c for c, _ in topical]
        return Classification(category=categories[0], also=categories[1:3], is_question=True)
    if off_topic >= CONFIDENT_CUE:
        return Classification(category="off_topic", is_question=True)
    if declined and not topical:
        return Classification(category="none", is_question=False)
    close = matcher.closest(text[:500]) if matcher is not None else None
    if close is not None:
        also = [c for c, _ in topical if c != close[0]][:2]
        return Classification(category=close[0], also=also, is_question=True)
    if topical:
        categories = [c for c, _ in topical]
        return Classification(category=categories[0], also=categories[1:3], is_question=True)
    shaped = bool(_ASKING.search(norm) or _QUESTION_SHAPE.search(norm))
    return Classification(category="unclear", is_question=shaped)
