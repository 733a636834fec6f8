"""Every string the UI shows, in Chinese and English; ``t(key)`` picks the current language.

The language lives in ``st.session_state["ui_lang"]`` ("zh" or "en"), set by the switch in the
sidebar; every page reads it on each run, so switching re-renders the whole UI.
"""

from __future__ import annotations

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
    "setup.vague": ("简历没写清楚的地方（会被追问）：{flags}", "What the résumé leaves vague (expect questions): {flags}"),
    "setup.profile": ("识别到：{name}", "Recognized: {name}"),
    "col.name": ("项目名称", "Project"), "col.kind": ("类型", "Kind"), "col.role": ("角色", "Role"),
    "col.organization": ("机构", "Organization"), "col.period": ("时间", "Period"),
    "col.task": ("任务", "Task"), "col.methods": ("方法", "Methods"), "col.data": ("数据", "Data"),
    "col.contribution": ("个人贡献", "Contribution"), "col.metrics": ("指标", "Metrics"),
    # interview
    "iv.stage": ("当前阶段：{stage}（{n}/{total}）", "Current stage: {stage} ({n}/{total})"),
    "iv.input": ("输入你的回答…", "Type your answer…"),
    "iv.brain": ("由 {brain} 面试官生成", "spoken by the {brain} interviewer"),
    "iv.thinking": ("面试官正在思考…", "The interviewer is thinking…"),
    "iv.finished": ("面试结束！总分：{score} / 100", "The interview is over. Overall score: {score} / 100"),
    "iv.open_review": ("查看复盘报告", "Open the review"),
    "iv.new": ("开始新的面试", "Start a new interview"),
    "iv.code_turn": ("提交了代码", "submitted code"),
    "rv.delete": ("删除这场面试", "Delete this interview"),
    "rv.delete_confirm": ("永久删除这场面试的全部记录", "Permanently delete this interview's record"),
    "rv.deleted": ("面试记录已删除。", "Interview deleted."),
    "iv.meta": ("方向：{track} · 语言：{language} · 时长：{length}", "Track: {track} · Language: {language} · Length: {length}"),
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
    "rv.weak_points": ("项目追问中的薄弱点", "Weak points in project drilling"),
    "rv.prep": ("项目包装：下次面试前要准备的", "Project preparation: what to prepare next time"),
    "rv.prep_missing": ("没说清楚、要准备的", "Not yet said — prepare"),
    "rv.prep_tech": ("会被追问的技术", "Techniques you will be asked about"),
    "rv.prep_best": ("你说得好的地方（保留）", "Your best concrete statements (keep)"),
    "rv.prep_conflicts": ("前后对不上的数字", "Numbers that did not match"),
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
    "pr.search": ("搜索题目（例如：为什么要除以根号 dk）", "Search questions (e.g. why divide by sqrt(d_k))"),
    "pr.search_button": ("搜索", "Search"),
    "pr.searching": ("正在检索…", "Searching…"),
    "pr.no_results": ("没有找到相关题目。", "No matching questions."),
    "pr.pick": ("选择题目", "Pick a question"),
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
