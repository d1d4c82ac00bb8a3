#!/usr/bin/env python3
"""Cython end-to-end tests: cythonize each tests/cython/*.pyx (with and without
--line-directives), run alloccheck --format json on the C with the Python
include flags, and compare with the `# expect: RULE` comments in the .pyx.

Both forms must put every finding in the .pyx, on an annotated line, each
expectation found exactly once: with #line as the compiler reads it, without
from Cython's origin markers. With --cython-locations c the findings stay in
the C, each with a first note "in MOD.pyx:LINE" naming the same lines. No
finding may be in Cython's utility code or module boilerplate. Prints
'N passed, N failed'.

usage: run_cython.py ALLOCCHECK CYTHON SRC_DIR WORK_DIR
"""
import json
import os
import re
import subprocess
import sys
import sysconfig

EXPECT = re.compile(r"#\s*expect:\s*([a-z][a-z-]*)")
USER_FUNC = re.compile(r"^__pyx_(pf|pw|f|tp_dealloc|tp_new)_")


def expectations(pyx):
    want = []
    with open(pyx, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            for m in EXPECT.finditer(line):
                want.append((n, m.group(1)))
    return sorted(want)


NOTE_ORIGIN = re.compile(r"^in (\S+\.py[xi]?):(\d+)")


def analyse(alloccheck, c_file, cwd, *options):
    inc = sysconfig.get_paths()["include"]
    proc = subprocess.run([alloccheck, "--no-cache", "--format", "json", *options, os.path.basename(c_file),
                           "--", "-I" + inc],
                          cwd=cwd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError("alloccheck exited %d: %s" % (proc.returncode, proc.stderr.strip()))
    return json.loads(proc.stdout)["findings"]


def cythonize(cython, pyx, out, line_directives):
    args = [cython, "-3", "-o", out, os.path.basename(pyx)]
    if line_directives:
        args.insert(2, "--line-directives")
    subprocess.run(args, cwd=os.path.dirname(out), check=True, capture_output=True)


def in_pyx(findings, form):
    """(line, rule) of the findings located in a .pyx, and the problems."""
    got, problems = [], []
    for f in findings:
        loc = f["location"]
        if not loc["file"].endswith(".pyx"):
            problems.append("%s: finding outside the .pyx: %s:%d %s" % (form, loc["file"], loc["line"], f["rule"]))
        else:
            got.append((loc["line"], f["rule"]))
    return sorted(got), problems


def by_note(findings):
    """(line, rule) from the "in MOD.pyx:LINE" note of findings left in the C."""
    got, problems = [], []
    for f in findings:
        notes = f.get("notes") or []
        m = NOTE_ORIGIN.match(notes[0]["message"]) if notes else None
        if not m or not f["location"]["file"].endswith(".c"):
            problems.append("--cython-locations c: no origin note at %s:%d" %
                            (f["location"]["file"], f["location"]["line"]))
        else:
            got.append((int(m.group(2)), f["rule"]))
    return sorted(got), problems


def check(alloccheck, cython, pyx, work):
    name = os.path.splitext(os.path.basename(pyx))[0]
    local = os.path.join(work, name + ".pyx")
    with open(pyx, encoding="utf-8") as src, open(local, "w", encoding="utf-8") as dst:
        dst.write(src.read())
    want = expectations(local)
    problems = []
    for form, directives in (("--line-directives", True), ("plain C", False)):
        c_file = os.path.join(work, name + ("_ld.c" if directives else ".c"))
        cythonize(cython, local, c_file, directives)
        findings = analyse(alloccheck, c_file, work)
        got, bad = in_pyx(findings, form)
        problems += bad
        if got != want:
            problems.append("%s: expected %s, got %s" % (form, want, got))
        problems += ["%s: finding in generated code %s" % (form, f.get("function")) for f in findings
                     if not USER_FUNC.match(f.get("function") or "")]
    got, bad = by_note(analyse(alloccheck, os.path.join(work, name + ".c"), work, "--cython-locations", "c"))
    problems += bad
    if got != want:
        problems.append("--cython-locations c: expected %s, got %s" % (want, got))
    return problems


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    alloccheck, cython, src, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    passed = failed = 0
    for pyx in sorted(f for f in os.listdir(src) if f.endswith(".pyx")):
        problems = check(os.path.abspath(alloccheck), cython, os.path.join(src, pyx), work)
        print(("PASS " if not problems else "FAIL ") + pyx)
        for p in problems:
            print("  " + p)
        passed += not problems
        failed += bool(problems)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
