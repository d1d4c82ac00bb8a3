"""inputs: the reports the HTML tests read, made in a work directory.

- fixtures.html / fixtures.json: alloccheck over fixtures/ (every rule's
  true positives), HTML and JSON of the same run;
- escape.html: files whose names and lines are HTML (`<b>.c`, a line with
  `</script><img onerror=...>`), analysed for real;
- synthetic.html / synthetic.json: `alloccheck merge` of a hand-written
  result document with one finding per rule of --list-rules whose notes
  cross files, go backwards, share a line, point past UTF-8 and tabs, into
  a missing file and nowhere: what the analysis may produce later (notes
  in other files), without depending on the analysis.
"""

import json
import os
import subprocess

HOSTILE_LINE = '/* </noscript></script><img src=x onerror="alert(1)"> <b>bold</b> &amp; */'
HOSTILE_STRING = '"</script><script>alert(2)</script>"'
HOSTILE_FILES = {
    "<b>.c": """#include <stdlib.h>
char *esc_leak(int n)
{
%s
	char *p = malloc(n);
	const char *s = %s;
	if (n > 10)
		return NULL;
	if (p)
		p[0] = s[0];
	return p;
}
""" % (HOSTILE_LINE, HOSTILE_STRING),
    "q\"'&amp;.c": """#include <stdlib.h>
void q_leak(void)
{
	char *p = malloc(4);
	if (!p)
		return;
	p[0] = '<';
}
""",
}

MAIN_C = """#include <stdlib.h>
#include "util.h"

/* \u00e9t\u00e9: UTF-8 before a column */
int run(int n)
{
\tchar *caf\u00e9 = make(n);\t/* tab, then a note at the call */
\tfor (int i = 0; i < n; i++) {
\t\tif (i == 3)
\t\t\tcontinue;
\t\tuse(caf\u00e9, i);
\t}
\treturn 0;
}
"""

UTIL_C = """#include <stdlib.h>

static int unused(void)
{
	return 0;
}

char *make(int n)
{
	char *p = malloc(n);
	return p;
}

void use(char *p, int i)
{
	p[i] = 0;
}
"""


GEN_PYX = """# Cython source a #line directive may lead to: no braces, no functions
def fill(int n):
    cdef char *buf = <char *> malloc(n)
    if not buf:
        raise MemoryError()
    return 0
"""


def run(cmd, cwd=None, env=None, ok=(0, 1)):
    r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode not in ok:
        raise SystemExit("FAIL %s exited %d: %s" % (cmd, r.returncode, r.stderr.decode(errors="replace")))
    return r


def list_rules(alloccheck):
    out = run([alloccheck, "--list-rules"], ok=(0,)).stdout.decode()
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def fixtures(alloccheck, root, work):
    """fixtures.html and fixtures.json, paths relative to root."""
    common = [alloccheck, "--no-cache", "fixtures/", "--", "-Ifixtures/include"]
    html, js = os.path.join(work, "fixtures.html"), os.path.join(work, "fixtures.json")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    run(common[:2] + ["--format", "html", "-o", html] + common[2:], cwd=root, env=env)
    run(common[:2] + ["--format", "json", "-o", js] + common[2:], cwd=root)
    with open(js) as f:
        return html, json.load(f)


def examples(alloccheck, root, work):
    """examples.html: the quick start's run (fixtures/examples/), as the README shows it."""
    html = os.path.join(work, "examples.html")
    run([alloccheck, "--no-cache", "--format", "html", "-o", html, "fixtures/examples/"], cwd=root)
    return html


def escape(alloccheck, work):
    """escape.html from the hostile files, analysed in work/escape/."""
    d = os.path.join(work, "escape")
    os.makedirs(d, exist_ok=True)
    for name, text in HOSTILE_FILES.items():
        with open(os.path.join(d, name), "w") as f:
            f.write(text)
    html, js = os.path.join(work, "escape.html"), os.path.join(work, "escape.json")
    run([alloccheck, "--no-cache", "--format", "html", "-o", html, "."], cwd=d)
    run([alloccheck, "--no-cache", "--format", "json", "-o", js, "."], cwd=d)
    with open(js) as f:
        return html, json.load(f)


def loc(path, line, col):
    return {"file": path, "line": line, "column": col}


def synthetic_findings(rules, d):
    main, util = os.path.join(d, "main.c"), os.path.join(d, "lib", "util.c")
    pyx = os.path.join(d, "lib", "gen.pyx")
    out = []
    for k, rule in enumerate(rules):
        notes = [
            {"message": "memory is allocated here, in another file", "location": loc(util, 10, 12)},
            {"message": "returned to the caller", "location": loc(util, 11, 2)},
            {"message": "the result of make() lands here (after a tab and UTF-8)", "location": loc(main, 7, 16)},
            {"message": "the loop is entered", "location": loc(main, 8, 2)},
            {"message": "taking the false branch", "location": loc(main, 9, 7)},
            {"message": "a second note on the same line, further right", "location": loc(main, 9, 9)},
            {"message": "back to the top of the loop (a note above the previous one)", "location": loc(main, 8, 25)},
            {"message": "used in another file", "location": loc(util, 16, 2)},
            {"message": "in Cython source (outside any braces)", "location": loc(pyx, 3, 22)},
            {"message": "two lines further: one window with the previous note's", "location": loc(pyx, 5, 9)},
            {"message": "a note in a file that no longer exists", "location": loc(os.path.join(d, "gone.c"), 5, 1)},
            {"message": "a note without a location"},
        ]
        out.append({"rule": rule, "severity": "warning",
                    "message": "synthetic %s finding <script>alert(%d)</script>" % (rule, k),
                    "location": loc(main, 13, 2), "function": "run", "notes": notes})
    return out


def synthetic(alloccheck, work):
    """synthetic.html and .json: merge of a result naming every rule."""
    d = os.path.join(work, "synthetic")
    os.makedirs(os.path.join(d, "lib"), exist_ok=True)
    os.makedirs(os.path.join(d, "results"), exist_ok=True)
    for rel, text in (("main.c", MAIN_C), ("lib/util.c", UTIL_C), ("lib/gen.pyx", GEN_PYX)):
        with open(os.path.join(d, rel), "w", encoding="utf-8") as f:
            f.write(text)
    doc = {"version": 1, "tool": {"name": "alloccheck", "version": "test"},
           "findings": synthetic_findings(list_rules(alloccheck), d), "errors": [],
           "stats": {"files_analysed": 2, "files_failed": 0, "functions_analysed": 4,
                     "findings": 0, "elapsed_ms": 1}}
    with open(os.path.join(d, "results", "run.json"), "w") as f:
        json.dump(doc, f)
    html, js = os.path.join(work, "synthetic.html"), os.path.join(work, "synthetic.json")
    run([alloccheck, "merge", os.path.join(d, "results"), "--format", "html", "-o", html])
    run([alloccheck, "merge", os.path.join(d, "results"), "--format", "json", "-o", js])
    with open(js) as f:
        return html, json.load(f)
