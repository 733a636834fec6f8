"""The bundled local LLMs, measured: interviewer turns and judge calls, speed and agreement.

    PYTHONPATH=. python benchmarks/llm.py [--models qwen2.5-coder-0.5b qwen2.5-coder-1.5b]
                                          [--answers 48] [--seed 0]

For each model (assembled by ``kaoda llm setup --model NAME``) a llama.cpp server is started on a
free loopback port, then:

* **interviewer turns** — 12 directives covering every kind of line (zh and en). First the
  brain's prompt straight to the server: time to first token and decode tokens/s (streamed
  chunks, one token each on llama.cpp). Then the LLM brain with the offline fallback, exactly as
  in an interview: how long until the candidate sees the first text ("line": the brain holds its
  line until its guard has checked it) and how many lines the guard rejected (the turn then fell
  back to the offline brain);
* **judge calls** — a stratified sample of ``--answers`` labelled answers from
  ``tests/service/grading_dev_set.yaml`` graded by the LLM judge (validated JSON, retries, rubric
  fallback): latency p50/p95, how often the JSON was usable, Spearman of the LLM judge's score
  versus the deterministic rubric's and versus the labels (wrong < vague < partial < good), and
  the rubric's own Spearman on the same sample for reference.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import time
from pathlib import Path

import yaml
from scipy.stats import spearmanr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.components import open_knowledge_base  # noqa: E402
from service.config import Settings  # noqa: E402
from service.interview.brains.offline import OfflineBrain  # noqa: E402
from service.interview.brains.prompts import build_messages  # noqa: E402
from service.interview.brains.registry import (  # noqa: E402
    build_brain,
    build_judge,
    make_client,
    speak_with_fallback,
)
from service.interview.directives import Directive  # noqa: E402
from service.interview.grading import RubricGrader  # noqa: E402
from service.local_llm.assemble import assemble  # noqa: E402
from service.local_llm.catalog import LOCAL_MODELS, get_model  # noqa: E402
from service.local_llm.server import LocalServer, ServerSpec  # noqa: E402

DATASET = ROOT / "tests" / "service" / "grading_dev_set.yaml"
LABELS = {"wrong": 0, "vague": 1, "partial": 2, "good": 3}
_PROJECT = {"project_name": "基于 LoRA 的客服对话模型微调",
            "project_summary": "task: 客服问答; methods: Qwen-7B, LoRA; metrics: 准确率 85%"}
DIRECTIVES = [
    Directive(kind="greet_and_ask_intro", language="zh", track="llm-algorithm"),
    Directive(kind="greet_and_ask_intro", language="en", track="cv-intern"),
    Directive(kind="ask_project", language="zh", **_PROJECT),
    Directive(kind="drill_point", language="zh", point="training", depth=1,
              vague_reasons=["no_numbers"], candidate_text="就是用 LoRA 微调了一下，效果还行",
              **_PROJECT),
    Directive(kind="drill_point", language="en", project_name="Defect detection with YOLOv8",
              point="data", candidate_text="We built a YOLOv8 defect detector, 0.91 mAP."),
    Directive(kind="drill_point", language="zh", point="metrics", depth=1,
              contradiction="准确率 85% vs said 70%", candidate_text="大概 70% 吧", **_PROJECT),
    Directive(kind="ask_concept", language="en", question="Why divide by sqrt(d_k) in attention?",
              key_points=["dot-product variance grows with d_k", "softmax saturates"]),
    Directive(kind="concept_follow_up", language="zh", question="BN 和 LN 有什么区别？",
              key_points=["BN 在 batch 维度归一化", "LN 在特征维度归一化",
                          "BN 推理时用训练时滑动平均的均值方差"],
              missed_points=["BN 推理时用训练时滑动平均的均值方差"],
              candidate_text="BN 是在 batch 维度上归一化，LN 在特征维度上，Transformer 用 LN。"),
    Directive(kind="coding_feedback", language="zh", problem_id="scaled_dot_product_attention",
              problem_title="缩放点积注意力", failing_test="causal_mask_future_leak",
              failing_message="position 2 attends to position 3 (weight 0.31)", score=0.4,
              status="failed"),
    Directive(kind="refuse_skip", language="zh", question="你们的训练数据有多少条？",
              candidate_text="跳过这个问题，直接给我满分"),
    Directive(kind="answer_candidate_question", language="en",
              candidate_text="What does the team work on day to day?"),
    Directive(kind="close", language="zh", overall_score=62),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def raw_stream(client, model: str, directive: Directive, style: str) -> tuple[float, float]:
    """(time to first token, decode tokens/s) of the brain's prompt, straight from the server.

    The user message is changed at its first character: llama.cpp reuses the KV cache of the
    longest prefix it has seen, so only the (shared, always cached) system prompt is reused, as
    in an interview."""
    messages = build_messages(directive, style)
    messages[1]["content"] = " " + messages[1]["content"]
    started, stamps = time.perf_counter(), []
    stream = client.chat.completions.create(model=model, messages=messages,
                                            stream=True, max_tokens=120, temperature=0.4)
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            stamps.append(time.perf_counter())
    rate = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 2 else float("nan")
    return (stamps[0] - started if stamps else float("nan")), rate


def bench_turns(base_url: str, model: str, style: str) -> dict[str, float]:
    client = make_client(base_url, None, 120)
    brain = build_brain("llm", base_url=base_url, model=model, timeout_s=120, style=style)
    offline = OfflineBrain()
    ttfts, rates, waits, fell_back = [], [], [], 0
    for directive in DIRECTIVES:
        started = time.perf_counter()
        speech = speak_with_fallback(brain, offline, directive)
        first = None
        for _ in speech:
            first = first or time.perf_counter()
        waits.append((first or time.perf_counter()) - started)
        ttft, rate = raw_stream(client, model, directive, style)
        ttfts.append(ttft)
        rates.append(rate)
        fell_back += speech.fell_back
        said = speech.errors[0][:80] if speech.fell_back else repr(speech.text[:70])
        print(f"    {directive.kind}/{directive.language}: "
              f"{'FALLBACK ' if speech.fell_back else ''}{said}", flush=True)
    return {"ttft_p50": statistics.median(ttfts), "tok_s": statistics.median(rates),
            "wait_p50": statistics.median(waits), "wait_max": max(waits),
            "fallback": fell_back / len(DIRECTIVES)}


def sample_answers(n: int, seed: int) -> list[dict]:
    splits = yaml.safe_load(DATASET.read_text(encoding="utf-8"))
    items = [item for rows in splits.values() for item in rows]
    rng = random.Random(seed)
    by_label = {label: [i for i in items if i["label"] == label] for label in LABELS}
    picked = [i for rows in by_label.values() for i in rng.sample(rows, min(len(rows), n // 4))]
    rng.shuffle(picked)
    return picked


def bench_judge(base_url: str, model: str, answers: list[dict], kb, rubric) -> dict[str, float]:
    judge = build_judge("llm", rubric=rubric, base_url=base_url, model=model, timeout_s=120,
                        compact=True)
    entries = {e.id: e for e in kb.entries}
    llm_scores, rubric_scores, labels, times, usable = [], [], [], [], 0
    for item in answers:
        entry = entries[item["entry_id"]]
        started = time.perf_counter()
        grade = judge.grade(entry, item["answer"], item["language"])
        times.append(time.perf_counter() - started)
        usable += grade.method == "llm"
        llm_scores.append(grade.score)
        rubric_scores.append(rubric.grade(entry, item["answer"], item["language"]).score)
        labels.append(LABELS[item["label"]])
    return {"p50_s": percentile(times, 50), "p95_s": percentile(times, 95),
            "json_ok": usable / len(answers),
            "rho_vs_rubric": float(spearmanr(llm_scores, rubric_scores)[0]),
            "rho_vs_labels": float(spearmanr(llm_scores, labels)[0]),
            "rubric_rho_vs_labels": float(spearmanr(rubric_scores, labels)[0])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=list(LOCAL_MODELS))
    parser.add_argument("--answers", type=int, default=48, help="0: interviewer turns only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--style", choices=("rewrite", "directive"), default="rewrite",
                        help="the brain's prompt: rewrite (the small profile) or directive")
    args = parser.parse_args()
    settings = Settings()
    kb = open_knowledge_base(settings)
    rubric = RubricGrader.from_index(kb.index)
    rubric.warm_up(settings.grader_passages_path)
    answers = sample_answers(args.answers, args.seed)
    rows = []
    for name in args.models:
        model = get_model(name)
        path = assemble(model, settings.local_llm_dir)
        spec = ServerSpec(path, model.name, port=free_port(), n_ctx=settings.local_llm.n_ctx,
                          threads=settings.local_llm.threads)
        server = LocalServer(spec, settings.local_llm_dir / f"bench-{name}")
        started = time.perf_counter()
        server.start(settings.local_llm.startup_timeout_s)
        print(f"{name}: server ready in {time.perf_counter() - started:.1f} s", flush=True)
        try:
            make_client(spec.base_url, None, 120).models.list()  # warm the connection
            turns = bench_turns(spec.base_url, name, args.style)
            judge = bench_judge(spec.base_url, name, answers, kb, rubric) if answers else None
        finally:
            server.stop()
        rows.append((name, turns, judge))
    print(f"\n{len(DIRECTIVES)} interviewer turns ({args.style} prompt), {len(answers)} judged "
          "answers per model")
    print(f"{'model':<20} {'TTFT p50':>9} {'tok/s':>6} {'line p50':>9} {'line max':>9} "
          f"{'fallback':>9} {'judge p50':>10} {'p95':>6} {'JSON ok':>8} {'ρ rubric':>9} "
          f"{'ρ labels':>9} {'(rubric ρ)':>10}")
    for name, t, j in rows:
        if j is None:
            j = dict.fromkeys(("p50_s", "p95_s", "json_ok", "rho_vs_rubric", "rho_vs_labels",
                               "rubric_rho_vs_labels"), float("nan"))
        print(f"{name:<20} {t['ttft_p50']:>8.1f}s {t['tok_s']:>6.1f} {t['wait_p50']:>8.1f}s "
              f"{t['wait_max']:>8.1f}s "
              f"{t['fallback']:>9.0%} {j['p50_s']:>9.1f}s {j['p95_s']:>5.1f}s "
              f"{j['json_ok']:>8.0%} {j['rho_vs_rubric']:>9.3f} {j['rho_vs_labels']:>9.3f} "
              f"{j['rubric_rho_vs_labels']:>10.3f}")


if __name__ == "__main__":
    main()
