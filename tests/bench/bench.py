#!/usr/bin/env python3
"""bench.py: how fast alloccheck is next to the compiler and its peers.

Fetches Debian source packages, makes their compile_commands.json, and runs,
alternating in one run on the same entries:

  floor                 clang-19 -fsyntax-only, one process per entry
  alloccheck -j1        one process over the whole set, one thread
  alloccheck -jN        the same with N = the CPUs this process may use
  clang --analyze       clang-19 --analyze, only unix.Malloc and
                        unix.MismatchedDeallocator (and what they need)
  gcc -fanalyzer        gcc -fanalyzer per entry, object code to /dev/null
  cppcheck              cppcheck --project=<the same entries> -j1

and prints medians of wall time, CPU time and peak RSS with their ratios to
the floor, per package too, and checks the project's speed targets.
Python 3 standard library only. See tests/bench/README.md.

Exit status: 0 done (targets may have failed unless --strict), 1 a target
failed with --strict or a --self-check failed, 2 bad usage, a missing
required program, or a package that could not be prepared.
"""
import argparse
import datetime
import glob
import functools
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLANG = "clang-19"
GCC = "gcc"
CPPCHECK = "cppcheck"

# The clang analyzer's default checkers minus the memory ones and what they
# depend on (the modeling checkers stay: they emit nothing themselves).
# Disabling whole packages such as `unix` or `core` would also disable
# unix.DynamicMemoryModeling and core.CallAndMessageModeling, which
# unix.Malloc needs, and clang then silently enables nothing at all.
CLANG_ANALYZER_OFF = ",".join([
    "core.BitwiseShift", "core.CallAndMessage", "core.DivideZero", "core.NonNullParamChecker",
    "core.NullDereference", "core.StackAddrEscapeBase", "core.StackAddressEscape",
    "core.UndefinedBinaryOperatorResult", "core.VLASize", "core.uninitialized", "deadcode",
    "nullability", "security", "unix.API", "unix.BlockInCriticalSection", "unix.Errno",
    "unix.MallocSizeof", "unix.Stream", "unix.StdCLibraryFunctions", "unix.Vfork",
    "unix.cstring.BadSizeArg", "unix.cstring.NullArg",
])
CLANG_ANALYZER_FLAGS = [
    "--analyze",
    "-Xanalyzer", "-analyzer-disable-checker=" + CLANG_ANALYZER_OFF,
    "-Xanalyzer", "-analyzer-checker=unix.Malloc,unix.MismatchedDeallocator",
    "--analyzer-output", "text", "-o", os.devnull,
]

# ---------------------------------------------------------------------------
# The packages. `select` lists the entries benchmarked (paths relative to the
# unpacked source tree); None means every C entry the build recorded. The
# subsets of redis, curl and CPython are fixed so that runs stay comparable,
# and sized so that the whole set (three repetitions, the slow peers
# included) fits in 20 minutes on two cores.

REDIS = [
    "src/ae.c", "src/anet.c", "src/intset.c", "src/listpack.c", "src/rio.c", "src/sha1.c",
    "src/t_list.c", "src/zmalloc.c",
]
CURL = [
    "lib/base64.c", "lib/dynbuf.c", "lib/escape.c", "lib/hash.c", "lib/headers.c", "lib/llist.c",
    "lib/netrc.c", "lib/parsedate.c",
]
PYTHON = [
    "Objects/boolobject.c", "Objects/capsule.c", "Objects/cellobject.c", "Objects/enumobject.c",
    "Objects/iterobject.c", "Objects/listobject.c", "Objects/namespaceobject.c", "Objects/rangeobject.c",
    "Objects/sliceobject.c", "Objects/tupleobject.c", "Modules/_bisectmodule.c", "Modules/_heapqmodule.c",
]


def sh_quote(argv):
    return " ".join(shlex.quote(a) for a in argv)


class PrepareError(Exception):
    pass


def run_logged(argv, cwd, log, env=None):
    """Run a preparation step, its output appended to LOG; PrepareError with
    the last lines of the log when it fails."""
    with open(log, "ab") as out:
        out.write(("$ (cd %s && %s)\n" % (cwd, sh_quote(argv))).encode())
        out.flush()
        rc = subprocess.call(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out,
                             stderr=subprocess.STDOUT, env=env)
    if rc != 0:
        with open(log, "rb") as f:
            tail = f.read().decode("utf-8", "replace").strip().splitlines()[-3:]
        raise PrepareError("%s exited %d (log %s): %s" % (argv[0], rc, log, " | ".join(tail)))


def objects_of(selected, strip=""):
    """make targets for the selected sources: src/x.c -> x.o with strip='src/'."""
    out = []
    for s in selected:
        if strip and s.startswith(strip):
            s = s[len(strip):]
        out.append(s[:-2] + ".o")
    return out


def bear(compdb, make_argv):
    return ["bear", "--append", "--output", compdb, "--"] + make_argv


def prep_zlib(tree, missing, jobs, log):
    compdb = os.path.join(tree, "compile_commands.json")
    if not os.path.exists(os.path.join(tree, "configure.log")):      # written by zlib's configure
        run_logged(["./configure"], tree, log)
    if missing:
        run_logged(bear(compdb, ["make", "-j%d" % jobs, "libz.a"]), tree, log)
    return compdb


