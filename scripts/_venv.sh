# Shared by scripts/up.sh and scripts/test.sh: create .venv and install the project into it.
# pip (not uv/poetry) because the pinned CPU torch wheel is found through pip's local find-links.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The virtualenv lives outside the project: the code sandbox hides the project directory from
# candidate code but has to bind the interpreter's files back in, so a venv inside the project
# would show through. One venv per checkout (the path hash), since the install is editable.
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}"
VENV="${KAODA_VENV:-$CACHE/kaoda/venvs/$(basename "$ROOT")-$(printf %s "$ROOT" | sha1sum | cut -c1-10)}"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating virtualenv $VENV"
  mkdir -p "$(dirname "$VENV")"
  "$PYTHON" -m venv "$VENV"
fi
EXTRAS="${1:-}"
# llama-cpp-python (the llm extra) is built from source: skip LLaVA's tools, which halves the build.
export CMAKE_ARGS="${CMAKE_ARGS:--DLLAVA_BUILD=OFF}"
STAMP="$VENV/.kaoda-installed${EXTRAS:+-${EXTRAS//,/-}}"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  echo "==> installing kaoda${EXTRAS:+[$EXTRAS]} (torch==2.13.0 CPU from the local wheel;" \
       "a first build of llama-cpp-python takes about 7 minutes)"
  # (this machine's pip config lists extra local indexes that may be absent: drop that noise)
  "$VENV/bin/pip" install --disable-pip-version-check -q "torch==2.13.0" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  "$VENV/bin/pip" install --disable-pip-version-check -q -e "$ROOT${EXTRAS:+[$EXTRAS]}" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
