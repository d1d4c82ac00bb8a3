#!/usr/bin/env python3
"""browser: the HTML report in a real browser (headless chromium over the
DevTools protocol, cdp.py), for CTest's html.browser.

    browser.py ALLOCCHECK SOURCE_ROOT WORKDIR

Makes the reports of inputs.py, then checks, with JavaScript on:
  - no JavaScript error or console error is logged, no dialog opens;
  - the table has one row per finding of the JSON output, in its order;
  - every finding's view has one bubble per step that has source, numbered
    in path order, right after its line, its marker at the step's column;
  - filters by rule, file, function and text change the visible rows to
    exactly the expected ones, and sorting reorders them;
  - keys move between steps (j/k) and findings (n/p), Esc goes back;
  - the hostile file names and lines show as text (no <img>, no alert);
and with JavaScript off: every finding, its steps and its source lines are
visible. Screenshots go to WORKDIR/*.png (the test's artifacts; readme.png
is the README's docs/html-report.png).
Exits 77 when chromium is not installed (CTest: skipped).
"""

import json
import os
import pathlib
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402
import inputs  # noqa: E402

FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL " + what)
    return cond


def url(path):
    return pathlib.Path(os.path.abspath(path)).as_uri()  # spaces and '#' in the path escaped


def steps_of(finding, base):
    """[(step number, line, col, readable)] of a JSON finding: its notes, then itself."""
    locs = [n.get("location") for n in finding["notes"]] + [finding["location"]]
    out = []
    for k, l in enumerate(locs, 1):
        if not l:
            continue
        path = l["file"] if os.path.isabs(l["file"]) else os.path.join(base, l["file"])
        out.append((k, l["line"], l.get("column", 1), os.path.exists(path)))
    return out


def go(page, fragment, timeout=60, assign=True):
    """Sets location.hash (unless assign is false: a key press did) and waits
    until the page shows what it names (a finding or the index), as a reader
    who followed a link would see it. The wait runs in the page (one round
    trip, polled after each task such as the hashchange handler), not as a
    sleep between evaluations: 700 views waited 14 s that way."""
    shown = ("document.body.classList.contains('v-index')" if fragment == "#index" else
             "document.body.classList.contains('v-finding') &&"
             " document.getElementById(%r).classList.contains('cur')" % fragment[1:])
    return page.eval("""new Promise(function (resolve) {
  var end = Date.now() + %d;
  (function poll() {
    if (location.hash === %r && %s) return resolve(true);
    if (%s && location.hash !== %r) location.hash = %r;
    if (Date.now() > end) return resolve(false);
    setTimeout(poll, 0);
  })();
})""" % (timeout * 1000, fragment, shown, "true" if assign else "false", fragment, fragment),
                     timeout=timeout + 10)


VIEW_JS = r"""(function (n) {
  var art = document.getElementById('f' + n);
  var enc = new TextEncoder();
  return Array.prototype.map.call(art.querySelectorAll('.view .bubble'), function (b) {
    var ln = b.previousElementSibling;
    while (ln && !ln.classList.contains('ln')) ln = ln.previousElementSibling;
    var mk = ln.querySelector('.mk[data-step="' + b.dataset.step + '"]');
    var before = '';
    for (var c = ln.firstChild.nextSibling; c && c !== mk; c = c.nextSibling)
      if (!(c.classList && c.classList.contains('mk'))) before += c.textContent;
    return [+b.dataset.step, +b.dataset.line, ln ? +ln.dataset.line : 0,
            mk ? enc.encode(before).length + 1 : 0, b.offsetHeight > 0];
  });
})(%d)"""


def check_views(page, report, base, name):
    for i, f in enumerate(report["findings"], 1):
        go(page, "#f%d" % i)
        got = page.eval(VIEW_JS % i)
        want = [s for s in steps_of(f, base) if s[3]]
        check([g[0] for g in got] == sorted(g[0] for g in got) or len(set(g[1] for g in got)) > 1,
              "%s #%d: bubbles of one line out of order: %s" % (name, i, got))
        check(len(got) == len(want), "%s #%d: %d bubbles for %d steps (a line shown twice?)"
              % (name, i, len(got), len(want)))
        got_by_step = {g[0]: g for g in got}
        check(sorted(got_by_step) == [s[0] for s in want],
              "%s #%d: bubbles for steps %s, want %s" % (name, i, sorted(got_by_step), [s[0] for s in want]))
        for k, line, col, _ in want:
            g = got_by_step.get(k)
            if not g:
                continue
            check(g[1] == line and g[2] == line, "%s #%d step %d: bubble at line %d (after line %d), want %d"
                  % (name, i, k, g[1], g[2], line))
            check(g[3] == col, "%s #%d step %d: marker at column %d, want %d" % (name, i, k, g[3], col))
            check(g[4], "%s #%d step %d: bubble not visible" % (name, i, k))


def visible_rows(page):
    return page.eval("Array.prototype.filter.call(document.querySelectorAll('#findings tbody tr'),"
                     " function (r) { return !r.hidden && r.offsetHeight > 0; }).map(function (r) { return r.id; })")


