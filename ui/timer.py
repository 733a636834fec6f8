"""A live interview timer that ticks in the browser, with no reruns of the page.

The service says how long the interview has run (``elapsed_s``, pauses and long idle gaps
excluded) and whether its clock is running; a few lines of JavaScript count on from there once a
second. Paused, it shows the frozen time. Everything in the snippet is ours (numbers and the UI's
own label), never user data.
"""

from __future__ import annotations

import html
import json
import uuid

import streamlit as st

from ui.common import fmt_duration

_SCRIPT = """
<div class="kaoda-timer" id="{id}" data-base="{base}" data-running="{running}"
     style="font:600 1.05rem system-ui,sans-serif;color:#31333f">
  ⏱ <span class="kaoda-clock">{shown}</span>
  <span style="font-weight:400;color:#808495;font-size:.85rem">{label}</span>
</div>
<script>
(function () {{
  const id = {id_json}, base = {base}, running = {running}, started = Date.now();
  function fmt(s) {{
    s = Math.floor(s);
    const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), x = s % 60;
    return (h ? h + ":" : "") + String(m).padStart(2, "0") + ":" + String(x).padStart(2, "0");
  }}
  if (!running) return;
  const timer = setInterval(function () {{
    const box = document.getElementById(id);
    if (!box) {{ clearInterval(timer); return; }}
    box.querySelector(".kaoda-clock").textContent = fmt(base + (Date.now() - started) / 1000);
  }}, 1000);
}})();
</script>
"""


def show_timer(elapsed_s: float, *, running: bool, label: str) -> None:
    element_id = f"kaoda-timer-{uuid.uuid4().hex[:8]}"
    st.html(_SCRIPT.format(id=element_id, id_json=json.dumps(element_id), base=float(elapsed_s),
                           running="true" if running else "false",
                           shown=fmt_duration(elapsed_s), label=html.escape(label)),
            unsafe_allow_javascript=True)
