#!/usr/bin/env bash
# The test command: installs what the print tests need (headless Chromium, poppler, the
# LibreOffice writer, free CJK fonts) from Debian's packages and openxml-audit from PyPI when
# they are missing, then runs every test with `cargo test --locked`. With the tools installed,
# a test that needs one fails rather than skips (REPORT_REQUIRE_TOOLS=1); plain `cargo test`
# skips such tests with a notice.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# Not `fc-list | grep -q`: under pipefail, grep's early exit makes fc-list die of SIGPIPE and
# the test fail, so the fonts would be "missing" (and apt-get run) on every run.
# The free faces the print stylesheet and fonts/65-report-gbt9704.conf name for 仿宋 and 宋体
# (AR PL UMing), 楷体 (AR PL UKai, KaitiM GB), 小标宋 (AR PL SungtiL GB) and 黑体 (WenQuanYi Zen
# Hei): TrueType outlines, which a PDF embeds as real fonts; Noto CJK for every other glyph.
fonts=$(fc-list 2>/dev/null || true)
for pair in "Noto Serif CJK:fonts-noto-cjk" "AR PL UMing:fonts-arphic-uming" \
  "AR PL UKai:fonts-arphic-ukai" "AR PL SungtiL GB:fonts-arphic-gbsn00lp" \
  "AR PL KaitiM GB:fonts-arphic-gkai00mp" "WenQuanYi Zen Hei:fonts-wqy-zenhei"; do
  grep -qF "${pair%%:*}" <<<"$fonts" || need+=("${pair#*:}")
done
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# An independent OOXML validator for the DOCX, from PyPI.
if ! command -v openxml-audit >/dev/null 2>&1; then
  python3 -m pip install -q openxml-audit
  if command -v pyenv >/dev/null 2>&1; then pyenv rehash; fi
fi

REPORT_REQUIRE_TOOLS=1 cargo test --locked
