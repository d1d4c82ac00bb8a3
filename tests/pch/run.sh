#!/usr/bin/env bash
# pch/run.sh: the shared headers (a precompiled header per group of files
# that start with the same lines, checker/shared_headers.c) change nothing
# but the time: the report, the warnings and the result cache are the same
# byte for byte with and without --no-shared-headers, on the project in
# tests/pch/proj (a group whose header has static inline functions, macros
# around calls and attributes; a group with a #define before its includes
# that a header defines again; a group whose header has an error alloccheck
# reads, which must be parsed whole; a file of its own; files that start
# with a conditional block, as CPython's modules do, and then go on in two
# ways, which make two groups, and one whose conditional reads __LINE__,
# parsed whole; files of two directories that include a header of the
# include path, one group, and files of a third whose own header of the
# same name comes first, a group of their own, but for one that includes
# <split.h>, which joins the first; files that start with a conditional
# block that -DSKIP_BUILTIN skips, then join the first too; files that
# start with a #define of their own, moved after the precompiled header
# when no header reads it, but for one that a header includes reads (parsed
# whole), and files whose header reads one by pasting its name with ##,
# all parsed whole), from the command line and from a compile database,
# with -j1 and -j2.
#
#   tests/pch/run.sh ALLOCCHECK
set -u
[ $# -eq 1 ] || { echo "usage: $0 ALLOCCHECK" >&2; exit 2; }
AC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
PROJ=$(cd "$(dirname "$0")/proj" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/tmp"
export TMPDIR="$WORK/tmp"
export ALLOCCHECK_SHARED_HEADERS_MIN=3 # the groups of proj have 3 files
export ALLOCCHECK_SHARED_HEADERS_BYTES=0 # and small headers
failed=0

fail() {
	echo "FAIL $*"
	failed=1
}

# same NAME ARGS...: runs alloccheck with and without shared headers and
# compares standard output and standard error (the time taken left out).
same() {
	local name=$1
	shift
	(cd "$PROJ" && "$AC" "$@" >"$WORK/on.out" 2>"$WORK/on.err")
	local on=$?
	(cd "$PROJ" && "$AC" --no-shared-headers "$@" >"$WORK/off.out" 2>"$WORK/off.err")
	local off=$?
	for f in on.out off.out on.err off.err; do
		grep -v '"elapsed_ms"' "$WORK/$f" >"$WORK/$f.cmp"
	done
	[ "$on" -eq "$off" ] || fail "$name: exit status $on with shared headers, $off without"
	cmp -s "$WORK/on.out.cmp" "$WORK/off.out.cmp" || { fail "$name: standard output differs"; diff "$WORK/on.out.cmp" "$WORK/off.out.cmp" | head -20; }
	cmp -s "$WORK/on.err.cmp" "$WORK/off.err.cmp" || { fail "$name: standard error differs"; diff "$WORK/on.err.cmp" "$WORK/off.err.cmp" | head -20; }
	[ -s "$WORK/on.out" ] || fail "$name: no output"
	[ -z "$(ls -A "$TMPDIR")" ] || fail "$name: files left in TMPDIR: $(ls -A "$TMPDIR")"
	echo "ok $name"
}

for j in 1 2; do
	same "json -j$j" --no-cache -j$j --format json . -- -Iinclude
	same "text -j$j" --no-cache -j$j --color never . -- -Iinclude
done

# The groups: nine precompiled (two of them in cond/, which line.c is in
# neither of; one over split/one and split/two; moved/ and paste/ after
# the #defines of their own), one whose header has an error parsed whole.
(cd "$PROJ" && "$AC" --no-cache -v -j1 -q . -- -Iinclude >/dev/null 2>"$WORK/v.err")
n=$(grep -c 'shared headers: .*precompiled in' "$WORK/v.err")
[ "$n" -eq 9 ] || { fail "-v: $n groups precompiled, expected 9"; cat "$WORK/v.err"; }
grep -q 'shared headers: ./moved/mv1.c: 3 of 4 #defines .* moved after the precompiled header' "$WORK/v.err" &&
	grep -q './moved/mv4.c: a header of its precompiled header may read a #define it has before; parsed whole' "$WORK/v.err" ||
	{ fail "-v: moved/ did not move the #defines of mv1-3.c and keep mv4.c's"; cat "$WORK/v.err"; }
grep -q 'shared headers: ./paste/p1.c: 0 of 3 #defines .*(the others stay: the headers do not parse with their names as stray tokens)' "$WORK/v.err" ||
	{ fail "-v: paste/ moved a #define whose name a header pastes"; cat "$WORK/v.err"; }
grep -q 'shared headers: ./split/one/s1.c and 4 other files start with the same 1 line' "$WORK/v.err" &&
	grep -q 'shared headers: ./split/three/t1.c and 2 other files start with the same 1 line' "$WORK/v.err" ||
	{ fail "-v: the groups of split/ are not one/ with two/, and three/"; cat "$WORK/v.err"; }
grep -q 'shared headers: ./cond/e1.c and 2 other files start with the same 8 lines' "$WORK/v.err" &&
	grep -q 'shared headers: ./cond/m1.c and 2 other files start with the same 4 lines' "$WORK/v.err" ||
	{ fail "-v: the groups of cond/ are not e*.c and m*.c"; cat "$WORK/v.err"; }
grep -q 'shared headers: ./attrs/p.c and 2 other files: no precompiled header (its headers have errors)' "$WORK/v.err" ||
	fail "-v: the group of attrs/ was not parsed whole"
echo "ok groups"

# A block the flags skip: left out of the lines its files share.
same "skipped block" --no-cache -j1 --format json skip split -- -Iinclude -DSKIP_BUILTIN
(cd "$PROJ" && "$AC" --no-cache -v -j1 -q skip split -- -Iinclude -DSKIP_BUILTIN >/dev/null 2>"$WORK/v.err")
grep -q 'shared headers: skip/k1.c and 7 other files start with the same 1 line' "$WORK/v.err" ||
	{ fail "-v: skip/ did not join split/ under -DSKIP_BUILTIN"; cat "$WORK/v.err"; }

# Headers too small to pay for a PCH (by default): none made, the same.
ALLOCCHECK_SHARED_HEADERS_BYTES=100000000 same "small headers" --no-cache -j1 --format json . -- -Iinclude
(cd "$PROJ" && ALLOCCHECK_SHARED_HEADERS_BYTES=100000000 "$AC" --no-cache -v -j1 -q moved -- -Iinclude >/dev/null 2>"$WORK/v.err")
grep -q 'shared headers: moved/mv1.c and 3 other files: no precompiled header (its headers are too small to pay for it)' "$WORK/v.err" ||
	{ fail "-v: a PCH of small headers was used"; cat "$WORK/v.err"; }

# A compile database: each entry in its own directory, relative -I.
python3 - "$PROJ" "$WORK/db" <<'PY'
import json, os, sys
proj, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
entries = []
for root, _, files in sorted(os.walk(proj)):
    for f in sorted(files):
        if f.endswith(".c"):
            entries.append({"directory": proj, "file": os.path.relpath(os.path.join(root, f), proj),
                            "arguments": ["cc", "-Iinclude", "-O2", "-c", os.path.relpath(os.path.join(root, f), proj)]})
json.dump(entries, open(os.path.join(out, "compile_commands.json"), "w"), indent=1)
PY
same "compile database -j2" --no-cache -j2 --format json -p "$WORK/db"

# The result cache: the same entries, keys and contents, with and without.
(cd "$PROJ" && "$AC" -q -j2 --cache "$WORK/c.on" . -- -Iinclude >/dev/null 2>&1)
(cd "$PROJ" && "$AC" -q -j2 --no-shared-headers --cache "$WORK/c.off" . -- -Iinclude >/dev/null 2>&1)
(cd "$WORK/c.on" && find . -type f | sort | xargs md5sum) >"$WORK/c.on.sum"
(cd "$WORK/c.off" && find . -type f | sort | xargs md5sum) >"$WORK/c.off.sum"
cmp -s "$WORK/c.on.sum" "$WORK/c.off.sum" || { fail "cache: entries differ"; diff "$WORK/c.on.sum" "$WORK/c.off.sum"; }
[ "$(wc -l <"$WORK/c.on.sum")" -ge 10 ] || fail "cache: too few entries"
# A warm run parses nothing, so it makes no PCH (files with an entry are
# left out of the groups).
(cd "$PROJ" && "$AC" -v -j2 --cache "$WORK/c.on" . -- -Iinclude >/dev/null 2>"$WORK/warm.err")
! grep -q 'shared headers:' "$WORK/warm.err" || fail "cache: a warm run made a PCH: $(grep 'shared headers' "$WORK/warm.err")"
echo "ok cache"

exit $failed
