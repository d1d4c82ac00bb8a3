#!/usr/bin/env python3
"""bench.py: how fast alloccheck is next to the compiler and its peers.

Fetches Debian source packages, makes their compile_commands.json, and runs,
alternating in one run on the same entries:

  floor: clang -cc1     the honest floor: one clang-19 -cc1 -fsyntax-only
                        process per package, directory and flags, parsing
                        all of that group's files
  floor: libclang       every entry parsed in one process through libclang
                        with alloccheck's parse options (parse_floor.c)
  floor: clang per file clang-19 -fsyntax-only, one process per entry
  alloccheck -j1        one process per package, one thread
  alloccheck -jN        the same with N = the CPUs this process may use
  ... --per-file        the same, each TU analysed on its own
  clang --analyze       clang-19 --analyze, only unix.Malloc and
                        unix.MismatchedDeallocator (and what they need)
  gcc -fanalyzer        gcc -fanalyzer per entry, object code to /dev/null
  cppcheck              cppcheck --project=<the same entries> -j1

and prints medians of wall time, CPU time and peak RSS with their ratios to
the honest floor, per package too, and checks the project's speed targets.
A sample of a package is the mean of as many runs as make its fastest
timed tool last --min-sample seconds, the same count for every timed tool,
in rounds whose tool order alternates; --instructions adds
callgrind's instruction counts of whole program against --per-file.
The peers and the per-file floor run on the small packages only.
Python 3 standard library only. See tests/bench/README.md.

Exit status: 0 done (targets may have failed unless --strict), 1 a target
failed with --strict or a --self-check failed, 2 bad usage, a missing
required program, or a package that could not be prepared.
"""
import argparse
import csv
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
FLOOR = "floor: clang -cc1 per group"
LIBCLANG_FLOOR = "floor: libclang in one process"
NAIVE_FLOOR = "floor: clang per file"
GCC = "gcc"
INSTR_TITLE = "Per package: instructions at -j1 (callgrind), whole program against --per-file"
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


