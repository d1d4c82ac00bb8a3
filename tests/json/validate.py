#!/usr/bin/env python3
"""Checks alloccheck --format json documents (tests/json.cmake runs it).

  validate.py --schema S [--rules FILE] [--min-errors N] [--findings N]
              [--error PATH=REASON]... DOC...
      Each DOC (a whole file: nothing but the document) must be valid against
      the JSON Schema S, give every finding a CWE, have fingerprints unique
      within the document, and agree with itself (stats against the arrays,
      the rule ids against FILE). With --rules (the output of
      alloccheck --list-rules), every rule listed must be reported somewhere
      in the DOCs, so that each rule's real output is validated. --error
      lists the errors array exactly, in order; --findings the number of
      findings.
  validate.py --shifted A B N
      B is A's run on copies of the same files with N lines prepended to each
      .c file: the same findings with the same fingerprints, N lines further
      down.

Needs Debian's python3-jsonschema (draft 2020-12: jsonschema >= 4).
"""
import argparse
import json
import sys

try:
    import jsonschema
except ImportError:
    print("validate.py: the Python module jsonschema is missing "
          "(apt-get install python3-jsonschema)")
    sys.exit(3)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)  # fails on anything after the document


def check_doc(doc, validator, rules, args):
    problems = []
    for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        problems.append(f"schema: {where}: {e.message}")
    if problems:
        return problems  # the checks below rely on the shape
    findings = doc["findings"]
    seen = {}
    for i, f in enumerate(findings):
        if "cwe" not in f:
            problems.append(f"findings/{i}: rule {f['rule']} has no CWE")
        if rules is not None and f["rule"] not in rules:
            problems.append(f"findings/{i}: rule {f['rule']} is not in --list-rules")
        fp = f["fingerprint"]
        if fp in seen:
            problems.append(f"findings/{i}: fingerprint {fp} also on findings/{seen[fp]}")
        seen.setdefault(fp, i)
    stats = doc["stats"]
    if stats["findings"] != len(findings):
        problems.append(f"stats.findings is {stats['findings']}, {len(findings)} findings")
    if stats["files_failed"] != len(doc["errors"]):
        problems.append(f"stats.files_failed is {stats['files_failed']}, {len(doc['errors'])} errors")
    if len(doc["errors"]) < args.min_errors:
        problems.append(f"{len(doc['errors'])} errors, expected at least {args.min_errors}")
    if args.error:
        errors = [f"{e['path']}={e['reason']}" for e in doc["errors"]]
        if errors != args.error:
            problems.append(f"errors are {errors}, expected {args.error}")
    if args.findings is not None and len(findings) != args.findings:
        problems.append(f"{len(findings)} findings, expected {args.findings}")
    return problems


def validate(args):
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    rules = None
    if args.rules:
        with open(args.rules, encoding="utf-8") as f:
            rules = [line.split()[0] for line in f if line.strip()]
    failed = False
    reported = set()
    for path in args.docs:
        doc = load(path)
        problems = check_doc(doc, validator, rules, args)
        for p in problems:
            print(f"{path}: {p}")
        failed |= bool(problems)
        if not problems:
            reported |= {f["rule"] for f in doc["findings"]}
            print(f"{path}: ok ({len(doc['findings'])} findings, {len(doc['errors'])} errors)")
    for rule in rules or []:
        if rule not in reported:
            print(f"rule {rule} (in --list-rules) is reported in none of the documents: "
                  f"fixtures/{rule}/ needs files with findings of it")
            failed = True
    return 1 if failed else 0


def locations(finding):
    yield finding["location"]
    for n in finding["notes"]:
        if "location" in n:
            yield n["location"]


def shifted(a_path, b_path, by):
    a, b = load(a_path)["findings"], load(b_path)["findings"]
    problems = []
    if len(a) != len(b):
        problems.append(f"{len(a)} findings before the shift, {len(b)} after")
    for i, (fa, fb) in enumerate(zip(a, b)):
        what = f"findings/{i} ({fa['rule']} in {fa['function']} at " \
               f"{fa['location']['file']}:{fa['location'].get('line')})"
        if fa["fingerprint"] != fb["fingerprint"]:
            problems.append(f"{what}: fingerprint {fa['fingerprint']} became {fb['fingerprint']}")
        for la, lb in zip(locations(fa), locations(fb)):
            want = la.get("line", 0) + (by if la["file"].endswith(".c") else 0)
            if la["file"] != lb["file"] or lb.get("line", 0) != want:
                problems.append(f"{what}: location {lb} is not {la} moved by {by} lines")
    for p in problems:
        print(p)
    if not problems:
        print(f"{len(a)} fingerprints unchanged by {by} lines prepended")
    return 1 if problems or not a else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schema")
    ap.add_argument("--rules")
    ap.add_argument("--min-errors", type=int, default=0)
    ap.add_argument("--findings", type=int)
    ap.add_argument("--error", action="append", default=[], metavar="PATH=REASON")
    ap.add_argument("--shifted", nargs=3, metavar=("A", "B", "N"))
    ap.add_argument("docs", nargs="*")
    args = ap.parse_args()
    if args.shifted:
        return shifted(args.shifted[0], args.shifted[1], int(args.shifted[2]))
    if not args.schema or not args.docs:
        ap.error("--schema and at least one DOC are needed")
    return validate(args)


if __name__ == "__main__":
    sys.exit(main())
