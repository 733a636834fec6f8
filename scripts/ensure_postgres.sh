#!/usr/bin/env bash
# Make sure Debian's PostgreSQL server binaries are installed for the tests that run the storage
# and API suites on PostgreSQL (tests/pg_cluster.py starts a throwaway server from them in a
# temporary directory; no system service is started or used). Idempotent: does nothing when the
# binaries are there. Only Debian packages. Without them those tests skip (and fail under CI=true).
set -uo pipefail
if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "==> postgresql present: $(ls -d /usr/lib/postgresql/*/bin | head -n 1)"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "WARNING: PostgreSQL is missing and this user cannot run apt-get; the PostgreSQL half" \
       "of the storage/API tests will be skipped (install: apt-get install -y postgresql)" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "WARNING: no apt-get here; install the PostgreSQL server to run the PostgreSQL tests" >&2
  exit 0
fi
echo "==> installing postgresql (Debian package) for the PostgreSQL tests"
export DEBIAN_FRONTEND=noninteractive
if ! { "${SUDO[@]}" apt-get update -q >/dev/null \
       && "${SUDO[@]}" apt-get install -y -q --no-install-recommends postgresql >/dev/null; }
then
  echo "WARNING: installing postgresql failed; the PostgreSQL tests will be skipped" >&2
  exit 0
fi
# The package may start a system cluster; the tests never use it (they start their own).
echo "==> postgresql installed: $(ls -d /usr/lib/postgresql/*/bin | head -n 1)"
