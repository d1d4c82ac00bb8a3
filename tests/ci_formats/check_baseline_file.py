"""check_baseline_file.py FILE N: FILE is a baseline (version 1) with N
findings, each with a 16-digit fingerprint, rule, file, function, message."""
import json
import sys

try:
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    assert doc["version"] == 1 and doc["tool"] == "alloccheck", "header"
    fs = doc["findings"]
    assert len(fs) == int(sys.argv[2]), f"{len(fs)} findings"
    for f in fs:
        assert len(f["fingerprint"]) == 16 and all(c in "0123456789abcdef" for c in f["fingerprint"]), f
        assert f["rule"] and f["file"] and f["function"] and f["message"], f
    assert len({f["fingerprint"] for f in fs}) == len(fs), "fingerprints not unique"
except (AssertionError, KeyError, ValueError) as e:
    print(f"{type(e).__name__}: {e}")
    sys.exit(1)
