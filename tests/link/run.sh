#!/usr/bin/env bash
# tests/link/run.sh ALLOCCHECK ALLOCCHECK_CC SOURCE_DIR CHECK: one check of
# "alloccheck merge" as the link step of a build through alloccheck-cc
# (tests/link.cmake registers each check_NAME as link.NAME). Every check
# works in its own temporary directory and prints "FAIL ..." on the first
# mismatch.
set -u
AC=$1 ACC=$2 SRC=$3 CHECK=$4
QACC=$(printf '%q' "$ACC")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"
export GCC_COLORS= LC_ALL=C ALLOCCHECK_NO_CACHE=1
unset ALLOCCHECK_ARGS ALLOCCHECK_WERROR

fail() { echo "FAIL $CHECK: $*"; exit 1; }

# The findings of a JSON report, one sorted line each, without the run's
# timing: what two reports must agree on.
findings() {
	python3 - "$1" <<'X'
import json, sys
d = json.load(open(sys.argv[1]))
for f in sorted(json.dumps(f, sort_keys=True) for f in d["findings"]):
    print(f)
X
}

# A program over four files: a buffer module, two users of it that leak
# and free twice only through its helpers, and a file that uses nothing.
make_project() {
	mkdir -p "$1"
	cat > "$1/buf.c" <<'X'
#include <stdlib.h>
struct buf { char *data; size_t len; };
struct buf *buf_new(size_t n)
{
	struct buf *b = malloc(sizeof *b);
	if (!b)
		return NULL;
	b->data = malloc(n ? n : 1);
	b->len = 0;
	return b;
}
void buf_free(struct buf *b)
{
	if (!b)
		return;
	free(b->data);
	free(b);
}
X
	cat > "$1/user.c" <<'X'
#include <stddef.h>
struct buf;
struct buf *buf_new(size_t n);
void buf_free(struct buf *b);
int use_once(long long fail)
{
	struct buf *b = buf_new(16);
	if (!b)
		return -1;
	if (fail)
		return -2;
	buf_free(b);
	if (fail == -9223372036854775807LL - 1) /* a condition key compares with LLONG_MIN */
		return 1;
	return 0;
}
X
	cat > "$1/twice.c" <<'X'
#include <stddef.h>
struct buf;
struct buf *buf_new(size_t n);
void buf_free(struct buf *b);
void release_twice(void)
{
	struct buf *b = buf_new(8);
	buf_free(b);
	buf_free(b);
}
X
	cat > "$1/alone.c" <<'X'
#include <stdlib.h>
int alone(void) { char *p = malloc(4); if (!p) return -1; free(p); return 0; }
X
	cat > "$1/Makefile" <<'X'
CC ?= cc
OBJS = buf.o user.o twice.o alone.o
lib.a: $(OBJS)
	ar rcs $@ $(OBJS)
%.o: %.c
	$(CC) -O2 -c -o $@ $<
X
}

build() { # PROJECT: make through the wrapper into $T/out
	ALLOCCHECK_OUTPUT_DIR="$T/out" make -C "$1" -s CC="$QACC cc" > "$T/build.log" 2>&1 ||
		fail "make through the wrapper failed: $(cat "$T/build.log")"
}

# A cross-file leak and double free: the per-TU runs of the build miss
# both; merge finds both, in every format.
check_cross_file() {
	make_project p; build p
	[ "$(ls out/*.json | wc -l)" = 4 ] || fail "expected 4 results: $(ls out)"
	[ "$(ls out/*.acir | wc -l)" = 4 ] || fail "expected 4 IR files: $(ls out)"
	ls -a out | grep -q 'tmp\|XXXXXX\|acir\.' && fail "temporary file left behind: $(ls -a out)"
	head -1 out/buf.c-*.acir | grep -qx 'alloccheck-ir 6' || fail "IR file header: $(head -1 out/buf.c-*.acir)"
	grep -q -- '-9223372036854775808' out/user.c-*.acir || fail "no LLONG_MIN in user.c's IR"
	grep -q '\[leak\]\|\[double-free\]' build.log && fail "the per-TU runs already see it: $(cat build.log)"
	"$AC" merge out > m.txt 2> m.err; rc=$?
	[ $rc = 1 ] || fail "merge exit $rc, want 1: $(cat m.err)"
	grep -q "user.c:11:.*allocated by 'buf_new'.*\[leak\]" m.txt || fail "no cross-file leak: $(cat m.txt)"
	grep -q "twice.c:9:.*released twice.*\[double-free\]" m.txt || fail "no cross-file double free: $(cat m.txt)"
	[ "$(grep -c 'warning:' m.txt)" = 2 ] || fail "want exactly two findings: $(cat m.txt)"
	"$AC" merge --format sarif out > m.sarif; [ $? = 1 ] || fail "merge --format sarif"
	grep -q '"ruleId":[[:space:]]*"double-free"' m.sarif || fail "SARIF lacks the double free"
}

