#!/usr/bin/env bash
# Install everything (first run only) and start Kaoda on its embedded defaults:
# the API in the background, the browser UI in the foreground; Ctrl-C stops both.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/_venv.sh"
cd "$ROOT"
echo "==> preparing the embedding model and the knowledge index"
kaoda kb setup-model
kaoda kb build

# The interviewer: the built-in offline interviewer by default (it measured better than the
# bundled 0.5B model on unseen drilling answers, and answers instantly); an endpoint when
# KAODA_LLM__BASE_URL is set; the bundled local LLM (llama.cpp + Qwen2.5-Coder) with
# KAODA_LOCAL_LLM=on. If the local LLM cannot be set up or started, the offline interviewer runs.
LOCAL_LLM_STARTED=0
SERVICE_PID=""
stop_all() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    echo "==> stopping the Kaoda API (pid $SERVICE_PID)"
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  if [ "$LOCAL_LLM_STARTED" = 1 ]; then
    kaoda llm stop || true
  fi
}
trap stop_all EXIT
if [ -z "${KAODA_LLM__BASE_URL:-}" ] && [ "${KAODA_LOCAL_LLM:-off}" = "on" ]; then
  echo "==> preparing the local LLM (first run: builds llama.cpp and assembles the model)"
  if kaoda llm setup && LLM_ENV="$(kaoda llm env)" && kaoda llm serve --detach; then
    eval "$LLM_ENV"
    LOCAL_LLM_STARTED=1
  else
    echo "WARNING: the local LLM is not available; the offline interviewer will run" \
         "(see the messages above; retry with: kaoda llm setup)" >&2
  fi
fi
HOST="${KAODA_API__HOST:-127.0.0.1}"
PORT="${KAODA_API__PORT:-8000}"
UI_HOST="${KAODA_UI_HOST:-127.0.0.1}"
UI_PORT="${KAODA_UI_PORT:-8501}"
API_URL="http://$HOST:$PORT"

echo "==> starting the Kaoda API on $API_URL  (docs: $API_URL/docs)"
kaoda serve --host "$HOST" --port "$PORT" &
SERVICE_PID=$!
trap 'exit 130' INT TERM

echo "==> waiting for the API to be ready"
python - "$API_URL/readyz" "$SERVICE_PID" <<'PY'
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + float(os.environ.get("KAODA_UP_TIMEOUT", "600"))
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("the Kaoda API exited during startup (see its log above)")
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(f"the Kaoda API was not ready at {url} in time")
PY

echo "==> Kaoda UI on http://$UI_HOST:$UI_PORT   (Ctrl-C stops the UI and the API)"
KAODA_UI_API="$API_URL" python -m streamlit run "$ROOT/ui/app.py" \
  --server.address "$UI_HOST" --server.port "$UI_PORT" --server.headless true \
  --browser.gatherUsageStats false --client.toolbarMode minimal
