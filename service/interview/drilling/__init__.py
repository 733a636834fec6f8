"""Project drilling that listens (项目拷打): what the candidate said decides what is asked next.

The pieces, each usable without a model:

* :mod:`.slots` — per point (task, model, training, data, difficulty, novelty, metrics,
  contribution) the slots a complete answer holds, and when a point may be let go;
* :mod:`.evasion` — "默认参数", "我们团队一起", "挺多的", "效果还可以", "保密", "the usual": recognised,
  never counted as content;
* :mod:`.text`, :mod:`.numerals`, :mod:`.detectors`, :mod:`.assess` — reading an answer clause
  by clause: which slots it fills (with the candidate's words as evidence), which it evades,
  what it gives for other points, and what to quote back;
* :mod:`.quantities`, :mod:`.identities`, :mod:`.ledger` — what a candidate claims, per project,
  from the résumé and the answers: numbers (metrics, improvements, counts, latency, model size),
  models (family and variant, own or compared) and the team; clashes are confronted quoting both;
* :mod:`.techniques`, :mod:`.concepts` — techniques named in the résumé and answers linked to
  knowledge-base entries through the entries' own aliases (and retrieval), for technique probes
  and résumé-linked concept questions;
* :mod:`.flow` — the drilling stage itself (press, confront, probe, let go, move on);
* :mod:`.sheet` — the project-preparation sheet (项目包装) for the report.
"""
