#!/usr/bin/env bash
# tests/build/run.sh ALLOCCHECK ALLOCCHECK_CC CHECK: one integration check of
# real builds (tests/build.cmake registers each check_NAME as build.NAME).
# Every check makes its own small project with a known leak in a temporary
# directory, builds it, and prints "FAIL ..." on the first mismatch.
set -u
AC=$1 ACC=$2 CHECK=$3
# make hands $(CC) to the shell, so the wrapper's path is quoted for it (the
# build tree may be at a path with spaces).
QACC=$(printf '%q' "$ACC")
export AC ACC
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"
# The wrapper needs no terminal; keep GCC's own output plain.
export GCC_COLORS= LC_ALL=C

fail() { echo "FAIL $CHECK: $*"; exit 1; }

# make_project DIR: sources with a known leak in src/leak.c:8, a clean file
# sharing a header, a C++ file and an assembler file that must be skipped,
# plus a Makefile and a CMakeLists.txt (no -g: objects must not embed paths).
make_project() {
	mkdir -p "$1/src" "$1/include"
	cat > "$1/include/util.h" <<'X'
#include <stdlib.h>
static inline char *dup_buf(size_t n) { char *p = malloc(n); if (!p) return 0; p[0] = 0; return p; }
X
	cat > "$1/src/leak.c" <<'X'
#include "util.h"
int leaky(int x)
{
	char *p = malloc(16);
	if (!p)
		return -1;
	if (x)
		return 1;
	free(p);
	return 0;
}
X
	cat > "$1/src/clean.c" <<'X'
#include "util.h"
int clean(void) { char *p = dup_buf(3); free(p); return 0; }
X
	echo 'int cxx_fn() { return 0; }' > "$1/src/cxx.cpp"
	printf '\t.text\n\t.globl asm_fn\nasm_fn:\n\tret\n' > "$1/src/asm.S"
	printf 'int main(void) { return 0; }\n' > "$1/src/main.c"
	cat > "$1/Makefile" <<'X'
CC ?= cc
CFLAGS = -O2 -Iinclude -Wall -MD
OBJS = src/leak.o src/clean.o src/cxx.o src/asm.o src/main.o
prog: $(OBJS)
	$(CC) -o $@ $(OBJS)
src/%.o: src/%.c
	$(CC) $(CFLAGS) -c -o $@ $<
src/cxx.o: src/cxx.cpp
	c++ -O2 -c -o $@ $<
src/asm.o: src/asm.S
	$(CC) -c -o $@ $<
X
	cat > "$1/CMakeLists.txt" <<'X'
cmake_minimum_required(VERSION 3.20)
project(leaky C CXX ASM)
add_executable(prog src/leak.c src/clean.c src/cxx.cpp src/asm.S src/main.c)
target_include_directories(prog PRIVATE include)
X
}

# objects DIR: the object files below DIR, one "name checksum" line each.
objects() { (cd "$1" && find . -name '*.o' | sort | xargs md5sum | sed 's|CMakeFiles/prog.dir/||'); }

cmake_build() { # SRC BUILD [cmake args...]
	local src=$1 b=$2; shift 2
	cmake -S "$src" -B "$b" -DCMAKE_BUILD_TYPE=Release "$@" > "$b.configure.log" 2>&1 || return 99
	cmake --build "$b" -j2 > "$b.build.log" 2>&1
}

leak_reported() { grep -q 'src/leak.c:8:3: warning: .*\[leak\]' "$1"; }

# CC="alloccheck-cc gcc" with make: same objects, same status, leak on stderr,
# one JSON result per TU in ALLOCCHECK_OUTPUT_DIR, and merge reports it.
check_make_cc() {
	make_project ref; make_project w
	make -C ref -s > ref.log 2>&1 || fail "plain make failed"
	ALLOCCHECK_OUTPUT_DIR="$T/out" make -C w -s -j2 CC="$QACC gcc" > w.log 2>&1 || fail "make with the wrapper failed: $(cat w.log)"
	leak_reported w.log || fail "leak not on the build's stderr: $(cat w.log)"
	[ "$(objects ref)" = "$(objects w)" ] || fail "objects differ: $(objects ref) / $(objects w)"
	[ "$(ls out/*.json | wc -l)" = 3 ] || fail "expected 3 results (leak, clean, main): $(ls out)"
	ls -a out | grep -q '\.tmp$' && fail "temporary result left behind"
	"$AC" merge out > merged.txt 2> merged.err; rc=$?
	[ $rc = 1 ] || fail "merge exit $rc, want 1"
	leak_reported merged.txt || fail "merge did not report the leak: $(cat merged.txt)"
	[ "$(grep -c 'warning:' merged.txt)" = 1 ] || fail "merge not deduplicated: $(cat merged.txt)"
	"$AC" merge --format json out > merged.json || [ $? = 1 ] || fail "merge --format json"
	grep -q '"rule":[[:space:]]*"leak"' merged.json || fail "merge json lacks the leak"
}