def set_filter(page, fid, value, event):
    page.eval("(function(){var e=document.getElementById(%r); e.value=%r;"
              " e.dispatchEvent(new Event(%r)); })()" % (fid, value, event))


def row_text(i, f):
    return ("%d%s%s:%d%s%s" % (i, f["rule"], f["location"]["file"], f["location"]["line"],
                               f["function"], f["message"])).lower()


PAGE = 250  # rows the table shows before "more" (report_html.js)


def check_rows(page, want, what):
    """The visible rows are the first PAGE of want, and the count names them all."""
    got = visible_rows(page)
    count = page.eval("document.getElementById('f-count').textContent")
    check(got == want[:PAGE] and str(len(want)) in count,
          "%s: %d rows visible (%s), want %d" % (what, len(got), count, len(want)))


def check_filters(page, report):
    go(page, '#index')
    fs = report["findings"]
    check_rows(page, ["r%d" % i for i in range(1, len(fs) + 1)], "at first")
    for rule in sorted(set(f["rule"] for f in fs)):
        set_filter(page, "f-rule", rule, "change")
        check_rows(page, ["r%d" % i for i, f in enumerate(fs, 1) if f["rule"] == rule], "rule filter " + rule)
    set_filter(page, "f-rule", "", "change")
    opts = page.eval("Array.prototype.map.call(document.querySelectorAll('#f-file option'),"
                     " function (o) { return [o.value, o.textContent.replace(/ \\(\\d+\\)$/, '')]; })")[1:]
    for value, path in opts[:3]:
        set_filter(page, "f-file", value, "change")
        want = ["r%d" % i for i, f in enumerate(fs, 1) if f["location"]["file"] == path]
        check(len(want) > 0, "file filter %s: no finding" % path)
        check_rows(page, want, "file filter " + path)
    set_filter(page, "f-file", "", "change")
    fn = fs[len(fs) // 2]["function"]
    set_filter(page, "f-fn", fn, "input")
    check_rows(page, ["r%d" % i for i, f in enumerate(fs, 1) if fn.lower() in f["function"].lower()],
               "function filter " + fn)
    set_filter(page, "f-fn", "", "input")
    for text in ("PyMem_Malloc", "is leaked when", "zz-no-such-text"):
        set_filter(page, "f-text", text, "input")
        check_rows(page, ["r%d" % i for i, f in enumerate(fs, 1) if text.lower() in row_text(i, f)],
                   "text search %r" % text)
    set_filter(page, "f-text", "", "input")
    if len(fs) > PAGE:
        page.eval("document.querySelector('.more').lastChild.click()")  # "show all"
        check(len(visible_rows(page)) == len(fs), "show all: every row visible")
    page.eval("document.querySelector('#findings thead th').click()")  # ascending (as it is)
    page.eval("document.querySelector('#findings thead th').click()")  # descending
    rows = visible_rows(page)
    check(rows[0] == "r%d" % len(fs) and rows[-1] == "r1", "sorting by # descending: %s..%s" % (rows[0], rows[-1]))
    page.eval("document.querySelector('#findings thead th').click()")
    for col, key in ((1, "rule"), (3, "function")):
        page.eval("document.querySelectorAll('#findings thead th')[%d].click()" % col)
        got = page.eval("Array.prototype.map.call(document.querySelectorAll('#findings tbody tr'),"
                        " function (r) { return r.cells[%d].textContent; })" % col)
        ordered = page.eval("(function (v) { var c = new Intl.Collator(undefined, {numeric: true,"
                            " sensitivity: 'base'}); return v.every(function (x, i) {"
                            " return i === 0 || c.compare(v[i - 1], x) <= 0; }); })(%s)" % json.dumps(got))
        check(ordered and sorted(got) == sorted(f[key] for f in fs), "sorting by %s" % key)
    page.eval("document.querySelector('#findings thead th').click()")  # back to the report's order


def current_step(page):
    return page.eval("(function(){var b=document.querySelector('.finding.cur .bubble.on');"
                     " return b ? +b.dataset.step : 0;})()")


def check_keys(page, report):
    multi = next((i for i, f in enumerate(report["findings"], 1) if len(f["notes"]) >= 2), None)
    if not check(multi, "a finding with two notes or more"):
        return
    go(page, "#f%d" % multi)
    check(current_step(page) == 1, "step 1 is current when a finding opens")
    page.key("j")
    check(current_step(page) == 2, "j moves to step 2")
    page.key("ArrowLeft")
    check(current_step(page) == 1, "ArrowLeft moves back to step 1")
    page.key("n")
    check(go(page, "#f%d" % (multi + 1), 10, assign=False), "n opens the next finding")
    page.key("p")
    check(go(page, "#f%d" % multi, 10, assign=False), "p opens the previous finding")
    page.key("Escape")
    check(go(page, "#index", 10, assign=False), "Escape goes back to the index")


def check_js_on(b, html, report, base, name, work):
    page = b.open(url(html))
    n = len(report["findings"])
    rows = page.eval("Array.prototype.map.call(document.querySelectorAll('#findings tbody tr'),"
                     " function (r) { return [r.dataset.rule, r.cells[3].textContent]; })")
    check(rows == [[f["rule"], f["function"]] for f in report["findings"]],
          "%s: table rows are the JSON findings in order (%d rows, %d findings)" % (name, len(rows), n))
    page.screenshot(os.path.join(work, name + "-index.png"))
    check_views(page, report, base, name)
    if name == "fixtures":
        check_filters(page, report)
        check_keys(page, report)
    check(page.errors == [], "%s: JavaScript errors: %s" % (name, page.errors))
    check(page.dialogs() == [], "%s: a dialog opened" % name)
    return page


def check_escape(b, html, report, work):
    page = b.open(url(html))
    check(page.eval("document.querySelectorAll('img, b').length") == 0, "escape: an <img> or <b> element exists")
    check(page.eval("document.scripts.length") == 2, "escape: a script element besides the report's two")
    check(page.dialogs() == [], "escape: a dialog opened")
    paths = page.eval("Array.prototype.map.call(document.querySelectorAll('#sources .path'),"
                      " function (e) { return e.textContent; })")
    check(sorted(paths) == sorted({f["location"]["file"] for f in report["findings"]}),
          "escape: file names shown as text: %s" % paths)
    for i in range(len(paths)):  # each file, as a reader opening it from a link
        page.eval("location.hash = '#F%d'" % i)
        deadline = time.monotonic() + 60  # as go(): a loaded machine renders slowly
        while time.monotonic() < deadline:
            if page.eval("document.body.classList.contains('v-source') && !!document.getElementById('F%d').dataset.ready" % i):
                break
            time.sleep(0.02)
    text = page.eval("document.getElementById('sources').textContent")
    check(inputs.HOSTILE_LINE in text and inputs.HOSTILE_STRING in text, "escape: the hostile lines shown as text")
    check(page.eval("document.querySelectorAll('#sources noscript').length") == 0, "escape: every file opened")
    for i in range(1, len(report["findings"]) + 1):
        go(page, "#f%d" % i)
        view = page.eval("document.querySelector('.finding.cur .view').textContent")
        check(inputs.HOSTILE_STRING in view or "q_leak" in page.eval("document.querySelector('.finding.cur').textContent"),
              "escape #%d: the view shows the source as text" % i)
    check(page.eval("document.querySelectorAll('img, b').length") == 0, "escape: views made an element")
    check(page.errors == [] and page.dialogs() == [], "escape: errors %s" % page.errors)
    page.screenshot(os.path.join(work, "escape.png"))


def check_js_off(html, report, work):
    with cdp.Browser(javascript=False) as b:
        page = b.open(url(html))
        check(page.eval("document.body.className") == "", "JS off: the page script ran")
        got = page.eval("Array.prototype.map.call(document.querySelectorAll('.finding'), function (a) {"
                        " return [a.id, a.offsetHeight > 0, a.querySelectorAll('.steps li').length,"
                        "  Array.prototype.every.call(a.querySelectorAll('.snip'), function (s) {"
                        "   return s.offsetHeight > 0; })]; })")
        want = [["f%d" % i, True, len(f["notes"]) + 1, True] for i, f in enumerate(report["findings"], 1)]
        check(got == want, "JS off: every finding visible with its steps and source lines")
        check(page.eval("document.querySelector('#sources .src > div[id]').offsetHeight > 0"),
              "JS off: the sources are visible")
        page.screenshot(os.path.join(work, "nojs.png"))


def readme_shot(html, work):
    """readme.png: the quick start's leak as the README shows it (docs/html-report.png
    is this file, copied by hand when the page changes)."""
    with cdp.Browser(width=980, height=640) as b:
        page = b.open(url(html) + "#f1")
        go(page, "#f1")
        check(page.errors == [], "examples: JavaScript errors: %s" % page.errors)
        page.screenshot(os.path.join(work, "readme.png"))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    alloccheck, root, work = sys.argv[1], sys.argv[2], sys.argv[3]
    if not cdp.find_chromium():
        print("SKIP chromium is not installed")
        sys.exit(77)
    os.makedirs(work, exist_ok=True)
    fx_html, fx = inputs.fixtures(alloccheck, root, work)
    es_html, es = inputs.escape(alloccheck, work)
    sy_html, sy = inputs.synthetic(alloccheck, work)
    with cdp.Browser(width=1100, height=760) as b:
        check_js_on(b, fx_html, fx, root, "fixtures", work)
        page = check_js_on(b, sy_html, sy, "/", "synthetic", work)
        go(page, "#f1")
        page.screenshot(os.path.join(work, "synthetic-finding.png"))
        check_escape(b, es_html, es, work)
        clean = os.path.join(work, "clean.html")
        inputs.run([alloccheck, "--no-cache", "--format", "html", "-o", clean, "fixtures/examples/good.c"],
                   cwd=root, ok=(0,))
        page = b.open(url(clean))
        check(page.eval("document.getElementById('f-count').textContent") == "0 findings" and page.errors == [],
              "a report without findings: %s" % page.errors)
    check_js_off(fx_html, fx, work)
    readme_shot(inputs.examples(alloccheck, root, work), work)
    print("%d failed checks; screenshots in %s" % (len(FAILS), work))
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
