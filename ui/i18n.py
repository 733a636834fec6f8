"""Every string the UI shows, in Chinese and English; ``t(key)`` picks the current language.

The language lives in ``st.session_state["ui_lang"]`` ("zh" or "en"), set by the switch in the
sidebar; every page reads it on each run, so switching re-renders the whole UI.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

LANG_KEY = "ui_lang"
LANGUAGES = {"zh": "中文", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {
    # app shell
    "app.title": ("拷打 · AI 算法岗模拟面试", "Kaoda · mock interviews for AI/ML jobs"),
    "app.language": ("界面语言", "Language"),
    "app.service_ok": ("服务已连接 · 题库 {entries} 条", "Service connected · {entries} entries"),
    "app.brain_llm": ("面试官：大模型 {model}（出错时由离线面试官接替）",
                      "Interviewer: LLM {model} (the offline interviewer steps in on failures)"),
    "app.brain_offline": ("面试官：内置离线面试官（未配置大模型）",
                          "Interviewer: built-in offline interviewer (no LLM configured)"),
    "app.service_starting": ("服务正在启动（加载模型和索引）…", "The service is starting (model and index)…"),
    "app.unexpected": ("出现意外错误（{error}），请刷新页面重试。", "Something went wrong ({error}); please reload the page."),
    "nav.interview": ("模拟面试", "Interview"),
    "nav.review": ("复盘", "Review"),
    "nav.practice": ("刷题练习", "Practice"),
    "nav.login": ("登录", "Log in"),
    "nav.account": ("我的数据", "My data"),
    # accounts
    "auth.title": ("登录拷打", "Log in to Kaoda"),
    "auth.intro": ("这是一台多人共用的拷打服务：每个人的简历和面试记录只有自己能看到。",
                   "This Kaoda server is shared: your résumés and transcripts are visible to you alone."),
    "auth.login": ("登录", "Log in"),
    "auth.register": ("注册", "Register"),
    "auth.username": ("用户名", "Username"),
    "auth.username_help": ("3–32 个字母、数字、_ . -，不区分大小写", "3–32 letters, digits, _ . - (case-insensitive)"),
    "auth.password": ("密码", "Password"),
    "auth.password_help": ("至少 8 个字符", "At least 8 characters"),
    "auth.missing": ("请填写用户名和密码。", "Enter a username and a password."),
    "auth.working": ("请稍候…", "One moment…"),
    "auth.registered": ("注册成功，正在登录…", "Account created; logging in…"),
    "auth.signed_in": ("已登录：{name}", "Signed in as {name}"),
    "auth.logout": ("退出登录", "Log out"),
    "auth.expired": ("登录已失效，请重新登录。", "Your login has expired; please log in again."),
    # one's own data
    "acct.user": ("账号：{name}（注册于 {date}）", "Account: {name} (since {date})"),
    "acct.local": ("本机模式：数据只保存在这台电脑上，无需登录。", "Local mode: your data stays on this computer; no login."),
    "acct.export": ("导出我的全部数据", "Export all my data"),
    "acct.export_help": ("简历、每场面试的完整记录和评分、刷题记录，一个 JSON 文件。",
                         "Résumés, every interview with its grades, practice answers — one JSON file."),
    "acct.download": ("下载 JSON", "Download JSON"),
    "acct.resumes": ("我的简历", "My résumés"),
    "acct.no_resumes": ("还没有上传过简历。", "No résumés uploaded."),
    "acct.projects": ("{n} 个项目", "{n} projects"),
    "acct.delete": ("删除", "Delete"),
    "acct.resume_deleted": ("简历已删除。", "Résumé deleted."),
    "acct.danger": ("删除全部数据", "Delete everything"),
    "acct.delete_all_help": ("删除所有简历、面试记录和刷题记录，无法恢复。",
                             "Deletes every résumé, interview and practice answer. This cannot be undone."),
    "acct.delete_account_help": ("删除账号以及其中的所有简历、面试记录和刷题记录，无法恢复。",
                                 "Deletes the account and every résumé, interview and practice answer in it. This cannot be undone."),
    "acct.confirm": ("我确认要永久删除", "I understand this is permanent"),
    "acct.delete_all": ("删除全部数据", "Delete all my data"),
    "acct.delete_account": ("删除账号", "Delete my account"),
    "acct.deleted": ("已删除。", "Deleted."),
    # setup
    "setup.title": ("开始一场模拟面试", "Start a mock interview"),
    "setup.intro": ("面试官会按真实流程拷打你：自我介绍 → 项目拷打 → 八股概念 → 手撕代码 → 反问，最后给出评分报告。",
                    "The interviewer follows a real interview: self-introduction → project drilling → concepts → coding → your questions, then a scored report."),
    "setup.track": ("面试方向", "Track"),
    "setup.language": ("面试语言", "Interview language"),
    "setup.length": ("面试时长", "Length"),
    "setup.resume": ("上传简历（可选，PDF / DOCX / Markdown / TXT）", "Upload a résumé (optional: PDF / DOCX / Markdown / TXT)"),
    "setup.resume_help": ("上传后会识别出你的项目经历，面试官会据此追问。", "Your projects are recognized and the interviewer drills into them."),
    "setup.analyzing": ("正在解析简历…", "Reading the résumé…"),
    "setup.projects": ("识别出的项目（可直接修改、增删，然后保存）", "Recognized projects (edit, add or delete rows, then save)"),
    "setup.no_projects": ("没有识别出项目经历；可以在下表中手动添加。", "No projects were recognized; you can add them below."),
    "setup.save_projects": ("保存项目", "Save projects"),
    "setup.saved": ("项目已保存。", "Projects saved."),
    "setup.start": ("开始面试", "Start interview"),
    "setup.starting": ("面试官正在准备问题…", "The interviewer is preparing questions…"),
    "setup.resume_limit": ("每个文件不超过 {mb} MB · PDF、DOCX、Markdown、TXT", "Up to {mb} MB per file · PDF, DOCX, Markdown, TXT"),
    "setup.resume_button": ("选择文件", "Choose a file"),
    "setup.too_big": ("这个文件有 {mb} MB，超过了 {limit} MB 的上限，请压缩或删减后再上传。", "This file is {mb} MB, more than the {limit} MB limit; shrink it and upload again."),
    "setup.vague": ("简历没写清楚的地方（会被追问）：{flags}", "What the résumé leaves vague (expect questions): {flags}"),
    "setup.profile": ("识别到：{name}", "Recognized: {name}"),
    "col.name": ("项目名称", "Project"), "col.kind": ("类型", "Kind"), "col.role": ("角色", "Role"),
    "col.organization": ("机构", "Organization"), "col.period": ("时间", "Period"),
    "col.task": ("任务", "Task"), "col.methods": ("方法", "Methods"), "col.data": ("数据", "Data"),
    "col.contribution": ("个人贡献", "Contribution"), "col.metrics": ("指标", "Metrics"),
    # interview
    "iv.stage": ("当前阶段：{stage}（{n}/{total}）", "Current stage: {stage} ({n}/{total})"),
    "iv.input": ("输入你的回答…", "Type your answer…"),
    "iv.brain_offline": ("内置面试官", "built-in interviewer"),
    "iv.brain_fallback": ("内置面试官（大模型出错时接替）", "built-in interviewer (stepped in for the LLM)"),
    "iv.brain_llm": ("大模型面试官 {model}", "LLM interviewer {model}"),
    "iv.input_limit": ("输入你的回答…（最多 {limit} 字）", "Type your answer… (up to {limit} characters)"),
    "iv.too_long": ("这条消息有 {n} 字，超过了 {limit} 字的上限，没有发送。原文保留在下面，删减后再发送。",
                    "This message has {n} characters, more than the limit of {limit}; it was not sent. "
                    "Your text is kept below: shorten it, then send."),
    "iv.kept": ("这条消息没有发送成功，原文保留在下面，可以修改后重新发送。",
                "This message was not sent; your text is kept below to edit and send again."),
    "iv.kept_label": ("你的消息（未发送）", "Your message (not sent)"),
    "iv.count": ("{n} / {limit} 字", "{n} / {limit} characters"),
    "iv.send": ("发送", "Send"), "iv.discard": ("丢弃", "Discard"),
    "iv.timer": ("已用时（不含暂停）", "elapsed (pauses excluded)"),
    "iv.timer_paused": ("已暂停", "paused"),
    "iv.pause": ("暂停", "Pause"), "iv.resume": ("继续", "Resume"),
    "iv.paused_note": ("面试已暂停，计时停止。点「继续」接着答题。", "The interview is paused and the clock stopped. Press Resume to go on."),
    "iv.end": ("提前结束", "End now"),
    "iv.end_confirm": ("现在结束面试？只按已经问到的内容评分，之后不能再继续。",
                       "End the interview now? Only what was asked is scored, and it cannot be continued."),
    "iv.end_yes": ("结束面试", "End the interview"), "iv.end_no": ("继续面试", "Keep going"),
    "iv.ended_early": ("（提前结束，只按已经问到的内容评分）", " (ended early: only what was asked is scored)"),
    "iv.thinking": ("面试官正在思考…", "The interviewer is thinking…"),
    "iv.finished": ("面试结束！总分：{score} / 100", "The interview is over. Overall score: {score} / 100"),
    "iv.open_review": ("查看复盘报告", "Open the review"),
    "iv.new": ("开始新的面试", "Start a new interview"),
    "iv.code_turn": ("提交了代码", "submitted code"),
    "rv.delete": ("删除这场面试", "Delete this interview"),
    "rv.delete_confirm": ("永久删除这场面试的全部记录", "Permanently delete this interview's record"),
    "rv.deleted": ("面试记录已删除。", "Interview deleted."),
    "iv.meta": ("方向：{track} · 语言：{language} · 时长：{length}", "Track: {track} · Language: {language} · Length: {length}"),
    # errors the service names
    "err.paused": ("面试已暂停，先点「继续」再回答。", "The interview is paused; press Resume before answering."),
    "err.closed": ("这场面试已经结束，可以去「复盘」看报告。", "This interview has finished; its report is on the Review page."),
    "err.busy": ("面试官还在回答上一条消息，请稍后再发。", "The interviewer is still answering your last message; send it again in a moment."),
    "err.too_long": ("消息太长：最多 {limit} 字。原文已保留，删减后再发送。", "The message is too long: at most {limit} characters. Your text is kept; shorten it and send again."),
    "err.code_rejected": ("代码没有被接受：{detail}", "The code was not accepted: {detail}"),
    "err.no_match": ("没有符合这些筛选条件的题目，去掉一个条件再试。", "No question matches these filters; remove one and try again."),
    # coding
    "code.title": ("手撕代码：{title}", "Coding: {title}"),
    "code.statement": ("题目描述", "Problem statement"),
    "code.plain": ("使用纯文本编辑器", "Use a plain text editor"),
    "code.editor_label": ("你的代码", "Your code"),
    "code.editor_hint": ("在编辑器里写代码（Python 语法高亮），写完后点「运行测试」自测，或点「提交」交给面试官。",
                         "Write your code in the editor (Python highlighting); use Run tests to check it yourself, or Submit to hand it to the interviewer."),
    "code.run": ("运行测试", "Run tests"),
    "code.submit": ("提交", "Submit"),
    "code.running": ("正在沙箱中运行测试…", "Running the tests in the sandbox…"),
    "code.practice_note": ("这是练习运行，不计入面试成绩。", "A practice run — not recorded in the interview."),
    "code.result": ("结果：{status} · 得分 {score:.0%} · {passed}/{total} 个测试通过",
                    "Result: {status} · score {score:.0%} · {passed}/{total} tests passed"),
    "code.error": ("错误：{error}", "Error: {error}"),
    "code.test": ("测试", "Test"), "code.passed": ("通过", "Passed"), "code.message": ("信息", "Message"),
    "code.forbidden": ("使用了禁止的 API：{calls}", "Uses forbidden APIs: {calls}"),
    "code.empty": ("代码为空。", "The code is empty."),
    # review
    "rv.title": ("面试复盘", "Interview review"),
    "rv.none": ("还没有面试记录，先去做一场模拟面试吧。", "No interviews yet — start one first."),
    "rv.history": ("历史面试", "Past interviews"),
    "rv.pick": ("选择一场面试", "Pick an interview"),
    "rv.date": ("时间", "Date"), "rv.track": ("方向", "Track"), "rv.score": ("总分", "Score"),
    "rv.status": ("状态", "Status"),
    "rv.progress": ("历次总分", "Overall score over time"),
    "rv.overall": ("总分", "Overall"),
    "rv.by_stage": ("各阶段得分", "Scores by stage"),
    "rv.by_topic": ("各主题得分", "Scores by topic"),
    "rv.strengths": ("亮点", "Strengths"),
    "rv.gaps": ("待加强", "Gaps"),
    "rv.no_strengths": ("这次没有达到 75 分的阶段或题目。", "No stage or question reached 75 this time."),
    "rv.running": ("进行中的面试（{n}）", "Interviews in progress ({n})"),
    "rv.paused": ("已暂停", "paused"),
    "rv.continue_short": ("继续", "Continue"), "rv.end": ("结束", "End"),
    "rv.delete_short": ("删除", "Delete"),
    "rv.end_confirm": ("结束这场面试？只按已经问到的内容评分。", "End this interview? Only what was asked is scored."),
    "rv.yes": ("确定", "Yes"), "rv.no": ("取消", "Cancel"), "rv.done": ("好了。", "Done."),
    "rv.duration": ("用时", "Duration"),
    "rv.ended_early": ("这场面试提前结束了，只按已经问到的内容评分。", "This interview was ended early; only what was asked is scored."),
    "rv.loading": ("正在加载报告…", "Loading the report…"),
    "rv.make_pdf": ("生成 PDF 报告", "Make the PDF report"),
    "rv.making_pdf": ("正在生成 PDF（图表和中文字体，需要几秒）…", "Making the PDF (charts and fonts take a few seconds)…"),
    "rv.download_pdf": ("下载 PDF 报告", "Download the PDF report"),
    "rv.contradiction": ("之前说「{claim}」，后来说「{said}」", "said “{claim}” earlier, then “{said}”"),
    "rv.evidence": ("你的原话：“{text}”", "you said: “{text}”"),
    "rv.prep": ("项目包装：下次面试前要准备的", "Project preparation: what to prepare next time"),
    "rv.prep_missing": ("没说清楚、要准备的", "Not yet said — prepare"),
    "rv.prep_tech": ("会被追问的技术", "Techniques you will be asked about"),
    "rv.prep_best": ("你说得好的地方（保留）", "Your best concrete statements (keep)"),
    "rv.prep_conflicts": ("前后对不上的说法", "Claims that did not match"),
    "rv.download": ("下载 Markdown 报告", "Download the Markdown report"),
    "rv.transcript": ("面试记录", "Transcript"),
    "rv.grade": ("得分 {score} · 命中要点 {hit}/{total}", "Score {score} · key points hit {hit}/{total}"),
    "rv.key_points": ("要点", "Key points"),
    "rv.reference": ("参考答案", "Reference answer"),
    "rv.feedback": ("点评", "Feedback"),
    "rv.drill": ("项目追问「{point}」得分 {score}", "Drilling on “{point}”: score {score}"),
    "rv.vague_reasons": ("含糊之处：{reasons}", "Vague: {reasons}"),
    "rv.in_progress": ("这场面试还没有结束，分数可能不完整。", "This interview is still running; scores may be incomplete."),
    "rv.continue": ("继续这场面试", "Continue this interview"),
    # practice
    "pr.title": ("刷题练习", "Practice"),
    "pr.search": ("搜索题目（按意思找，例如：为什么要除以根号 dk）", "Search questions by meaning (e.g. why divide by sqrt(d_k))"),
    "pr.searching": ("正在检索…", "Searching…"),
    "pr.pick": ("选择题目", "Pick a question"),
    "pr.pick_placeholder": ("从列表里选一道题", "Choose a question from the list"),
    "pr.all": ("全部", "All"), "pr.topic": ("主题", "Topic"), "pr.track": ("方向", "Track"),
    "pr.difficulty": ("难度", "Difficulty"), "pr.kind": ("题型", "Kind"),
    "pr.random": ("随机一题", "Random question"), "pr.next": ("下一题（优先复习）", "Next (due reviews first)"),
    "pr.from_review": ("这道题在复习队列里：上次漏掉的要点到期了。", "From your review queue: points you missed are due."),
    "pr.found": ("符合条件的题目：{n} 道", "{n} matching questions"),
    "pr.tab_bank": ("题库", "Question bank"), "pr.tab_review": ("复习队列", "Review queue"),
    "pr.tab_history": ("练习记录", "History"),
    "pr.review_empty": ("现在没有到期要复习的要点。答错或漏掉的要点会在 1、3、7、16 天后回来。", "Nothing is due. Points you miss come back after 1, 3, 7 and 16 days."),
    "pr.box": ("第 {box} 轮", "round {box}"), "pr.practise": ("练这道", "Practise"),
    "pr.history_empty": ("还没有练习记录。", "No practice yet."),
    "pr.when": ("时间", "When"), "pr.question": ("题目", "Question"), "pr.source": ("来源", "From"),
    "pr.choose": ("选一道题、点「随机一题」，或从复习队列开始。", "Pick a question, press Random question, or start from the review queue."),
    "pr.gone": ("这道题已经不在题库里了，换一道吧。", "That question is no longer in the bank; pick another."),
    "pr.recorded": ("这次提交已计入练习记录。", "This submission is recorded in your history."),
    "pr.answer": ("你的回答", "Your answer"),
    "pr.grade": ("评分", "Grade my answer"),
    "pr.grading": ("正在评分…", "Grading…"),
    "pr.score": ("得分", "Score"),
    "pr.empty": ("请先写下你的回答。", "Write an answer first."),
}

STAGES = ["intro", "project", "concept", "coding", "questions", "closed"]
STAGE_NAMES = {
    "intro": ("自我介绍", "Self-introduction"), "project": ("项目拷打", "Project drilling"),
    "concept": ("八股概念", "Concepts"), "coding": ("手撕代码", "Coding"),
    "questions": ("反问", "Your questions"), "closed": ("结束", "Closed"),
}
TRACKS = {
    "cv-intern": ("CV 算法实习", "CV algorithm intern"),
    "llm-algorithm": ("大模型算法", "LLM algorithm engineer"),
    "research-scientist": ("AI 研究科学家", "AI research scientist"),
    "ml-fundamentals": ("机器学习基础", "ML fundamentals"),
}
LENGTHS = {"short": ("短：1 个项目 · 2 道八股 · 1 道代码", "Short: 1 project · 2 concepts · 1 coding task"),
           "standard": ("标准：1 个项目 · 4 道八股 · 1 道代码", "Standard: 1 project · 4 concepts · 1 coding task"),
           "full": ("完整：2 个项目 · 6 道八股 · 1 道代码", "Full: 2 projects · 6 concepts · 1 coding task")}
STATUSES = {"passed": ("通过", "passed"), "failed": ("未通过", "failed"), "error": ("出错", "error"),
            "timeout": ("超时", "timeout"), "memory_limit": ("内存超限", "memory limit"),
            "forbidden_api": ("使用了禁止的 API", "forbidden API"),
            "active": ("进行中", "in progress"), "finished": ("已结束", "finished")}
VAGUE_FLAGS = {"no_metrics": ("没有量化指标", "no metrics"), "no_data": ("没有说明数据", "no data"),
               "no_own_contribution": ("没写个人贡献", "no own contribution"),
               "only_existing_model": ("只用了现成模型", "only an existing model"),
               "unnamed_metric": ("指标没说清是什么", "unnamed metric")}
KINDS = {"project": ("项目", "project"), "internship": ("实习", "internship"),
         "work": ("工作", "work"), "competition": ("竞赛", "competition"),
         "paper": ("论文", "paper"), "research": ("科研", "research")}
FLAGS = {"skip": ("想跳过问题", "tried to skip the question"),
         "injection": ("试图指挥面试官", "tried to instruct the interviewer")}
DIFFICULTIES = {"easy": ("简单", "easy"), "medium": ("中等", "medium"), "hard": ("困难", "hard")}
KINDS_OF_QUESTION = {"concept": ("概念题", "concept"), "coding": ("代码题", "coding")}
SOURCES = {"practice": ("练习", "practice"), "interview": ("面试", "interview")}
# Older interviews stored drilling reasons as codes; newer ones store them in words.
REASONS = {
    "hedging": ("用了“大概、可能”这类含糊的说法", "hedged (\"maybe\", \"probably\")"),
    "just_used_existing": ("只说用了现成模型，没说自己改了什么", "only said an existing model was used"),
    "too_short": ("回答太短", "the answer was too short"),
    "no_numbers": ("没有给出具体数字", "no concrete numbers"),
    "no_concrete_model": ("没有说出具体的模型", "no concrete model named"),
    "no_own_contribution": ("没有说清自己做了什么", "your own part was not clear"),
    "no_task_specifics": ("任务的输入输出和目标没讲清楚", "the task's input, output and goal were unclear"),
    "no_model_specifics": ("模型结构没讲具体", "the model was not described concretely"),
    "no_training_specifics": ("训练细节不具体", "training details were missing"),
    "no_data_specifics": ("数据情况不具体", "the data was not described concretely"),
    "no_difficulty_specifics": ("难点和解决过程没讲具体", "the difficulty and its solution were vague"),
    "no_novelty_specifics": ("创新点没讲具体", "what was new was not explained"),
    "no_metrics_specifics": ("指标和对比没讲具体", "metrics and baselines were missing"),
    "no_contribution_specifics": ("个人贡献不具体", "your own contribution was vague"),
    "contradiction": ("和之前的说法对不上", "contradicted what was said before"),
}
POINTS = {"task": ("任务", "task"), "model": ("模型", "model"), "training": ("训练", "training"),
          "data": ("数据", "data"), "difficulty": ("难点", "difficulty"),
          "novelty": ("创新点", "novelty"), "metrics": ("指标", "metrics"),
          "contribution": ("个人贡献", "contribution"), "technique": ("技术细节", "technique")}


def lang() -> str:
    value = st.session_state.get(LANG_KEY, "zh")
    return value if value in LANGUAGES else "zh"


def _pick(pair: tuple[str, str]) -> str:
    return pair[0] if lang() == "zh" else pair[1]


def t(key: str, **values: Any) -> str:
    text = _pick(STRINGS[key])
    return text.format(**values) if values else text


def name_of(table: dict[str, tuple[str, str]], key: str | None) -> str:
    """Translate a vocabulary value (stage, track, status …); unknown values pass through."""
    if key is None:
        return "—"
    return _pick(table[key]) if key in table else key


_CODE = re.compile(r"^[a-z][a-z_]*(?::[a-z_]+)?$")
_CJK = re.compile(r"[\u3400-\u9fff]")


def readable_reasons(reasons: list[str]) -> list[str]:
    """Why drilling pressed, in words: known codes translated, unknown codes left out (a code
    is never shown), sentences the engine already wrote in words kept."""
    out = []
    for reason in reasons:
        text = str(reason).strip()
        code = text.split(":", 1)[0]
        if _CODE.match(text):
            if code in REASONS:
                out.append(_pick(REASONS[code]))
        elif text:
            out.append(text)
    return out


def one_language(text: str) -> str:
    """A service message written in both languages ("English. 中文。") in the UI language."""
    first = _CJK.search(text)
    cut = text.rfind(". ", 0, first.start()) if first is not None else -1
    if first is None or cut < 0:
        return text
    english, chinese = text[:cut + 1].strip(), text[cut + 1:].strip()
    return chinese if lang() == "zh" else english