# ALLOCCHECK_WERROR=1: the compile step with findings fails, so the build does.
check_make_werror() {
	make_project w
	ALLOCCHECK_WERROR=1 make -C w -s CC="$QACC gcc" > w.log 2>&1 && fail "build passed with ALLOCCHECK_WERROR=1"
	leak_reported w.log || fail "leak not reported"
	make -C w -s clean >/dev/null 2>&1
	ALLOCCHECK_WERROR=0 make -C w -s CC="$QACC gcc" > w.log 2>&1 || fail "ALLOCCHECK_WERROR=0 failed the build"
}

# A failing compile keeps its own exit status and messages through the wrapper.
check_status_passthrough() {
	printf 'int f(void) { return }\n' > bad.c
	gcc -c bad.c -o bad1.o 2> ref.err; ref=$?
	"$ACC" gcc -c bad.c -o bad2.o 2> w.err; w=$?
	[ $ref = $w ] || fail "status $w, gcc gives $ref"
	grep -q 'error:' w.err || fail "compiler errors not shown"
	# link steps, -E and C++ pass through without analysis
	printf 'int main(void){return 0;}\n' > m.c
	"$ACC" gcc -E m.c > m.i 2> e.err || fail "-E failed"
	[ -s e.err ] && fail "-E analysed: $(cat e.err)"
	# the watchdog: a 1 s limit on a TU that hangs clang
	printf '#pragma clang __debug overflow_stack\nint g;\n' > hang.c
	ALLOCCHECK_TIMEOUT=1 timeout 60 "$ACC" gcc -c hang.c -o hang.o 2> h.err
	rc=$?
	[ $rc = 0 ] || fail "watchdog: exit $rc: $(cat h.err)"
	[ -f hang.o ] || fail "watchdog: no object"
	[ "$(grep -c 'alloccheck: warning' h.err)" = 1 ] || fail "watchdog: want one warning: $(cat h.err)"
}

# CMAKE_C_COMPILER_LAUNCHER=alloccheck-cc: same objects, leak reported.
check_cmake_launcher() {
	make_project src
	cmake_build src ref || fail "plain cmake build failed: $(cat ref.build.log)"
	cmake_build src w -DCMAKE_C_COMPILER_LAUNCHER="$ACC" || fail "launcher build failed: $(cat w.build.log)"
	leak_reported w.build.log || fail "leak not reported: $(cat w.build.log)"
	[ "$(objects ref)" = "$(objects w)" ] || fail "objects differ"
	cmake_build src w2 -DCMAKE_C_COMPILER_LAUNCHER="$ACC" -DCMAKE_C_FLAGS=-Werror || fail "launcher with -Werror failed"
	# a symlink named after the compiler, first on PATH
	mkdir bin && ln -s "$ACC" bin/gcc
	make_project m
	PATH="$T/bin:$PATH" make -C m -s CC=gcc > m.log 2>&1 || fail "symlink build failed: $(cat m.log)"
	leak_reported m.log || fail "symlink: leak not reported: $(cat m.log)"
}

