#!/usr/bin/env bash
# tests/fuzz/replay.sh FUZZER DIR...
#
# Runs the fuzz target FUZZER once on every file in the DIRs (regression
# inputs, seed corpora), without fuzzing: each must load without a crash, a
# sanitizer report, a leak or taking more than 10 s. A DIR is walked
# recursively (the analyze target replays the whole of fixtures/); one that
# does not exist or is empty adds nothing. Exit status: FUZZER's (0: all
# passed).
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: tests/fuzz/replay.sh FUZZER DIR..." >&2; exit 2; }
bin=$1
shift
files=()
for d in "$@"; do
	[ -d "$d" ] || continue
	while IFS= read -r -d '' f; do
		files+=("$f")
	done < <(find "$d" -type f -print0 | sort -z)
done
echo "replaying ${#files[@]} input(s) on $(basename "$bin")"
[ ${#files[@]} -gt 0 ] || exit 0
exec "$bin" -timeout=10 -close_fd_mask=3 "${files[@]}"
