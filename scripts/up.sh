#!/usr/bin/env bash
# Install everything (first run only) and start Kaoda on its embedded defaults.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/_venv.sh"
cd "$ROOT"
echo "==> preparing the embedding model and the knowledge index"
kaoda kb setup-model
kaoda kb build
HOST="${KAODA_API__HOST:-127.0.0.1}"
PORT="${KAODA_API__PORT:-8000}"
echo "==> Kaoda API on http://$HOST:$PORT  (docs: http://$HOST:$PORT/docs)"
exec kaoda serve --host "$HOST" --port "$PORT"
