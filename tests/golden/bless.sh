#!/bin/sh
# Regenerates the text-output goldens tests/golden/NAME.txt.
# Usage: tests/golden/bless.sh [path/to/alloccheck]   (default: build/alloccheck)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/alloccheck}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$here"
for src in *.c; do
	"$bin" --color never "$src" > "${src%.c}.txt" 2>/dev/null || [ $? -eq 1 ]
done
echo "blessed; review: git diff tests/golden"