# Editing one helper's body and rebuilding that one file: merge analyses
# again exactly the TUs that call it (-v), and a second merge nothing.
check_incremental() {
	make_project p; build p
	"$AC" merge -v out > /dev/null 2> v1.err
	grep -q 'merge: 2 of 4 files with IR re-analysed' v1.err || fail "first merge: $(grep note v1.err)"
	"$AC" merge -v out > /dev/null 2> v2.err
	grep -q 'merge: 0 of 4 files with IR re-analysed' v2.err || fail "second merge: $(grep note v2.err)"
	sed -i 's/^\tfree(b);$/\t(void)b;/' p/buf.c # buf_free no longer frees the buffer itself
	build p
	grep -c 'alloccheck-cc\|warning' build.log > /dev/null
	"$AC" merge -v out > m.txt 2> v3.err
	grep 're-analysed from' v3.err | sed 's/: re-analysed from.*//; s/.*note: //' | sort > again.txt
	printf 'twice.c\nuser.c\n' > want.txt
	cmp -s again.txt want.txt || fail "re-analysed: $(cat again.txt), want user.c and twice.c: $(grep note v3.err)"
	grep -q 'double-free' m.txt && fail "double free still reported after buf_free stopped freeing: $(cat m.txt)"
	"$AC" merge -v out > /dev/null 2> v4.err
	grep -q 'merge: 0 of 4 files with IR re-analysed' v4.err || fail "merge after the edit, again: $(grep note v4.err)"
	# merge left the program's summaries for the wrapper: a caller compiled
	# again is analysed against them, and the next merge has nothing to do
	head -1 out/.alloccheck-program-summaries | grep -qx 'alloccheck-program-summaries 1' ||
		fail "no program summaries in the result directory: $(ls -a out)"
	grep -q '^buf_new	s1 ' out/.alloccheck-program-summaries || fail "buf_new not in the program summaries"
	sleep 1; touch p/user.c; build p
	"$AC" merge -v out > /dev/null 2> v5.err
	grep -q 'merge: 0 of 4 files with IR re-analysed' v5.err || fail "merge after recompiling a caller: $(grep note v5.err)"
}

# A file whose results merge keeps is analysed again when another file
# starts taking the address of a global it tests: then the callee's write
# through a pointer may change it, and the leak on the path where the two
# tests disagree is a direct run's finding too.
check_escape() {
	mkdir p
	cat > p/a.c <<'X'
#include <stdlib.h>
int flag;
void poke(int *q);
void f(void)
{
	char *p = NULL;
	if (flag)
		p = malloc(4);
	poke(NULL);
	if (flag)
		free(p);
}
X
	cat > p/b.c <<'X'
extern int flag;
int other;
int *fp = &other;
void poke(int *q)
{
	(void)q;
	*fp = 0;
}
void init(void)
{
	fp = &other;
}
X
	cd p
	for f in a.c b.c; do ALLOCCHECK_OUTPUT_DIR="$T/out" "$ACC" true -c $f > /dev/null 2>&1; done
	"$AC" merge "$T/out" > m1.txt 2>&1; rc=$?
	[ $rc = 0 ] || fail "before: exit $rc: $(cat m1.txt)"
	sed -i 's/	fp = &other;/	fp = \&flag;/' b.c
	ALLOCCHECK_OUTPUT_DIR="$T/out" "$ACC" true -c b.c > /dev/null 2>&1
	"$AC" merge -v "$T/out" > m2.txt 2> v2.err
	grep -q "a.c: cached results set aside: what 'escaped flag' does changed" v2.err || fail "a.c kept: $(cat v2.err)"
	grep -q 'a.c:12:1: .*\[leak\]' m2.txt || fail "no leak after the edit: $(cat m2.txt)"
	"$AC" --no-cache a.c b.c > d.txt 2>&1
	grep -q 'a.c:12:1: .*\[leak\]' d.txt || fail "the direct run disagrees: $(cat d.txt)"
	cd ..
}

