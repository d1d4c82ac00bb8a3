#!/usr/bin/env python3
"""report: the HTML report read by an HTML parser, no browser (CTest's
html.report; html.browser does the rest in chromium).

    report.py ALLOCCHECK ALLOCCHECK_CC SOURCE_ROOT WORKDIR

Checks:
  - escaping: reports of hostile files (inputs.py) contain no element but
    the report's own (no <img>, no <b>, exactly two <script>s), and the
    hostile text comes back out of the parser as text;
  - self-contained: no <link>, no script or image source, no url() in the
    style, no reference that would need the network to render;
  - every finding of the JSON output has its row, its article and its steps;
    every rule with findings has its doc;
  - `alloccheck merge DIR --format html` of results that alloccheck-cc wrote
    during a compile has the same findings as the JSON merge;
  - the output is the same twice over (SOURCE_DATE_EPOCH set), but for the
    elapsed time.
"""

import html.parser
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import inputs  # noqa: E402

FAILS = []
OWN_TAGS = {"html", "head", "meta", "title", "style", "body", "script", "header", "h1", "h2", "h3", "h4", "h5",
            "h6", "a", "nav", "main", "section", "dl", "dt", "dd", "time", "span", "div", "table", "caption",
            "thead", "tbody", "tr", "th", "td", "form", "label", "select", "option", "input", "output", "article",
            "p", "code", "ol", "ul", "li", "pre", "details", "summary", "i", "strong", "em", "noscript", "mark"}


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL " + what)
    return cond


class Page(html.parser.HTMLParser):
    """Tags with their attributes, text outside scripts and styles, by id."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.ids, self.stack = [], [], {}, []
        self.raw = text
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            check(a["id"] not in self.ids, "duplicate id %s" % a["id"])
            self.ids[a["id"]] = a
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if not self.stack or self.stack[-1] not in ("script", "style"):
            self.text.append(data)


def read(path):
    with open(path, encoding="utf-8") as f:
        return Page(f.read())


def check_self_contained(p, name):
    for tag, a in p.tags:
        check(tag != "link" and not (tag in ("script", "img", "iframe", "embed", "object") and "src" in a),
              "%s: <%s> loads a resource" % (name, tag))
        href = a.get("href", "#")
        check(tag != "a" or href.startswith("#") or href.startswith("https://cwe.mitre.org/"),
              "%s: link outside the page: %s" % (name, href))
    style = p.raw[p.raw.index("<style>"):p.raw.index("</style>")]
    check("url(" not in style and "@import" not in style, "%s: the style loads a resource" % name)


def check_escaped(p, report):
    tags = {t for t, _ in p.tags}
    check(tags <= OWN_TAGS, "escape: elements the report does not write: %s" % (tags - OWN_TAGS))
    check(sum(1 for t, _ in p.tags if t == "script") == 2, "escape: script elements besides the report's two")
    text = "".join(p.text)
    check(inputs.HOSTILE_LINE in text and inputs.HOSTILE_STRING in text, "escape: the hostile lines as text")
    # with scripting on, a <noscript> is raw text up to the first "</noscript": none may come early
    raw = p.raw.lower()
    raw = raw[:raw.rindex("<script>")]  # the script's comments name the element
    check(raw.count("<noscript>") == raw.count("</noscript"), "escape: a </noscript> inside the content")
    for f in report["findings"]:
        check(f["location"]["file"] in text, "escape: path %r as text" % f["location"]["file"])


def check_findings(p, report, name):
    fs = report["findings"]
    check(len(fs) > 0, "%s: no findings" % name)
    for i, f in enumerate(fs, 1):
        check("r%d" % i in p.ids and "f%d" % i in p.ids, "%s #%d: row or article missing" % (name, i))
        check(p.ids.get("r%d" % i, {}).get("data-rule") == f["rule"], "%s #%d: row's rule" % (name, i))
    steps = sum(1 for t, a in p.tags if t == "li" and ("data-l" in a or a.get("class") == "end"))
    check(steps >= sum(len(f["notes"]) for f in fs), "%s: steps missing" % name)
    for rule in {f["rule"] for f in fs}:
        check("rule-" + rule in p.ids, "%s: the doc of %s" % (name, rule))
    text = "".join(p.text)
    for f in fs:
        check(f["message"] in text, "%s: message %r" % (name, f["message"]))


def check_merge(alloccheck, acc, root, work):
    """alloccheck-cc during a compile, then merge to HTML and JSON."""
    out = os.path.join(work, "cc-results")
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ, ALLOCCHECK_OUTPUT_DIR=out)
    for src in ("fixtures/leak/branches.c", "fixtures/examples/leaky_parser.c"):
        obj = os.path.join(work, os.path.basename(src) + ".o")
        inputs.run([acc, "cc", "-c", src, "-o", obj], cwd=root, env=env, ok=(0,))
    html_path, json_path = os.path.join(work, "merged.html"), os.path.join(work, "merged.json")
    inputs.run([alloccheck, "merge", out, "--format", "html", "-o", html_path], cwd=root)
    inputs.run([alloccheck, "merge", out, "--format", "json", "-o", json_path], cwd=root)
    with open(json_path) as f:
        merged = json.load(f)
    p = read(html_path)
    check_findings(p, merged, "merge")
    check(len(p.ids.get("F0", {})) > 0 or any(k.startswith("F0L") for k in p.ids), "merge: sources shown")


def check_deterministic(alloccheck, root, work, first):
    again = os.path.join(work, "again.html")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    inputs.run([alloccheck, "--no-cache", "--format", "html", "-o", again, "fixtures/", "--",
                "-Ifixtures/include"], cwd=root, env=env)
    strip = lambda s: re.sub(r"</time>, [0-9.]+ s", "</time>, - s", s)  # noqa: E731
    with open(first) as a, open(again) as b:
        check(strip(a.read()) == strip(b.read()), "two runs differ beyond the elapsed time")


def check_summary(alloccheck, root, work):
    """A run that hits a budget says so; a run without findings is a page too."""
    budget = os.path.join(work, "budget.html")
    inputs.run([alloccheck, "--no-cache", "-q", "--step-budget", "3", "--format", "html", "-o", budget,
                "fixtures/leak/branches.c"], cwd=root, ok=(0, 1))
    text = "".join(read(budget).text)
    check("hit:" in text and "stopped by the step budget" in text, "budget: the summary names the budget hit")
    clean = os.path.join(work, "clean.html")
    inputs.run([alloccheck, "--no-cache", "--format", "html", "-o", clean, "fixtures/examples/good.c"],
               cwd=root, ok=(0,))
    p = read(clean)
    check("No findings." in "".join(p.text) and "none hit" in "".join(p.text), "clean: no findings, no budget")
    check_self_contained(p, "clean")


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    alloccheck, acc, root, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    fx_html, fx = inputs.fixtures(alloccheck, root, work)
    p = read(fx_html)
    check_self_contained(p, "fixtures")
    check_findings(p, fx, "fixtures")
    es_html, es = inputs.escape(alloccheck, work)
    p = read(es_html)
    check_escaped(p, es)
    check_self_contained(p, "escape")
    sy_html, sy = inputs.synthetic(alloccheck, work)
    p = read(sy_html)
    check_findings(p, sy, "synthetic")
    check(set(f["rule"] for f in sy["findings"]) == set(inputs.list_rules(alloccheck)),
          "synthetic: a finding of every rule")
    check_merge(alloccheck, acc, root, work)
    check_deterministic(alloccheck, root, work, fx_html)
    check_summary(alloccheck, root, work)
    print("%d failed checks" % len(FAILS))
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
