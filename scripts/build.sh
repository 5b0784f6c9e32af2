#!/usr/bin/env bash
# Builds the program as it is shipped, and prints its path:
#
#   bash scripts/build.sh [TARGET]
#
# the release profile, for TARGET (default: this machine's), with the C runtime linked in on
# Linux and Windows: one file that needs no system library of a given version (an old
# CentOS or Kylin server, a Windows without the Visual C++ runtime) and, on Linux, starts
# without the dynamic loader (docs/BENCHMARKS.md: `--version` 1.8 → 1.3 ms). The flag goes
# to the target only (`--target`), not to the build's own proc-macros, which must stay
# dynamic. scripts/package.sh, bench/run.sh and the release workflow build through here.
set -euo pipefail
cd "$(dirname "$0")/.."

host=$(rustc -vV | sed -n 's/^host: //p')
target="${1:-$host}"
exe=""
case "$target" in
  *-linux-* | *-windows-msvc) export RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" ;;
esac
case "$target" in *windows*) exe=".exe" ;; esac
cargo build --release --locked --target "$target" >&2
echo "target/$target/release/report$exe"
