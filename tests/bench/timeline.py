#!/usr/bin/env python3
"""The timeline of an alloccheck -vv run, per thread, and where a -jN run
loses time: what runs on one thread only, and the schedule of the parse
and analysis phases replayed on N idle cores from the CPU each step took.

    alloccheck -vv -jN ... 2> trace.txt
    python3 tests/bench/timeline.py trace.txt [--width 100]

Wall-clock spans are drawn as they were; on a loaded machine they stretch,
and a gap in a row may be the scheduler's, not alloccheck's. The replay
uses CPU time only (each TU's parse, lowering and facts; each group of
functions' analysis, as the analysis-graph line gives it), which load
stretches much less: its idle time is the schedule's own. Last, what
bounds the speed-up (Amdahl): each worker's busy CPU and idle time in the
parse and analysis phases, the CPU that runs while no worker parses or
analyses (the load of libclang the first parse waits for, the link, the
report), and the speed-up those costs allow on N cores.
"""
import argparse
import collections
import re
import sys

LINE = re.compile(r"alloccheck: trace: (\S+) thread=(\d+) start=([\d.]+) end=([\d.]+) cpu=([\d.]+) flt=(-?\d+) ?(.*)")
GRAPH = re.compile(r"cpu=([\d.]+) critical=([\d.]+) replay=([\d.]+) idle=([\d.]+) workers=(\d+)")

# The letter of each span drawn in a thread's row; the first that covers a
# column wins (the inner spans are listed first).
LETTERS = [("parse", "p"), ("lower", "l"), ("facts", "f"), ("load", "o"), ("cycle", "C"), ("analyse", "a"),
           ("link", "L"), ("members", "M"), ("dlopen", "D"), ("release-code", "r"), ("inputs", "i"),
           ("shared-headers", "h"), ("store", "s"), ("report", "R")]


def read(path):
    spans = []
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.match(line.strip())
            if m:
                ph, th, s, e, c, flt, what = m.groups()
                spans.append(dict(phase=ph, thread=int(th), start=float(s), end=float(e), cpu=float(c),
                                  faults=int(flt), what=what))
    return spans


def replay(costs, workers):
    """Jobs claimed in this order by the first free worker: (span, summed idle)."""
    free = [0.0] * workers
    for c in costs:
        k = min(range(workers), key=lambda i: free[i])
        free[k] += c
    span = max(free) if costs else 0.0
    return span, sum(span - f for f in free)


