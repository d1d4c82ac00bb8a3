#!/usr/bin/env bash
# tests/fuzz/run.sh TARGET|all SECONDS [BUILD_DIR]
#
# Runs the libFuzzer target fuzz_TARGET (families, config, compdb, analyze;
# all: each in turn) for SECONDS each, built in BUILD_DIR (default
# build-fuzz, configured with -DALLOCCHECK_FUZZ=ON). Each run starts from a
# copy of tests/fuzz/corpus/TARGET in a scratch directory (for analyze, also of
# every fixtures/**/*.c, which are not committed twice), so the committed
# corpus never grows by itself, and prints one line: executions, time, corpus size,
# problems. A crash, a timeout (an input that takes longer than the target's
# -timeout: a hang), a leak or running out of memory makes the exit status 1
# and names the reproducer; the scratch directory is then kept. Turn a
# reproducer into a regression test by copying it to tests/fuzz/regressions/TARGET/.
#
# FUZZ_ARGS adds libFuzzer flags (e.g. FUZZ_ARGS=-jobs=2); FUZZ_KEEP=1 keeps
# the scratch directory even on success (its corpus/ holds what was found).
set -uo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
targets=(families config compdb analyze ir)

usage() {
	echo "usage: tests/fuzz/run.sh TARGET|all SECONDS [BUILD_DIR]  (TARGET: ${targets[*]})" >&2
	exit 2
}
[ $# -ge 2 ] && [ $# -le 3 ] || usage
case "$2" in '' | *[!0-9]*) usage ;; esac
seconds=$2
build=${3:-$src/build-fuzz}
if [ "$1" = all ]; then
	run=("${targets[@]}")
else
	case " ${targets[*]} " in *" $1 "*) run=("$1") ;; *) usage ;; esac
fi

# Per target: the largest input tried, the time one input may take, the
# dictionary.
limits() {
	case "$1" in
	families) echo "16384 5 json.dict" ;;
	config) echo "4096 5 json.dict" ;;
	compdb) echo "8192 5 json.dict" ;;
	analyze) echo "8192 10 c.dict" ;;
	ir) echo "16384 5 ir.dict" ;;
	esac
}

status=0
for t in "${run[@]}"; do
	bin=$build/fuzz/fuzz_$t
	if [ ! -x "$bin" ]; then
		echo "tests/fuzz/run.sh: $bin not built (cmake -DALLOCCHECK_FUZZ=ON, target fuzzers)" >&2
		exit 2
	fi
	read -r max_len timeout dict <<<"$(limits "$t")"
	work=$(mktemp -d "${TMPDIR:-/tmp}/alloccheck-fuzz-$t-XXXXXX")
	mkdir "$work/corpus" "$work/artifacts"
	cp "$src/tests/fuzz/corpus/$t/"* "$work/corpus/"
	if [ "$t" = analyze ]; then
		# fixtures/leak/scope.c -> leak_scope.c: one flat seed directory
		while IFS= read -r -d '' f; do
			rel=${f#"$src/fixtures/"}
			cp "$f" "$work/corpus/${rel//\//_}"
		done < <(find "$src/fixtures" -name '*.c' -type f -print0)
	fi
	seeds=$(ls "$work/corpus" | wc -l)
	t0=$SECONDS
	# -close_fd_mask=3: the loaders' error lines would drown libFuzzer's own
	# output; sanitizer reports still reach it.
	"$bin" "$work/corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" \
		-dict="$src/tests/fuzz/$dict" -artifact_prefix="$work/artifacts/" -close_fd_mask=3 \
		-print_final_stats=1 ${FUZZ_ARGS:-} >"$work/log" 2>&1
	rc=$?
	secs=$((SECONDS - t0))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
	found=$(ls "$work/artifacts" | wc -l)
	printf '%-9s %s s, %s execs, corpus %s -> %s, %s problem(s)\n' "$t" "$secs" "${execs:-?}" \
		"$seeds" "$(ls "$work/corpus" | wc -l)" "$found"
	if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
		status=1
		tail -n 40 "$work/log" >&2
		for a in "$work/artifacts/"*; do
			[ -e "$a" ] && echo "tests/fuzz/run.sh: $t: reproducer $a (exit $rc)" >&2
		done
		echo "tests/fuzz/run.sh: $t: log and corpus kept in $work" >&2
	elif [ -z "${FUZZ_KEEP:-}" ]; then
		rm -rf "$work"
	else
		echo "tests/fuzz/run.sh: $t: corpus kept in $work/corpus"
	fi
done
exit "$status"
