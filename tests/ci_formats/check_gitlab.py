"""check_gitlab.py FILE [BEFORE]: FILE is a GitLab Code Quality report with at
least one finding of every rule, each with the required keys, GitLab's
severity words, a relative path, and a fingerprint unique in the report;
with BEFORE, the reports have the same fingerprints."""
import json
import sys

RULES = {"leak", "unchecked-alloc", "realloc-self-assign", "dealloc-mismatch",
         "double-free", "use-after-free", "free-nonheap", "free-offset"}
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}

try:
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    assert isinstance(doc, list) and doc, "not a non-empty array"
    for f in doc:
        assert isinstance(f["description"], str) and f["description"], f
        assert f["check_name"] in RULES, f
        assert len(f["fingerprint"]) == 16 and all(c in "0123456789abcdef" for c in f["fingerprint"]), f
        assert f["severity"] in SEVERITIES, f
        path = f["location"]["path"]
        assert path and not path.startswith("/") and not path.startswith("./"), f
        assert isinstance(f["location"]["lines"]["begin"], int) and f["location"]["lines"]["begin"] > 0, f
    assert {f["check_name"] for f in doc} == RULES, "not every rule"
    fps = [f["fingerprint"] for f in doc]
    assert len(set(fps)) == len(fps), "fingerprints not unique"
    if len(sys.argv) > 2:
        before = json.load(open(sys.argv[2], encoding="utf-8"))
        assert sorted(fps) == sorted(f["fingerprint"] for f in before), "fingerprints changed"
except (AssertionError, KeyError, TypeError, ValueError) as e:
    print(f"{type(e).__name__}: {e}")
    sys.exit(1)
