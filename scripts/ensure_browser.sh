#!/usr/bin/env bash
# Make sure Debian's Chromium (and CJK + emoji fonts, so screenshots are readable) is installed
# for the browser end-to-end test (tests/ui/test_ui_e2e_browser.py). Idempotent: does nothing
# when /usr/bin/chromium and the fonts are there. Never downloads a browser build: only Debian packages.
# A failure here is a warning, not an error: the e2e test then skips and says why.
set -uo pipefail
PACKAGES=(chromium fonts-noto-cjk fonts-noto-color-emoji)
if [ -x /usr/bin/chromium ] && dpkg -s fonts-noto-cjk fonts-noto-color-emoji >/dev/null 2>&1; then
  echo "==> chromium present: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "WARNING: /usr/bin/chromium is missing and this user cannot run apt-get;" \
       "the browser e2e test will be skipped (install: apt-get install -y ${PACKAGES[*]})" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "WARNING: no apt-get here; install Chromium at /usr/bin/chromium to run the e2e test" >&2
  exit 0
fi
echo "==> installing ${PACKAGES[*]} (Debian packages) for the browser e2e test"
export DEBIAN_FRONTEND=noninteractive
if ! { "${SUDO[@]}" apt-get update -q >/dev/null \
       && "${SUDO[@]}" apt-get install -y -q "${PACKAGES[@]}" >/dev/null; }
then
  echo "WARNING: installing ${PACKAGES[*]} failed; the browser e2e test will be skipped" >&2
  exit 0
fi
echo "==> chromium installed: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
