"""Project drilling that listens: decisions, presses, contradictions, résumé links, latency.

    PYTHONPATH=. python benchmarks/drilling.py [--brain offline|llm|both] [--llm-sample 60]
        [--candidates 20] [--think 1.0] [--semantic] [--skip-live]

Uses the service's settings (``KAODA_HOME``, ``KAODA_LLM__*``) for the model, the index and the
LLM endpoint. Prints, from the labelled sets in ``tests/service`` (the engine's own splits dev,
holdout, fresh, blind; ``indep``, the half of the independent blind set kept in the repo;
``classes`` and ``recheck``, the independent run's failure classes in new answers):

* **decisions** — per split: press / let go right (also without the contradiction items),
  contradictions confronted and false alarms, the weak résumé's answers pressed, slot precision
  and recall, engine time per turn (the engine alone; ``--semantic`` adds the embedding model's
  slot matching for comparison);
* **per brain** — share of presses whose line quotes the candidate's own words, contradictions
  confronted (the line quotes both sides), fallbacks to the offline line, and time to the line;
* **résumé-linked concepts** — in simulated interviews over the nine résumés (short and standard,
  weak and strong candidates): the share of concept questions drawn from the candidate's own
  techniques, and how many interviews with a linked entry asked at least one;
* **turn latency** — p50 / p95 of drilling turns with ``--candidates`` concurrent scripted
  candidates against the live service (offline brain, ``--think`` seconds between turns), plus
  the engine's own time per turn.

Blind first evaluations (before any tuning on that split), for an honest estimate on unseen
answers: held-out résumés 0.927 decisions; ``fresh`` (paraphrases, written after the patterns)
0.597; ``blind`` (real-candidate style, written last) 0.820 decisions, 3 of 4 contradictions
confronted with 1 false alarm. Every blind error was a concrete answer pressed once more (a missed
let-go), none a vague answer let go. Each split was tuned on after its blind run.

Independent set (written by someone who never saw the engine: 10 résumés, 249 answers), first
run, engine at merge 7e60580: decisions 0.855 (0.872 without the contradiction items),
contradictions confronted 4 of 30 with 4 false alarms, weak answers pressed 8 of 10, slot
precision 0.871 recall 0.739. Its dev half (``indep``, 128 answers) on that engine: decisions
0.828 (0.842), 1 of 14 confronted, 3 false alarms, weak 4 of 5, slots P 0.865 R 0.712. Round 2
tuned on that half; the other half is held out. ``classes`` (49 answers, written before the
round-2 change) first run: decisions 0.694, 3 of 18 confronted, 4 false alarms; ``recheck`` (25
answers over two new résumés, written after it) first run: decisions 0.840 (0.769 without the
contradiction items), 7 of 12 confronted, 1 false alarm. Both were tuned on afterwards.

Second independent set (``indep2``: 6 new résumés, 150 answers, written on 2026-12-05 by an author
who never saw the engine), first run, engine at 52994d5: decisions 0.840 (0.867 without the
contradiction items), 4 of 15 contradictions confronted with 5 false alarms, slots P 0.881 R 0.797;
with ``--semantic`` 0.853 (0.881), R 0.823, at 5-10x the engine time per turn. Then tuned on: the
ledger learnt narrower groups and shares ("这类问题", "a third of the WER"), targets named earlier
in the sentence, numbers taken back ("……不对，是"), and training hardware ("2×A800" vs "8 张 A100"):
0.867 (0.889), 6 of 15 confronted, 1 false alarm (0.880 with ``--semantic``).

Third independent set (``indep3``: 5 résumés, 131 answers, written after that tuning), first run:
engine at 52994d5 0.832 (0.879), 3 of 15 confronted, 5 false alarms; after the indep2 tuning 0.832
(0.871), 4 of 15 confronted, 4 false alarms, slots P 0.872 R 0.809 (``--semantic``: the same). Not
tuned on: the honest estimate for unseen answers is about 0.83-0.85 decisions.

Fourth independent set (``indep4``: 5 résumés, 137 answers, 2026-12-05), first run at e2263c4:
0.839 (0.869), 5 of 15 confronted, 4 false alarms, slots P 0.889 R 0.783 — the fourth blind
estimate in the same band. Then tuned on for contradictions only (model variants written in
capitals, parameter counts, MOS/PESQ scale, corpus token counts): 0.847, 7 of 15, 5 false alarms;
the same change took indep3 from 4 to 5 of 15 and indep2 from 6 to 7 of 15 with no new alarm.

Fifth (``indep5``, 136 answers) and sixth (``indep6``, 142 answers, 2026-12-06) independent sets:
blind first runs 0.824 (4 of 15, 4 false alarms) and 0.803 (4 of 16, 4 false alarms). After the
2026-12-06 ledger work (points written "+0.61pt", a number the résumé line gives for another
condition, benchmark scores and chains of stages, the model swapped in, chips, a part someone else
did): indep2 0.867 (6/15, 1 alarm), indep3 0.863 (5/15), indep4 0.891 (7/15), indep5 0.875 (6/15),
indep6 0.817 (5/16), no other false alarm; then, aimed at indep6's misses (counts of named things,
GPUs counted without their model, SD 1.5 / SDXL as one family): indep6 0.824 (9/16), no new false
alarm on any set. The seventh set will tell whether that generalises.

Seventh independent set (``indep7``: 5 résumés in OCR, forecasting, TTS, BEV perception and
multimodal tuning, 150 answers, 2026-12-06), blind first run at 6a7a803: 0.860 (0.858), 7 of 16
confronted, 5 false alarms, slots P 0.930 R 0.766 — the indep6 tuning had not generalised to its
contradictions. Then tuned on (a metric the résumé names by its change such as "TEDS 从 86.4% 提升到
91.7%", points within 1.2 and less for small numbers, "3.6, down from 6.5", splits listed together,
"N 个音色" counts, "8× RTX A6000", a stay against the résumé's dates, team claims from earlier
answers, advisors and partners who provided data, "a three-person team", a swapped backbone family,
and slot forms): indep7 0.927 (15/16, no false alarm). The same general changes also moved indep3
to 0.878 (6/15), indep4 to 0.898 and indep6 to 0.831; indep2 0.867 and indep5 0.875 are unchanged.

Eighth independent set (``indep8``: ReID, molecular GNNs, LLM quantisation, RL, relation extraction;
147 answers), blind first run after all of the above: 0.864 (0.893 without the conflict items), 5 of
16 confronted, 2 false alarms, slots P 0.941 R 0.787 — decisions at the top of the first-run band,
contradictions still about 1 in 3. Then tuned on (people in a dataset are no team, "me and one
other student", a part an earlier answer gave to a labmate, successes out of trials, a batch size
or LoRA rank said twice): 0.878, 10/16, 1 false alarm. Epoch counts were tried too and dropped:
answers name other stages' epochs ("DPO 只跑了 1 个 epoch") and raised 4 false alarms.

Ninth independent set (``indep9``: GRPO math reasoning, ECG, pose estimation on phones, graph fraud
detection, trajectory prediction; 153 answers), blind first run after all of the above: 0.856
(0.869), 3 of 16 confronted, 2 false alarms, slots P 0.895 R 0.803. Then tuned on (a solo project's
habitual "我们", subsets and hard sub-scenarios, metric names such as "minFDE6", small numbers within
10 %, one-letter model sizes, a learning rate said twice, "一万二" = 12000, a GPU named in any answer
about training, how long training ran, a random split against a split by person, scale and why slot
forms): 0.882 (0.891), 10/16, no false alarm; across indep2–9 the contradictions confronted went from
59 + 3 to 69 of 124 with the same 2 false alarms.

Tenth independent set (``indep10``: search relevance distillation, remote-sensing change
detection, accented ASR, RAG for customer support, industrial anomaly detection; 154 answers),
blind first run after all of the above: 0.851 (0.855), 5 of 16 confronted, 10 false alarms, slots
P 0.888 R 0.803 — the most false alarms of any first run: GPUs named for serving ("在 T4 上 P99 过不
了十毫秒") read as training hardware, an answer restating one of several claimed values, sides of a
size ("512 by 512 chips") read as counts, "从 A 降至 B" unread. Then tuned on (those, plus ablation
drops against the résumé's ablations, the device a model is served on, a model's depth, solo
forms, a split by date, slot forms): 1.000, 14/16, no false alarm. None of it moved another set's
contradictions (indep2–9 still 69 of 124, 2 false alarms); decisions moved only up (indep6 0.831
→ 0.838, indep8 0.878 → 0.884, indep9 0.882 → 0.895) except indep5 (0.882 → 0.875: a conflict
item that had been pressed for a missing slot is now let go unconfronted).

Eleventh independent set (``indep11``: delivery ETA, radiology report generation, LLM safety
alignment, wafer-map defects, speaker verification; 155 answers), blind first run after all of the
above: 0.865 (0.878), 6 of 16 confronted, 5 false alarms, slots P 0.946 R 0.799 — fewer false alarms
than indep10's first run (10), still about 1 contradiction in 3. Then tuned on (a human evaluation's
sample, a baseline described with "without", totals of parts, ablations pinned by the removed part,
small numbers within 7 %, two team forms): 0.884 (0.885), 9/16, 1 false alarm; no other set moved.
Then one bracket's baseline number given to another bracket's system (new ``drilling/baselines.py``;
a system the résumé never names was tried too and raised 10 false alarms): indep10 15/16; across
indep2–11, 93 of 156 confronted with 3 false alarms.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "service"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from drilling_sets import (  # noqa: E402
    ALL_SPLITS,
    items,
    names_candidate_words,
    replay,
    resumes,
    scores,
)

from service.components import build_brains, build_judge, open_knowledge_base  # noqa: E402
from service.config import Settings  # noqa: E402
from service.interview.brains.base import Brain  # noqa: E402
from service.interview.brains.offline import OfflineBrain  # noqa: E402
from service.interview.brains.registry import speak_text  # noqa: E402
from service.interview.engine import InterviewEngine  # noqa: E402
from service.interview.planning import plan_interview  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] if ordered else 0.0


def decisions(engine: InterviewEngine, label: str) -> dict[str, list[Any]]:
    print(f"\n== decisions ({label}) ==")
    outcomes = {}
    for split in ALL_SPLITS:
        done = [replay(engine, item) for item in items(split)]
        outcomes[split] = done
        turn = [o.seconds * 1000 for o in done]
        print(f"  {split:8s} {scores(done).line()}  engine turn p50 {percentile(turn, 50):.1f} ms"
              f" p95 {percentile(turn, 95):.1f} ms")
    return outcomes


def per_brain(name: str, brain: Brain, outcomes: dict[str, list[Any]], sample: int) -> None:
    offline = OfflineBrain()
    presses = [o for split in ALL_SPLITS for o in outcomes[split]
               if o.decision == "press" and not o.directive.contradiction]
    clashes = [o for split in ALL_SPLITS for o in outcomes[split] if o.item.get("conflict")]
    if sample and len(presses) > sample:
        presses = presses[::max(1, len(presses) // sample)][:sample]
    named, fell_back, waits = 0, 0, []
    for o in presses:
        started = time.perf_counter()
        text, spoke = speak_text(brain, offline, o.directive)
        waits.append(time.perf_counter() - started)
        fell_back += spoke != brain.name
        named += names_candidate_words(text, o.item["answer"])
    confronted = 0
    for o in clashes:
        if not o.directive.contradiction:
            continue
        text, spoke = speak_text(brain, offline, o.directive)
        claim, _, said = o.directive.contradiction.partition(" vs said ")
        confronted += claim[:8] in text and said[:8] in text
    print(f"  {name:28s} presses naming the candidate's words {named}/{len(presses)} "
          f"= {named / max(len(presses), 1):.3f}; contradictions confronted {confronted}/"
          f"{len(clashes)}; fallback {fell_back}/{len(presses)}; line p50 "
          f"{percentile(waits, 50) * 1000:.0f} ms p95 {percentile(waits, 95) * 1000:.0f} ms")


WEAK = "嗯，这个就是常规的做法，效果还可以。"
WEAK_EN = "It was pretty standard, the usual setup, and it worked well."


def linked_concepts(engine: InterviewEngine, kb: Any) -> None:
    print("\n== résumé-linked concepts ==")
    asked = linked = interviews = with_link = with_linked_question = 0
    for key, resume in resumes().items():
        for length in ("short", "standard"):
            for strong in (False, True):
                state = plan_interview(entries=kb.entries, track=resume["track"],
                                       language=resume["language"], length=length,  # type: ignore[arg-type]
                                       claims=resume["claims"], seed=7, recently_asked=set(),
                                       available_problems=set())
                engine.opening(state)
                engine.on_message(state, "我做过简历上的这些项目。" if resume["language"] == "zh"
                                  else "I worked on the projects on my résumé.")
                answers = [i["answer"] for split in ALL_SPLITS for i in items(split)
                           if i["resume"] == key and i["label"] == "let_go"]
                for turn in range(60):
                    if state.stage != "project":
                        break
                    weak = WEAK if resume["language"] == "zh" else WEAK_EN
                    engine.on_message(state, answers[turn % len(answers)] if strong and answers
                                      else weak)
                interviews += 1
                concepts = state.concepts
                asked += len(concepts)
                linked += sum(c.linked_from is not None for c in concepts)
                if any(link.get("source") == "resume" for link in state.linked):
                    with_link += 1
                    with_linked_question += any(c.link_source == "resume" for c in concepts)
    print(f"  concept questions linked to the candidate's techniques: {linked}/{asked} = "
          f"{linked / max(asked, 1):.3f}")
    print(f"  interviews whose résumé has a linked entry that asked a résumé-linked concept: "
          f"{with_linked_question}/{with_link} (of {interviews} interviews)")


def live_latency(settings: Settings, candidates: int, think: float) -> None:
    from interview import start_service  # benchmarks/interview.py

    print(f"\n== live drilling turns: {candidates} concurrent candidates, think {think:g} s ==")
    timings: dict[str, list[float]] = {"project": [], "concept": []}
    lock = threading.Lock()
    answered = {i["resume"] for split in ALL_SPLITS for i in items(split)}
    pool = [(key, r) for key, r in resumes().items() if key in answered]
    with tempfile.TemporaryDirectory() as db_dir:
        proc, url = start_service(str(settings.home), f"sqlite:///{db_dir}/drilling.db", 1, "local")
        try:
            def candidate(index: int) -> None:
                import random

                rng = random.Random(index)
                key, resume = pool[index % len(pool)]
                client = httpx.Client(base_url=url, timeout=60)
                upload = client.post("/v1/resumes", files={"file": (
                    "cv.md", resume["text"].encode(), "text/markdown")}).json()
                created = client.post("/v1/interviews", json={
                    "track": resume["track"], "language": resume["language"],
                    "length": "standard", "resume_id": upload["id"], "seed": index}).json()
                iid = created["id"]
                answers = [i["answer"] for s in ALL_SPLITS for i in items(s) if i["resume"] == key]
                intro = "你好，我是候选人，做过简历上的项目。" if resume["language"] == "zh" else \
                    "Hi, I worked on the projects on my résumé."
                client.post(f"/v1/interviews/{iid}/messages", json={"content": intro})
                stage = "project"
                for turn in range(16):
                    time.sleep(think * rng.uniform(0.5, 1.5))
                    started = time.perf_counter()
                    body = client.post(f"/v1/interviews/{iid}/messages",
                                       json={"content": answers[(index + turn) % len(answers)]})
                    elapsed = time.perf_counter() - started
                    if body.status_code == 200 and stage in timings:
                        with lock:  # timed by the stage the answer was given in
                            timings[stage].append(elapsed * 1000)
                    stage = body.json().get("stage", stage) if body.status_code == 200 else stage

            threads = [threading.Thread(target=candidate, args=(i,)) for i in range(candidates)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    for stage, values in timings.items():
        print(f"  {stage:8s} {len(values):4d} turns: p50 {percentile(values, 50):.1f} ms  p95 "
              f"{percentile(values, 95):.1f} ms  max {max(values or [0]):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brain", choices=("offline", "llm", "both"), default="offline")
    parser.add_argument("--llm-sample", type=int, default=60, help="presses spoken by the LLM")
    parser.add_argument("--candidates", type=int, default=20)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--semantic", action="store_true", help="also measure slot embeddings")
    parser.add_argument("--skip-live", action="store_true")
    args = parser.parse_args()
    settings = Settings()
    started = time.perf_counter()
    kb = open_knowledge_base(settings)
    judge = build_judge(settings, kb)
    engine = InterviewEngine(kb, judge, {})
    print(f"knowledge base, judge and engine ready in {time.perf_counter() - started:.1f} s")
    outcomes = decisions(engine, "patterns")
    if args.semantic:
        decisions(InterviewEngine(kb, judge, {}, semantic_slots=True), "patterns + embeddings")
    print("\n== per brain ==")
    if args.brain in ("offline", "both"):
        per_brain("offline", OfflineBrain(), outcomes, 0)
    if args.brain in ("llm", "both"):
        brain, _ = build_brains(settings)
        if brain.name == "offline":
            print("  llm: no endpoint configured (set KAODA_LLM__BASE_URL, or `kaoda llm env`)")
        else:
            per_brain(brain.name, brain, outcomes, args.llm_sample)
    linked_concepts(engine, kb)
    if not args.skip_live:
        live_latency(settings, args.candidates, args.think)


if __name__ == "__main__":
    main()
