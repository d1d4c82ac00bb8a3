#!/usr/bin/env bash
# ci.sh: checks of the CI-facing features (issue 5): the sarif, github and
# gitlab formats, inline suppressions, baselines, and the README's CI examples.
#
#   tests/ci_formats/ci.sh ALLOCCHECK SRC [CHECK...]
#
# SRC is the source tree (for fixtures/). Runs the named checks (every check_*
# function when none is named), each in a fresh temporary directory, and
# prints "ok NAME", "skip NAME: why" (exit 77) or "FAIL NAME: why".
# tests/ci.cmake registers each check as the CTest test ci.NAME.
# The SARIF validator is Sarif.Multitool from the npm package
# @microsoft/sarif-multitool-linux: $SARIF_MULTITOOL, else on PATH, else in
# the global npm root (.ci/run installs it there).
set -u

[ $# -ge 2 ] || { echo "usage: $0 ALLOCCHECK SRC [CHECK...]" >&2; exit 2; }
AC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
shift 2

fail() {
	echo "FAIL $CHECK: $*"
	echo "--- command: alloccheck $ARGS (exit $status)"
	[ -s out ] && { echo "--- stdout"; head -c 20000 out; }
	[ -s err ] && { echo "--- stderr"; cat err; }
	exit 1
}
skip() { echo "skip $CHECK: $*"; exit 77; }

run() {
	ARGS="$*"
	"$AC" "$@" >out 2>err
	status=$?
}
expect_status() { [ "$status" -eq "$1" ] || fail "exit status $status, expected $1"; }
expect_out() { grep -qF -- "$1" out || fail "stdout lacks '$1'"; }
expect_err() { grep -qF -- "$1" err || fail "stderr lacks '$1'"; }
expect_not_out() { ! grep -qF -- "$1" out || fail "stdout has '$1'"; }
# py SCRIPT ARGS...: runs tests/ci_formats/SCRIPT.py; its message on failure.
py() {
	local msg
	msg=$(python3 "$HERE/$1.py" "${@:2}" 2>&1) || fail "$1.py: $msg"
}

# A leak at the 'return 0;' on line 5.
write_leak() { printf '#include <stdlib.h>\nint f(void)\n{\n\tchar *p = malloc(4);\n\treturn 0;\n}\n' >"$1"; }

# A fixture copy of every rule's directory, run from the copy's root.
copy_fixtures() {
	mkdir -p fixtures
	for d in leak unchecked-alloc realloc-self-assign dealloc-mismatch double-free use-after-free free-nonheap free-offset include; do
		cp -R "$SRC/fixtures/$d" fixtures/
	done
}
ALL_RULE_DIRS="fixtures/leak fixtures/unchecked-alloc fixtures/realloc-self-assign fixtures/dealloc-mismatch fixtures/double-free fixtures/use-after-free fixtures/free-nonheap fixtures/free-offset"

find_multitool() {
	local m
	for m in "${SARIF_MULTITOOL:-}" "$(command -v Sarif.Multitool 2>/dev/null)" \
		"$(npm root -g 2>/dev/null)/@microsoft/sarif-multitool-linux/Sarif.Multitool"; do
		[ -n "$m" ] && [ -f "$m" ] && { echo "$m"; return 0; }
	done
	return 1
}

# ---- SARIF -------------------------------------------------------------------

# The official validator on real output with findings of every rule.
check_sarif_validator() {
	local m
	m=$(find_multitool) || skip "Sarif.Multitool not installed (npm install -g @microsoft/sarif-multitool-linux)"
	[ -x "$m" ] || chmod u+x "$m" 2>/dev/null || fail "$m is not executable"
	copy_fixtures
	run --format sarif -o report.sarif $ALL_RULE_DIRS -- -I fixtures/include
	expect_status 1
	py check_sarif report.sarif "$PWD" every-rule
	DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$m" validate --rule-kind "Gh;Sarif" --level "Error;Warning" \
		-o validation.sarif report.sarif >validator.txt 2>&1 || { cat validator.txt; fail "validator failed to run"; }
	grep -qF "1 files scanned" validator.txt || { cat validator.txt; fail "the validator scanned nothing"; }
	if grep -Eq "(error|warning) [A-Z]+[0-9]+" validator.txt; then
		grep -E "(error|warning) [A-Z]+[0-9]+" validator.txt | head -20
		fail "the SARIF validator reported errors or warnings"
	fi
	echo "validator: $(grep -c . validator.txt) lines, no errors or warnings"
}

# Structure: one run, every rule with its help, relative URIs, fingerprints
# that survive lines inserted above, codeFlows; --source-root moves the root.
check_sarif_structure() {
	copy_fixtures
	run --format sarif $ALL_RULE_DIRS -- -I fixtures/include
	expect_status 1
	py check_sarif out "$PWD" every-rule
	cp out before.sarif
	for f in fixtures/leak/*.c; do printf '\n\n\n' | cat - "$f" >tmp && mv tmp "$f"; done
	run --format sarif $ALL_RULE_DIRS -- -I fixtures/include
	py same_fingerprints before.sarif out
	mkdir sub && cd sub
	run --format sarif --source-root .. ../fixtures/leak -- -I ../fixtures/include
	expect_status 1
	py check_sarif out "$(cd .. && pwd)"
	expect_out '"uri":	"fixtures/leak/'
}

# A file outside the source root keeps an absolute file: URI; an input that
# fails is a tool notification and makes the run unsuccessful.
check_sarif_outside_root() {
	mkdir root other
	printf '#include <stdlib.h>\nint f(void)\n{\n\tchar *p = malloc(4);\n\treturn 0;\n}\n' >other/a.c
	run --format sarif --source-root root other/a.c missing.c
	expect_status 1
	expect_out "\"uri\":	\"file://$PWD/other/a.c\""
	expect_out '"executionSuccessful":	false'
	expect_out 'missing.c: No such file or directory.'
}

# ---- github ----------------------------------------------------------------------

# Workflow commands: ':' ',' '%' in a path are escaped as a property, '%' and
# line breaks (the notes) as data; paths are relative to the source root.
check_github_escaping() {
	mkdir -p 'src/we,i:rd%dir'
	write_leak 'src/we,i:rd%dir/a.c'
	run --format github 'src/we,i:rd%dir/a.c'
	expect_status 1
	expect_out '::warning file=src/we%2Ci%3Ard%25dir/a.c,line=5,col=2,endLine=5,title=alloccheck leak::'
	expect_out "[leak]%0Anote: src/we,i:rd%25dir/a.c:4: memory is allocated here"
	[ "$(grep -c '^::' out)" -eq 1 ] || fail "expected one command line"
	cd src
	run --format github --source-root .. 'we,i:rd%dir/a.c'
	expect_out '::warning file=src/we%2Ci%3Ard%25dir/a.c,line=5,'
}

# Most severe first, then file and line (severities from a config file when
# there is one, see check_config_*); a failed input is an error annotation.
check_github_order() {
	write_leak b.c
	write_leak a.c
	printf '#include <stdlib.h>\nint g(void)\n{\n\tchar *q = malloc(4);\n\tif (!q) return 1;\n\treturn 0;\n}\nint f(void)\n{\n\tchar *p = malloc(4);\n\treturn 0;\n}\n' >c.c
	run --format github b.c c.c a.c missing.c
	expect_status 1
	grep '^::' out | sed 's/,col=.*//; s/,title=.*//' >order.txt
	printf '%s\n' '::warning file=a.c,line=5' '::warning file=b.c,line=5' '::warning file=c.c,line=6' \
		'::warning file=c.c,line=11' '::error file=missing.c' >want.txt
	diff want.txt order.txt >/dev/null || fail "order: $(cat order.txt | tr '\n' ' ')"
}

# $GITHUB_STEP_SUMMARY gets a Markdown table of every finding appended, with
# '|' escaped; without it nothing is written.
check_github_summary() {
	mkdir 'x|y'
	write_leak 'x|y/a.c'
	write_leak b.c
	echo "previous step" >summary.md
	GITHUB_STEP_SUMMARY=$PWD/summary.md run --format github 'x|y/a.c' b.c
	expect_status 1
	grep -qx "previous step" summary.md || fail "summary overwritten instead of appended"
	grep -qF "## alloccheck: 2 findings" summary.md || fail "no heading in the summary"
	grep -qF "| Severity | Rule | File | Line | Message |" summary.md || fail "no table header"
	grep -qF '| warning | leak | x\|y/a.c | 5 | memory allocated by' summary.md || fail "no escaped row: $(cat summary.md)"
	[ "$(grep -c '^| warning | leak ' summary.md)" -eq 2 ] || fail "expected 2 rows"
	GITHUB_STEP_SUMMARY=/nonexistent-dir/s.md run --format github b.c
	expect_status 2
	expect_err "alloccheck: error: /nonexistent-dir/s.md: No such file or directory"
}

# ---- gitlab ----------------------------------------------------------------------

# Valid JSON, every key GitLab requires, unique fingerprints free of line
# numbers (the same after lines are inserted above), relative paths.
check_gitlab() {
	copy_fixtures
	run --format gitlab $ALL_RULE_DIRS -- -I fixtures/include
	expect_status 1
	py check_gitlab out
	cp out before.json
	for f in fixtures/leak/*.c; do printf '\n\n\n' | cat - "$f" >tmp && mv tmp "$f"; done
	run --format gitlab $ALL_RULE_DIRS -- -I fixtures/include
	py check_gitlab out before.json
	mkdir sub && cd sub
	run --format gitlab --source-root .. ../fixtures/leak -- -I ../fixtures/include
	expect_out '"path":	"fixtures/leak/'
	printf 'int f(void) { return 0; }\n' >clean.c
	run --format gitlab clean.c
	expect_status 0
	[ "$(tr -d ' \n\t' <out)" = "[]" ] || fail "no findings: expected []"
}

# ---- config file ------------------------------------------------------------------

# An unchecked allocation (line 5) next to no leak.
write_unchecked() { printf '#include <stdlib.h>\nvoid f(void)\n{\n\tchar *p = malloc(4);\n\tp[0] = 0;\n\tfree(p);\n}\n' >"$1"; }

# .alloccheck.json is found upwards from the first input; it disables rules,
# changes severities (and with them the github ranking), excludes files.
check_config_found_upwards() {
	mkdir -p proj/src/deep
	write_leak proj/src/deep/leak.c
	write_unchecked proj/src/deep/unchecked.c
	write_leak proj/src/deep/skipped.c
	printf '{"severity": {"unchecked-alloc": "error", "leak": "note"}, "exclude": ["skipped*"]}\n' >proj/.alloccheck.json
	run --format github proj/src/deep
	expect_status 1
	grep '^::' out | sed 's/,line=.*//' >order.txt
	printf '%s\n' '::error file=proj/src/deep/unchecked.c' '::notice file=proj/src/deep/leak.c' >want.txt
	diff want.txt order.txt >/dev/null || fail "ranking with config severities: $(tr '\n' ' ' <order.txt)"
	run proj/src/deep/leak.c
	expect_out "leak.c:5:2: note: memory allocated"
	printf '{"rules": {"disable": ["all"], "enable": ["unchecked-alloc"]}}\n' >proj/.alloccheck.json
	run proj/src/deep/leak.c proj/src/deep/unchecked.c
	expect_status 1
	expect_out "unchecked.c:5:"
	expect_not_out "leak.c:"
	write_leak elsewhere.c
	run elsewhere.c
	expect_status 1
	expect_out "elsewhere.c:5:2: warning:"
}

# --config FILE instead of the one found; its allocators and baseline are
# relative to the file; the command line wins over it.
check_config_option_and_override() {
	mkdir -p conf proj
	write_leak proj/a.c
	run --write-baseline conf/base.json proj/a.c
	printf '{"rules": {"disable": ["leak"]}}\n' >proj/.alloccheck.json
	run proj/a.c
	expect_status 0
	printf '{"baseline": "base.json", "allocators": ["fam.json"]}\n' >conf/cfg.json
	printf '{"families": []}\n' >conf/fam.json
	run --config conf/cfg.json --enable leak proj/a.c
	expect_status 0
	run --config conf/cfg.json proj/a.c
	expect_status 0
	printf '{"rules": {"disable": ["leak"]}}\n' >conf/cfg2.json
	run --config conf/cfg2.json --enable leak proj/a.c
	expect_status 1
	expect_out "a.c:5:2: warning:"
	printf '{"allocators": ["nofam.json"]}\n' >conf/cfg3.json
	run --config conf/cfg3.json proj/a.c
	expect_status 2
	expect_err "conf/nofam.json"
	run --config conf/missing.json proj/a.c
	expect_status 2
	expect_err "alloccheck: error: conf/missing.json: No such file or directory"
	# The budgets: the file's step-budget stops the walk (a warning after the
	# report), the option of the same name wins over it.
	printf '#include <stdlib.h>\nint g(int n)\n{\n\tchar *p = malloc(4);\n\tfor (int i = 0; i < n; i++)\n\t\tn -= i & 1;\n\treturn 0;\n}\n' >proj/loop.c
	printf '{"step-budget": 1, "tu-timeout": 0}\n' >conf/budget.json
	run --config conf/budget.json proj/loop.c
	expect_status 0
	expect_err "1 function was not fully analysed (step budget: 1,"
	run --config conf/budget.json --step-budget 1000 proj/loop.c
	expect_status 1
	expect_out "loop.c:7:2: warning:"
	grep -q "not fully analysed" err && fail "--step-budget did not win over the config's step-budget"
	true
}

# Every kind of bad config: one error line naming the file and the key path,
# exit 2, no report.
check_config_errors() {
	write_leak a.c
	local cases=(
		'{"rule": {}}|.alloccheck.json: rule: unknown key (expected rules, severity, exclude, allocators, baseline, max-disjuncts, step-budget or tu-timeout)'
		'{"step-budget": 0}|.alloccheck.json: step-budget: expected a whole number of at least 1'
		'{"max-disjuncts": 2.5}|.alloccheck.json: max-disjuncts: expected a whole number of at least 1'
		'{"tu-timeout": -1}|.alloccheck.json: tu-timeout: expected a whole number of at least 0'
		'{"tu-timeout": "60"}|.alloccheck.json: tu-timeout: expected a whole number of at least 0'
		'{"tu-timeout": 1e300}|.alloccheck.json: tu-timeout: expected a whole number of at least 0'
		'{"rules": {"enable": ["leak", "nope"]}}|.alloccheck.json: rules.enable[1]: unknown rule '"'nope'"' (see --list-rules)'
		'{"rules": {"only": []}}|.alloccheck.json: rules.only: unknown key (expected enable or disable)'
		'{"rules": ["leak"]}|.alloccheck.json: rules: expected an object with enable and disable'
		'{"severity": {"leak": "fatal"}}|.alloccheck.json: severity.leak: expected one of note, warning, error'
		'{"severity": {"nope": "note"}}|.alloccheck.json: severity.nope: unknown rule (see --list-rules)'
		'{"exclude": "*.c"}|.alloccheck.json: exclude: expected an array of strings'
		'{"allocators": [1]}|.alloccheck.json: allocators[0]: expected a non-empty string'
		'{"baseline": 3}|.alloccheck.json: baseline: expected a file name'
		'[1]|.alloccheck.json: expected a JSON object at the top'
		'{"rules": |.alloccheck.json:2:1: not valid JSON'
	)
	local c
	for c in "${cases[@]}"; do
		printf '%s\n' "${c%%|*}" >.alloccheck.json
		run --format json -o report.json a.c
		expect_status 2
		grep -qF "alloccheck: error: $PWD/${c#*|}" err || fail "config '${c%%|*}': expected error '${c#*|}'"
		[ "$(wc -l <err)" -eq 1 ] || fail "more than one error line"
		[ -s report.json ] && fail "a report was written"
	done
	true
}

# ---- the README's CI examples ------------------------------------------------------

# Runs the alloccheck command lines of docs/ci/github-workflow.yml and
# docs/ci/gitlab-ci.yml as written, in a project with src/ and include/, and
# checks what they produce: the SARIF (check_sarif.py), the annotations and
# the step summary, the Code Quality report (check_gitlab.py). Both files
# must be valid YAML when PyYAML is installed.
check_ci_examples() {
	mkdir src
	for d in leak unchecked-alloc realloc-self-assign dealloc-mismatch double-free use-after-free free-nonheap free-offset; do cp -R "$SRC/fixtures/$d" src/; done
	cp -R "$SRC/fixtures/include" include
	alloccheck() { "$AC" "$@"; }
	local file lines line n=0
	for file in github-workflow.yml gitlab-ci.yml; do
		python3 -c 'import yaml' 2>/dev/null &&
			{ python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$SRC/docs/ci/$file" ||
				fail "$file is not valid YAML"; }
		lines=$(sed -n 's/^[[:space:]]*\(- \)\{0,1\}\(alloccheck .*\)$/\2/p' "$SRC/docs/ci/$file")
		[ -n "$lines" ] || fail "no alloccheck command in $file"
		while IFS= read -r line; do
			ARGS="$line"
			GITHUB_STEP_SUMMARY=$PWD/summary.md eval "$line" >out 2>err
			status=$?
			expect_status 1
			n=$((n + 1))
			case "$line" in
			*"--format github"*) expect_out "::warning file=src/leak/" ;;
			esac
		done <<<"$lines"
	done
	[ "$n" -eq 5 ] || fail "expected 5 alloccheck commands in the examples, found $n"
	grep -q '<!DOCTYPE html>' alloccheck.html && grep -q 'src/leak/' alloccheck.html || fail "no HTML report"
	py check_sarif alloccheck.sarif "$PWD"
	py check_gitlab gl-code-quality-report.json
	grep -qF "| warning | leak | src/leak/" summary.md || fail "no step summary table"
}

