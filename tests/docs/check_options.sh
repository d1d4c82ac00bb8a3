#!/usr/bin/env bash
# tests/docs/check_options.sh ALLOCCHECK README.md: the README's option table
# (the one headed "| option | meaning |") must name exactly the options that
# --help prints from checker/cli.c's table, in the same order and spelled the
# same way ("`-o FILE`, `--output FILE`"); the man pages are generated from
# that table too, so the three cannot drift apart. Prints "FAIL ..." and the
# difference on a mismatch.
set -u
AC=$1 README=$2

# --help's option lines start with "  -X, --name ARG" or "      --name ARG";
# continuation lines are indented further.
from_help=$("$AC" --help | sed -nE \
	-e 's/^  -([a-zA-Z]), --([a-z][a-z-]*) ([^ ]+)( .*)?$/`-\1 \3`, `--\2 \3`/p' \
	-e 's/^  -([a-zA-Z]), --([a-z][a-z-]*)( .*)?$/`-\1`, `--\2`/p' \
	-e 's/^      --([a-z][a-z-]*) ([^ ]+)( .*)?$/`--\1 \2`/p' \
	-e 's/^      --([a-z][a-z-]*)( .*)?$/`--\1`/p')
[ -n "$from_help" ] || { echo "FAIL no option lines in $AC --help"; exit 1; }

from_readme=$(awk '
	$0 == "| option | meaning |" { table = 1; next }
	table && /^\|---/ { next }
	table && /^\| / { sub(/^\| /, ""); sub(/ \|.*$/, ""); print; next }
	table { exit }' "$README")
[ -n "$from_readme" ] || { echo "FAIL no '| option | meaning |' table in $README"; exit 1; }

if [ "$from_help" != "$from_readme" ]; then
	echo "FAIL the README's option table differs from --help (checker/cli.c); < --help, > README:"
	diff <(printf '%s\n' "$from_help") <(printf '%s\n' "$from_readme")
	exit 1
fi
echo "ok: $(printf '%s\n' "$from_help" | wc -l) options, the same in --help and the README"