def prep_python_core(tree, missing, jobs, log):
    """Every file of Objects/ and Modules/ (not their subdirectories) that
    the Makefile compiles, with its recorded flags: `make -n` prints the
    commands of the objects not built yet, and bear's database (prep_python)
    has the ones that are. Entries that clang-19 cannot parse on this
    machine (a module whose library is missing) are left out, once."""
    compdb = os.path.join(tree, "compile_commands_core.json")
    if os.path.exists(compdb):
        return compdb
    prep_python(tree, [], jobs, log)
    srcs = sorted(glob.glob(os.path.join(tree, "Objects", "*.c")) + glob.glob(os.path.join(tree, "Modules", "*.c")))
    targets = [os.path.relpath(f, tree)[:-2] + ".o" for f in srcs]
    out = subprocess.run(["make", "-n", "-k"] + targets, cwd=tree, stdin=subprocess.DEVNULL,
                         capture_output=True, text=True).stdout
    entries = {}
    old = os.path.join(tree, "compile_commands.json")
    for f, e in (load_compdb(old) if os.path.exists(old) else {}).items():
        entries[f] = {"directory": e["directory"], "file": f, "arguments": entry_argv(e)}
    for line in out.splitlines():
        try:
            argv = shlex.split(line)
        except ValueError:
            continue
        if not argv or os.path.basename(argv[0]) not in ("gcc", "cc", "clang", "clang-19") or "-c" not in argv:
            continue
        cs = [a for a in argv if a.endswith(".c")]
        if len(cs) != 1:
            continue
        f = os.path.normpath(os.path.join(tree, cs[0]))
        if os.path.dirname(os.path.dirname(f)) == tree and os.path.basename(os.path.dirname(f)) in ("Objects", "Modules"):
            entries.setdefault(f, {"directory": tree, "file": f, "arguments": argv})
    keep = []
    for f in sorted(entries):
        e = entries[f]
        rc = subprocess.call([CLANG] + compile_flags(e) + ["-fsyntax-only", "-w", f], cwd=e["directory"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if rc == 0:
            keep.append(e)
    with open(compdb, "w", encoding="utf-8") as fh:
        json.dump(keep, fh, indent=1)
    with open(log, "a", encoding="utf-8") as fh:
        fh.write("Objects/ and Modules/: %d entries made, %d parse with clang-19\n" % (len(entries), len(keep)))
    return compdb


# peers: whether the per-entry peers, cppcheck and the per-file floor run on
# the package (the small sets); the large sets measure the floors and
# alloccheck only, to keep the whole run near 20 minutes.
PACKAGES = {
    "zlib": dict(source="zlib", prepare=prep_zlib, select=None, peers=True),
    "lua5.4": dict(source="lua5.4", prepare=prep_lua, select=None, peers=True),
    "redis": dict(source="redis", prepare=prep_redis, select=REDIS, peers=True),
    "curl": dict(source="curl", prepare=prep_curl, select=CURL, peers=True),
    "python3.11": dict(source="python3.11", prepare=prep_python, select=PYTHON, peers=True),
    "curl-lib": dict(source="curl", prepare=prep_curl, select="lib/", peers=False),
    "python3.11-core": dict(source="python3.11", prepare=prep_python_core, select=None, peers=False),
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
    # The build records real paths: a work directory (or its trees) reached
    # through a symbolic link must find its entries under the same names.
    tree = os.path.realpath(tree)
    select = spec["select"]
    log_size = os.path.getsize(log) if os.path.exists(log) else 0
    compdb = spec["prepare"](tree, [], jobs, log)        # configure only, when needed
    if os.path.exists(log) and os.path.getsize(log) != log_size:
        did.append("configured")
    have = load_compdb(compdb) if os.path.exists(compdb) else {}
    if select is None or isinstance(select, str):
        missing = [] if have else ["(all)"]
    else:
        missing = [s for s in select if os.path.join(tree, s) not in have]
    if missing:
        spec["prepare"](tree, missing, jobs, log)
        have = load_compdb(compdb)
        did.append("built")
    if select is None:
        entries = [have[f] for f in sorted(have)]
    elif isinstance(select, str):
        entries = [have[f] for f in sorted(have) if f.startswith(os.path.join(tree, select))]
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
    """One repetition of a tool over the whole set: per package, the mean
    of its runs in that repetition (a package's tools run the same number
    of times, see calibrate)."""

    def __init__(self):
        self.wall = 0.0
        self.cpu = 0.0
        self.rss_kib = 0
        self.failures = []
        self.per_pkg = {}       # package -> [wall, cpu, rss KiB], per run
        self.runs = {}          # package -> [runs, wall sum, cpu sum, largest RSS]

    def add_run(self, pkg, wall, cpu, rss, failures):
        acc = self.runs.setdefault(pkg, [0, 0.0, 0.0, 0])
        acc[0] += 1
        acc[1] += wall
        acc[2] += cpu
        acc[3] = max(acc[3], rss)
        self.failures += [f for f in failures if f not in self.failures]

    def finish(self):
        for pkg, (n, wall, cpu, rss) in self.runs.items():
            self.per_pkg[pkg] = [wall / n, cpu / n, rss]
        self.wall = sum(v[0] for v in self.per_pkg.values())
        self.cpu = sum(v[1] for v in self.per_pkg.values())
        self.rss_kib = max([v[2] for v in self.per_pkg.values()] or [0])
        return self


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
    """A tool run once per entry, in the entry's directory (only on the
    packages with peers when peers_only). repeat: whether it runs as many
    times per sample as the package's other timed tools (calibrate)."""

    def __init__(self, name, make_argv, ok_codes=(0,), peers_only=True, repeat=False):
        self.name = name
        self.make_argv = make_argv
        self.ok_codes = ok_codes
        self.peers_only = peers_only
        self.repeat = repeat
        self.reference = repeat

    def run_pkg(self, pkg, entries, ctx, first):
        """One run over PKG's entries: (wall, cpu, largest RSS, failures),
        summed over its processes; None when the tool skips PKG."""
        if self.peers_only and pkg not in ctx.peer_pkgs:
            return None
        wall_sum, cpu_sum, rss_max, failures = 0.0, 0.0, 0, []
        for e in entries:
            wall, cpu, rss, rc = measure(self.make_argv(e), e["directory"], ctx.log, ctx.timeout)
            wall_sum, cpu_sum, rss_max = wall_sum + wall, cpu_sum + cpu, max(rss_max, rss)
            if ctx.entry_times:
                ctx.entry_times.write("%s,%s,%s,%.3f,%.3f,%d,%s\n" % (self.name, pkg, entry_file(e), wall, cpu, rss, rc))
                ctx.entry_times.flush()
            if rc not in self.ok_codes:
                what = "timed out after %d s" % ctx.timeout if rc is None else "exit %d" % rc
                failures.append("%s: %s %s" % (os.path.relpath(entry_file(e), ctx.workdir), what, log_excerpt(ctx.log)))
        return wall_sum, cpu_sum, rss_max, failures


def cc1_argv(e, log):
    """The clang-19 -cc1 command line the driver runs for `clang-19 <entry
    flags> -fsyntax-only FILE` (from -###), without its input file and the
    -main-file-name that names it, and without -disable-free: the driver
    lets the front end skip freeing since its process ends after one file,
    but with several files each AST must be freed, as any tool frees it
    (with it, one process over 128 CPython files peaks at 590 MB); None
    when the driver refuses the flags."""
    src = entry_file(e)
    p = subprocess.run([CLANG, "-###"] + compile_flags(e) + ["-fsyntax-only", src], cwd=e["directory"],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True)
    lines = [ln for ln in p.stderr.splitlines() if '"-cc1"' in ln]
    if p.returncode != 0 or len(lines) != 1:
        log.write(("%s: clang -### gave no -cc1 line: %s\n" % (src, p.stderr.strip()[-300:])).encode())
        return None
    argv = shlex.split(lines[0])
    if argv[-1] != src:
        return None
    argv = argv[:-1]
    argv = [a for a in argv if a != "-disable-free"]
    if "-main-file-name" in argv:
        i = argv.index("-main-file-name")
        del argv[i:i + 2]
    return argv


class GroupTool:
    """The honest floor: per package, the entries that share a directory and
    flags parsed by one clang -cc1 process, each file of the group after
    the other (the front end takes several inputs)."""

    repeat = reference = True

    def __init__(self, name):
        self.name = name
        self.groups = None      # [(pkg, directory, cc1 argv or None, [files])]

    def prepare(self, entries, ctx):
        by_key = {}
        for pkg, e in entries:
            key = (pkg, e["directory"], tuple(compile_flags(e)))
            by_key.setdefault(key, []).append(e)
        self.groups = []
        for (pkg, directory, _), es in by_key.items():
            self.groups.append((pkg, directory, cc1_argv(es[0], ctx.log), [entry_file(e) for e in es]))

    def run_pkg(self, pkg, entries, ctx, first):
        if self.groups is None:
            self.prepare(ctx.entries, ctx)
        wall_sum, cpu_sum, rss_max, failures = 0.0, 0.0, 0, []
        for gpkg, directory, argv, files in self.groups:
            if gpkg != pkg:
                continue
            if argv is None:
                failures.append("%s: clang -### gave no -cc1 command" % os.path.relpath(files[0], ctx.workdir))
                continue
            wall, cpu, rss, rc = measure(argv + files, directory, ctx.log, ctx.timeout * len(files))
            wall_sum, cpu_sum, rss_max = wall_sum + wall, cpu_sum + cpu, max(rss_max, rss)
            if rc != 0:
                what = "timed out" if rc is None else "exit %d" % rc
                failures.append("%s (+%d): %s %s" % (os.path.relpath(files[0], ctx.workdir), len(files) - 1,
                                                     what, log_excerpt(ctx.log)))
        return wall_sum, cpu_sum, rss_max, failures


class WholeTool:
    """A tool run once per package over its compile database. before
    (compdb) runs untimed before the first run of each sample (the warm
    cache's filling run); reference false: its time does not choose the
    package's count (calibrate)."""

    def __init__(self, name, make_argv, check, before=None, peers_only=False, repeat=True, reference=True):
        self.name = name
        self.make_argv = make_argv      # (compdb, outfile) -> argv
        self.check = check              # (exit code, outfile, log) -> [failures]
        self.before = before
        self.peers_only = peers_only
        self.repeat = repeat
        self.reference = reference and repeat

    def run_pkg(self, pkg, entries, ctx, first):
        if self.peers_only and pkg not in ctx.peer_pkgs:
            return None
        compdb = ctx.pkg_compdbs[pkg]
        if self.before and first:
            self.before(compdb)
        out = os.path.join(ctx.rundir, "out.json")
        if os.path.exists(out):
            os.unlink(out)
        wall, cpu, rss, rc = measure(self.make_argv(compdb, out), ctx.rundir, ctx.log, ctx.timeout * 20)
        return wall, cpu, rss, self.check(rc, out, ctx.log)


def calibrate(tools, by_pkg, ctx, min_sample, max_runs):
    """How many times each timed tool runs a package per sample: enough for
    the fastest timed tool of the package (the -jN rows, mostly) to last
    MIN_SAMPLE seconds, at most MAX_RUNS; one without MIN_SAMPLE. Found by
    a warm-up round, untimed, that runs each timed tool once per package
    (a package whose first warm-up run lasts 2 x MIN_SAMPLE or more needs
    one run: no tool is more than about twice as fast as another). A run
    lasts the shorter of its wall and CPU time: on a loaded machine the
    wall time grows and the count would shrink. The round also fills the
    page cache with every binary, header and source."""
    counts = {}
    for pkg, es in by_pkg.items():
        fastest = None
        if min_sample > 0:
            for t in tools:
                if not t.reference:
                    continue
                res = t.run_pkg(pkg, es, ctx, True)
                if not res or res[3]:
                    continue
                took = min(res[0], res[1])
                fastest = took if fastest is None else min(fastest, took)
                if took >= 2 * min_sample:
                    break
        counts[pkg] = 1 if not fastest else max(1, min(max_runs, int(-(-min_sample // fastest))))
    return counts


def run_repetition(tools, by_pkg, runs, ctx, rep):
    """One repetition: per package, RUNS[pkg] rounds; each round runs every
    timed tool once, the tools in the opposite order of the round before
    (and the first round of a repetition opposite to the previous
    repetition's), so that drift and noise hit every tool alike; the peers
    and the per-file floor run in the first round only. {tool: Sample}."""
    samples = {t.name: Sample() for t in tools}
    for pkg, es in by_pkg.items():
        for r in range(runs[pkg]):
            order = tools if (rep - 1 + r) % 2 == 0 else tools[::-1]
            for t in order:
                if r and not t.repeat:
                    continue
                res = t.run_pkg(pkg, es, ctx, r == 0)
                if res:
                    samples[t.name].add_run(pkg, *res)
    return {name: s.finish() for name, s in samples.items()}


def callgrind_total(path):
    """The instruction count of a callgrind output file (its summary or
    totals line), or None."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return None
    m = re.search(r"^(?:summary|totals):\s*(\d+)", text, re.M)
    return int(m.group(1)) if m else None


def instruction_counts(alloccheck, ctx, pkgs, has_cache):
    """--instructions: per package of PKGS, the instructions alloccheck -j1
    executes for the whole program and with --per-file, counted by valgrind's
    callgrind (deterministic, unlike a clock, and needing no hardware
    counters). {pkg: (whole, per file)}; a count that could not be taken is
    None, said once."""
    if not shutil.which("valgrind"):
        print("bench: valgrind not found: no instruction counts")
        return {}
    out = {}
    cold = ["--no-cache"] if has_cache else []
    for pkg in pkgs:
        counts = []
        for extra in ([], ["--per-file"]):
            cg = os.path.join(ctx.rundir, "callgrind.out")
            if os.path.exists(cg):
                os.unlink(cg)
            argv = (["valgrind", "--tool=callgrind", "--dump-instr=no", "--callgrind-out-file=" + cg, alloccheck,
                     "--compile-commands", ctx.pkg_compdbs[pkg], "-j1", "-q", "--format", "json",
                     "-o", os.devnull] + cold + extra)
            t0 = time.monotonic()
            rc = subprocess.call(argv, cwd=ctx.rundir, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            n = callgrind_total(cg) if rc in (0, 1) else None
            if n is None:
                print("bench: %s: callgrind gave no count (exit %d): %s" % (pkg, rc, sh_quote(argv)))
            counts.append(n)
            print("bench: instructions %-11s %-10s %s (%.1f s)" % (
                pkg, "per file" if extra else "whole", "n/a" if n is None else "%.1f M" % (n / 1e6),
                time.monotonic() - t0), flush=True)
        out[pkg] = tuple(counts)
    return out


def instruction_table(instr):
    head = ["package", "whole program, M instructions", "per file, M instructions", "ratio"]
    rows = []
    for pkg, (w, p) in instr.items():
        rows.append([pkg, "n/a" if w is None else "%.1f" % (w / 1e6), "n/a" if p is None else "%.1f" % (p / 1e6),
                     "n/a" if not (w and p) else "%.3f" % (w / p)])
    return head, rows


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


def status_check(rc, out, log):
    if rc is None:
        return ["timed out"]
    return [] if rc == 0 else ["exit %d: %s" % (rc, log_excerpt(log))]


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
        tools.append(GroupTool(FLOOR))
        if ctx.parse_floor:
            tools.append(WholeTool(LIBCLANG_FLOOR, lambda compdb, out: [ctx.parse_floor, compdb + ".list"],
                                   status_check))
        tools.append(PerEntryTool(NAIVE_FLOOR, lambda e: [CLANG] + compile_flags(e) + ["-fsyntax-only", entry_file(e)]))
    if want("alloccheck"):
        per_file = ["--per-file"] if "--per-file" in help_text else None
        for j in (1, jobs) if jobs > 1 else (1,):
            tools.append(WholeTool("alloccheck -j%d" % j, ac(j, cold), alloccheck_check))
        for j in ((1, jobs) if jobs > 1 else (1,)) if per_file else ():
            tools.append(WholeTool("alloccheck -j%d --per-file" % j, ac(j, cold + per_file), alloccheck_check))
        if "--no-shared-headers" in help_text:  # each file parsed whole: what shared headers save
            tools.append(WholeTool("alloccheck -j1 --no-shared-headers", ac(1, cold + ["--no-shared-headers"]),
                                   alloccheck_check))
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
                                   warm_check, before=populate, reference=False))
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
                               cppcheck_check, peers_only=True, repeat=False))
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
        per_pkg={p: (med(s.per_pkg[p][0] for s in samples), med(s.per_pkg[p][1] for s in samples),
                     med(s.per_pkg[p][2] for s in samples)) for p in pkgs},
    )


def paired_ratios(samples, num, den):
    """Per package, the median over the repetitions of NUM's wall sample
    divided by DEN's of the same repetition. The two ran in the same rounds,
    a few seconds apart, so a repetition's load and drift hit both;
    the ratio of two medians would pair a fast repetition of one with a slow
    one of the other (-j2 alone moved 13% between repetitions)."""
    a, b = samples.get(num), samples.get(den)
    if not a or not b:
        return {}
    out = {}
    for pkg in a[0].per_pkg:
        rs = [x.per_pkg[pkg][0] / y.per_pkg[pkg][0] for x, y in zip(a, b)
              if pkg in x.per_pkg and pkg in y.per_pkg and y.per_pkg[pkg][0] > 0]
        if rs:
            out[pkg] = statistics.median(rs)
    return out


def fmt(x, digits=2):
    return "n/a" if x != x else ("%.*f" % (digits, x))


def over(r, pkgs):
    """(wall, cpu, rss KiB) of result r summed over pkgs (RSS: the largest);
    None when r did not run on all of them."""
    if not r or any(p not in r["per_pkg"] for p in pkgs) or not pkgs:
        return None
    vals = [r["per_pkg"][p] for p in pkgs]
    return sum(v[0] for v in vals), sum(v[1] for v in vals), max(v[2] for v in vals)


def main_table(results, pkgs):
    """Every tool over the packages every tool runs on (pkgs), with its
    ratios to the honest floor and to the per-file floor."""
    floor, naive = over(results.get(FLOOR), pkgs), over(results.get(NAIVE_FLOOR), pkgs)
    head = ["tool", "wall s", "CPU s", "peak RSS MiB", "wall / floor", "CPU / floor", "RSS / floor",
            "wall / per-file floor", "failures"]
    rows = []
    for name, r in results.items():
        v = over(r, pkgs)
        if not v:
            continue
        rows.append([name, fmt(v[0]), fmt(v[1]), fmt(mib(v[2]), 1),
                     fmt(ratio(v[0], floor[0])) if floor else "n/a", fmt(ratio(v[1], floor[1])) if floor else "n/a",
                     fmt(ratio(v[2], floor[2])) if floor else "n/a", fmt(ratio(v[0], naive[0])) if naive else "n/a",
                     str(r["failures"])])
    return head, rows


def pkg_value(results, name, pkg, i=0):
    r = results.get(name)
    return r["per_pkg"][pkg][i] if r and pkg in r["per_pkg"] else float("nan")


def paired(results, name, key, pkg, fallback):
    """The paired ratio KEY of row NAME for PKG (paired_ratios), else FALLBACK
    (the ratio of the medians: results made without the samples)."""
    r = results.get(name, {}).get(key, {})
    return r.get(pkg, fallback)


def package_table(results, counts, jobs):
    """Per package: the floors and alloccheck, wall seconds and ratios."""
    jn = "alloccheck -j%d" % jobs
    head = ["package", "entries", "floor s", "libclang floor s", "per-file floor s", "alloccheck -j1 s", "/ floor",
            "/ libclang floor", "-j%d s" % jobs, "-j1 / -j%d" % jobs, "peak RSS / floor's"]
    rows = []
    for pkg, count in counts.items():
        f, j1 = pkg_value(results, FLOOR, pkg), pkg_value(results, "alloccheck -j1", pkg)
        lf, j = pkg_value(results, LIBCLANG_FLOOR, pkg), pkg_value(results, jn, pkg)
        rows.append([pkg, str(count), fmt(f), fmt(lf), fmt(pkg_value(results, NAIVE_FLOOR, pkg)), fmt(j1),
                     fmt(ratio(j1, f)), fmt(ratio(j1, lf)), fmt(j), fmt(paired(results, jn, "speedup", pkg, ratio(j1, j))),
                     fmt(ratio(pkg_value(results, "alloccheck -j1", pkg, 2), pkg_value(results, FLOOR, pkg, 2)))])
    return head, rows


def program_table(results, counts, jobs):
    """Per package: whole-program analysis against --per-file (issue: CPU at
    most 1.1x, the same -jN speed-up, peak RSS at most 1.5x)."""
    head = ["package", "entries", "-j1 CPU s, whole program", "per file", "ratio", "-j%d wall s, whole program" % jobs,
            "per file", "ratio", "peak RSS MiB, whole program", "per file", "ratio"]
    rows = []
    if "alloccheck -j1 --per-file" not in results:
        return head, rows
    for pkg, count in counts.items():
        c1, p1 = pkg_value(results, "alloccheck -j1", pkg, 1), pkg_value(results, "alloccheck -j1 --per-file", pkg, 1)
        wn = pkg_value(results, "alloccheck -j%d" % jobs, pkg)
        pn = pkg_value(results, "alloccheck -j%d --per-file" % jobs, pkg)
        r1 = pkg_value(results, "alloccheck -j1", pkg, 2)
        rp = pkg_value(results, "alloccheck -j1 --per-file", pkg, 2)
        rows.append([pkg, str(count), fmt(c1), fmt(p1), fmt(ratio(c1, p1)), fmt(wn), fmt(pn),
                     fmt(paired(results, "alloccheck -j%d" % jobs, "over_per_file", pkg, ratio(wn, pn))),
                     fmt(mib(r1), 1), fmt(mib(rp), 1), fmt(ratio(r1, rp))])
    return head, rows


def peer_table(results, counts):
    """Per package with peers: each peer's wall time against the honest floor."""
    peers = [n for n in results if n.startswith(("clang --analyze", "gcc", "cppcheck"))]
    head = ["package", "floor s"]
    for n in peers:
        head += [n + " s", "/ floor"]
    rows = []
    for pkg in counts:
        if not all(pkg in results[n]["per_pkg"] for n in peers) or not peers:
            continue
        f = pkg_value(results, FLOOR, pkg)
        row = [pkg, fmt(f)]
        for n in peers:
            w = pkg_value(results, n, pkg)
            row += [fmt(w), fmt(ratio(w, f))]
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


def check_targets(results, counts, peer_pkgs, jobs, instr):
    """The project's speed targets (issues on speed and on whole-program
    analysis): (PASS/FAIL/n/a, text); INSTR the callgrind counts of
    --instructions."""
    out = []
    jn = "alloccheck -j%d" % jobs

    def verdict(ok):
        return "PASS" if ok else "FAIL"

    big = [p for p in ("curl-lib", "python3.11-core") if p in counts]
    for pkg in counts:
        f, j1 = pkg_value(results, FLOOR, pkg), pkg_value(results, "alloccheck -j1", pkg)
        if f == f and j1 == j1:
            limit = 0.9 if pkg in big else 1.0
            r = ratio(j1, f)
            out.append((verdict(r <= limit), "%s: alloccheck -j1 wall <= %.1fx the floor: %.2fx (%.2f s / %.2f s)"
                        % (pkg, limit, r, j1, f)))
    for pkg, count in counts.items():
        j1, j = pkg_value(results, "alloccheck -j1", pkg), pkg_value(results, jn, pkg)
        if count > 20 and jobs >= 2 and j1 == j1 and j == j:
            r = paired(results, jn, "speedup", pkg, ratio(j1, j))
            note = "" if jobs == 2 else " (the target is for 2 cores; this machine has %d)" % jobs
            out.append((verdict(r >= 1.85), "%s: alloccheck -j%d >= 1.85x faster than -j1: %.2fx%s" % (pkg, jobs, r, note)))
    for pkg in ("zlib", "lua5.4"):
        cold, warm = pkg_value(results, "alloccheck -j1", pkg), pkg_value(results, "alloccheck -j1, warm cache", pkg)
        if cold == cold and warm == warm:
            r = ratio(cold, warm)
            out.append((verdict(r >= 50), "%s: warm cache >= 50x faster than cold: %.1fx (%.3f s / %.3f s)"
                        % (pkg, r, cold, warm)))
    for pkg in counts:
        a, f = pkg_value(results, "alloccheck -j1", pkg, 2), pkg_value(results, FLOOR, pkg, 2)
        if a == a and f == f:
            out.append((verdict(a <= f), "%s: alloccheck -j1 peak RSS <= the floor's: %.2fx (%.1f MiB / %.1f MiB)"
                        % (pkg, ratio(a, f), mib(a), mib(f))))
    for pkg in counts:
        c1, p1 = pkg_value(results, "alloccheck -j1", pkg, 1), pkg_value(results, "alloccheck -j1 --per-file", pkg, 1)
        wn = pkg_value(results, jn, pkg)
        pn = pkg_value(results, jn + " --per-file", pkg)
        if c1 == c1 and p1 == p1:
            out.append((verdict(c1 <= 1.1 * p1), "%s: whole-program CPU at -j1 <= 1.1x --per-file's: %.2fx"
                        % (pkg, ratio(c1, p1))))
        if jobs >= 2 and wn == wn and pn == pn:
            r = paired(results, jn, "over_per_file", pkg, ratio(wn, pn))
            out.append((verdict(r <= 1.1), "%s: whole-program wall at -j%d <= 1.1x --per-file's: %.2fx"
                        % (pkg, jobs, r)))
    for pkg, (w, p) in instr.items():
        if w and p:
            out.append((verdict(w <= 1.1 * p), "%s: whole-program instructions at -j1 <= 1.1x --per-file's (callgrind): "
                        "%.3fx (%.1f M / %.1f M)" % (pkg, w / p, w / 1e6, p / 1e6)))
    # the largest package: the one whose parse costs most
    cost = {p: pkg_value(results, FLOOR, p, 1) for p in counts}
    largest = max(counts, key=lambda p: (cost[p] if cost[p] == cost[p] else 0.0, counts[p])) if counts else None
    if largest:
        r1, rp = pkg_value(results, "alloccheck -j1", largest, 2), pkg_value(results, "alloccheck -j1 --per-file", largest, 2)
        if r1 == r1 and rp == rp:
            out.append((verdict(r1 <= 1.5 * rp), "%s (the largest): whole-program peak RSS <= 1.5x --per-file's: %.2fx"
                        % (largest, ratio(r1, rp))))
    j1 = over(results.get("alloccheck -j1"), peer_pkgs)
    for peer in ("clang --analyze (unix.Malloc)", "gcc -fanalyzer"):
        v = over(results.get(peer), peer_pkgs)
        if j1 and v:
            r = ratio(v[0], j1[0])
            out.append((verdict(r >= 5), "alloccheck -j1 >= 5x faster than %s: %.1fx (%.2f s / %.2f s)"
                        % (peer.split(" (")[0], r, v[0], j1[0])))
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


def build_parse_floor(rundir, build_dir):
    """Compiles tests/bench/parse_floor.c against the libclang alloccheck
    uses (from build_dir's CMake cache, else LLVM 19's Debian prefix);
    None, said once, when that fails: the row is left out."""
    include, library = "/usr/lib/llvm-19/include", "/usr/lib/llvm-19/lib/libclang.so"
    try:
        with open(os.path.join(build_dir, "CMakeCache.txt"), encoding="utf-8") as f:
            cache = f.read()
        m = re.search(r"^LIBCLANG_INCLUDE_DIR:\w+=(.+)$", cache, re.M)
        include = m.group(1) if m else include
        m = re.search(r"^LIBCLANG_LIBRARY:\w+=(.+)$", cache, re.M)
        library = m.group(1) if m else library
    except OSError:
        pass
    out = os.path.join(rundir, "parse_floor")
    cc = os.environ.get("CC") or "cc"
    argv = [cc, "-std=c11", "-O2", "-I" + include, "-o", out, os.path.join(REPO, "tests", "bench", "parse_floor.c"),
            library, "-Wl,-rpath," + os.path.dirname(library)]
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        print("bench: cannot build parse_floor (%s): its row is skipped" % (p.stderr.strip().splitlines() or ["?"])[-1])
        return None
    return out


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
                    help="also write each per-entry command's wall, CPU and RSS to this CSV file, one line "
                         "per run (to choose the subsets)")
    ap.add_argument("--min-sample", type=float, default=1.0, metavar="SECS",
                    help="each sample of a package lasts at least this long for its fastest timed tool: every "
                         "timed tool runs the package that many times per repetition, the same count for all, "
                         "in rounds of alternating order, and the mean per run is its sample (default 1.0; 0: "
                         "one run per sample)")
    ap.add_argument("--max-runs", type=int, default=20, metavar="N",
                    help="at most N runs per sample (default 20)")
    ap.add_argument("--instructions", action="store_true",
                    help="also count alloccheck -j1's instructions with valgrind's callgrind, whole program and "
                         "--per-file, on the packages with peers, and check whole program <= 1.1x --per-file")
    ap.add_argument("--samples-csv", metavar="CSV",
                    help="also write every sample (repetition, tool, package, runs, mean wall, CPU and RSS per "
                         "run) to this CSV file: the spread behind each median")
    ap.add_argument("--markdown", help="write the results as Markdown to this file (e.g. docs/benchmark.md)")
    ap.add_argument("--note", help="a paragraph put at the top of the Markdown file")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    ap.add_argument("--self-check", action="store_true",
                    help="exit 1 unless every row ran without failures and the Markdown file has the tables (tests)")
    args = ap.parse_args()
    if args.reps < 1:
        ap.error("--reps must be at least 1")
    if args.max_runs < 1 or args.min_sample < 0:
        ap.error("--max-runs must be at least 1 and --min-sample at least 0")
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
        with open(path + ".list", "wb") as f:        # parse_floor's input
            for e in es:
                f.write(b"".join(x.encode() + b"\0" for x in [e["directory"], entry_file(e)] + compile_flags(e)) + b"\0")
    ctx.peer_pkgs = {pkg for pkg in by_pkg if PACKAGES.get(pkg, {}).get("peers", True)}
    ctx.parse_floor = build_parse_floor(rundir, os.path.abspath(args.build_dir))
    ctx.log = tempfile.TemporaryFile(dir=rundir)
    ctx.entry_times = None
    if args.entry_times:
        ctx.entry_times = open(args.entry_times, "w", encoding="utf-8")
        ctx.entry_times.write("tool,package,file,wall_s,cpu_s,maxrss_kib,exit\n")
    entries = [(pkg, e) for pkg, es in by_pkg.items() for e in es]
    ctx.entries = entries
    counts = {pkg: len(es) for pkg, es in by_pkg.items()}

    tools, has_cache = build_tools(ctx, alloccheck, jobs, args.tools.split(",") if args.tools else None)
    if not tools:
        sys.exit("bench: error: no tool to run")
    print("bench: %d entries, %d repetitions, %d CPUs; cache rows: %s" % (
        len(entries), args.reps, jobs, "yes (--no-cache on the cold runs)" if has_cache else "no (alloccheck has no --cache)"))

    args.load = "%.2f" % os.getloadavg()[0]
    bench_t0 = time.monotonic()
    runs = calibrate(tools, by_pkg, ctx, args.min_sample, args.max_runs)
    args.runs = runs
    warmup_secs = time.monotonic() - bench_t0
    print("bench: runs per sample (every timed tool of a package the same; the peers and the per-file floor once): "
          "%s (warm-up %.1f s)" % (", ".join("%s %d" % kv for kv in runs.items()), warmup_secs), flush=True)
    samples = {t.name: [] for t in tools}
    samples_csv = samples_file = None
    if args.samples_csv:
        samples_file = open(args.samples_csv, "w", encoding="utf-8", newline="")
        samples_csv = csv.writer(samples_file)
        samples_csv.writerow(["rep", "tool", "package", "runs", "wall_s", "cpu_s", "maxrss_kib"])
    for rep in range(1, args.reps + 1):
        done = run_repetition(tools, by_pkg, runs, ctx, rep)
        for t in tools:
            s = done[t.name]
            samples[t.name].append(s)
            for pkg, (wall, cpu, rss) in s.per_pkg.items() if samples_csv else ():
                samples_csv.writerow([rep, t.name, pkg, s.runs[pkg][0], "%.6f" % wall, "%.6f" % cpu, rss])
            print("bench: rep %d/%d  %-32s wall %8.3f s  CPU %8.3f s  RSS %7.1f MiB%s" % (
                rep, args.reps, t.name, s.wall, s.cpu, mib(s.rss_kib),
                "  (%d failures)" % len(s.failures) if s.failures else ""), flush=True)
    bench_secs = time.monotonic() - bench_t0
    args.load += " and %.2f" % os.getloadavg()[0]
    if samples_file:
        samples_file.close()
    instr, instr_secs = {}, 0.0
    if args.instructions:
        t0 = time.monotonic()
        instr = instruction_counts(alloccheck, ctx, [p for p in by_pkg if p in ctx.peer_pkgs], has_cache)
        instr_secs = time.monotonic() - t0

    results = {name: summarize(ss) for name, ss in samples.items()}
    jn = "alloccheck -j%d" % jobs
    if jn in results and jobs > 1:
        results[jn]["speedup"] = paired_ratios(samples, "alloccheck -j1", jn)
        if jn + " --per-file" in results:
            results[jn]["over_per_file"] = paired_ratios(samples, jn, jn + " --per-file")
    peer_pkgs = [p for p in counts if p in ctx.peer_pkgs] or list(counts)
    head, rows = main_table(results, peer_pkgs)
    tables = [("Per package: alloccheck against the floors (wall seconds)", package_table(results, counts, jobs)),
              ("Per package: whole-program analysis against --per-file", program_table(results, counts, jobs)),
              ("Per package: the peers against the floor (wall seconds)", peer_table(results, counts))]
    if instr:
        tables.append((INSTR_TITLE, instruction_table(instr)))
    tables = [(t, ht) for t, ht in tables if ht[1]]
    targets = check_targets(results, counts, peer_pkgs, jobs, instr)
    total_secs = time.monotonic() - started

    print()
    print("Medians of %d repetitions over %d entries (%s); every tool over %s:" % (
        args.reps, len(entries), ", ".join("%s %d" % kv for kv in counts.items()), ", ".join(peer_pkgs)))
    print(text_table(head, rows))
    print()
    for title, (th, tr) in tables:
        print(title + (":" if title.startswith(INSTR_TITLE) else ", medians:"))
        print(text_table(th, tr))
        print()
    for name, r in results.items():
        for f in r["first_failures"]:
            print("bench: %s failure: %s" % (name, f))
    for verdict, text in targets:
        print("%-4s  %s" % (verdict, text))
    print()
    print("bench: alloccheck build %.1f s, cold preparation %.1f s, benchmark %.1f s (warm-up %.1f s), "
          "instruction counts %.1f s, whole script %.1f s" % (
              build_secs, prep_secs, bench_secs, warmup_secs, instr_secs, total_secs))

    if args.markdown:
        write_markdown(args, alloccheck, counts, peer_pkgs, head, rows, tables, targets, results,
                       (build_secs, prep_secs, bench_secs, warmup_secs, instr_secs, total_secs), has_cache, jobs)
        print("bench: wrote %s" % args.markdown)

    status = 0
    if args.strict and any(v == "FAIL" for v, _ in targets):
        status = 1
    if args.self_check:
        problems = self_check(args, tools, results)
        problems += ["%s: callgrind gave no instruction count" % p for p, c in instr.items() if None in c]
        for p in problems:
            print("bench: self-check: %s" % p)
        status = 1 if problems else status
    return status


def write_markdown(args, alloccheck, counts, peer_pkgs, head, rows, tables, targets, results, secs, has_cache, jobs):
    build_secs, prep_secs, bench_secs, warmup_secs, instr_secs, total_secs = secs
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = ["# Benchmark: alloccheck, the compiler and its peers", ""]
    if args.note:
        out += ["> " + args.note, ""]
    out += [
        "Made by `tests/bench/bench.py` (see tests/bench/README.md) on %s with:" % now, "",
        "```sh", display_command(), "```", "",
        "The numbers are medians of %d repetitions. In each repetition every tool gives one sample per "
        "package. A sample is the mean per run of several runs of the package: an untimed warm-up round "
        "(which also fills the page cache) runs every timed tool once and chooses, per package, the count that "
        "makes the fastest one's sample last at least %.1f s of wall or CPU time, whichever is shorter (at most "
        "%d runs; the counts are in the Entries table), and every timed tool of that package (the honest and "
        "libclang floors and the alloccheck rows) runs that same count. "
        "The runs go in rounds, each round every tool once, the order reversed from one round to the next and "
        "from one repetition to the next, so that drift and load hit every tool alike. One run of a small "
        "package lasts 0.1-0.7 s, where the spread between identical runs (5-20%%) is as large as the "
        "differences measured; a sample of several runs and a median of samples make it small. The peers and "
        "the per-file floor (1-100x the floor, no target at the 10%% level) run once per repetition. "
        "CPU time is the kernel's exact per-process account (user + system from `wait4`'s rusage, children "
        "included: nanosecond run-time, not clock ticks); wall time is the monotonic clock around the "
        "process. Both are summed over the processes of a run; peak RSS is that of the largest process. "
        "Two ratios are paired instead: -j1 / -jN (the -j2 speed-up) and whole program / --per-file at -jN are "
        "the medians over the repetitions of each repetition's ratio of the two samples, which ran in the "
        "same rounds, seconds apart, so that the load and drift of a repetition hit both (a ratio of "
        "two medians pairs a fast repetition of one with a slow one of the other). "
        "The load average of the machine at the start and the end of the run: %s."
        % (args.reps, args.min_sample, args.max_runs, args.load),
        "",
        "The floor is what parsing alone costs a tool that reads the same entries. Starting a clang "
        "process costs about 0.15 s before it reads a byte, so one process per file (the per-file floor, "
        "kept as a second column) mostly measures process start-up; a tool that parses many files in one "
        "process never pays it. The honest floor is therefore the front end run the way such a tool runs it:",
        "",
        "- **%s** (the floor of every ratio): the entries of a package that share a directory and flags "
        "parsed by one `clang-19 -cc1 -fsyntax-only` process, each entry's own flags (the `-cc1` arguments "
        "the driver prints with `-###`), the group's files one after the other." % FLOOR,
        "- **%s**: every entry of a package parsed through libclang in one process and one thread "
        "(tests/bench/parse_floor.c) with alloccheck's parse options (its extra flags, "
        "`CXTranslationUnit_KeepGoing`), each TU disposed of at once: the true floor of a libclang tool. "
        "What alloccheck costs above it is its own work." % LIBCLANG_FLOOR,
        "- **%s**: `clang-19 -fsyntax-only` with each entry's own flags, one process per entry "
        "(only on the packages with peers)." % NAIVE_FLOOR,
        "- **alloccheck -j1 / -j%d**: one `alloccheck --compile-commands` per package (a package is one "
        "program: its files are linked)%s; **--per-file**: the same with every TU analysed on its own."
        % (jobs, ", cold (`--no-cache`)" if has_cache else ""),
        "- **alloccheck -j1 --no-shared-headers**: alloccheck -j1 with every file parsed whole (README, "
        "Shared headers): what parsing shared headers once saves.",
    ]
    if has_cache:
        out.append("- **alloccheck -j1, warm cache**: a fresh `--cache` directory filled by one untimed run, then timed.")
    out += [
        "- **clang --analyze**: `clang-19 --analyze` per entry with only `unix.Malloc` and "
        "`unix.MismatchedDeallocator` enabled (plus the modeling checkers they depend on), text output.",
        "- **gcc -fanalyzer**: `gcc -fanalyzer -c` per entry with its flags (optimisation included), object to /dev/null.",
        "- **cppcheck**: `cppcheck --project=<the same entries> -j1 --quiet` (default checks).", "",
        "The peers, cppcheck and the per-file floor run only on %s; the large packages (every C entry of "
        "curl's `lib/`, and of CPython's `Objects/` and `Modules/` that parses here) measure the floors and "
        "alloccheck, which the targets name." % ", ".join(peer_pkgs), "",
        "## Entries", "",
        "| package | entries | runs per sample |", "|---|---:|---:|",
    ]
    out += ["| %s | %d | %d |" % (p, n, args.runs.get(p, 1)) for p, n in counts.items()]
    out += ["| total | %d | |" % sum(counts.values()), ""]
    if not (args.compdb or args.sources):
        out += ["zlib and lua5.4: every C entry of their build; redis, curl and python3.11: the fixed subsets "
                "listed in tests/bench/bench.py (REDIS, CURL, PYTHON), chosen so the whole run fits in 20 minutes "
                "on two cores; curl-lib: every C entry of curl's `lib/`; python3.11-core: every file of "
                "CPython's `Objects/` and `Modules/` the Makefile compiles and clang-19 parses here.", ""]
    if args.instructions:
        out += ["With `--instructions`, alloccheck -j1 also ran once under valgrind's callgrind per package with "
                "peers, whole program and `--per-file`: an instruction count is the same from run to run and "
                "needs no hardware counters, so it checks the whole-program cost exactly where the clock cannot "
                "tell 5% from noise (it does not see system time or the kernel's work).", ""]
    out += ["## Results", "", "Every tool over %s:" % ", ".join(peer_pkgs), "", md_table(head, rows), ""]
    for title, (th, tr) in tables:
        out += ["### " + title, "", md_table(th, tr), ""]
    out += ["### Targets", ""]
    out += ["- **%s** %s" % (v, t) for v, t in targets]
    fails = [(n, f) for n, r in results.items() for f in r["first_failures"]]
    if fails:
        out += ["", "### Failures (the first of each tool)", ""]
        out += ["- %s: `%s`" % (n, f.replace("`", "'")) for n, f in fails]
    out += ["", "## Time", "",
            "| step | seconds |", "|---|---:|",
            "| build of alloccheck | %.1f |" % build_secs,
            "| cold preparation (download, unpack, configure, build; 0 when reused) | %.1f |" % prep_secs,
            "| benchmark (%d repetitions, the warm-up round included) | %.1f |" % (args.reps, bench_secs),
            "| warm-up round (untimed: chooses the runs per sample) | %.1f |" % warmup_secs,
            "| instruction counts (`--instructions`, callgrind) | %.1f |" % instr_secs,
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
