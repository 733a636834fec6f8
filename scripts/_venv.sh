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
# On x86_64 it is built for AVX2 rather than -march=native: a native build on a CPU with AMX
# compiles llama.cpp's AMX kernels, and a virtual machine that does not grant AMX kills the server
# with a general-protection fault at its first matrix product (seen on a Xeon with amx_tile).
DEFAULT_CMAKE_ARGS="-DLLAVA_BUILD=OFF"
if [ "$(uname -m)" = "x86_64" ]; then
  DEFAULT_CMAKE_ARGS="$DEFAULT_CMAKE_ARGS -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
fi
export CMAKE_ARGS="${CMAKE_ARGS:-$DEFAULT_CMAKE_ARGS}"
STAMP="$VENV/.kaoda-installed${EXTRAS:+-${EXTRAS//,/-}}"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  echo "==> installing kaoda${EXTRAS:+[$EXTRAS]} (torch==2.13.0 CPU from the local wheel;" \
       "a first build of llama-cpp-python takes about 7 minutes)"
  # (this machine's pip config lists extra local indexes that may be absent: drop that noise)
  "$VENV/bin/pip" install --disable-pip-version-check -q "torch==2.13.0" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  if [[ ",$EXTRAS," == *",llm,"* ]]; then
    # built with the flags above, never taken from pip's wheel cache (which keys on the source,
    # not on CMAKE_ARGS: a wheel built natively elsewhere on this machine would come back)
    LLAMA_REQ="$(grep -o '"llama-cpp-python\[server\]==[^"]*"' "$ROOT/pyproject.toml" | tr -d '"')"
    "$VENV/bin/pip" install --disable-pip-version-check -q --no-cache-dir "$LLAMA_REQ" 2>&1 \
      | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  fi
  "$VENV/bin/pip" install --disable-pip-version-check -q -e "$ROOT${EXTRAS:+[$EXTRAS]}" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
