#!/bin/sh
# Regenerates the lowering goldens tests/cfg/NAME.cfg from tests/cfg/NAME.c.
# Usage: tests/cfg/bless.sh [path/to/alloccheck]   (default: build/alloccheck,
# or $ALLOCCHECK). Review the resulting `git diff tests/cfg` like code.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-${ALLOCCHECK:-$root/build/alloccheck}}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
if [ ! -x "$bin" ]; then
	echo "bless.sh: $bin is not an executable (build first, or pass the path)" >&2
	exit 2
fi
cd "$here"
for src in *.c; do
	name=${src%.c}
	"$bin" --dump-cfg "$src" > "$name.cfg.tmp" 2>/dev/null || {
		echo "bless.sh: alloccheck --dump-cfg $src failed" >&2
		rm -f "$name.cfg.tmp"
		exit 1
	}
	mv "$name.cfg.tmp" "$name.cfg"
done
echo "blessed $(ls *.c | wc -l) goldens in tests/cfg"