def prep_lua(tree, missing, jobs, log):
    src = os.path.join(tree, "src")
    compdb = os.path.join(tree, "compile_commands.json")
    # debian/rules writes this header at configure time; luaconf.h includes it.
    header = os.path.join(src, "lua5.4-deb-multiarch.h")
    if not os.path.exists(header):
        arch = subprocess.run(["gcc", "-print-multiarch"], capture_output=True, text=True).stdout.strip()
        with open(header, "w", encoding="utf-8") as f:
            f.write('#ifndef _LUA_DEB_MULTIARCH_\n#define _LUA_DEB_MULTIARCH_\n'
                    '#define DEB_HOST_MULTIARCH "%s"\n#endif\n' % arch)
    if missing:
        # Debian's makefile compiles through libtool and once more as C++;
        # this LIBTOOL drops libtool's two arguments and runs the compiler,
        # and CXX=true skips the C++ copies.
        run_logged(bear(compdb, ["make", "-j%d" % jobs, "o", "SYSCFLAGS=-DLUA_USE_LINUX",
                                 "LIBTOOL=sh -c 'shift 2; exec \"$$@\"' libtool", "CXX=true"]), src, log)
    return compdb


def prep_redis(tree, missing, jobs, log):
    compdb = os.path.join(tree, "compile_commands.json")
    if missing:
        # Only the selected objects, libc malloc, no TLS or systemd, and none
        # of the bundled dependencies built (their headers are in the tree).
        run_logged(bear(compdb, ["make", "-j%d" % jobs, "V=1", "DEPENDENCY_TARGETS=", "MALLOC=libc",
                                 "BUILD_TLS=no", "USE_SYSTEMD=no"] + objects_of(missing, "src/")),
                   os.path.join(tree, "src"), log)
    return compdb


def prep_curl(tree, missing, jobs, log):
    build = os.path.join(tree, "_bench_build")
    compdb = os.path.join(build, "compile_commands.json")
    if not os.path.exists(compdb):
        # CMake writes the compile database and lib/curl_config.h at
        # configure time: nothing has to be built.
        run_logged(["cmake", "-S", ".", "-B", "_bench_build", "-DCMAKE_BUILD_TYPE=Release",
                    "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON", "-DBUILD_TESTING=OFF",
                    "-DCURL_ENABLE_SSL=OFF", "-DCURL_USE_LIBPSL=OFF", "-DCURL_USE_LIBSSH2=OFF",
                    "-DUSE_NGHTTP2=OFF", "-DCURL_ZLIB=OFF", "-DCURL_BROTLI=OFF", "-DCURL_ZSTD=OFF",
                    "-DUSE_LIBIDN2=OFF", "-DCURL_DISABLE_LDAP=ON"], tree, log)
    return compdb


def prep_python(tree, missing, jobs, log):
    compdb = os.path.join(tree, "compile_commands.json")
    if not os.path.exists(os.path.join(tree, "config.status")):
        run_logged(["./configure", "--without-ensurepip"], tree, log)
    if missing:
        run_logged(bear(compdb, ["make", "-j%d" % jobs] + objects_of(missing)), tree, log)
    return compdb


PACKAGES = {
    "zlib": dict(source="zlib", prepare=prep_zlib, select=None),
    "lua5.4": dict(source="lua5.4", prepare=prep_lua, select=None),
    "redis": dict(source="redis", prepare=prep_redis, select=REDIS),
    "curl": dict(source="curl", prepare=prep_curl, select=CURL),
    "python3.11": dict(source="python3.11", prepare=prep_python, select=PYTHON),
}

# ---------------------------------------------------------------------------
# Compile databases.


def entry_argv(e):
    if "arguments" in e:
        return list(e["arguments"])
    return shlex.split(e["command"])


def entry_file(e):
    return os.path.normpath(os.path.join(e["directory"], e["file"]))


def is_c_entry(e):
    if not e["file"].endswith(".c"):
        return False
    cc = os.path.basename(entry_argv(e)[0])
    return not re.search(r"(\+\+|^c\+\+|^true$)", cc)


def load_compdb(path):
    try:
        with open(path, encoding="utf-8") as f:
            db = json.load(f)
    except (OSError, ValueError) as err:
        raise PrepareError("%s: cannot read the compile database: %s" % (path, err))
    if not isinstance(db, list):
        raise PrepareError("%s: not a compile database (no top-level array)" % path)
    by_file = {}
    for e in db:
        if isinstance(e, dict) and "directory" in e and "file" in e and is_c_entry(e):
            by_file[entry_file(e)] = e       # the last entry for a file wins
    return by_file


def write_compdb(path, entries):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    out = [{"directory": e["directory"], "file": entry_file(e), "arguments": entry_argv(e)} for e in entries]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)


# Driver options that describe outputs or dependency files, not the parse.
DROP_ALONE = {"-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG", "-pipe"}
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}


def compile_flags(e):
    """The entry's flags without the compiler, the source, -c/-o and the
    dependency-file options: what every per-entry tool is given."""
    argv = entry_argv(e)
    src = entry_file(e)
    out = []
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in DROP_WITH_VALUE:
            i += 2
            continue
        if (a in DROP_ALONE or a.startswith(("-MF", "-MT", "-MQ", "-Wp,-M"))
                or (a.startswith("-o") and len(a) > 2)
                or (not a.startswith("-") and os.path.normpath(os.path.join(e["directory"], a)) == src)):
            i += 1
            continue
        out.append(a)
        i += 1
    return out