# ---- inline suppressions -------------------------------------------------------

# Every form on a leak (at the finding's line, the line above, and the
# allocation site), a comment marker inside a string that is not a comment,
# a suppression of another rule that does not apply, and the unused ones.
check_suppressions() {
	cp "$HERE/suppress.c" .
	run suppress.c
	expect_status 1
	[ "$(grep -c ': warning: ' out)" -eq 2 ] || fail "expected 2 findings (in_string, other_rule)"
	expect_out "suppress.c:48:2: warning:"
	expect_out "suppress.c:54:2: warning:"
	run --report-unused-suppressions suppress.c
	expect_status 1
	expect_err "suppress.c:53:23: warning: unused suppression 'alloccheck-ignore[unchecked-alloc]' [unused-suppression]"
	expect_err "suppress.c:57:19: warning: unused suppression 'alloccheck-ignore[leak]' [unused-suppression]"
	grep -q "bugprone" err && fail "another tool's NOLINT reported as unused"
	run --no-inline-suppressions suppress.c
	[ "$(grep -c ': warning: ' out)" -eq 8 ] || fail "--no-inline-suppressions: expected all 8 findings"
	run --format json suppress.c
	grep -q '"function":	"ignore_same_line"' out && fail "suppressed finding in the json report"
	true
}