# A program whose only call of a sink in another file passes NULL: the
# sink's file, analysed alone by alloccheck-cc (where it may have other
# callers), is analysed again by merge, which sees every call (null_args.h);
# after an edit of the caller to pass a block, again. The findings are a
# direct run's each time.
check_null_args() {
	mkdir p
	cat > p/s.c <<'X'
#include <stdlib.h>
void grow(char *d) { d = realloc(d, 8); free(d); }
X
	cat > p/m.c <<'X'
#include <stddef.h>
void grow(char *d);
int main(int argc, char **argv) { (void)argc; (void)argv; grow(NULL); return 0; }
X
	cd p
	for f in s.c m.c; do ALLOCCHECK_OUTPUT_DIR="$T/out" "$ACC" true -c $f > /dev/null 2>&1; done
	"$AC" merge "$T/out" > m1.txt 2>&1; rc=$?
	[ $rc = 0 ] || fail "before: exit $rc: $(cat m1.txt)"
	"$AC" --no-cache s.c m.c > d1.txt 2>&1
	[ ! -s d1.txt ] || fail "the direct run reports: $(cat d1.txt)"
	sed -i 's/grow(NULL)/grow(argv[0])/' m.c
	ALLOCCHECK_OUTPUT_DIR="$T/out" "$ACC" true -c m.c > /dev/null 2>&1
	"$AC" merge -v "$T/out" > m2.txt 2> v2.err
	grep -q "s.c: cached results set aside: what 'nullargs grow' does changed" v2.err || fail "s.c kept: $(cat v2.err)"
	grep -q 's.c:2:.*\[realloc-self-assign\]' m2.txt || fail "no finding after the edit: $(cat m2.txt)"
	"$AC" --no-cache s.c m.c > d2.txt 2>&1
	grep -q 's.c:2:.*\[realloc-self-assign\]' d2.txt || fail "the direct run disagrees: $(cat d2.txt)"
	cd ..
}

# merge walks again only the functions whose inputs changed (walks.h): after
# a clean build, the one that calls into another file and its caller, whose
# callee's summary changed; after one helper's edit, only its caller; the
# helper's own file, whose functions call only the C library, not at all.
# The findings are a direct run's.
check_per_function() {
	mkdir p
	cat > p/h.c <<'X'
#include <stdlib.h>
void *h_new(void) { return malloc(8); }
void h_free(void *p) { free(p); }
X
	cat > p/u.c <<'X'
#include <stdlib.h>
void *h_new(void);
void h_free(void *p);
static int uses(void)
{
	void *p = h_new();
	if (!p)
		return -1;
	h_free(p);
	return 0;
}
int calls_uses(void) { return uses(); }
int alone(void) { char *p = malloc(4); if (!p) return -1; free(p); return 0; }
int alone2(int x) { return x + 1; }
X
	cd p
	for f in h.c u.c; do ALLOCCHECK_OUTPUT_DIR="$T/out" "$ACC" true -c $f > /dev/null 2>&1; done
	"$AC" merge -v "$T/out" > m1.txt 2> v1.err; rc=$?
	[ $rc = 0 ] || fail "first merge: exit $rc: $(cat m1.txt v1.err)"
	grep -q 'u.c: re-analysed from .* (2 of 4 functions walked again)' v1.err || fail "first merge: $(grep note v1.err)"
	grep -q 'h.c: re-analysed' v1.err && fail "h.c analysed again: $(grep note v1.err)"
	grep -q 'merge: 2 functions walked again, 4 taken' v1.err || fail "first merge's counts: $(grep note v1.err)"
	sed -i 's/{ free(p); }/{ (void)p; }/' h.c # h_free no longer frees
	ALLOCCHECK_OUTPUT_DIR="$T/out" "$ACC" true -c h.c > /dev/null 2>&1
	"$AC" merge -v --format json "$T/out" > m2.json 2> v2.err
	grep -q 'u.c: re-analysed from .* (1 of 4 functions walked again)' v2.err || fail "after the edit: $(grep note v2.err)"
	grep -q 'merge: 1 function walked again, 5 taken' v2.err || fail "counts after the edit: $(grep note v2.err)"
	"$AC" --no-cache --format json h.c u.c > d.json 2> /dev/null
	findings m2.json > m2.txt; findings d.json > d.txt
	grep -q '"leak"' d.txt || fail "the direct run misses the leak: $(cat d.txt)"
	cmp -s m2.txt d.txt || fail "merge differs from a direct run: $(diff d.txt m2.txt)"
	cd ..
}