# ---------------------------------------------------------------------------
# Fetching and preparing the packages.


def compare_versions(a, b):
    if subprocess.call(["dpkg", "--compare-versions", a, "lt", b]) == 0:
        return -1
    return 0 if a == b else 1


def fetch_source(name, downloads, log):
    """The .dsc of Debian source package NAME in DOWNLOADS, downloading it
    when absent. A mirror that lacks the newest upload (a security update
    whose files are gone) is worked around by asking for the older versions
    apt knows, newest first."""
    def dscs():
        found = glob.glob(os.path.join(downloads, glob.escape(name) + "_*.dsc"))
        vers = {os.path.basename(p)[len(name) + 1:-4]: p for p in found}
        return vers[sorted(vers, key=functools.cmp_to_key(compare_versions))[-1]] if vers else None
    have = dscs()
    if have:
        return have, False
    os.makedirs(downloads, exist_ok=True)
    try:
        run_logged(["apt-get", "source", "--download-only", name], downloads, log)
    except PrepareError as first:
        show = subprocess.run(["apt-cache", "showsrc", name], capture_output=True, text=True).stdout
        versions = sorted(set(re.findall(r"^Version: (\S+)", show, re.M)), key=functools.cmp_to_key(compare_versions))
        for v in reversed(versions):
            try:
                run_logged(["apt-get", "source", "--download-only", "%s=%s" % (name, v)], downloads, log)
                break
            except PrepareError:
                continue
        else:
            raise PrepareError("apt-get source %s failed (is deb-src enabled?): %s" % (name, first))
    have = dscs()
    if not have:
        raise PrepareError("apt-get source %s downloaded no .dsc" % name)
    return have, True


def prepare_package(pkg, workdir, jobs, quick):
    """Download, unpack and build just enough of PKG; returns (entries,
    status line). A tree and its database are reused when present."""
    spec = PACKAGES[pkg]
    t0 = time.monotonic()
    logs = os.path.join(workdir, "logs")
    os.makedirs(logs, exist_ok=True)
    log = os.path.join(logs, "prepare-%s.log" % pkg)
    dsc, downloaded = fetch_source(spec["source"], os.path.join(workdir, "downloads"), log)
    tree = os.path.join(workdir, "trees", os.path.basename(dsc)[:-4])
    did = ["downloaded"] if downloaded else []
    if not os.path.exists(os.path.join(tree, ".bench-unpacked")):
        shutil.rmtree(tree, ignore_errors=True)
        os.makedirs(os.path.dirname(tree), exist_ok=True)
        run_logged(["dpkg-source", "-x", "--no-check", dsc, tree], os.path.dirname(tree), log)
        open(os.path.join(tree, ".bench-unpacked"), "w").close()
        did.append("unpacked")
    select = spec["select"]
    log_size = os.path.getsize(log) if os.path.exists(log) else 0
    compdb = spec["prepare"](tree, [], jobs, log)        # configure only, when needed
    if os.path.exists(log) and os.path.getsize(log) != log_size:
        did.append("configured")
    have = load_compdb(compdb) if os.path.exists(compdb) else {}
    if select is None:
        missing = [] if have else ["(all)"]
    else:
        missing = [s for s in select if os.path.join(tree, s) not in have]
    if missing:
        spec["prepare"](tree, missing, jobs, log)
        have = load_compdb(compdb)
        did.append("built")
    if select is None:
        entries = [have[f] for f in sorted(have)]
    else:
        absent = [s for s in select if os.path.join(tree, s) not in have]
        if absent:
            raise PrepareError("%s: the build recorded no entry for %s (log %s)" % (pkg, ", ".join(absent), log))
        entries = [have[os.path.join(tree, s)] for s in select]
    if not entries:
        raise PrepareError("%s: the compile database %s has no C entry" % (pkg, compdb))
    if quick:
        entries = entries[:3]
    secs = time.monotonic() - t0
    status = ("prepared (%s) in %.1f s" % (", ".join(did), secs)) if did else ("reused (%.1f s)" % secs)
    return entries, status, secs if did else 0.0

# ---------------------------------------------------------------------------
# Measuring.


class Sample:
    """One measured run of a tool over the whole set."""

    def __init__(self):
        self.wall = 0.0
        self.cpu = 0.0
        self.rss_kib = 0
        self.failures = []
        self.per_pkg = {}       # package -> [wall, cpu]

    def add(self, pkg, wall, cpu, rss):
        self.cpu += cpu
        self.rss_kib = max(self.rss_kib, rss)
        acc = self.per_pkg.setdefault(pkg, [0.0, 0.0])
        acc[0] += wall
        acc[1] += cpu


def measure(argv, cwd, log, timeout):
    """Run ARGV with its output in LOG; (wall, cpu, maxrss KiB, exit code or
    None on timeout). os.wait4 gives the usage of the process and its
    descendants (gcc's cc1, clang's analysis), ru_maxrss the largest one."""
    log.seek(0)
    log.truncate()
    t0 = time.monotonic()
    p = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    timed_out = []
    timer = None
    if timeout:
        def kill():
            timed_out.append(True)
            p.kill()
        timer = threading.Timer(timeout, kill)
        timer.start()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    if timer:
        timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, (None if timed_out else p.returncode)