# Unused suppressions alone make the run fail (exit 1), like findings.
check_unused_suppression_status() {
	printf 'int f(int x)\n{\n\treturn x; // alloccheck-ignore[leak]: stale\n}\n' >a.c
	run a.c
	expect_status 0
	run --report-unused-suppressions a.c
	expect_status 1
	expect_err "a.c:3:12: warning: unused suppression"
}

# ---- baselines -----------------------------------------------------------------

# A baselined finding stays matched after lines are inserted above it and
# after another function is renamed; a new finding in the same function is
# reported.
check_baseline() {
	cp "$HERE/baseline_v1.c" prog.c
	run --write-baseline base.json prog.c
	expect_status 1
	py check_baseline_file base.json 2
	run --baseline base.json prog.c
	expect_status 0
	cp "$HERE/baseline_v2.c" prog.c # lines above, helper renamed, one new leak in parse()
	run --baseline base.json prog.c
	expect_status 1
	[ "$(grep -c ': warning: ' out)" -eq 1 ] || fail "expected exactly the new finding"
	expect_out "prog.c:24:3: warning:"
	run --format sarif --baseline base.json prog.c
	expect_status 1
	[ "$(grep -c '"ruleId"' out)" -eq 1 ] || fail "sarif: expected exactly the new finding"
}

