#!/usr/bin/env bash
# The test command: installs what the print tests need (headless Chromium, poppler, the
# LibreOffice writer, free CJK fonts) from Debian's packages when they are missing, then runs
# every test with `cargo test --locked`. With the tools installed, a test that needs one fails
# rather than skips (REPORT_REQUIRE_TOOLS=1); plain `cargo test` skips such tests with a notice.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# Not `fc-list | grep -q`: under pipefail, grep's early exit makes fc-list die of SIGPIPE and
# the test fail, so the fonts would be "missing" (and apt-get run) on every run.
if ! { command -v fc-list >/dev/null 2>&1 && grep -q "Noto Serif CJK" < <(fc-list); }; then
  need+=(fonts-noto-cjk)
fi
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

REPORT_REQUIRE_TOOLS=1 cargo test --locked