def log_excerpt(log):
    log.seek(0)
    for line in log.read().decode("utf-8", "replace").splitlines():
        if "error" in line or "fatal" in line:
            return line.strip()[:200]
    return ""


class PerEntryTool:
    """A tool run once per entry, in the entry's directory."""

    def __init__(self, name, make_argv, ok_codes=(0,)):
        self.name = name
        self.make_argv = make_argv
        self.ok_codes = ok_codes

    def run(self, entries, ctx):
        s = Sample()
        t0 = time.monotonic()
        for pkg, e in entries:
            wall, cpu, rss, rc = measure(self.make_argv(e), e["directory"], ctx.log, ctx.timeout)
            s.add(pkg, wall, cpu, rss)
            if ctx.entry_times:
                ctx.entry_times.write("%s,%s,%s,%.3f,%.3f,%d,%s\n" % (self.name, pkg, entry_file(e), wall, cpu, rss, rc))
                ctx.entry_times.flush()
            if rc not in self.ok_codes:
                what = "timed out after %d s" % ctx.timeout if rc is None else "exit %d" % rc
                s.failures.append("%s: %s %s" % (os.path.relpath(entry_file(e), ctx.workdir), what, log_excerpt(ctx.log)))
        s.wall = time.monotonic() - t0
        return s


class WholeTool:
    """A tool run once over the whole set (or once per package)."""

    def __init__(self, name, make_argv, check, per_package=False, before=None):
        self.name = name
        self.make_argv = make_argv      # (compdb, outfile) -> argv
        self.check = check              # (exit code, outfile, log) -> [failures]
        self.per_package = per_package
        self.before = before            # (compdb) called untimed before each run

    def run(self, entries, ctx):
        s = Sample()
        sets = ctx.pkg_compdbs if self.per_package else {"*": ctx.compdb}
        untimed = 0.0
        t0 = time.monotonic()
        for pkg, compdb in sets.items():
            if self.before:
                b0 = time.monotonic()
                self.before(compdb)
                untimed += time.monotonic() - b0
            out = os.path.join(ctx.rundir, "out.json")
            if os.path.exists(out):
                os.unlink(out)
            wall, cpu, rss, rc = measure(self.make_argv(compdb, out), ctx.rundir, ctx.log, ctx.timeout * 20)
            s.add(pkg, wall, cpu, rss)
            s.failures += self.check(rc, out, ctx.log)
        s.wall = time.monotonic() - t0 - untimed
        return s


def alloccheck_check(rc, out, log):
    if rc is None:
        return ["alloccheck timed out"]
    if rc not in (0, 1):
        return ["alloccheck exit %d: %s" % (rc, log_excerpt(log))]
    try:
        with open(out, encoding="utf-8") as f:
            failed = json.load(f)["stats"]["files_failed"]
    except (OSError, ValueError, KeyError) as err:
        return ["alloccheck wrote no readable JSON report: %s" % err]
    return ["alloccheck: %d files could not be analysed" % failed] if failed else []


def warm_check(rc, out, log):
    """alloccheck_check, and every entry must come from the cache."""
    problems = alloccheck_check(rc, out, log)
    if not problems:
        with open(out, encoding="utf-8") as f:
            misses = json.load(f)["stats"].get("cache", {}).get("misses", 0)
        if misses:
            problems.append("alloccheck: %d cache misses in the warm run" % misses)
    return problems


def cppcheck_check(rc, out, log):
    if rc is None:
        return ["cppcheck timed out"]
    return [] if rc == 0 else ["cppcheck exit %d: %s" % (rc, log_excerpt(log))]


def alloccheck_help(alloccheck):
    try:
        return subprocess.run([alloccheck, "--help"], capture_output=True, text=True, timeout=60).stdout
    except OSError as err:
        sys.exit("bench: error: %s: %s" % (alloccheck, err.strerror))


