#!/usr/bin/env bash
# tests/csmith/run_csmith.sh ALLOCCHECK N WORKDIR [JOBS]
#
# Generates the csmith programs with seeds 1..N into WORKDIR (a build
# directory, never the source tree) and analyses each with ALLOCCHECK, JOBS
# at a time (default: the number of CPUs), each limited to 60 s of CPU time
# (CPU, not wall-clock time, so that a busy machine is no hang). csmith's
# programs never allocate, so the only acceptable result is silence: exit
# status 0 and no output. Anything else fails the run and is listed with its
# seed: a finding (a false positive), an error or warning line, a crash (exit
# status above 2 or a signal) or a hang (the timeout).
#
# CSMITH (default: csmith) is the generator; CSMITH_INCLUDE the directory of
# its csmith.h (default: found under /usr/include and /usr/local/include).
set -uo pipefail

[ $# -ge 3 ] && [ $# -le 4 ] || { echo "usage: $0 ALLOCCHECK N WORKDIR [JOBS]" >&2; exit 2; }
alloccheck=$1 n=$2 work=$3 jobs=${4:-$(nproc)}
csmith=${CSMITH:-csmith}
inc=${CSMITH_INCLUDE:-}
if [ -z "$inc" ]; then
	for d in /usr/include/csmith* /usr/local/include/csmith*; do
		[ -f "$d/csmith.h" ] && inc=$d && break
	done
fi
[ -n "$inc" ] || { echo "$0: csmith.h not found (apt-get install libcsmith-dev, or set CSMITH_INCLUDE)" >&2; exit 2; }
command -v "$csmith" >/dev/null || { echo "$0: $csmith not found (apt-get install csmith)" >&2; exit 2; }

mkdir -p "$work/programs" "$work/results"
rm -f "$work/results/"*
start=$(date +%s)

# One program: generated (kept for the next run: csmith takes a second or
# two), then its output and exit status in results/seedK.{out,rc}.
analyse() {
	local k=$1 p=$work/programs/seed$1.c
	# In WORKDIR: csmith writes platform.info into its working directory.
	if [ ! -s "$p" ] && ! (cd "$work" && "$csmith" --seed "$k") >"$p.tmp"; then
		echo "csmith --seed $k failed" >"$work/results/seed$k.out"
		echo generator >"$work/results/seed$k.rc"
		return
	fi
	[ -s "$p" ] || mv "$p.tmp" "$p"
	(ulimit -t 60 && exec timeout 900 "$alloccheck" "$p" -- -I"$inc" -w) >"$work/results/seed$k.out" 2>&1
	echo $? >"$work/results/seed$k.rc"
}
export -f analyse
export alloccheck work inc csmith
seq 1 "$n" | xargs -P "$jobs" -I{} bash -c 'analyse {}'

bad=0
for k in $(seq 1 "$n"); do
	rc=$(cat "$work/results/seed$k.rc" 2>/dev/null || echo missing)
	out=$work/results/seed$k.out
	case "$rc" in
	0) [ -s "$out" ] || continue; why="output" ;;
	1) why="finding (a false positive: csmith programs do not allocate)" ;;
	2) why="tool error" ;;
	124 | 152) why="hang (over 60 s of CPU time)" ;;
	generator) why="csmith failed" ;;
	*) why="crash (exit status $rc)" ;;
	esac
	bad=$((bad + 1))
	echo "seed $k: $why: $work/programs/seed$k.c"
	head -n 5 "$out" | sed 's/^/    /'
done
echo "csmith: $n programs, $bad failed, $(($(date +%s) - start)) s"
[ "$bad" -eq 0 ]
