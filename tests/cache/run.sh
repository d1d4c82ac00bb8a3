#!/usr/bin/env bash
# cache/run.sh: the result cache (--cache DIR, --no-cache), one shell function
# per property, each in a fresh temporary directory with a three-file
# project: a.c and b.c include h1.h, c.c does not.
#
#   tests/cache/run.sh ALLOCCHECK [CHECK...]
#
# Prints "ok NAME" or "FAIL NAME: why" with the captured output and exits 1
# if any check failed. tests/cache.cmake registers each check as the CTest
# test cache.NAME. The reference of every comparison is the same command
# with --no-cache, so the checks hold whatever the rules find.
set -u

[ $# -ge 1 ] || { echo "usage: $0 ALLOCCHECK [CHECK...]" >&2; exit 2; }
AC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # absolute: checks cd away
shift
[ -x "$AC" ] || { echo "FAIL: $AC is not an executable" >&2; exit 1; }
PYTHON=${PYTHON:-python3}
unset ALLOCCHECK_NO_CACHE XDG_CACHE_HOME # each check says where the cache is

# ---- helpers -----------------------------------------------------------------

fail() {
	echo "FAIL $CHECK: $*"
	echo "--- command: alloccheck $ARGS (exit $status)"
	[ -s out ] && { echo "--- stdout"; cat out; }
	[ -s err ] && { echo "--- stderr"; cat err; }
	exit 1
}

# run ARGS...: alloccheck with the cache in ./cdir; stdout to ./out,
# stderr to ./err, the exit status to $status.
run() {
	ARGS="--cache cdir $*"
	"$AC" --cache cdir "$@" >out 2>err
	status=$?
}

# ref ARGS...: the same without the cache, into ./ref.out and $ref_status.
ref() {
	"$AC" --no-cache "$@" >ref.out 2>ref.err
	ref_status=$?
}

# same_as_ref ARGS...: ref ARGS, then out and $status must match it.
same_as_ref() {
	ref "$@"
	[ "$status" -eq "$ref_status" ] || fail "exit status $status, without the cache $ref_status"
	cmp -s out ref.out || { diff -u ref.out out; fail "output differs from the run without the cache"; }
}

# stats FILE: "hits misses written" of a JSON report.
stats() {
	"$PYTHON" -c 'import json,sys; c=json.load(open(sys.argv[1]))["stats"].get("cache")
print("none" if c is None else "%d %d %d" % (c["hits"], c["misses"], c["written"]))' "$1"
}

# expect_stats "H M W" ARGS...: a JSON run with the cache; its stats.cache
# must be H hits, M misses, W written, and the findings right.
expect_stats() {
	local want=$1
	shift
	run --format json -v "$@"
	local got
	got=$(stats out) || fail "no JSON report"
	[ "$got" = "$want" ] || fail "cache stats (hits misses written) '$got', expected '$want'"
	strip out >out.stripped
	"$AC" --no-cache --format json "$@" >ref.json 2>/dev/null
	strip ref.json >ref.stripped
	cmp -s out.stripped ref.stripped || { diff -u ref.stripped out.stripped; fail "JSON findings differ from the run without the cache"; }
}

# strip FILE: the JSON report without what may differ between runs.
strip() {
	"$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1]))
d["stats"].pop("elapsed_ms"); d["stats"].pop("cache", None); print(json.dumps(d, indent=1, sort_keys=True))' "$1"
}

expect_err() { grep -qF -- "$1" err || fail "stderr lacks '$1'"; }
entries() { find "${1:-cdir}" -name '*.entry' 2>/dev/null | wc -l; }

# file_lines ENTRY: the lines of an entry's file list (checker/cache.c,
# "the text of an entry": after the line "files N", N lines).
file_lines() {
	awk 'n > 0 { print; n--; next } /^files [0-9]+$/ && !done { n = $2; done = 1 }' "$1"
}

project() {
	cat >h1.h <<'C'
#include <stdlib.h>
#define RELEASE(p) free(p)
C
	cat >a.c <<'C'
#include "h1.h"
void a(int n) { char *p = malloc(n); if (!p) return; p[0] = 1; RELEASE(p); }
char *a2(void) { char *q = malloc(8); q[0] = 0; return q; }
C
	cat >b.c <<'C'
#include "h1.h"
void b(void) { char *p = malloc(3); if (!p) return; RELEASE(p); }
#ifdef LEAKY
void b2(void) { char *p = malloc(3); if (p) p[0] = 0; }
#endif
C
	cat >c.c <<'C'
#include <stdlib.h>
void *my_alloc(unsigned long n);
void c(void) { char *p = malloc(3); if (p) p[0] = 0; }
void c3(void) { char *p = my_alloc(3); if (p) p[0] = 0; }
C
	cat >fam.json <<'C'
{"families": [{"id": "mine", "allocators": [{"name": "my_alloc", "size_arg": 1}],
               "deallocators": [{"name": "my_free"}]}]}
C
}

# ---- checks ------------------------------------------------------------------

# A second run on an unchanged tree is all hits and prints the same bytes,
# as text and as JSON (but for elapsed_ms and the cache counts).
check_warm_identical() {
	run -j1 a.c b.c c.c
	cp out cold.txt
	same_as_ref a.c b.c c.c
	[ "$(entries)" -eq 3 ] || fail "$(entries) entries after a cold run, expected 3"
	run -v a.c b.c c.c
	cmp -s out cold.txt || fail "warm text output differs from the cold one"
	[ "$(grep -c 'cache hit' err)" -eq 3 ] || fail "expected 3 cache hits under -v"
	! grep -q analysing err || fail "a warm run parsed a file"
	expect_stats "3 0 0" a.c b.c c.c
	if [ -n "${VALIDATE:-}" ]; then # stats.cache is in the schema
		"$PYTHON" "$VALIDATE" --schema "$SCHEMA" out >valid 2>&1 || { cat valid; fail "the report does not match the schema"; }
	fi
	rm -rf cdir
	expect_stats "0 3 3" a.c b.c c.c
	expect_stats "3 0 0" a.c b.c c.c
}

# Editing h1.h re-analyses exactly a.c and b.c, with the new results.
check_header_edit() {
	expect_stats "0 3 3" a.c b.c c.c
	echo '#undef RELEASE' >>h1.h
	echo '#define RELEASE(p) ((void)(p))' >>h1.h
	expect_stats "1 2 2" a.c b.c c.c
	grep -q 'a.c: cache miss (.*h1.h changed)' err || fail "-v does not say that h1.h changed"
	grep -q 'c.c: cache hit' err || fail "c.c was not a hit"
	expect_stats "3 0 0" a.c b.c c.c
	echo '/* only c.c */' >>c.c
	expect_stats "2 1 1" a.c b.c c.c
	rm h1.h
	run -v a.c b.c
	! grep -q 'cache hit' err || fail "a run without h1.h used the cache"
	grep -q 'a.c: cache miss (.*h1.h is gone)' err || fail "-v does not say that h1.h is gone"
}

# sigs FILE: for each entry that lists a file named FILE, its stored stat
# signature ("null" when none), one a line.
sigs() {
	local e digest sig path
	for e in $(find cdir -name '*.entry' | sort); do
		file_lines "$e" | while read -r digest sig path; do
			[ "$(basename "$path")" = "$1" ] || continue
			[ "$sig" = - ] && echo null || echo "\"$sig\""
		done
	done
}

# A file whose stat signature (device, inode, size, modification and change
# times) is the one its entry stores is not read again; any other is hashed,
# and a digest that still matches is a hit. Files changed during or after
# the second a run began get no signature (a later edit in the same tick of
# the file system's clock could keep it): hence the sleeps.
check_stat_signatures() {
	sleep 1.1
	expect_stats "0 3 3" a.c b.c c.c
	[ "$(sigs h1.h | grep -c '^"')" -eq 2 ] || fail "the entries of a.c and b.c store no signature of h1.h: $(sigs h1.h)"
	# Other contents of the same size, the modification time put back: the
	# change time still differs.
	"$PYTHON" -c 'import os,sys
p = sys.argv[1]; st = os.stat(p); t = open(p).read()
assert "free(p)" in t
open(p, "w").write(t.replace("free(p)", "(void)p"))
os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))' h1.h
	expect_stats "1 2 2" a.c b.c c.c
	grep -q 'a.c: cache miss (.*h1.h changed)' err || fail "-v does not say that h1.h changed"
	# Same contents, newer times: hits, and the entries take the new
	# signature once, so the next run does not read h1.h again.
	touch h1.h
	sleep 1.1
	expect_stats "3 0 0" a.c b.c c.c
	[ "$(grep -c 'file signatures refreshed' err)" -eq 2 ] || fail "expected the two entries listing h1.h to be refreshed"
	[ "$(sigs h1.h | grep -c '^"')" -eq 2 ] || fail "the refreshed entries store no signature of h1.h: $(sigs h1.h)"
	expect_stats "3 0 0" a.c b.c c.c
	! grep -q 'refreshed' err || fail "entries refreshed twice"
	# Replaced by another file (a new inode) with the same contents: a hit.
	cp -p h1.h h1.new && mv h1.new h1.h
	expect_stats "3 0 0" a.c b.c c.c
	# A time stamp not before the run's start second (here one in the
	# future) is never recorded, nor refreshed.
	echo '/* edited */' >>h1.h
	touch -d '+1 hour' h1.h
	expect_stats "1 2 2" a.c b.c c.c
	[ "$(sigs h1.h)" = "$(printf 'null\nnull')" ] || fail "a file of a future time got a signature: $(sigs h1.h)"
	expect_stats "3 0 0" a.c b.c c.c
	! grep -q 'refreshed' err || fail "a signature of a future time was recorded"
}

# Whole program: editing the body of a helper in one file re-analyses that
# file and the files whose calls used its summary, and nothing else; the
# results are those of a run without the cache.
check_helper_edit() {
	cat >h.c <<'C'
#include <stdlib.h>
void take(char *p) { (void)p; }
C
	cat >u.c <<'C'
#include <stdlib.h>
void take(char *p);
int use(void) { char *p = malloc(4); if (!p) return -1; take(p); return 0; }
C
	cat >o.c <<'C'
int other(int x) { return x + 1; }
C
	expect_stats "0 3 3" h.c u.c o.c
	grep -q '"leak"' out || fail "the block that take() only borrows is not reported"
	expect_stats "3 0 0" h.c u.c o.c
	# Only the caller edited: its analysis reads take's summary from h.c's
	# entry (without it, take would be a function that keeps the block).
	echo '/* the caller edited */' >>u.c
	expect_stats "2 1 1" h.c u.c o.c
	grep -q '"leak"' out || fail "the caller analysed against take's cached summary does not report the leak"
	sed -i 's/(void)p;/free(p);/' h.c
	expect_stats "1 2 2" h.c u.c o.c
	grep -q "u.c: cached results set aside: what 'take' does changed" err || fail "-v does not say why u.c is analysed again"
	grep -q 'o.c: cache hit' err || fail "o.c was not a hit"
	! grep -q '"leak"' out || fail "take() frees now, yet a leak is reported"
	expect_stats "3 0 0" h.c u.c o.c
	echo '/* a comment */' >>h.c # the summary is the same: only h.c again
	expect_stats "2 1 1" h.c u.c o.c
}

# A guarded header's inline helpers, called from two files: the helper is
# analysed once, for both (its leak reported once), and the results are
# the same whichever of the files comes from the cache (the one that was
# analysed for it, or the other).
check_shared_header() {
	cat >s.h <<'C'
#ifndef S_H
#define S_H
#include <stdlib.h>
static inline int probe(int n) { char *p = malloc(4); if (!p) return -1; if (n > 4) return -1; free(p); return n; }
static inline void touch(char *p) { p[0] = 0; }
#endif
C
	cat >s1.c <<'C'
#include "s.h"
int one(int n) { char *q = malloc(2); if (!q) return -1; touch(q); if (n) return probe(n); free(q); return 0; }
C
	cat >s2.c <<'C'
#include "s.h"
int two(int n) { return probe(n + 1); }
C
	expect_stats "0 2 2" s1.c s2.c
	local leaks
	leaks=$("$PYTHON" -c 'import json,sys; print(sorted("%s:%d" % (f["location"]["file"], f["location"]["line"]) for f in json.load(open(sys.argv[1]))["findings"]))' out)
	[ "$leaks" = "['s.h:4', 's1.c:2']" ] || fail "findings $leaks, expected the header's leak once and s1.c's"
	echo '/* s1 */' >>s1.c
	expect_stats "1 1 1" s1.c s2.c
	echo '/* s2 */' >>s2.c
	expect_stats "1 1 1" s1.c s2.c
	expect_stats "2 0 0" s1.c s2.c
	expect_stats "1 0 0" s2.c
}

# A program (it defines main) whose only call of a sink in another file
# passes NULL: realloc of that parameter allocates (null_args.h). When the
# call passes a block instead, the sink's file, taken from the cache, is
# analysed again (its link data consumed the mask); and back.
check_null_args_edit() {
	cat >s.c <<'C'
#include <stdlib.h>
void grow(char *d) { d = realloc(d, 8); free(d); }
C
	cat >m.c <<'C'
#include <stddef.h>
void grow(char *d);
int main(int argc, char **argv) { (void)argc; (void)argv; grow(NULL); return 0; }
C
	cat >o.c <<'C'
int other(int x) { return x + 1; }
C
	expect_stats "0 3 3" s.c m.c o.c
	! grep -q 'realloc-self-assign' out || fail "the sink every call gives NULL is reported"
	expect_stats "3 0 0" s.c m.c o.c
	sed -i 's/grow(NULL)/grow(argv[0])/' m.c
	expect_stats "1 2 2" s.c m.c o.c
	grep -q "s.c: cached results set aside: what 'nullargs grow' does changed" err || fail "-v does not say why s.c is analysed again"
	grep -q 'realloc-self-assign' out || fail "the sink given a block is not reported"
	sed -i 's/grow(argv\[0\])/grow(NULL)/' m.c
	expect_stats "1 2 2" s.c m.c o.c
	! grep -q 'realloc-self-assign' out || fail "the sink every call gives NULL again is reported"
}

# A call through a member that holds a function (p->mem.malloc_fcn), known
# from every store into that member of its type: a store of the user's suite
# added in another file makes the call opaque, so the caller's file is
# analysed again and its findings go.
check_member_suite_edit() {
	cat >s.h <<'C'
#include <stddef.h>
typedef struct suite { void *(*malloc_fcn)(size_t); void (*free_fcn)(void *); } suite;
struct parser { suite mem; char *buf; };
C
	cat >p.c <<'C'
#include <stdlib.h>
#include "s.h"
static const suite defaults = { malloc, free };
void parser_init(struct parser *p, const suite *user) { (void)user; p->mem = defaults; }
C
	cat >u.c <<'C'
#include "s.h"
int use(struct parser *p) { char *b = p->mem.malloc_fcn(4); if (!b) return -1; return b[0]; }
C
	cat >o.c <<'C'
int other(int x) { return x + 1; }
C
	expect_stats "0 3 3" p.c u.c o.c
	grep -q '"leak"' out || fail "p->mem.malloc_fcn is not known to be malloc"
	expect_stats "3 0 0" p.c u.c o.c
	sed -i 's/(void)user; p->mem = defaults;/if (user) p->mem = *user; else p->mem = defaults;/' p.c
	expect_stats "1 2 2" p.c u.c o.c
	! grep -q '"leak"' out || fail "the suite may be the user's now, yet a leak is reported"
}

# Flags, the configuration, --allocators and the rule selection are part of
# the key: changing them misses, changing them back hits again.
check_key_parts() {
	expect_stats "0 3 3" a.c b.c c.c
	expect_stats "0 3 3" a.c b.c c.c -- -DLEAKY
	expect_stats "3 0 0" a.c b.c c.c -- -DLEAKY
	expect_stats "0 3 3" a.c b.c c.c -- -DLEAKY -DOTHER
	# With a compile database, each file has its own flags.
	local d=$PWD
	db() {
		printf '[{"directory": "%s", "file": "a.c", "arguments": ["cc", "-c", "a.c"]},\n' "$d"
		printf ' {"directory": "%s", "file": "b.c", "arguments": ["cc", "-c", %s"b.c"]},\n' "$d" "$1"
		printf ' {"directory": "%s", "file": "c.c", "arguments": ["cc", "-c", "c.c"]}]\n' "$d"
	}
	db '' >compile_commands.json
	expect_stats "0 3 3" -p .
	expect_stats "3 0 0" -p .
	db '"-DLEAKY", ' >compile_commands.json
	expect_stats "2 1 1" -p .
	grep -q 'b.c: cache miss (no entry)' err || fail "b.c with new flags is not a miss"
	rm compile_commands.json
	expect_stats "3 0 0" a.c b.c c.c
	expect_stats "0 3 3" --allocators fam.json a.c b.c c.c
	expect_stats "3 0 0" --allocators fam.json a.c b.c c.c
	sed -i 's/my_alloc/your_alloc/' fam.json
	expect_stats "0 3 3" --allocators fam.json a.c b.c c.c
	expect_stats "0 3 3" --disable unchecked-alloc a.c b.c c.c
	expect_stats "3 0 0" --disable unchecked-alloc a.c b.c c.c
	expect_stats "0 3 3" --step-budget 1000 a.c b.c c.c
	echo '{"rules": {"disable": ["leak"]}}' >.alloccheck.json
	expect_stats "0 3 3" a.c b.c c.c
	expect_stats "3 0 0" a.c b.c c.c
	# A severity is applied to the results, cached or not: no miss needed.
	echo '{"rules": {"disable": ["leak"]}, "severity": {"unchecked-alloc": "error"}}' >.alloccheck.json
	expect_stats "3 0 0" a.c b.c c.c
	run a.c b.c c.c
	same_as_ref a.c b.c c.c
	grep -q 'error:' out || fail "the configured severity is not applied to cached results"
}

# A truncated entry, garbage, and a whole entry of another key or format
# are ignored (a -v note says so), rewritten, and the output stays right.
check_corrupt_entries() {
	expect_stats "0 3 3" a.c b.c c.c
	local e
	e=$(find cdir -name '*.entry' | sort)
	set -- $e
	head -c 100 "$1" >t && mv t "$1"
	head -c 3000 /dev/urandom >"$2"
	sed -i "2s/.*/key $(printf '0%.0s' $(seq 32))/" "$3"
	expect_stats "0 3 3" a.c b.c c.c
	[ "$(grep -c 'corrupt entry' err)" -eq 3 ] || fail "expected 3 notes about corrupt entries"
	grep -q 'another key' err || fail "no note about an entry of another key"
	expect_stats "3 0 0" a.c b.c c.c
	# The right key, but results of a shape it never writes; another format.
	sed -i 's/^R /Q /' "$1"
	sed -i '1s/.*/alloccheck-cache-0/' "$2"
	: >"$3"
	expect_stats "0 3 3" a.c b.c c.c
	expect_stats "3 0 0" a.c b.c c.c
	# A file list of a shape it never writes.
	sed -i '5s/.*/x - y/' "$1"
	expect_stats "2 1 1" a.c b.c c.c
	grep -q 'corrupt entry (a bad file)' err || fail "no note about a bad file list"
	expect_stats "3 0 0" a.c b.c c.c
	[ -z "$(find cdir -name '.tmp*')" ] || fail "temporary files left in the cache"
}

# Two runs sharing one cache directory at the same time both print the
# right output, whether the cache is empty, stale or complete.
check_concurrent_runs() {
	ref -j2 a.c b.c c.c
	for round in 1 2 3 4; do
		[ "$round" -eq 3 ] && echo '/* edited */' >>h1.h && ref -j2 a.c b.c c.c
		"$AC" --cache cdir -j2 a.c b.c c.c >out1 2>err1 &
		local p1=$!
		"$AC" --cache cdir -j2 c.c b.c a.c >out2 2>err2 &
		local p2=$!
		wait $p1; local s1=$?
		wait $p2; local s2=$?
		ARGS="round $round" status=$s1
		[ "$s1" -eq "$ref_status" ] && [ "$s2" -eq "$ref_status" ] || fail "exit statuses $s1 $s2, expected $ref_status"
		cmp -s out1 ref.out || fail "round $round: the first run's output is wrong"
		cmp -s out2 ref.out || fail "round $round: the second run's output is wrong"
		! grep -q 'warning:' err1 err2 || fail "round $round: warnings: $(cat err1 err2)"
	done
	[ -z "$(find cdir -name '.tmp*')" ] || fail "temporary files left in the cache"
	expect_stats "3 0 0" a.c b.c c.c
}

# A cache directory that cannot be created is one warning; the results and
# the exit status are those of a run without the cache.
check_unwritable_dir() {
	echo x >plainfile
	ARGS="--cache plainfile/c a.c b.c c.c"
	"$AC" --cache plainfile/c a.c b.c c.c >out 2>err
	status=$?
	same_as_ref a.c b.c c.c
	[ "$(grep -c 'results are not cached' err)" -eq 1 ] || fail "expected one warning about the cache"
	expect_err "warning: cache plainfile/c: Not a directory"
	"$AC" -q --cache plainfile/c a.c b.c c.c >out 2>err
	[ ! -s err ] || fail "-q still warns about the cache"
}

# --no-cache and ALLOCCHECK_NO_CACHE write nothing; the default directory
# is $XDG_CACHE_HOME/alloccheck, else ~/.cache/alloccheck; --cache wins.
check_default_and_off() {
	mkdir home
	XDG_CACHE_HOME=$PWD/xdg "$AC" --no-cache a.c b.c c.c >out 2>err
	[ ! -e xdg ] || fail "--no-cache created $(find xdg)"
	XDG_CACHE_HOME=$PWD/xdg ALLOCCHECK_NO_CACHE=1 "$AC" a.c b.c c.c >out 2>err
	[ ! -e xdg ] || fail "ALLOCCHECK_NO_CACHE=1 still created $(find xdg)"
	XDG_CACHE_HOME=$PWD/xdg HOME=$PWD/home "$AC" a.c b.c c.c >out 2>err
	[ "$(entries xdg/alloccheck)" -eq 3 ] || fail "no entries under \$XDG_CACHE_HOME/alloccheck"
	HOME=$PWD/home "$AC" a.c b.c c.c >out 2>err
	[ "$(entries home/.cache/alloccheck)" -eq 3 ] || fail "no entries under ~/.cache/alloccheck"
	XDG_CACHE_HOME=relative HOME=$PWD/home "$AC" -v a.c >out 2>err
	grep -q 'cache hit' err || fail "a relative XDG_CACHE_HOME is not ignored"
	ALLOCCHECK_NO_CACHE=1 "$AC" --cache explicit a.c >out 2>err
	[ "$(entries explicit)" -eq 1 ] || fail "--cache DIR does not win over ALLOCCHECK_NO_CACHE"
	run --format json --no-cache a.c
	[ "$(stats out)" = none ] || fail "stats.cache present with --no-cache"
}

# A file with parse errors is analysed every time and never stored.
check_parse_errors_not_cached() {
	printf '#include "missing.h"\nvoid d(void) { char *p = malloc(1); }\n' >d.c
	expect_stats "0 1 0" d.c
	expect_stats "0 1 0" d.c
	printf '#include <stdlib.h>\n' >missing.h
	expect_stats "0 1 1" d.c
	expect_stats "1 0 0" d.c
}

# alloccheck-cc ($ALLOCCHECK_CC) takes --cache from ALLOCCHECK_ARGS: a
# rebuild prints the same findings from the cache.
check_wrapper() {
	[ -n "${ALLOCCHECK_CC:-}" ] || fail "ALLOCCHECK_CC is not set"
	local i
	for i in 1 2; do
		ARGS="(alloccheck-cc cc -c c.c, build $i)"
		ALLOCCHECK_ARGS="--cache $PWD/cdir -v" "$ALLOCCHECK_CC" cc -c c.c -o c.o >out 2>err
		status=$?
		[ "$status" -eq 0 ] || fail "the compile failed"
		grep -v '^alloccheck: note: ' err >findings.$i
		grep -q 'warning:' findings.$i || fail "no finding printed"
	done
	grep -q 'c.c: cache hit' err || fail "the rebuild did not use the cache"
	cmp -s findings.1 findings.2 || { diff -u findings.1 findings.2; fail "the rebuild printed other findings"; }
}

# Whether COMMAND... maps libclang (LD_DEBUG=files logs every library the
# dynamic loader maps, dlopen()ed ones and those of forked children
# included); stdout, stderr and $status as run leaves them.
maps_libclang() {
	ARGS="$*"
	rm -f ld.*
	LD_DEBUG=files LD_DEBUG_OUTPUT=$PWD/ld "$@" >out 2>err
	status=$?
	cat ld.* 2>/dev/null | grep -qE 'file=[^ ]*libclang(-[0-9.]+)?\.so'
}

# A run whose every result comes from the cache parses nothing, so it never
# loads libclang (checker/libclang_load.c); the cold run does.
check_warm_never_loads_libclang() {
	maps_libclang "$AC" --cache cdir a.c b.c c.c || fail "the cold run did not map libclang (LD_DEBUG unsupported?)"
	maps_libclang "$AC" --cache cdir a.c b.c c.c && fail "the warm run mapped libclang"
	same_as_ref a.c b.c c.c
	touch -d '2001-01-01' h1.h # same content: still all hits
	maps_libclang "$AC" --cache cdir --format json a.c b.c c.c && fail "the warm run after a touch mapped libclang"
	[ "$(stats out)" = "3 0 0" ] || fail "cache stats '$(stats out)', expected '3 0 0'"
}

# The same for alloccheck-cc: a compile step whose result is cached never
# loads libclang, neither in the wrapper nor in its analysis child; nor does
# merge, the link step, which reads the IR files the steps wrote.
check_wrapper_hit_never_loads_libclang() {
	[ -n "${ALLOCCHECK_CC:-}" ] || fail "ALLOCCHECK_CC is not set"
	export ALLOCCHECK_ARGS="--cache $PWD/cdir"
	maps_libclang "$ALLOCCHECK_CC" cc -c c.c -o c.o || fail "the first compile did not map libclang"
	[ "$status" -eq 0 ] || fail "the compile failed"
	maps_libclang "$ALLOCCHECK_CC" cc -c c.c -o c.o && fail "the compile with a cached result mapped libclang"
	[ "$status" -eq 0 ] || fail "the compile failed"
	grep -q 'warning:' err || fail "no finding printed from the cache"
	for f in a b c; do
		ALLOCCHECK_OUTPUT_DIR=$PWD/results maps_libclang "$ALLOCCHECK_CC" cc -c $f.c -o $f.o ||
			fail "the compile of $f.c with ALLOCCHECK_OUTPUT_DIR did not map libclang"
	done
	maps_libclang "$AC" merge results && fail "merge mapped libclang"
	[ "$status" -eq 1 ] || fail "merge exited $status, expected 1 (findings)"
}

# build DIR ARGS: alloccheck-cc compiles u.c and h.c (with "true": nothing is
# compiled) with ALLOCCHECK_OUTPUT_DIR=DIR and ALLOCCHECK_ARGS="ARGS -v";
# the notes go to ./err, and whether libclang was mapped to $mapped.
build_into() {
	local dir=$1 f
	shift
	mapped=0
	: >err.all
	for f in h.c u.c; do
		ALLOCCHECK_OUTPUT_DIR=$PWD/$dir ALLOCCHECK_ARGS="$* -v" maps_libclang "$ALLOCCHECK_CC" true -c $f && mapped=1
		[ "$status" -eq 0 ] || fail "the compile of $f failed"
		cat err >>err.all
	done
	mv err.all err
}

# same_results DIR1 DIR2: the same IR files byte for byte, and the same
# JSON results but for their elapsed time.
same_results() {
	local f g
	for f in "$1"/*.acir "$1"/*.json; do
		g=$2/$(basename "$f")
		[ -f "$g" ] || fail "$2 lacks $(basename "$f")"
		case $f in
		*.acir) cmp -s "$f" "$g" || fail "$(basename "$f") differs between $1 and $2";;
		*) cmp -s <(strip "$f") <(strip "$g") || fail "$(basename "$f") differs between $1 and $2";;
		esac
	done
	[ "$(ls "$1" | wc -l)" = "$(ls "$2" | wc -l)" ] || fail "$1 and $2 hold different files"
}

# alloccheck-cc with ALLOCCHECK_OUTPUT_DIR uses the cache too: an entry
# keeps the IR file, so a hit writes the IR file and JSON result an
# analysis would (libclang not loaded), and merge finds the same. An entry
# holds only while what the file used of the program summaries that the
# last merge left in the directory is unchanged: after a merge, the
# caller of the other file's helper is analysed again against them, the
# helper's file is a hit; plain entries (no output directory) are not
# taken for these.
check_wrapper_output_dir() {
	[ -n "${ALLOCCHECK_CC:-}" ] || fail "ALLOCCHECK_CC is not set"
	cat >h.c <<'C'
#include <stdlib.h>
char *mk(int n) { if (n <= 0) return NULL; return malloc(n); }
C
	cat >u.c <<'C'
char *mk(int n);
void use(int n) { char *p = mk(n); p[0] = 1; }
C
	local C="--cache $PWD/cdir"
	ALLOCCHECK_ARGS="$C" "$ALLOCCHECK_CC" true -c u.c 2>/dev/null # a plain entry for u.c
	build_into ref --no-cache
	build_into one $C
	[ $mapped = 1 ] || fail "the first build did not map libclang"
	grep -q 'u.c: cache miss' err || fail "u.c was taken from an entry made without an output directory"
	build_into two $C
	[ $mapped = 0 ] || fail "the rebuild from the cache mapped libclang"
	[ "$(grep -c ': cache hit' err)" = 2 ] || fail "the rebuild did not take both files from the cache"
	same_results ref one
	same_results ref two
	"$AC" merge ref >ref.out 2>/dev/null
	"$AC" merge two >out 2>err
	status=$?
	[ "$status" -eq 1 ] || fail "merge exited $status, expected 1 (findings)"
	grep -q 'unchecked-alloc' out || fail "merge does not find the NULL from mk dereferenced"
	cmp -s out ref.out || { diff -u ref.out out; fail "merge of the cached results differs"; }
	# the merges left the program's summaries: rebuilds analyse against them
	cp -a ref ref2
	build_into ref2 --no-cache
	build_into two $C
	grep -q "u.c: cached results set aside: what 'mk' does changed" err ||
		fail "u.c was not analysed again against mk's summary"
	grep -q 'h.c: cache hit' err || fail "h.c was not a hit"
	same_results ref2 two
	cp -a ref ref3
	build_into ref3 $C
	[ "$(grep -c ': cache hit' err)" = 2 ] || fail "the rebuild against the summaries was not all hits"
	[ $mapped = 0 ] || fail "the rebuild from the cache mapped libclang"
	same_results ref2 ref3
}

# ---- driver ------------------------------------------------------------------

TOP=$(mktemp -d)
trap 'rm -rf "$TOP"' EXIT
checks=("$@")
[ ${#checks[@]} -gt 0 ] || mapfile -t checks < <(declare -F | sed -n 's/^declare -f check_//p')
failed=0
for CHECK in "${checks[@]}"; do
	mkdir "$TOP/$CHECK"
	if (cd "$TOP/$CHECK" && ARGS= status=0 && project && "check_$CHECK"); then
		echo "ok $CHECK"
	else
		failed=1
	fi
done
exit $failed
