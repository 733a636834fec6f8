"""Example questions per category, for the semantic classifier (see ``semantic``).

Written as candidates ask them, in both languages and registers (polite, casual, traditional
characters). They are compared with a question by the product's sentence-embedding model when the
cue patterns are not confident. Categories "unclear" and "none" have no prototypes: "none" is
decided by the decline patterns, "unclear" is what is left when nothing is close.
"""

from __future__ import annotations

from service.interview.candidate_questions.models import Category

PROTOTYPES: dict[Category, tuple[str, ...]] = {
    "role": (
        "这个岗位平时主要做什么工作？", "实习生进来以后一般负责哪些事情？", "组里现在在做什么项目？",
        "工作内容是偏研究还是偏工程？", "能具体讲讲我入职后会做的任务吗？", "這份實習的工作內容是什麼？",
        "What does the day-to-day work look like?", "What kind of projects would I work on?",
        "What is the team currently building?", "Could you describe the responsibilities?",
    ),
    "team": (
        "会有导师带我吗？", "团队有多少人，氛围怎么样？", "实习生平时和谁一起合作？", "遇到问题可以找谁请教？",
        "组里成员都是什么背景？", "Who would I be working with?", "Is there a mentor for interns?",
        "How big is the team and how does it collaborate?", "Who do interns report to?",
    ),
    "stack": (
        "团队用什么深度学习框架？", "训练用的是什么硬件，有多少 GPU？", "平时主要用什么编程语言和工具？",
        "模型部署用什么推理引擎？", "What frameworks and tools does the team use?",
        "What compute resources are available for training?", "Which programming languages are used?",
    ),
    "evaluation": (
        "实习生的工作怎么考核？", "怎样算是一次成功的实习？", "对实习生有什么具体的产出期望？",
        "团队怎么评价一个人的贡献？", "How is an intern's performance measured?",
        "What would you expect me to deliver by the end of the internship?",
        "How do you judge whether an intern did a good job?",
    ),
    "growth": (
        "实习表现好能转正吗？", "在这里能学到什么，有什么成长机会？", "实习生有机会发论文或者做分享吗？",
        "以后的职业发展路径是怎样的？", "Is there a path to a full-time offer?",
        "What learning opportunities are there for interns?", "How do people grow in this team?",
    ),
    "advice": (
        "您觉得我还需要加强哪些方面？", "入职前我应该提前学习什么？", "有什么书或者论文推荐我看的吗？",
        "以我的背景您有什么建议？", "What should I study to be better prepared for this role?",
        "Do you have any advice for me?", "Which skills should I improve?",
    ),
    "process": (
        "后面还有几轮面试？", "什么时候能知道面试结果？", "下一轮是谁来面？", "如果通过什么时候可以入职？",
        "实习需要每周去几天，要多久？", "What are the next steps after this interview?",
        "When will I hear back?", "How many rounds are left and who are they with?",
    ),
    "compensation": (
        "实习的薪资是多少？", "有没有房补或者餐补？", "平时加班多吗，几点下班？", "公司的福利待遇怎么样？",
        "What does the internship pay?", "Are there any benefits such as housing?",
        "What are the working hours like?",
    ),
    "feedback": (
        "我今天表现得怎么样？", "您觉得我能通过吗？", "我刚才的回答有问题吗？", "你会给我打多少分？",
        "How did I do in this interview?", "Do you think I passed?",
        "What did you think of my answers?", "Am I a good fit based on today?",
    ),
    "company": (
        "你们公司主要做什么业务？", "能介绍一下公司的产品吗？", "What does your company do?",
        "What are the company's main products?",
    ),
    "off_topic": (
        "你平时喜欢做什么？", "今天天气怎么样？", "你是人还是机器人？", "你是哪个学校毕业的？",
        "讲个笑话吧", "What's your favourite movie?", "Are you an AI?", "Do you enjoy your job?",
        "What is the capital of France?",
    ),
}