# CMake's compile database with -p: the C entries analysed, C++ and
# assembler skipped and counted; -j1 and -j2 give identical reports.
check_compdb_cmake() {
	make_project src
	cmake_build src b -DCMAKE_EXPORT_COMPILE_COMMANDS=ON || fail "cmake failed"
	"$AC" -p b -j1 > j1.txt 2> j1.err; rc=$?
	[ $rc = 1 ] || fail "exit $rc: $(cat j1.err)"
	leak_reported j1.txt || fail "leak not reported: $(cat j1.txt)"
	grep -q '2 of 5 entries skipped (1 C++, 1 assembler' j1.err || fail "skips not counted: $(cat j1.err)"
	"$AC" -p b --format json > j.json 2>/dev/null
	tr -d ' \n\t' < j.json | grep -qF '"skipped":{"cxx":1,"assembler":1,"other":0,"duplicates":0,"excluded":0}' ||
		fail "stats.skipped in JSON: $(grep -A8 '"skipped"' j.json)"
	"$AC" -p b -j2 > j2.txt 2>/dev/null
	cmp -s j1.txt j2.txt || fail "-j1 and -j2 differ"
	"$AC" -p b -j2 src/src/clean.c > f.txt 2>/dev/null; rc=$?
	[ $rc = 0 ] || fail "filtered to clean.c: exit $rc: $(cat f.txt)"
	"$AC" -p b --exclude 'leak.c' > x.txt 2>/dev/null; rc=$?
	[ $rc = 0 ] || fail "--exclude leak.c: exit $rc"
}

# The Makefile project recorded by bear -- make, then -p.
check_compdb_bear() {
	command -v bear > /dev/null || { echo "SKIP: bear not installed"; exit 77; }
	make_project p
	(cd p && bear -- make -s > ../b.log 2>&1) || fail "bear -- make failed: $(cat b.log)"
	"$AC" -p p -j1 > j1.txt 2> j1.err; rc=$?
	[ $rc = 1 ] || fail "exit $rc: $(cat j1.err)"
	leak_reported j1.txt || fail "leak not reported"
	grep -q 'C++' j1.err || fail "C++ entry not counted: $(cat j1.err)"
	"$AC" -p p -j2 > j2.txt 2>/dev/null
	cmp -s j1.txt j2.txt || fail "-j1 and -j2 differ"
}

# A malformed database: every bad entry named, the good one still analysed.
check_compdb_malformed() {
	make_project p
	cat > cc.json <<X
[
 {"directory": "$T/p", "file": "src/leak.c", "arguments": ["gcc", "-Iinclude", "-c", "src/leak.c", "-fanalyzer", "-mindirect-branch=thunk", "-mfunction-return=thunk"]},
 {"directory": "$T/p", "arguments": ["gcc", "-c", "x.c"]},
 {"directory": "$T/p", "file": "src/missing.c", "command": "gcc -c src/missing.c"},
 {"directory": "$T/p", "file": "src/clean.c"},
 42
]
X
	"$AC" --compile-commands cc.json > o.txt 2> o.err; rc=$?
	[ $rc = 1 ] || fail "exit $rc"
	leak_reported o.txt || fail "good entry not analysed: $(cat o.err)"
	grep -q 'entry 1: no "file"' o.err || fail "entry 1 not named: $(cat o.err)"
	grep -q 'entry 2 (src/missing.c): No such file' o.err || fail "entry 2 not named: $(cat o.err)"
	grep -q 'entry 3 (src/clean.c): no "arguments"' o.err || fail "entry 3 not named"
	grep -q 'entry 4: not an object' o.err || fail "entry 4 not named"
	echo '{"a": 1}' > obj.json; echo '[{' > broken.json
	"$AC" --compile-commands obj.json > /dev/null 2> e1; [ $? = 2 ] || fail "object database: not exit 2"
	grep -q 'not a JSON array' e1 || fail "object database message: $(cat e1)"
	"$AC" --compile-commands broken.json > /dev/null 2> e2; [ $? = 2 ] || fail "broken database: not exit 2"
	grep -q 'not valid JSON' e2 || fail "broken database message: $(cat e2)"
}

# Trees: build directories and --exclude skipped, symlink loops end.
check_tree_walk() {
	make_project p
	mkdir -p p/build p/.hidden p/vendor
	cp p/src/leak.c p/build/; cp p/src/leak.c p/.hidden/; cp p/src/leak.c p/vendor/
	ln -s .. p/src/loop
	"$AC" -j2 --exclude vendor p -- -Ip/include > o.txt 2> o.err; rc=$?
	[ $rc = 1 ] || fail "exit $rc: $(cat o.err)"
	[ "$(grep -c 'warning:' o.txt)" = 1 ] || fail "want exactly one finding: $(cat o.txt)"
}

"check_$CHECK"
