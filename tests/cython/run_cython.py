#!/usr/bin/env python3
"""Cython end-to-end tests: cythonize each tests/cython/*.pyx (with and without
--line-directives), run alloccheck --format json on the C with the Python
include flags, and compare with the `# expect: RULE` comments in the .pyx.

Both forms must put every finding in the .pyx, on an annotated line, each
expectation found exactly once: with #line as the compiler reads it, without
from Cython's origin markers. With --cython-locations c the findings stay in
the C, each with a first note "in MOD.pyx:LINE" naming the same lines (and
the lines a `# alloccheck-ignore[rule]` silences in the .pyx). No
finding may be in Cython's utility code or module boilerplate. Prints
'N passed, N failed'.

usage: run_cython.py ALLOCCHECK CYTHON SRC_DIR WORK_DIR
"""
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig

EXPECT = re.compile(r"#\s*expect:\s*([a-z][a-z-]*)(?:\s+note:\s*(.*?))?\s*$")
USER_FUNC = re.compile(r"^(__pyx_fuse_[0-9]+)?__pyx_(pf|pw|f|tp_dealloc|tp_new)_")
MARKER = re.compile(r'^\s*/\* "([^"]+)":\d+$', re.M)
NOTE_ORIGIN = re.compile(r"^in (\S+\.p[xy][xid]?):(\d+)")


IGNORED = re.compile(r"#\s*alloccheck-ignore\[([a-z-]+)\]")


def expectations(work, sources):
    """(file relative to work, line, rule) of every `# expect:` in sources,
    {(file, line): note text} for those that also name a note, and the
    findings suppressed by `# alloccheck-ignore[rule]` (found in the C)."""
    want, notes, ignored = [], {}, []
    for rel in sources:
        with open(os.path.join(work, rel), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = EXPECT.search(line)
                i = IGNORED.search(line)
                if i:
                    ignored.append((rel, n, i.group(1)))
                if m:
                    want.append((rel, n, m.group(1)))
                    if m.group(2):
                        notes[(rel, n)] = m.group(2)
    return sorted(want), notes, ignored


def sources_of(work, c_file):
    """The files of work that Cython's markers in c_file name (the .pyx, its
    .pxd, included .pxi), relative to work."""
    with open(c_file, encoding="utf-8") as f:
        named = set(MARKER.findall(f.read()))
    found = set()
    for m in named:
        for base in (work, os.path.dirname(c_file)):
            path = os.path.normpath(os.path.join(base, m))
            if os.path.isfile(path) and path.startswith(work + os.sep):
                found.add(os.path.relpath(path, work))
                break
    return sorted(found)


def analyse(alloccheck, c_file, *options):
    inc = sysconfig.get_paths()["include"]
    proc = subprocess.run([alloccheck, "--no-cache", "--format", "json", *options, os.path.basename(c_file),
                           "--", "-I" + inc],
                          cwd=os.path.dirname(c_file), capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError("alloccheck exited %d: %s" % (proc.returncode, proc.stderr.strip()))
    return json.loads(proc.stdout)["findings"]


def cythonize(cython, work, rel_pyx, out, line_directives):
    """Cython run from the package root, as cythonize does: markers name
    package modules by their path from there."""
    args = [cython, "-3", "-o", out, rel_pyx]
    if line_directives:
        args.insert(2, "--line-directives")
    subprocess.run(args, cwd=work, check=True, capture_output=True)


def rel_to(work, c_file, path):
    return os.path.relpath(os.path.realpath(os.path.join(os.path.dirname(c_file), path)), work)


def in_sources(work, c_file, findings, form, notes):
    """(file, line, rule) of the findings located in the module's sources."""
    got, problems = [], []
    for f in findings:
        loc = f["location"]
        if not re.search(r"\.p[xy][xid]?$", loc["file"]):
            problems.append("%s: finding outside the .pyx: %s:%d %s" % (form, loc["file"], loc["line"], f["rule"]))
            continue
        rel = rel_to(work, c_file, loc["file"])
        got.append((rel, loc["line"], f["rule"]))
        want_note = notes.get((rel, loc["line"]))
        have = [n["message"] for n in f.get("notes") or []]
        if want_note and want_note not in have:
            problems.append("%s: %s:%d: no note %r in %s" % (form, rel, loc["line"], want_note, have))
        for n in have + [f["message"]]:
            if "__pyx_t_" in n:
                problems.append("%s: a Cython temporary named: %r" % (form, n))
    return sorted(got), problems


def by_note(work, c_file, findings):
    """(file, line, rule) from the "in MOD.pyx:LINE" note of findings left in the C."""
    got, problems = [], []
    for f in findings:
        notes = f.get("notes") or []
        m = NOTE_ORIGIN.match(notes[0]["message"]) if notes else None
        if not m or not f["location"]["file"].endswith(".c"):
            problems.append("--cython-locations c: no origin note at %s:%d" %
                            (f["location"]["file"], f["location"]["line"]))
            continue
        path = m.group(1)
        for base in (work, os.path.dirname(c_file)):
            if os.path.isfile(os.path.join(base, path)):
                path = os.path.relpath(os.path.realpath(os.path.join(base, path)), work)
                break
        got.append((path, int(m.group(2)), f["rule"]))
    return sorted(got), problems


def check(alloccheck, cython, work, rel_pyx):
    stem = os.path.splitext(os.path.join(work, rel_pyx))[0]
    problems = []
    want = None
    for form, directives in (("--line-directives", True), ("plain C", False)):
        c_file = stem + ("_ld.c" if directives else ".c")
        cythonize(cython, work, rel_pyx, c_file, directives)
        if want is None:
            want, notes, ignored = expectations(work, sources_of(work, c_file))
        findings = analyse(alloccheck, c_file)
        got, bad = in_sources(work, c_file, findings, form, notes)
        problems += bad
        if got != want:
            problems.append("%s: expected %s, got %s" % (form, want, got))
        problems += ["%s: finding in generated code %s" % (form, f.get("function")) for f in findings
                     if not USER_FUNC.match(f.get("function") or "")]
    got, bad = by_note(work, stem + ".c", analyse(alloccheck, stem + ".c", "--cython-locations", "c"))
    problems += bad
    want = sorted(want + ignored)
    if got != want:
        problems.append("--cython-locations c: expected %s, got %s" % (want, got))
    return problems


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    alloccheck, cython, src, work = sys.argv[1:]
    work = os.path.realpath(work)
    if os.path.isdir(work):
        shutil.rmtree(work)
    shutil.copytree(src, work, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    for d, _, files in os.walk(src):  # packages keep their __init__.py
        for f in files:
            if f == "__init__.py":
                shutil.copy(os.path.join(d, f), os.path.join(work, os.path.relpath(d, src), f))
    modules = sorted(os.path.relpath(os.path.join(d, f), work) for d, _, files in os.walk(work)
                     for f in files if f.endswith(".pyx"))
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:  # cython and alloccheck are processes
        results = list(pool.map(lambda rel: check(os.path.abspath(alloccheck), cython, work, rel), modules))
    for rel, problems in zip(modules, results):
        print(("PASS " if not problems else "FAIL ") + rel)
        for p in problems:
            print("  " + p)
        passed += not problems
        failed += bool(problems)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
