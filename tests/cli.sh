#!/usr/bin/env bash
# cli.sh: the command-line checks, one shell function per input mode and flag,
# in the manner of chibicc's test/driver.sh.
#
#   tests/cli.sh ALLOCCHECK [CHECK...]
#
# Runs the named checks (every check_* function when none is named), each in
# a fresh temporary directory that holds its inputs, and prints "ok NAME" or
# "FAIL NAME: why" with the captured output. Exits 1 if any check failed.
# tests/cli.cmake registers each check as its own CTest test, cli.NAME.
# AC_EXPECT_VERSION, when set, is the version --version must print.
set -u

[ $# -ge 1 ] || { echo "usage: $0 ALLOCCHECK [CHECK...]" >&2; exit 2; }
AC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # absolute: checks cd away
shift
[ -x "$AC" ] || { echo "FAIL: $AC is not an executable" >&2; exit 1; }
ESC=$'\033'

# ---- helpers -----------------------------------------------------------------

fail() {
	echo "FAIL $CHECK: $*"
	echo "--- command: alloccheck $ARGS (exit $status)"
	[ -s out ] && { echo "--- stdout"; cat out; }
	[ -s err ] && { echo "--- stderr"; cat err; }
	exit 1
}

# run ARGS...: runs alloccheck in the check's directory; stdout goes to
# ./out, stderr to ./err, the exit status to $status.
run() {
	ARGS="$*"
	"$AC" "$@" >out 2>err
	status=$?
}

expect_status() { [ "$status" -eq "$1" ] || fail "exit status $status, expected $1"; }
expect_out() { grep -qF -- "$1" out || fail "stdout lacks '$1'"; }
expect_err() { grep -qF -- "$1" err || fail "stderr lacks '$1'"; }
expect_not_out() { ! grep -qF -- "$1" out || fail "stdout has '$1'"; }
expect_no_out() { [ ! -s out ] || fail "stdout is not empty"; }
expect_no_err() { [ ! -s err ] || fail "stderr is not empty"; }
expect_err_lines() {
	local n
	n=$(wc -l <err)
	[ "$n" -eq "$1" ] || fail "stderr has $n lines, expected $1"
}
# The two lines every usage error prints, exactly.
expect_usage_error() {
	expect_status 2
	expect_no_out
	[ "$(head -n 1 err)" = "alloccheck: error: $1" ] || fail "first stderr line is not 'alloccheck: error: $1'"
	[ "$(sed -n 2p err)" = "Try 'alloccheck --help'." ] || fail "no pointer to --help"
	expect_err_lines 2
}

# A leak of p at the 'return 0;' on line 5 (the allocation is on line 4).
write_leaky() { printf '#include <stdlib.h>\nint f(void)\n{\n\tchar *p = malloc(4);\n\treturn 0;\n}\n' >"$1"; }
# Nothing to report.
write_clean() { printf 'int %s(int x)\n{\n\treturn x + 1;\n}\n' "${2:-g}" >"$1"; }

# ---- options and usage errors ---------------------------------------------------

# Whole-program analysis: the same report for every -j, over the multi-file
# fixture programs analysed as one tree (names defined in several programs
# are ambiguous there) and over one program; the cross-file note.
check_whole_program_jobs() {
	local fx
	fx=$(cd "$(dirname "$0")/../fixtures/programs" && pwd)
	run --no-cache -j1 "$fx"
	mv out j1.txt
	for j in 2 3; do
		run --no-cache -j$j "$fx"
		cmp -s out j1.txt || fail "-j$j output differs from -j1"
	done
	run --no-cache -j1 --format json "$fx/chain_of_helpers"
	grep -v elapsed_ms out >j1.json
	run --no-cache -j2 --format json "$fx/chain_of_helpers"
	grep -v elapsed_ms out | cmp -s - j1.json || fail "-j2 JSON differs from -j1"
	run --no-cache "$fx/alloc_maybe_null"
	expect_status 1
	expect_out "note: 'buf_new' ($fx/alloc_maybe_null/buf.c:15) may return NULL"
}

# The callers of a recursive group's small members run on another thread
# while its large member is walked (engine.c, settle_speculation), and are
# walked again when that walk changes what they read: whichever happens in
# a run, the report is -j1's. Several runs, since it depends on timing.
check_speculation_jobs() {
	local fx i
	fx=$(cd "$(dirname "$0")/../fixtures/programs/recursion_heavy_member" && pwd)
	run --no-cache -j1 "$fx"
	expect_status 1
	expect_out "used after it was released [use-after-free]"
	mv out j1.txt
	for i in 1 2 3 4 5 6; do
		run --no-cache -j2 "$fx"
		cmp -s out j1.txt || fail "-j2 output differs from -j1 (run $i)"
	done
}

# -vv: the trace of where the time goes, one line per step, on stderr only;
# the report is the one without it.
check_trace() {
	local fx
	fx=$(cd "$(dirname "$0")/../fixtures/programs/chain_of_helpers" && pwd)
	run --no-cache -j2 "$fx"
	mv out plain.txt
	run --no-cache -j2 -vv "$fx"
	expect_status 1
	cmp -s out plain.txt || fail "-vv changed the report"
	expect_err "alloccheck: trace: load thread="
	expect_err "alloccheck: trace: link thread="
	expect_err "alloccheck: trace: analyse thread="
	expect_err "alloccheck: trace: analysis-graph thread="
	expect_err "alloccheck: trace: report thread="
	expect_err "alloccheck: trace: memory report rss="
	run --no-cache -v "$fx"
	! grep -q "trace:" err || fail "-v printed the trace"
}

# --program-summaries FILE: a whole run writes the program's summaries; a
# later run of one file reads the others' from it and reports what the whole
# run reports in that file; a file of another kind is a warning.
check_program_summaries() {
	local fx
	fx=$(cd "$(dirname "$0")/../fixtures/programs/chain_of_helpers" && pwd)
	run --no-cache --program-summaries sums.txt "$fx/a.c" "$fx/b.c" "$fx/c.c"
	expect_status 1
	grep -F "$fx/a.c" out | grep warning >whole.txt
	head -1 sums.txt | grep -qx 'alloccheck-program-summaries 1' || fail "no header in the summaries file"
	grep -q '^name_for	s1 name=name_for known=1' sums.txt || fail "name_for is not in the summaries file"
	run --no-cache "$fx/a.c"
	expect_status 0
	run --no-cache --program-summaries sums.txt "$fx/a.c"
	expect_status 1
	grep warning out | cmp -s - whole.txt || fail "one file against the summaries differs from the whole run"
	echo garbage >bad.txt
	run --no-cache --program-summaries bad.txt "$fx/a.c"
	expect_err "bad.txt: not a program summaries file of this version; ignored"
}

# A parameter every call passes NULL, in a function with external linkage:
# known only in a closed program (null_args.h). The fixture program is
# closed (main defined once): its sink given NULL is silent. The same files
# are not closed with --program-summaries (a part of a larger program, even
# before the file holds anything), with a file that has parse errors, or
# with a compile database entry left out by --exclude (which may call it
# with a block).
check_null_args_closed() {
	local fx sink
	fx=$(cd "$(dirname "$0")/../fixtures/programs/null_args_program" && pwd)
	sink="sinks.c:9:12: warning: .*\[realloc-self-assign\]"
	run --no-cache "$fx"
	expect_status 1
	! grep -q "$sink" out || fail "the closed program's sink given NULL is reported"
	run --no-cache --program-summaries sums.txt "$fx"
	grep -q "$sink" out || fail "with --program-summaries the sink is not reported"
	cp "$fx/main.c" "$fx/sinks.c" .
	printf 'int broken(void) { return undeclared_name; }\n' >broken.c
	run --no-cache main.c sinks.c broken.c
	grep -q "$sink" out || fail "with a file that has parse errors the sink is not reported"
	printf '[{"directory": "%s", "file": "main.c", "arguments": ["cc", "-c", "main.c"]},\n' "$PWD" >compile_commands.json
	printf ' {"directory": "%s", "file": "sinks.c", "arguments": ["cc", "-c", "sinks.c"]},\n' "$PWD" >>compile_commands.json
	printf ' {"directory": "%s", "file": "broken.c", "arguments": ["cc", "-c", "broken.c"]}]\n' "$PWD" >>compile_commands.json
	run --no-cache -p .
	grep -q "$sink" out || fail "with an entry that has parse errors the sink is not reported"
	printf 'void grow_given_null(char *data);\nvoid other(char *p) { grow_given_null(p); }\n' >broken.c
	run --no-cache -p .
	grep -q "$sink" out || fail "broken.c's call with a block does not make the sink reported"
	run --no-cache -p . --exclude '*broken.c'
	grep -q "$sink" out || fail "with an entry excluded the sink is not reported"
	head -2 compile_commands.json | sed '2s/},$/}]/' >cc.json
	mkdir db && mv cc.json db/compile_commands.json
	run --no-cache -p db
	! grep -q "$sink" out || fail "the closed compile database's sink given NULL is reported"
}

check_help() {
	run --help
	expect_status 0
	expect_no_err
	expect_out "Usage: alloccheck [options] PATH... [-- COMPILER-FLAGS...]"
	for opt in --format -o --output --color --enable --disable --list-rules --explain \
		--max-disjuncts --step-budget -v -q --version --help "Exit status"; do
		expect_out "$opt"
	done
	expect_not_out "--dump-cfg" # hidden
	awk 'length > 79 { exit 1 }' out || fail "a --help line is longer than 79 columns"
}

check_version() {
	run --version
	expect_status 0
	expect_no_err
	head -n 1 out | grep -qE '^alloccheck [0-9]+\.[0-9]+\.[0-9]+$' || fail "first line not 'alloccheck X.Y.Z'"
	[ -z "${AC_EXPECT_VERSION:-}" ] || [ "$(head -n 1 out)" = "alloccheck $AC_EXPECT_VERSION" ] ||
		fail "expected alloccheck $AC_EXPECT_VERSION"
	# The libclang it loads on the first parse: the version the build was
	# made against (clang_getClangVersion then) and the file.
	sed -n 2p out | grep -qE '^libclang: .*clang version [0-9]+\..* \(at build time; loads [^ ]+\)$' ||
		fail "second line not 'libclang: ... clang version N... (at build time; loads FILE)'"
	[ "$(wc -l < out)" = 2 ] || fail "more than two lines"
}

# Whether "alloccheck ARGS..." maps libclang: LD_DEBUG=files logs every
# library the dynamic loader maps, dlopen()ed ones included. out, err and
# $status as run leaves them.
maps_libclang() {
	ARGS="$*"
	rm -f ld.*
	LD_DEBUG=files LD_DEBUG_OUTPUT=$PWD/ld "$AC" "$@" >out 2>err
	status=$?
	cat ld.* 2>/dev/null | grep -qE 'file=[^ ]*libclang(-[0-9.]+)?\.so'
}

# libclang is loaded on the first parse (checker/libclang_load.c): what
# parses nothing never pays for mapping LLVM.
check_no_libclang_without_parse() {
	local args
	for args in "--version" "--help" "--list-rules" "--explain leak" "merge ."; do
		# shellcheck disable=SC2086 # the words of args are the arguments
		! maps_libclang $args || fail "alloccheck $args mapped libclang"
	done
	write_clean a.c
	maps_libclang a.c || fail "a parse did not map libclang (LD_DEBUG unsupported? the checks above prove nothing)"
	expect_status 0
}

# The libclang named by ALLOCCHECK_LIBCLANG cannot be loaded: one error line
# naming the file, every file that needed a parse fails, exit 2.
check_libclang_not_loadable() {
	write_clean a.c
	write_clean b.c h
	ALLOCCHECK_LIBCLANG=$PWD/nonexistent.so run a.c b.c
	expect_status 2
	expect_err "alloccheck: error: cannot load libclang: $PWD/nonexistent.so: cannot open shared object file"
	[ "$(grep -c 'cannot load libclang' err)" = 1 ] || fail "the load error was printed more than once"
	run --version
	expect_status 0
}

check_list_rules() {
	run --list-rules
	expect_status 0
	expect_no_err
	grep -qE '^leak +CWE-401 +warning +[a-z]' out || fail "no row for leak"
	grep -qE '^unchecked-alloc +CWE-690 +warning +[a-z]' out || fail "no row for unchecked-alloc"
	grep -qE '^double-free +CWE-415 +warning +[a-z]' out || fail "no row for double-free"
	grep -qE '^use-after-free +CWE-416 +warning +[a-z]' out || fail "no row for use-after-free"
	grep -qE '^free-nonheap +CWE-590 +warning +[a-z]' out || fail "no row for free-nonheap"
	grep -qE '^free-offset +CWE-761 +warning +[a-z]' out || fail "no row for free-offset"
	[ "$(wc -l < out)" = 8 ] || fail "not 8 rules"
}

# Every rule's doc: a title, its CWE, a bad and a good example.
check_explain_every_rule() {
	local r
	for r in leak unchecked-alloc realloc-self-assign dealloc-mismatch double-free use-after-free free-nonheap free-offset; do
		run --explain "$r"
		expect_status 0
		head -n 1 out | grep -q "^# $r: " || fail "$r: no title"
		[ "$(grep -c '^```c' out)" -ge 2 ] || fail "$r: not a bad and a good example"
		expect_out "CWE-"
	done
}

check_explain_leak() {
	run --explain leak
	expect_status 0
	expect_no_err
	[ "$(head -n 1 out)" = "# leak: allocated memory is never released" ] || fail "not the leak doc"
	expect_out "CWE-401"
	expect_out '```c'
}

check_explain_unchecked_alloc() {
	run --explain=unchecked-alloc
	expect_status 0
	expect_out "# unchecked-alloc"
	expect_out "CWE-690"
}

check_explain_unknown() {
	run --explain nope
	expect_usage_error "unknown rule 'nope' (see --list-rules)"
}

check_unknown_option() {
	write_clean a.c
	run --foo a.c
	expect_usage_error "unknown option '--foo'"
	run -x a.c
	expect_usage_error "unknown option '-x'"
	run --foo=bar a.c
	expect_usage_error "unknown option '--foo'"
}

check_missing_argument() {
	write_clean a.c
	run a.c --color
	expect_usage_error "option '--color' requires an argument"
	run a.c -o
	expect_usage_error "option '-o' requires an argument"
	run --help=yes
	expect_usage_error "option '--help' does not take an argument"
}

check_bad_color() {
	write_clean a.c
	run --color maybe a.c
	expect_usage_error "invalid argument 'maybe' for '--color' (valid: auto, always, never)"
}

check_bad_number() {
	write_clean a.c
	for bad in x 0 -3 12x 99999999999999999999999; do
		run --max-disjuncts "$bad" a.c
		expect_usage_error "invalid argument '$bad' for '--max-disjuncts' (expected a positive number)"
	done
	run --step-budget= a.c
	expect_usage_error "invalid argument '' for '--step-budget' (expected a positive number)"
}

check_bad_format() {
	write_clean a.c
	run --format xml a.c
	expect_usage_error "invalid argument 'xml' for '--format' (valid: text, json, sarif, github, gitlab, html)"
}

check_unknown_rule() {
	write_clean a.c
	run --enable leak,nope a.c
	expect_usage_error "unknown rule 'nope' in '--enable' (see --list-rules)"
	run --disable=bogus a.c
	expect_usage_error "unknown rule 'bogus' in '--disable' (see --list-rules)"
}

check_no_input() {
	run
	expect_usage_error "no input files"
	run -- a.c # after --, a.c is a compiler flag
	expect_usage_error "no input files"
}

check_stdout_write_error() {
	[ -w /dev/full ] || return 0
	"$AC" --help >/dev/full 2>err
	status=$?
	expect_status 2
	expect_err "alloccheck: error: standard output: No space left on device"
}

# ---- inputs ----------------------------------------------------------------------

check_nonexistent() {
	run nope.c
	expect_status 2
	expect_no_out
	[ "$(cat err)" = "alloccheck: error: nope.c: No such file or directory" ] || fail "wrong message"
}

check_nonexistent_and_good() { # awaits the engine
	write_leaky leak.c
	run nope.c leak.c
	expect_status 1 # findings win over the error
	expect_err "alloccheck: error: nope.c: No such file or directory"
	expect_out "leak.c:5:"
}

check_nonexistent_and_clean() {
	write_clean a.c
	run nope.c a.c
	expect_status 2 # an input was not analysed and nothing was reported
	expect_no_out
	expect_err_lines 1
	expect_err "alloccheck: error: nope.c: No such file or directory"
}

check_dir_without_c_files() {
	mkdir -p d/sub
	echo 'int x;' >d/x.h
	echo 'notes' >d/sub/README
	run d
	expect_status 2
	expect_no_out
	[ "$(cat err)" = "alloccheck: error: d/: no C source files found" ] || fail "wrong message"
	run d/
	[ "$(cat err)" = "alloccheck: error: d/: no C source files found" ] || fail "wrong message for d/"
}

check_binary_file() {
	printf '\0\1\2' >x.c
	run x.c
	expect_status 2
	expect_no_out
	expect_err_lines 1
	grep -q '^alloccheck: error: x\.c: ' err || fail "the error does not name x.c"
}

check_empty_file() {
	: >e.c
	run e.c
	expect_status 0
	expect_no_out
	expect_no_err
}

check_parse_error_warning() {
	printf 'int f(void)\n{\n\treturn 0\n}\n' >bad.c
	write_clean good.c
	run bad.c good.c
	expect_status 0 # both were analysed; the broken function is quiet
	expect_no_out
	expect_err_lines 1
	grep -qE "^alloccheck: warning: bad\.c: [0-9]+ errors? while parsing; findings in affected functions suppressed \(first: bad\.c:[0-9]+:[0-9]+: .+\)$" err ||
		fail "no parse warning naming bad.c"
	run -q bad.c good.c
	expect_no_err
}

check_parse_error_and_good() { # awaits the engine
	printf 'int f(void)\n{\n\treturn 0\n}\n' >bad.c
	write_leaky leak.c
	run bad.c leak.c
	expect_status 1
	expect_err "alloccheck: warning: bad.c: "
	expect_out "leak.c:5:"
}

check_explicit_non_c_name() { # awaits the engine
	write_leaky leak.h
	run leak.h
	expect_status 1
	expect_out "leak.h:5:"
}

# Sorted per directory in byte order, hidden entries skipped, a symlink loop
# entered once, a file named twice analysed once; -v names each file. The
# order is read at -j1: with more threads each worker prints its note when it
# starts a file, so the notes come in the order the threads got there (the
# default -j is the number of processors; under load that order varies).
check_dir_walk() {
	mkdir -p d/sub d/.git d/b.dir
	for f in d/b.c d/a.c d/A.c d/sub/c.c d/.git/hidden.c d/.hidden.c d/b.dir/z.c; do
		write_clean "$f"
	done
	echo 'int x;' >d/notes.h
	ln -s .. d/sub/loop
	printf '%s\n' d/A.c d/a.c d/b.c d/b.dir/z.c d/sub/c.c >want
	run -v --no-cache -j1 d d/a.c
	expect_status 0
	expect_no_out
	sed -n 's/^alloccheck: note: \(.*\): analysing$/\1/p' err >order
	diff want order >/dev/null || fail "files in wrong order: $(tr '\n' ' ' <order)"
	run -v --no-cache -j2 d d/a.c
	expect_status 0
	expect_no_out
	sed -n 's/^alloccheck: note: \(.*\): analysing$/\1/p' err | LC_ALL=C sort >set
	diff want set >/dev/null || fail "-j2 analysed other files: $(tr '\n' ' ' <set)"
}

# The build's warning options: the positive ones are left out of the parse
# (under alloccheck's -w they change nothing, and clang looks up the nearest
# name of each one it does not know, for every file), -Wno-* and -Werror=*
# are kept, since they decide which default errors (clang 19's
# return-mismatch) make a function's findings unreliable.
check_warning_flags() {
	printf '#include <stdlib.h>\nint f(int n)\n{\n\tchar *p = malloc(4);\n\tif (!p)\n\t\treturn;\n\tif (n)\n\t\treturn 1;\n\tfree(p);\n\treturn 0;\n}\n' >a.c
	run --no-cache -j1 a.c -- -Wall -W -Wclobbered -Wold-style-declaration -Wreturn-mismatch
	expect_status 0
	expect_err "1 error while parsing"
	run --no-cache -j1 a.c -- -Wno-return-mismatch -Wall -Wclobbered -Wreturn-mismatch
	expect_status 1
	expect_out "a.c:8:3: warning: memory allocated by 'malloc'"
	run --no-cache -j1 a.c -- -Wno-return-mismatch -Werror=return-mismatch
	expect_status 0
	expect_err "1 error while parsing"
}

check_dump_cfg() {
	write_clean a.c alpha
	write_clean b.c beta
	run --dump-cfg a.c b.c
	expect_status 0
	expect_no_err
	expect_out alpha
	expect_out beta
	[ "$(grep -n alpha out | head -n 1 | cut -d: -f1)" -lt "$(grep -n beta out | head -n 1 | cut -d: -f1)" ] ||
		fail "functions not in input order"
}

check_compiler_flags_reach_tu() {
	printf '#ifndef FOO\n#error FOO is not defined\n#endif\nint f(void) { return 0; }\n' >a.c
	run a.c
	expect_err "alloccheck: warning: a.c: "
	run a.c -- -DFOO
	expect_status 0
	expect_no_err
}

check_compiler_flags_change_findings() { # awaits the engine
	printf '#include <stdlib.h>\nint f(void)\n{\n\tchar *p = malloc(4);\n#ifdef FOO\n\tfree(p);\n#endif\n\treturn 0;\n}\n' >a.c
	run a.c
	expect_status 1
	expect_out "[leak]"
	run a.c -- -DFOO
	expect_status 0
	expect_no_out
}

# The "--" flags come after each compile-database entry's own: -DFOO reaches
# the TU and -UBAR overrides the entry's -DBAR.
check_compiler_flags_reach_compdb() {
	printf '#ifndef FOO\n#error FOO is not defined\n#endif\n#ifdef BAR\n#error BAR is defined\n#endif\nint f(void) { return 0; }\n' >a.c
	printf '[{"directory": "%s", "file": "a.c", "arguments": ["cc", "-DBAR", "-c", "a.c"]}]\n' "$PWD" >cc.json
	run --compile-commands cc.json
	expect_err "FOO is not defined"
	run --compile-commands cc.json -- -DFOO -UBAR
	expect_status 0
	expect_no_err
	mkdir b && mv cc.json b/compile_commands.json
	run -p b -- -DFOO -UBAR
	expect_status 0
	expect_no_err
}

# On a terminal, -j2 draws a progress line; the warnings other threads print
# meanwhile each start a line of their own (the progress line is blanked
# first). Not a terminal: no progress line.
check_progress_and_errors() {
	mkdir d
	for i in 1 2 3 4 5 6 7 8; do
		write_clean "d/ok$i.c"
		printf 'int f%s(void) { return ; \n' "$i" >"d/bad$i.c"
	done
	ARGS="-j2 d (on a terminal)"
	TERM=xterm script -qec "'$AC' -j2 d" /dev/null >raw 2>&1
	grep -qF '[16/16] ' raw || fail "no progress line: $(cat -v raw)"
	[ "$(grep -o 'alloccheck: warning:' raw | wc -l)" = 8 ] || fail "want 8 warnings: $(cat -v raw)"
	tr '\r' '\n' <raw | grep -F 'alloccheck:' | grep -v '^alloccheck:' >mixed
	[ ! -s mixed ] || fail "a warning shares a line with the progress: $(cat -v mixed)"
	run -j2 d
	expect_not_out '[1/'
	! grep -qF '[1/' err || fail "progress line when stderr is not a terminal"
}

# With a compile database, stats.skipped counts what was left out, by reason;
# without one it is not there.
check_json_compdb_skipped() {
	write_leaky leak.c
	write_clean ok.c
	echo 'int main() { return 0; }' >x.cpp
	printf '\t.text\n' >y.s
	cat >cc.json <<X
[{"directory": "$PWD", "file": "leak.c", "arguments": ["cc", "-c", "leak.c"]},
 {"directory": "$PWD", "file": "ok.c", "arguments": ["cc", "-c", "ok.c"]},
 {"directory": "$PWD", "file": "leak.c", "arguments": ["cc", "-O2", "-c", "leak.c"]},
 {"directory": "$PWD", "file": "x.cpp", "arguments": ["c++", "-c", "x.cpp"]},
 {"directory": "$PWD", "file": "y.s", "arguments": ["cc", "-c", "y.s"]},
 {"directory": "$PWD", "file": "ok.c", "arguments": ["cc", "-E", "ok.c"]}]
X
	run --compile-commands cc.json --exclude ok.c --format json
	expect_status 1
	tr -d ' \n\t' <out >flat
	grep -qF '"skipped":{"cxx":1,"assembler":1,"other":1,"duplicates":1,"excluded":1}' flat ||
		fail "stats.skipped: $(grep -o '"stats".*' flat)"
	run leak.c --format json
	expect_status 1
	expect_not_out '"skipped"'
}

# A compile database names one file three ways: through a symlinked
# directory, through a symlinked file, and by its real path: one job, at
# the real path, two duplicates.
check_compdb_symlinks() {
	mkdir real
	write_leaky real/leak.c
	ln -s real alias
	ln -s leak.c real/link.c
	cat >cc.json <<X
[{"directory": "$PWD/alias", "file": "leak.c", "arguments": ["cc", "-c", "leak.c"]},
 {"directory": "$PWD/real", "file": "$PWD/real/link.c", "arguments": ["cc", "-c", "link.c"]},
 {"directory": "$PWD/alias", "file": "$PWD/alias/leak.c", "arguments": ["cc", "-c", "leak.c"]},
 {"directory": "$PWD/real", "file": "leak.c", "arguments": ["cc", "-c", "leak.c"]}]
X
	run --compile-commands cc.json --format json
	expect_status 1
	tr -d ' \n\t' <out >flat
	grep -qF '"duplicates":3' flat || fail "stats.skipped: $(grep -o '"stats".*' flat)"
	expect_out 'real/leak.c'
	expect_not_out 'alias'
	expect_not_out 'link.c'
}

# ---- output --------------------------------------------------------------------------

# Clang's layout: the finding, its source line as is, a caret under the
# column (tabs repeated), then notes; the summary on stderr.
check_finding_format() { # awaits the engine
	write_leaky leak.c
	run leak.c
	expect_status 1
	local head col src pad
	head=$(head -n 1 out)
	[[ $head =~ ^leak\.c:5:([0-9]+):\ warning:\ .+\ \[leak\]$ ]] || fail "first line: '$head'"
	col=${BASH_REMATCH[1]}
	src=$(sed -n 5p leak.c)
	[ "$(sed -n 2p out)" = "$src" ] || fail "line 2 is not the source line"
	pad=$(printf '%s' "${src:0:col-1}" | tr -c '\t' ' ')
	[ "$(sed -n 3p out)" = "$pad^" ] || fail "the caret is not under column $col"
	grep -qE '^leak\.c:4:[0-9]+: note: ' out || fail "no note at the allocation (line 4)"
	[ "$(cat err)" = "1 warning generated." ] || fail "no summary"
}

check_quiet() { # awaits the engine
	write_leaky leak.c
	run -q leak.c
	expect_status 1
	expect_out "[leak]"
	expect_no_err
}

check_output_file() { # awaits the engine
	write_leaky leak.c
	run -o report.txt leak.c
	expect_status 1
	expect_no_out
	grep -qF "[leak]" report.txt || fail "report.txt lacks the finding"
	grep -q "$ESC" report.txt && fail "colour in a file"
	run --output=- leak.c
	expect_out "[leak]"
}

check_output_file_clean() {
	write_clean a.c
	echo stale >report.txt
	run -o report.txt a.c
	expect_status 0
	[ -f report.txt ] && [ ! -s report.txt ] || fail "report.txt should exist and be empty"
}

check_output_unwritable() {
	write_clean a.c
	run -o nodir/report.txt a.c
	expect_status 2
	expect_no_out
	[ "$(cat err)" = "alloccheck: error: nodir/report.txt: No such file or directory" ] || fail "wrong message"
}

check_color_always() { # awaits the engine
	write_leaky leak.c
	NO_COLOR=1 run --color always leak.c # an explicit choice beats NO_COLOR
	expect_status 1
	grep -q "$ESC\[0;1;35mwarning: " out || fail "no magenta 'warning:'"
	grep -q "$ESC\[0;1;32m" out || fail "no green caret"
}

check_color_never() { # awaits the engine
	write_leaky leak.c
	run --color never leak.c
	expect_status 1
	expect_out "[leak]"
	grep -q "$ESC" out && fail "escape codes with --color never"
	run --color=auto leak.c # stdout is a file here, not a terminal
	grep -q "$ESC" out && fail "escape codes on a non-terminal"
}

# auto: colour on a terminal (script(1) provides one), none with NO_COLOR.
check_color_auto_terminal() { # awaits the engine
	command -v script >/dev/null || return 0
	write_leaky leak.c
	ARGS="leak.c (on a terminal)"
	TERM=xterm script -qec "'$AC' leak.c" /dev/null >out 2>&1
	status=$?
	expect_status 1
	grep -q "$ESC\[0;1;35mwarning: " out || fail "no colour on a terminal"
	NO_COLOR=1 TERM=xterm script -qec "'$AC' leak.c" /dev/null >out 2>&1
	expect_out "[leak]"
	grep -q "$ESC" out && fail "colour on a terminal despite NO_COLOR"
}

check_disable() { # awaits the engine
	write_leaky leak.c
	run leak.c
	expect_status 1
	run --disable leak leak.c
	expect_status 0
	expect_no_out
	run --disable all --enable leak leak.c
	expect_status 1
	run --disable=unchecked-alloc,leak leak.c
	expect_status 0
}

check_exit_one_with_finding() { # awaits the engine
	write_leaky leak.c
	write_clean clean.c
	run clean.c leak.c
	expect_status 1
	expect_out "[leak]"
	expect_not_out "clean.c"
}

# ---- driver -----------------------------------------------------------------------

if [ $# -eq 0 ]; then
	set -- $(declare -F | sed -n 's/^declare -f check_//p')
fi
failed=0
for CHECK in "$@"; do
	if ! declare -F "check_$CHECK" >/dev/null; then
		echo "FAIL $CHECK: no such check"
		failed=1
		continue
	fi
	(
		T=$(mktemp -d) || exit 1
		trap 'rm -rf "$T"' EXIT
		cd "$T" || exit 1
		# A cache of the check's own: checks running in parallel (and the
		# user's ~/.cache) never share entries. Hidden, so walks skip it.
		export XDG_CACHE_HOME="$T/.cache"
		ARGS="" status=0
		"check_$CHECK"
		exit 0 # only fail() fails a check
	) && echo "ok $CHECK" || failed=1
done
exit $failed