def build_tools(ctx, alloccheck, jobs, only):
    """The rows of the table, in the order they are run in each repetition."""
    tools = []
    help_text = alloccheck_help(alloccheck)
    has_cache = "--no-cache" in help_text and "--cache" in help_text
    cold = ["--no-cache"] if has_cache else []

    def ac(j, extra=()):
        return lambda compdb, out: ([alloccheck, "--compile-commands", compdb, "-j%d" % j, "-q",
                                     "--format", "json", "-o", out] + list(extra))

    def missing(prog):
        if shutil.which(prog):
            return False
        print("bench: %s not found: its row is skipped" % prog)
        return True

    def want(name):
        return not only or any(name.startswith(o) for o in only)

    if not missing(CLANG) and want("floor"):
        tools.append(PerEntryTool("floor: clang -fsyntax-only",
                                  lambda e: [CLANG] + compile_flags(e) + ["-fsyntax-only", entry_file(e)]))
    if want("alloccheck"):
        tools.append(WholeTool("alloccheck -j1", ac(1, cold), alloccheck_check))
        tools.append(WholeTool("alloccheck -j%d" % jobs, ac(jobs, cold), alloccheck_check))
        if len(ctx.pkg_compdbs) > 1:
            tools.append(WholeTool("alloccheck -j1, per package", ac(1, cold), alloccheck_check, per_package=True))
        if has_cache:
            cache = os.path.join(ctx.rundir, "cache")

            def populate(compdb):
                # A fresh cache, filled by one untimed run: the timed run
                # then finds every entry unchanged. Same directory as the
                # timed run: the working directory is part of a cache key.
                shutil.rmtree(cache, ignore_errors=True)
                subprocess.call(ac(1, ["--cache", cache])(compdb, os.devnull), cwd=ctx.rundir,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            tools.append(WholeTool("alloccheck -j1, warm cache", ac(1, ["--cache", cache]),
                                   warm_check, before=populate))
    if not missing(CLANG) and want("clang"):
        tools.append(PerEntryTool("clang --analyze (unix.Malloc)",
                                  lambda e: [CLANG] + compile_flags(e) + CLANG_ANALYZER_FLAGS + [entry_file(e)]))
    if not missing(GCC) and want("gcc"):
        tools.append(PerEntryTool("gcc -fanalyzer",
                                  lambda e: [GCC] + compile_flags(e) + ["-fanalyzer", "-c", entry_file(e),
                                                                         "-o", os.devnull]))
    if not missing(CPPCHECK) and want("cppcheck"):
        tools.append(WholeTool("cppcheck --project -j1",
                               lambda compdb, out: [CPPCHECK, "--project=" + compdb, "-j1", "--quiet"],
                               cppcheck_check))
    return tools, has_cache

# ---------------------------------------------------------------------------
# The report.


class Context:
    pass


def mib(kib):
    return kib / 1024.0


def ratio(a, b):
    return a / b if b else float("nan")


def summarize(samples):
    """Medians over the repetitions of one tool."""
    med = statistics.median
    pkgs = samples[0].per_pkg.keys()
    return dict(
        wall=med(s.wall for s in samples), cpu=med(s.cpu for s in samples),
        rss=med(s.rss_kib for s in samples),
        failures=max(len(s.failures) for s in samples),
        first_failures=next((s.failures for s in samples if s.failures), [])[:3],
        per_pkg={p: (med(s.per_pkg[p][0] for s in samples), med(s.per_pkg[p][1] for s in samples)) for p in pkgs},
    )


def fmt(x, digits=2):
    return "n/a" if x != x else ("%.*f" % (digits, x))


def main_table(results, floor):
    head = ["tool", "wall s", "CPU s", "peak RSS MiB", "wall / floor", "CPU / floor", "RSS / floor", "failures"]
    rows = []
    for name, r in results.items():
        rows.append([name, fmt(r["wall"]), fmt(r["cpu"]), fmt(mib(r["rss"]), 1),
                     fmt(ratio(r["wall"], floor["wall"])) if floor else "n/a",
                     fmt(ratio(r["cpu"], floor["cpu"])) if floor else "n/a",
                     fmt(ratio(r["rss"], floor["rss"])) if floor else "n/a",
                     str(r["failures"])])
    return head, rows


def package_table(results, counts):
    cols = [n for n in results if results[n]["per_pkg"] and n != "alloccheck -j1" and not n.startswith("cppcheck")
            and list(results[n]["per_pkg"]) != ["*"]]
    floor = results.get("floor: clang -fsyntax-only")
    head = ["package", "entries"]
    for n in cols:
        head.append(n + " wall s")
        if floor and not n.startswith("floor"):
            head.append("/ floor")
    rows = []
    for pkg, count in counts.items():
        row = [pkg, str(count)]
        for n in cols:
            w = results[n]["per_pkg"].get(pkg, (float("nan"), 0))[0]
            row.append(fmt(w))
            if floor and not n.startswith("floor"):
                row.append(fmt(ratio(w, floor["per_pkg"][pkg][0])))
        rows.append(row)
    return head, rows


def text_table(head, rows):
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in rows])


def md_table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def check_targets(results, jobs):
    """The project's speed targets: (PASS/FAIL/n/a, text)."""
    floor = results.get("floor: clang -fsyntax-only")
    j1 = results.get("alloccheck -j1")
    jn = results.get("alloccheck -j%d" % jobs)
    out = []
    if floor and j1:
        r = ratio(j1["wall"], floor["wall"])
        out.append(("PASS" if r <= 1.15 else "FAIL",
                    "alloccheck -j1 wall <= 1.15x the floor: %.2fx (%.2f s / %.2f s)" % (r, j1["wall"], floor["wall"])))
    for peer in ("clang --analyze (unix.Malloc)", "gcc -fanalyzer"):
        if j1 and peer in results:
            r = ratio(results[peer]["wall"], j1["wall"])
            out.append(("PASS" if r >= 5 else "FAIL",
                        "alloccheck -j1 >= 5x faster than %s: %.1fx (%.2f s / %.2f s)"
                        % (peer.split(" (")[0], r, results[peer]["wall"], j1["wall"])))
    if j1 and jn and jobs >= 2:
        r = ratio(j1["wall"], jn["wall"])
        note = "" if jobs == 2 else " (the target is for 2 cores; this machine has %d)" % jobs
        out.append(("PASS" if r >= 1.8 else "FAIL",
                    "alloccheck -j%d >= 1.8x faster than -j1: %.2fx%s" % (jobs, r, note)))
    elif j1:
        out.append(("n/a", "alloccheck -jN speed-up: one CPU only"))
    if floor and j1:
        r = ratio(j1["rss"], floor["rss"])
        out.append(("PASS" if r <= 1.5 else "FAIL",
                    "alloccheck -j1 peak RSS <= 1.5x the floor's: %.2fx (%.1f MiB / %.1f MiB)"
                    % (r, mib(j1["rss"]), mib(floor["rss"]))))
    return out


