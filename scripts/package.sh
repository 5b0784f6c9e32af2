#!/usr/bin/env bash
# The archive a clerk is handed (an intranet share, a USB stick): everything to work offline.
#
#   bash scripts/package.sh [TARGET]
#
# writes dist/report-<version>-<target>.tar.gz (.zip for Windows targets) and its .sha256.
# The archive's folder holds the program, the Chinese guide (使用说明.md, and 使用说明.html to
# read in a browser or print), the example units,
# a real report text to practise `import` on, and the JSON Schemas in schema/, where the
# example files' `#:schema ../../../schema/…` lines find them. TARGET defaults to this
# machine's; REPORT_BIN names a program already built (the tests use it), DIST another output
# folder. The release workflow runs this script for every target it builds.
set -euo pipefail
cd "$(dirname "$0")/.."

host=$(rustc -vV | sed -n 's/^host: //p')
target="${1:-$host}"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
dist="${DIST:-dist}"
exe=""
case "$target" in *windows*) exe=".exe" ;; esac

bin="${REPORT_BIN:-}"
if [ -z "$bin" ]; then
  bin=$(bash scripts/build.sh "$target")
fi

# The files the program writes into the archive (the schemas, the guide as a page) are written
# by a program that runs here: the target's own, or this machine's when cross-compiling.
tool="${REPORT_TOOL:-}"
if [ -z "$tool" ]; then
  if [ "$target" = "$host" ]; then
    tool="$bin"
  else
    cargo build --release --locked
    tool="target/release/report"
  fi
fi

# quietly CMD…: runs CMD, showing what it said only when it fails.
quietly() {
  local said
  if ! said=$("$@" 2>&1); then
    printf '%s\n' "$said" >&2
    echo "package: failed: $*" >&2
    exit 1
  fi
}

name="report-$version-$target"
stage="$dist/$name"
rm -rf "$stage"
mkdir -p "$stage"
cp "$bin" "$stage/report$exe"
cp docs/使用说明.md "$stage/使用说明.md"
quietly "$tool" guide --out "$stage/使用说明.html"
cp tests/reference/taian-2020-report.txt "$stage/taian-2020-report.txt"
cp -r examples "$stage/examples"
quietly "$tool" --lang zh schema --out "$stage/schema"

cd "$dist"
case "$target" in
  *windows*)
    rm -f "$name.zip"
    if command -v zip >/dev/null; then zip -qr "$name.zip" "$name"; else 7z a -tzip "$name.zip" "$name" >/dev/null; fi
    archive="$name.zip" ;;
  *) tar -czf "$name.tar.gz" "$name"; archive="$name.tar.gz" ;;
esac
if command -v sha256sum >/dev/null; then
  sha256sum "$archive" > "$archive.sha256"
else
  shasum -a 256 "$archive" > "$archive.sha256"
fi
rm -rf "$name"
echo "$dist/$archive"
