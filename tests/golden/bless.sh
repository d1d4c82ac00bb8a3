#!/bin/sh
# Regenerates the reporter goldens: tests/golden/NAME.txt (text) and
# tests/golden/NAME.json (--format json, with stats.elapsed_ms set to 0 as
# tests/json/check_golden.cmake compares it).
# Usage: tests/golden/bless.sh [path/to/alloccheck]   (default: build/alloccheck)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/alloccheck}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$here"
for src in *.c; do
	"$bin" --color never "$src" > "${src%.c}.txt" 2>/dev/null || [ $? -eq 1 ]
	"$bin" --format json "$src" > "${src%.c}.json.tmp" 2>/dev/null || [ $? -eq 1 ]
	sed 's/\("elapsed_ms":[[:space:]]*\)[-+.eE0-9]*/\10/' "${src%.c}.json.tmp" > "${src%.c}.json"
	rm -f "${src%.c}.json.tmp"
done
echo "blessed; review: git diff tests/golden"
