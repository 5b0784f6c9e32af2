#!/usr/bin/env bash
# The test command: installs what the print tests need (headless Chromium, poppler, the
# LibreOffice writer, free CJK fonts) from Debian's packages when they are missing, then runs
# every test with `cargo test --locked`.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
if ! { command -v fc-list >/dev/null 2>&1 && fc-list | grep -q "Noto Serif CJK"; }; then
  need+=(fonts-noto-cjk)
fi
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo test --locked
