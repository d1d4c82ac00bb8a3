#!/usr/bin/env python3
"""Cython end-to-end tests: cythonize each tests/cython/*.pyx (with and without
--line-directives), run alloccheck --format json on the C with the Python
include flags, and compare with the `# expect: RULE` comments in the .pyx.

With --line-directives every finding must point into the .pyx, on an
annotated line, each expectation found exactly once. Without them, the
findings must be the same rules, as many, all inside the functions Cython
makes from user code (__pyx_pf_/__pyx_pw_/__pyx_f_...), never in its utility
code or module boilerplate. Prints 'N passed, N failed'.

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


def analyse(alloccheck, c_file, cwd):
    inc = sysconfig.get_paths()["include"]
    proc = subprocess.run([alloccheck, "--format", "json", os.path.basename(c_file), "--", "-I" + inc],
                          cwd=cwd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError("alloccheck exited %d: %s" % (proc.returncode, proc.stderr.strip()))
    return json.loads(proc.stdout)["findings"]


def cythonize(cython, pyx, out, line_directives):
    args = [cython, "-3", "-o", out, os.path.basename(pyx)]
    if line_directives:
        args.insert(2, "--line-directives")
    subprocess.run(args, cwd=os.path.dirname(out), check=True, capture_output=True)


def check(alloccheck, cython, pyx, work):
    name = os.path.splitext(os.path.basename(pyx))[0]
    local = os.path.join(work, name + ".pyx")
    with open(pyx, encoding="utf-8") as src, open(local, "w", encoding="utf-8") as dst:
        dst.write(src.read())
    want = expectations(local)
    problems = []
    c_ld = os.path.join(work, name + "_ld.c")
    cythonize(cython, local, c_ld, True)
    got = sorted((f["location"]["line"], f["rule"]) for f in analyse(alloccheck, c_ld, work)
                 if f["location"]["file"].endswith(".pyx"))
    stray = [f for f in analyse(alloccheck, c_ld, work) if not f["location"]["file"].endswith(".pyx")]
    if got != want:
        problems.append("--line-directives: expected %s, got %s" % (want, got))
    for f in stray:
        problems.append("--line-directives: finding outside the .pyx: %s:%d %s" %
                        (f["location"]["file"], f["location"]["line"], f["rule"]))
    c_plain = os.path.join(work, name + ".c")
    cythonize(cython, local, c_plain, False)
    plain = analyse(alloccheck, c_plain, work)
    rules = sorted(f["rule"] for f in plain)
    if rules != sorted(r for _, r in want):
        problems.append("plain C: expected rules %s, got %s" % (sorted(r for _, r in want), rules))
    for f in plain:
        if not USER_FUNC.match(f.get("function") or ""):
            problems.append("plain C: finding in generated code %s at %s:%d" %
                            (f.get("function"), f["location"]["file"], f["location"]["line"]))
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