def first_line(argv):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return (p.stdout or p.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "not found"


def machine_description(alloccheck, rev):
    model = "unknown"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    mem = "unknown"
    try:
        with open("/proc/meminfo") as f:
            kib = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
            mem = "%.1f GiB" % (kib / 1048576.0)
    except (OSError, AttributeError):
        pass
    osname = platform.system()
    try:
        with open("/etc/os-release") as f:
            osname = re.search(r'^PRETTY_NAME="?([^"\n]*)', f.read(), re.M).group(1)
        with open("/etc/debian_version") as f:
            osname += " (%s)" % f.read().strip()
    except (OSError, AttributeError):
        pass
    return [
        ("CPUs (nproc)", str(os.cpu_count())), ("CPU model", model), ("RAM", mem),
        ("OS", osname), ("kernel", platform.release()),
        ("alloccheck", "%s, %s" % (first_line([alloccheck, "--version"]), rev)),
        ("clang", first_line([CLANG, "--version"])), ("gcc", first_line([GCC, "--version"])),
        ("cppcheck", first_line([CPPCHECK, "--version"])), ("bear", first_line(["bear", "--version"])),
        ("Python", platform.python_version()),
    ]


def display_command():
    """The command line as it would be typed in the repository, with paths
    inside it made relative."""
    args = []
    for a in sys.argv[1:]:
        if os.path.isabs(a) and (a + "/").startswith(REPO + "/"):
            a = os.path.relpath(a, REPO)
        args.append(a)
    return sh_quote(["python3", "tests/bench/bench.py"] + args)

# ---------------------------------------------------------------------------


def build_alloccheck(build_dir, jobs):
    """Configure (Release, clang-19 like the CI's Release build unless CC is
    set) and build the alloccheck target of this checkout."""
    t0 = time.monotonic()
    if not os.path.exists(os.path.join(build_dir, "CMakeCache.txt")):
        env = dict(os.environ)
        if "CC" not in env and shutil.which(CLANG):
            env["CC"] = CLANG
        rc = subprocess.call(["cmake", "-S", REPO, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if rc != 0:
            sys.exit("bench: error: configuring %s failed" % build_dir)
    rc = subprocess.call(["cmake", "--build", build_dir, "-j%d" % jobs, "--target", "alloccheck"],
                         stdout=subprocess.DEVNULL)
    if rc != 0:
        sys.exit("bench: error: building alloccheck in %s failed" % build_dir)
    path = os.path.join(build_dir, "alloccheck")
    if not os.path.exists(path):
        sys.exit("bench: error: %s was not built" % path)
    return path, time.monotonic() - t0


def parse_args():
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    ap = argparse.ArgumentParser(description="Benchmark alloccheck against the compiler floor and its peers.")
    ap.add_argument("--packages", default=",".join(PACKAGES),
                    help="comma-separated packages (default: all of %s)" % ", ".join(PACKAGES))
    ap.add_argument("--reps", type=int, default=3, help="repetitions; medians are reported (default 3)")
    ap.add_argument("--quick", action="store_true", help="3 entries per package and 1 repetition (a smoke test)")
    ap.add_argument("--workdir", default=os.path.join(cache, "alloccheck-bench"),
                    help="downloads, source trees and run files (default: $XDG_CACHE_HOME/alloccheck-bench)")
    ap.add_argument("--alloccheck", help="the alloccheck to measure (default: build this checkout, see --build-dir)")
    ap.add_argument("--build-dir", default=os.path.join(REPO, "build-bench"),
                    help="where this checkout is built in Release when --alloccheck is not given")
    ap.add_argument("--compdb", help="benchmark the C entries of this compile_commands.json instead of the packages")
    ap.add_argument("--sources", nargs="+", metavar="FILE",
                    help="benchmark these C files (compiled as 'cc -std=c11 -c FILE'), no download")
    ap.add_argument("--tools", help="only the rows whose name starts with one of these (comma-separated: "
                                    "floor, alloccheck, clang, gcc, cppcheck)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds allowed per per-entry command (default 600)")
    ap.add_argument("--entry-times", metavar="CSV",
                    help="also write each per-entry command's wall, CPU and RSS to this CSV file "
                         "(to choose the subsets)")
    ap.add_argument("--markdown", help="write the results as Markdown to this file (e.g. docs/benchmark.md)")
    ap.add_argument("--note", help="a paragraph put at the top of the Markdown file")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    ap.add_argument("--self-check", action="store_true",
                    help="exit 1 unless every row ran without failures and the Markdown file has the tables (tests)")
    args = ap.parse_args()
    if args.reps < 1:
        ap.error("--reps must be at least 1")
    if args.quick:
        args.reps = 1
    unknown = [p for p in args.packages.split(",") if p not in PACKAGES]
    if unknown:
        ap.error("unknown package %s (known: %s)" % (", ".join(unknown), ", ".join(PACKAGES)))
    return args


def offline_entries(args, rundir):
    """The entries of --compdb or --sources, as the single package 'custom'."""
    if args.sources:
        entries = []
        for f in args.sources:
            f = os.path.abspath(f)
            if not os.path.isfile(f):
                sys.exit("bench: error: %s: no such file" % f)
            entries.append({"directory": os.path.dirname(f), "file": f,
                            "arguments": ["cc", "-std=c11", "-c", os.path.basename(f), "-o", os.devnull]})
        return {"sources": entries}
    try:
        have = load_compdb(args.compdb)
    except PrepareError as err:
        sys.exit("bench: error: %s" % err)
    if not have:
        sys.exit("bench: error: %s: no C entry" % args.compdb)
    entries = [have[f] for f in sorted(have)]
    return {"compdb": entries[:3] if args.quick else entries}


def main():
    args = parse_args()
    started = time.monotonic()
    # The checkout measured: taken now, before other commits can land.
    args.revision = subprocess.run(["git", "-C", REPO, "describe", "--always", "--dirty"], capture_output=True,
                                   text=True).stdout.strip() or "unknown"
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workdir = os.path.abspath(args.workdir)
    rundir = os.path.join(workdir, "run")
    os.makedirs(rundir, exist_ok=True)
    print("bench: work directory %s" % workdir)

    if args.alloccheck:
        alloccheck = os.path.abspath(args.alloccheck)
        if not os.access(alloccheck, os.X_OK):
            sys.exit("bench: error: %s: not an executable" % alloccheck)
        build_secs = 0.0
    else:
        alloccheck, build_secs = build_alloccheck(os.path.abspath(args.build_dir), jobs)
        print("bench: built alloccheck (Release) in %.1f s" % build_secs)

    prep_secs = 0.0
    by_pkg = {}
    if args.compdb or args.sources:
        by_pkg = offline_entries(args, rundir)
    else:
        for tool in ("apt-get", "dpkg-source", "bear", "make", "cmake"):
            if not shutil.which(tool):
                sys.exit("bench: error: %s not found (needed to prepare the packages)" % tool)
        for pkg in args.packages.split(","):
            try:
                entries, status, secs = prepare_package(pkg, workdir, jobs, args.quick)
            except PrepareError as err:
                sys.exit("bench: error: %s: %s" % (pkg, err))
            prep_secs += secs
            by_pkg[pkg] = entries
            print("bench: %-11s %3d entries, %s" % (pkg, len(entries), status))

    ctx = Context()
    ctx.workdir, ctx.rundir, ctx.timeout = workdir, rundir, args.timeout
    ctx.compdb = os.path.join(rundir, "compile_commands.json")
    write_compdb(ctx.compdb, [e for es in by_pkg.values() for e in es])
    ctx.pkg_compdbs = {}
    for pkg, es in by_pkg.items():
        path = os.path.join(rundir, pkg, "compile_commands.json")
        write_compdb(path, es)
        ctx.pkg_compdbs[pkg] = path
    ctx.log = tempfile.TemporaryFile(dir=rundir)
    ctx.entry_times = None
    if args.entry_times:
        ctx.entry_times = open(args.entry_times, "w", encoding="utf-8")
        ctx.entry_times.write("tool,package,file,wall_s,cpu_s,maxrss_kib,exit\n")
    entries = [(pkg, e) for pkg, es in by_pkg.items() for e in es]
    counts = {pkg: len(es) for pkg, es in by_pkg.items()}

    tools, has_cache = build_tools(ctx, alloccheck, jobs, args.tools.split(",") if args.tools else None)
    if not tools:
        sys.exit("bench: error: no tool to run")
    print("bench: %d entries, %d repetitions, %d CPUs; cache rows: %s" % (
        len(entries), args.reps, jobs, "yes (--no-cache on the cold runs)" if has_cache else "no (alloccheck has no --cache)"))

    bench_t0 = time.monotonic()
    samples = {t.name: [] for t in tools}
    for rep in range(1, args.reps + 1):
        for t in tools:
            s = t.run(entries, ctx)
            samples[t.name].append(s)
            print("bench: rep %d/%d  %-32s wall %8.2f s  CPU %8.2f s  RSS %7.1f MiB%s" % (
                rep, args.reps, t.name, s.wall, s.cpu, mib(s.rss_kib),
                "  (%d failures)" % len(s.failures) if s.failures else ""), flush=True)
    bench_secs = time.monotonic() - bench_t0

    results = {name: summarize(ss) for name, ss in samples.items()}
    floor = results.get("floor: clang -fsyntax-only")
    head, rows = main_table(results, floor)
    phead, prows = package_table(results, counts)
    targets = check_targets(results, jobs)
    total_secs = time.monotonic() - started

    print()
    print("Medians of %d repetitions over %d entries (%s):" % (
        args.reps, len(entries), ", ".join("%s %d" % kv for kv in counts.items())))
    print(text_table(head, rows))
    print()
    print("Per package (wall s, medians):")
    print(text_table(phead, prows))
    print()
    for name, r in results.items():
        for f in r["first_failures"]:
            print("bench: %s failure: %s" % (name, f))
    for verdict, text in targets:
        print("%-4s  %s" % (verdict, text))
    print()
    print("bench: alloccheck build %.1f s, cold preparation %.1f s, benchmark %.1f s, whole script %.1f s" % (
        build_secs, prep_secs, bench_secs, total_secs))

    if args.markdown:
        write_markdown(args, alloccheck, counts, head, rows, phead, prows, targets, results,
                       (build_secs, prep_secs, bench_secs, total_secs), has_cache, jobs)
        print("bench: wrote %s" % args.markdown)

    status = 0
    if args.strict and any(v == "FAIL" for v, _ in targets):
        status = 1
    if args.self_check:
        problems = self_check(args, tools, results)
        for p in problems:
            print("bench: self-check: %s" % p)
        status = 1 if problems else status
    return status


def write_markdown(args, alloccheck, counts, head, rows, phead, prows, targets, results, secs, has_cache, jobs):
    build_secs, prep_secs, bench_secs, total_secs = secs
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = ["# Benchmark: alloccheck, the compiler and its peers", ""]
    if args.note:
        out += ["> " + args.note, ""]
    out += [
        "Made by `tests/bench/bench.py` (see tests/bench/README.md) on %s with:" % now, "",
        "```sh", display_command(), "```", "",
        "Each repetition runs every tool once, one after the other, over the same entries, so drift and "
        "noise hit all tools alike; the numbers are medians of %d repetitions. Wall and CPU time (user + "
        "system, children included) are for the whole set; peak RSS is that of the largest process "
        "(for the per-entry tools, the largest over the entries)." % args.reps, "",
        "- **floor**: `clang-19 -fsyntax-only` with each entry's own flags, one process per entry.",
        "- **alloccheck -j1 / -j%d**: one `alloccheck --compile-commands` over the whole set%s."
        % (jobs, ", cold (`--no-cache`)" if has_cache else ""),
        "- **alloccheck -j1, per package**: one run per package (the per-package column).",
    ]
    if has_cache:
        out.append("- **alloccheck -j1, warm cache**: a fresh `--cache` directory filled by one untimed run, then timed.")
    out += [
        "- **clang --analyze**: `clang-19 --analyze` per entry with only `unix.Malloc` and "
        "`unix.MismatchedDeallocator` enabled (plus the modeling checkers they depend on), text output.",
        "- **gcc -fanalyzer**: `gcc -fanalyzer -c` per entry with its flags (optimisation included), object to /dev/null.",
        "- **cppcheck**: `cppcheck --project=<the same entries> -j1 --quiet` (default checks).", "",
        "## Entries", "",
        "| package | entries |", "|---|---:|",
    ]
    out += ["| %s | %d |" % kv for kv in counts.items()]
    out += ["| total | %d |" % sum(counts.values()), ""]
    if not (args.compdb or args.sources):
        out += ["zlib and lua5.4: every C entry of their build; redis, curl and python3.11: the fixed subsets "
                "listed in tests/bench/bench.py (REDIS, CURL, PYTHON), chosen so the whole run fits in 20 minutes "
                "on two cores.", ""]
    out += ["## Results", "", md_table(head, rows), "", "### Per package (wall seconds)", "", md_table(phead, prows), "",
            "### Targets", ""]
    out += ["- **%s** %s" % (v, t) for v, t in targets]
    fails = [(n, f) for n, r in results.items() for f in r["first_failures"]]
    if fails:
        out += ["", "### Failures (the first of each tool)", ""]
        out += ["- %s: `%s`" % (n, f.replace("`", "'")) for n, f in fails]
    out += ["", "## Time", "",
            "| step | seconds |", "|---|---:|",
            "| build of alloccheck | %.1f |" % build_secs,
            "| cold preparation (download, unpack, configure, build; 0 when reused) | %.1f |" % prep_secs,
            "| benchmark (%d repetitions) | %.1f |" % (args.reps, bench_secs),
            "| whole script | %.1f |" % total_secs, "",
            "## Machine", "", "| | |", "|---|---|"]
    out += ["| %s | %s |" % kv for kv in machine_description(
        alloccheck, ("checkout %s, the binary given" if args.alloccheck else "Release build of %s") % args.revision)]
    out.append("")
    os.makedirs(os.path.dirname(os.path.abspath(args.markdown)), exist_ok=True)
    with open(args.markdown, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def self_check(args, tools, results):
    problems = []
    for t in tools:
        r = results[t.name]
        if r["failures"]:
            problems.append("%s: %d failures (%s)" % (t.name, r["failures"], "; ".join(r["first_failures"])))
        if not (r["wall"] > 0 and r["cpu"] >= 0 and r["rss"] > 0):
            problems.append("%s: implausible measurement %r" % (t.name, r))
    if args.markdown:
        with open(args.markdown, encoding="utf-8") as f:
            text = f.read()
        for want in ("| tool | wall s |", "alloccheck -j1", "## Machine", "### Targets"):
            if want not in text:
                problems.append("%s lacks %r" % (args.markdown, want))
    return problems


if __name__ == "__main__":
    sys.exit(main())