def draw(spans, width):
    end = max(s["end"] for s in spans)
    scale = width / end if end > 0 else 1.0
    rows = collections.defaultdict(lambda: [" "] * width)
    rank = {ph: i for i, (ph, _) in enumerate(LETTERS)}
    best = collections.defaultdict(lambda: [len(LETTERS)] * width)
    for s in spans:
        if s["phase"] not in rank:
            continue
        a, b = int(s["start"] * scale), max(int(s["start"] * scale) + 1, int(s["end"] * scale))
        for x in range(a, min(b, width)):
            if rank[s["phase"]] < best[s["thread"]][x]:
                best[s["thread"]][x] = rank[s["phase"]]
                rows[s["thread"]][x] = LETTERS[rank[s["phase"]]][1]
    print("wall clock, 0 to %.1f ms, %.1f ms a column:" % (end, end / width))
    for th in sorted(rows):
        print("  thread %d |%s|" % (th, "".join(rows[th])))
    print("  " + ", ".join("%s %s" % (ch, ph) for ph, ch in LETTERS))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trace", help="the standard error of alloccheck -vv")
    ap.add_argument("--width", type=int, default=100, help="columns of the drawing (default 100)")
    args = ap.parse_args()
    spans = read(args.trace)
    if not spans:
        sys.exit("timeline: %s: no trace lines (run alloccheck with -vv)" % args.trace)
    draw(spans, args.width)
    by = collections.defaultdict(list)
    for s in spans:
        by[s["phase"]].append(s)
    facts = {s["what"]: s for s in by["facts"]}
    loads = sorted(by["load"], key=lambda s: s["start"])
    workers = len({s["thread"] for s in loads}) or 1
    graph = next((GRAPH.search(s["what"]) for s in by["analysis-graph"] if s["thread"] == 0), None)
    if graph and int(graph.group(5)) > workers:
        workers = int(graph.group(5))
    costs = [s["cpu"] + (facts[s["what"]]["cpu"] if s["what"] in facts else 0.0) for s in loads]
    print()
    print("CPU ms, and the schedule replayed on %d idle core%s:" % (workers, "" if workers == 1 else "s"))
    first = min((s["start"] for s in by["parse"]), default=0.0)
    before = [s for s in spans if s["end"] <= first and s["phase"] in ("dlopen", "release-code", "inputs",
                                                                         "shared-headers")]
    for s in before:
        print("  before the first parse: %-14s thread %d  cpu %7.1f" % (s["phase"], s["thread"], s["cpu"]))
    span, idle = replay(costs, workers)
    total = sum(costs)
    print("  parse phase: %d TUs, cpu %.1f; replayed: span %.1f, idle %.1f (the last TUs: %s)"
          % (len(costs), total, span, idle,
             ", ".join("%s %.1f" % (s["what"].rsplit("/", 1)[-1], c) for s, c in list(zip(loads, costs))[-3:])))
    for ph in ("link", "members", "link-data", "store", "report"):
        for s in by[ph]:
            if "/" not in s["what"]:
                print("  %-12s one thread   cpu %7.1f" % (ph, s["cpu"]))
    if graph:
        cpu, critical, rspan, ridle = (float(graph.group(i)) for i in range(1, 5))
        print("  analysis: cpu %.1f, longest chain %.1f; replayed: span %.1f, idle %.1f" % (cpu, critical, rspan, ridle))
    for s in by["cycle"]:
        print("  a recursive group of functions: thread %d cpu %.1f (%s)" % (s["thread"], s["cpu"], s["what"]))
    amdahl(by, first, costs, span, graph, workers)


def busy(spans):
    """CPU ms per thread over the spans."""
    per = collections.defaultdict(float)
    for s in spans:
        per[s["thread"]] += s["cpu"]
    return per


def amdahl(by, first, costs, parse_span, graph, workers):
    """Each worker's busy CPU and idle in the two parallel phases, what runs
    while no worker parses or analyses, and the speed-up these CPU costs allow
    on the replayed schedule against one worker doing all of it."""
    print()
    print("Workers (CPU ms; idle is the replayed span less the worker's own CPU):")
    phases = [("parse", busy(by["load"] + by["facts"]), parse_span)]
    if graph:
        phases.append(("analysis", busy(by["analyse"]), float(graph.group(3))))
    for name, per, pspan in phases:
        print("  %-8s %s" % (name, ", ".join("thread %d busy %.1f idle %.1f" % (t, c, max(0.0, pspan - c))
                                             for t, c in sorted(per.items()))))
    # On the critical thread before the first parse (the load of libclang the
    # workers wait for, or the inputs read meanwhile), then the steps between
    # and after the parallel phases. The release of libclang's start-up code
    # holds up the parses only on a thread that parses (-j1): the thread that
    # loads it for -jN releases it while the workers parse.
    parsers = {s["thread"] for s in by["parse"]}
    before = max(busy([s for s in by_all(by) if s["end"] <= first and s["phase"] in
                       ("dlopen", "release-code", "inputs", "shared-headers") and
                       (s["phase"] != "release-code" or s["thread"] in parsers)]).values(), default=0.0)
    between = sum(s["cpu"] for ph in ("link", "members", "link-data", "store", "report")
                  for s in by[ph] if "/" not in s["what"])
    serial = before + between
    parallel = sum(costs) + (float(graph.group(1)) if graph else 0.0)
    spans = parse_span + (float(graph.group(3)) if graph else 0.0)
    one = serial + parallel
    print("  serial %.1f (before the first parse %.1f, between and after the phases %.1f), in parallel %.1f: "
          "serial fraction %.3f" % (serial, before, between, parallel, serial / one if one else 0.0))
    if spans > 0:
        print("  speed-up these costs allow on %d workers: %.2fx replayed (%.2fx with no idle)"
              % (workers, one / (serial + spans), one / (serial + parallel / workers)))


def by_all(by):
    return [s for spans in by.values() for s in spans]


if __name__ == "__main__":
    main()
