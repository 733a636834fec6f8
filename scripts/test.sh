#!/usr/bin/env bash
# Install everything (first run only) and run the whole test suite with the real model and index.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/_venv.sh" dev,llm  # llm: the real local model for the live LLM tests
cd "$ROOT"
echo "==> lint"
ruff check service knowledge evaluators tests benchmarks
mypy
bash "$ROOT/scripts/ensure_browser.sh"  # Debian chromium for the browser end-to-end test
bash "$ROOT/scripts/ensure_postgres.sh"  # Debian PostgreSQL: the storage/API suites run on it too
echo "==> tests"
exec python -m pytest -q "$@"