# Malformed baselines: one error line naming the file and the place, exit 2,
# and no report.
check_baseline_errors() {
	write_leak a.c
	printf '{"version": 1,\n "findings": [}\n' >bad.json
	run --baseline bad.json a.c
	expect_status 2
	expect_err "alloccheck: error: bad.json:2:15: not valid JSON"
	[ ! -s out ] || fail "a report was written"
	printf '{"version": 1, "findings": [{"fingerprint": "0123"}]}' >bad.json
	run --baseline bad.json a.c
	expect_status 2
	expect_err "alloccheck: error: bad.json: findings[0].fingerprint: expected 16 lowercase hex digits"
	printf '{"version": 2, "findings": []}' >bad.json
	run --baseline bad.json a.c
	expect_status 2
	expect_err "alloccheck: error: bad.json: version: expected 1"
	run --baseline missing.json a.c
	expect_status 2
	expect_err "alloccheck: error: missing.json: No such file or directory"
	run --write-baseline nodir/base.json a.c
	expect_status 2
	expect_err "alloccheck: error: nodir/base.json: No such file or directory"
}

# ---- output files ----------------------------------------------------------------

# An output that cannot be written is an error and exit 2, even with findings.
check_output_errors() {
	write_leak a.c
	for fmt in text json sarif; do
		run --format $fmt -o nodir/report a.c
		expect_status 2
		expect_err "alloccheck: error: nodir/report: No such file or directory"
		if [ -w /dev/full ]; then
			run --format $fmt -o /dev/full a.c
			expect_status 2
			expect_err "alloccheck: error: /dev/full: No space left on device"
		fi
	done
}

# ---- driver --------------------------------------------------------------------

CHECKS=("$@")
if [ ${#CHECKS[@]} -eq 0 ]; then
	mapfile -t CHECKS < <(declare -F | awk '$3 ~ /^check_/ { sub(/^check_/, "", $3); print $3 }')
fi
rc=0
for CHECK in "${CHECKS[@]}"; do
	dir=$(mktemp -d)
	(cd "$dir" && "check_$CHECK" && echo "ok $CHECK")
	r=$?
	[ $r -ne 0 ] && rc=$r
	rm -rf "$dir"
done
exit $rc
