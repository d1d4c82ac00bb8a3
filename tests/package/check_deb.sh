#!/usr/bin/env bash
# tests/package/check_deb.sh BUILD_DIR SOURCE_DIR WORK_DIR: builds the Debian
# package of BUILD_DIR with cpack into WORK_DIR, checks its dependencies and
# contents, unpacks it with dpkg -x and runs the unpacked alloccheck on the
# examples. Prints "FAIL ..." on the first mismatch; exits 77 (skipped) when
# cpack's DEB generator cannot run here (no dpkg-deb or dpkg-shlibdeps).
set -u
build=$1 src=$2 work=$3
fail() { echo "FAIL $*"; exit 1; }
for tool in cpack dpkg-deb dpkg-shlibdeps; do
	command -v "$tool" >/dev/null 2>&1 || { echo "$tool not installed (apt-get install dpkg-dev); skipped"; exit 77; }
done
rm -rf "$work" && mkdir -p "$work" || fail "cannot make $work"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" > "$work/cpack.log" 2>&1 ||
	fail "cpack -G DEB: $(cat "$work/cpack.log")"
debs=("$work"/alloccheck_*.deb)
[ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] || fail "expected one alloccheck_*.deb in $work: ${debs[*]}"
deb=${debs[0]}

# Dependencies computed by dpkg-shlibdeps from the binaries.
depends=$(dpkg-deb --field "$deb" Depends)
for pkg in libclang1-19 libcjson1 libc6; do
	[[ "$depends" == *"$pkg"* ]] || fail "Depends lacks $pkg: $depends"
done

# The contents: programs in /usr/bin, man pages, rule docs.
dpkg-deb -c "$deb" | awk '{ print $NF }' > "$work/contents"
for f in ./usr/bin/alloccheck ./usr/bin/alloccheck-cc ./usr/share/man/man1/alloccheck.1 \
	./usr/share/man/man1/alloccheck-cc.1 ./usr/share/doc/alloccheck/README.md \
	./usr/share/doc/alloccheck/rules/leak.md; do
	grep -qxF "$f" "$work/contents" || fail "$f not in the package: $(cat "$work/contents")"
done

# Unpacked, the programs run (libclang and cJSON come from the system).
root=$work/root
dpkg-deb -x "$deb" "$root" || fail "dpkg-deb -x"
"$root/usr/bin/alloccheck" --version > "$work/version" 2>&1 || fail "--version: $(cat "$work/version")"
grep -q '^libclang: ' "$work/version" || fail "--version names no libclang: $(cat "$work/version")"
(cd "$src/fixtures/examples" && "$root/usr/bin/alloccheck" --no-cache --color never .) > "$work/examples.out" 2>&1
rc=$?
[ $rc = 1 ] || fail "the packaged alloccheck on the examples exited $rc: $(cat "$work/examples.out")"
grep -q '\[leak\]$' "$work/examples.out" || fail "no leak reported on the examples: $(cat "$work/examples.out")"
"$root/usr/bin/alloccheck-cc" > "$work/cc.out" 2>&1
grep -q '^Usage: alloccheck-cc' "$work/cc.out" || fail "alloccheck-cc usage: $(cat "$work/cc.out")"
# The man pages are well-formed roff (groff -ww warns about what it cannot typeset).
if command -v groff >/dev/null 2>&1; then
	for page in alloccheck alloccheck-cc; do
		groff -man -ww -z "$root/usr/share/man/man1/$page.1" > "$work/groff.log" 2>&1 ||
			fail "groff on $page.1: $(cat "$work/groff.log")"
		[ -s "$work/groff.log" ] && fail "groff warns on $page.1: $(cat "$work/groff.log")"
	done
fi
echo "ok: $(basename "$deb"), Depends: $depends"
