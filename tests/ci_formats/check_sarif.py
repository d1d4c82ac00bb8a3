"""check_sarif.py REPORT ROOT [every-rule]: the SARIF log REPORT (written by
alloccheck from the directory ROOT) has one run, the tool version, every rule
of the registry with help, helpUri, security-severity (a string) and
precision, results with relative %SRCROOT% URIs, line-free partial
fingerprints, and codeFlows for the notes; with every-rule, results of every
rule. Prints why and exits 1 if not."""
import json
import sys
import urllib.parse

RULES = {"leak", "unchecked-alloc", "realloc-self-assign", "dealloc-mismatch",
         "double-free", "use-after-free", "free-nonheap", "free-offset"}


def main(path, root, every_rule):
    log = json.load(open(path, encoding="utf-8"))
    assert log["version"] == "2.1.0", "version"
    assert len(log["runs"]) == 1, "one run"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "alloccheck" and driver["version"], "tool version"
    ids = [r["id"] for r in driver["rules"]]
    assert RULES <= set(ids), f"rules {ids}"
    for r in driver["rules"]:
        assert r["help"]["markdown"].startswith("# " + r["id"]), f"help of {r['id']}"
        assert r["fullDescription"]["text"], r["id"]
        assert r["helpUri"].startswith("https://"), r["id"]
        props = r["properties"]
        assert isinstance(props["security-severity"], str), r["id"]
        float(props["security-severity"])
        assert props["precision"] in ("very-high", "high", "medium", "low"), r["id"]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    want = "file://" + urllib.parse.quote(root.rstrip("/") + "/")
    assert base == want, f"%SRCROOT% is {base}, expected {want}"
    seen = set()
    flows = 0
    for res in run["results"]:
        seen.add(res["ruleId"])
        assert ids[res["ruleIndex"]] == res["ruleId"], "ruleIndex"
        assert res["message"]["text"].endswith("."), "message ends with a period"
        art = res["locations"][0]["physicalLocation"]["artifactLocation"]
        assert art["uriBaseId"] == "%SRCROOT%" and not art["uri"].startswith("/"), art
        fp = res["partialFingerprints"]["alloccheck/v1"]
        assert len(fp) == 16, fp
        flows += "codeFlows" in res
    if len(run["results"]) > 0 and "fixtures/leak" in json.dumps(run["results"]):
        assert flows > 0, "no codeFlows"
    missing = RULES - seen if every_rule else set()
    assert not missing, f"no result of {missing}"


if __name__ == "__main__":
    try:
        main(sys.argv[1], sys.argv[2], sys.argv[3:] == ["every-rule"])
    except (AssertionError, KeyError, ValueError, IndexError) as e:
        print(f"{type(e).__name__}: {e}")
        sys.exit(1)