# merge = a direct run over the same files, for -j1 and -j2, on programs of
# the fixture suite: helpers, hooks, a signature mismatch, a name defined in
# two programs (opaque), static functions of one name in two files, a shared
# header's inline functions (one finding for three includers, a body made
# from each includer's macros, a release wrapper); or
# (PROGRAMS: their folder names) all of them with "all".
# Both run where the build ran: a report reads the sources (the end of a
# location, fingerprints) by the paths the compiler was given.
programs_equal() {
	local progs=$1 n=0
	# header_outside and header_inline_outside are left out: what they test
	# is the project's directory, which a direct run takes from the paths it
	# is given (the program's folder) and the wrapper from the file and the
	# directory it is compiled in (the checkout here), so fixtures/include is
	# outside in one and inside in the other, as the README says.
	[ "$progs" = all ] && progs=$(cd "$SRC/fixtures/programs" && ls | grep -vx 'header_outside\|header_inline_outside')
	for prog in $progs; do
		local d="$SRC/fixtures/programs/$prog" o="$T/$prog"
		mkdir -p "$o"
		(cd "$SRC" && for f in fixtures/programs/"$prog"/*.c; do
			ALLOCCHECK_OUTPUT_DIR="$o/out" "$ACC" true -Ifixtures/include -c "$f" 2>/dev/null
		done)
		(cd "$SRC" && "$AC" -q -j2 --format json fixtures/programs/"$prog"/*.c -- -Ifixtures/include) > "$o/direct.json"
		findings "$o/direct.json" > "$o/direct.txt" || fail "$prog: direct run"
		for j in 1 2; do
			(cd "$SRC" && "$AC" merge -q -j$j --format json "$o/out") > "$o/merge$j.json"
			findings "$o/merge$j.json" > "$o/merge$j.txt" || fail "$prog: merge -j$j"
			cmp -s "$o/direct.txt" "$o/merge$j.txt" ||
				fail "$prog: merge -j$j differs from a direct run: $(diff "$o/direct.txt" "$o/merge$j.txt")"
		done
		n=$((n + 1))
	done
	[ $n -gt 0 ] || fail "no programs"
}
check_equal_direct() {
	programs_equal "alloc_maybe_null double_release_through_helper fnptr_global_hook signature_mismatch
		same_name_two_programs static_same_name header_inline_many header_inline_macros header_inline_free"
}
check_equal_direct_all() { programs_equal all; }

# Bad input: a missing, truncated, foreign and older-version IR file each
# is one error line naming it; the other TUs are still merged (their
# findings reported, exit 1); nothing mergeable is exit 2, with the error
# in the JSON report.
check_bad_input() {
	make_project p; build p
	local ir
	ir=$(ls out/user.c-*.acir)
	cp -r out good
	head -c 300 "$ir" > t && mv t "$ir"
	"$AC" merge out > m.txt 2> m.err; rc=$?
	[ $rc = 1 ] || fail "truncated: exit $rc: $(cat m.err)"
	[ "$(grep -c 'error:' m.err)" = 1 ] || fail "truncated: want one error line: $(cat m.err)"
	grep -q "error: .*user.c-.*\.acir: truncated" m.err || fail "truncated: not named: $(cat m.err)"
	grep -q 'twice.c:9:.*double-free' m.txt || fail "truncated: the others not merged: $(cat m.txt)"
	rm -rf out; cp -r good out
	echo 'hello' > "$ir"
	"$AC" merge out > /dev/null 2> m.err
	grep -q "user.c-.*\.acir: not an alloccheck IR file" m.err || fail "foreign: $(cat m.err)"
	rm -rf out; cp -r good out
	sed -i '1s/.*/alloccheck-ir 0/' "$ir"
	"$AC" merge out > /dev/null 2> m.err
	grep -q "user.c-.*\.acir: an IR file of another version" m.err || fail "old version: $(cat m.err)"
	rm -rf out; cp -r good out
	rm "$ir"
	"$AC" merge out > m.txt 2> m.err; rc=$?
	[ $rc = 1 ] || fail "missing: exit $rc"
	grep -q "user.c-.*\.json: no IR file" m.err || fail "missing: not named: $(cat m.err)"
	grep -q 'twice.c:9:.*double-free' m.txt || fail "missing: the others not merged: $(cat m.txt)"
	# nothing mergeable: exit 2, and the JSON report lists the error
	mkdir bad; echo 'hello' > bad/x.c-0.acir
	"$AC" merge --format json bad > b.json 2> b.err; rc=$?
	[ $rc = 2 ] || fail "nothing merged: exit $rc, want 2"
	grep -q '"reason":.*not an alloccheck IR file' b.json || fail "no error entry in the JSON report: $(cat b.json)"
	"$AC" merge --format sarif bad > b.sarif 2> /dev/null; rc=$?
	[ $rc = 2 ] || fail "nothing merged, SARIF: exit $rc, want 2"
	grep -q '"text":.*not an alloccheck IR file' b.sarif || fail "no notification in the SARIF report: $(cat b.sarif)"
}

# A result directory written before IR files existed (JSON results only) is
# merged as before: its findings as written, without cross-file analysis.
check_old_results() {
	make_project p; build p
	rm out/*.acir
	"$AC" merge -v out > m.txt 2> m.err; rc=$?
	[ $rc = 0 ] || fail "exit $rc: $(cat m.err)"
	grep -q 'error' m.err && fail "errors on an old directory: $(cat m.err)"
	grep -q '4 results without IR files' m.err || fail "no note on the old results: $(cat m.err)"
}

"check_$CHECK"
