"""same_fingerprints.py A B: the SARIF logs A and B have the same results
(rule and message) with the same partialFingerprints, in the same order,
though B's lines may have moved."""
import json
import sys


def results(path):
    run = json.load(open(path, encoding="utf-8"))["runs"][0]
    return [(r["ruleId"], r["message"]["text"], r["partialFingerprints"]["alloccheck/v1"]) for r in run["results"]]


a, b = results(sys.argv[1]), results(sys.argv[2])
if a != b:
    diff = [(x, y) for x, y in zip(a, b) if x != y][:5]
    print(f"{len(a)} vs {len(b)} results; first differences: {diff}")
    sys.exit(1)
