/*
 * test_extent: the top-level blocks the HTML report shows as "the function
 * a note points into" (extent.c): function bodies with their declaration's
 * first line, comments and literals ignored, preprocessor branches, extern
 * "C", and the HTML escaping and Markdown subset of markdown.c.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <stdio.h>
#include <stdlib.h>

#include "extent.h"
#include "markdown.h"
#include "mem.h"
#include "test.h"

static const char src[] =
	"#include <stdlib.h>\n"                   /* 1 */
	"/* a comment with { */\n"                /* 2 */
	"static int\n"                            /* 3 */
	"f(int x)\n"                              /* 4 */
	"{\n"                                     /* 5 */
	"\tconst char *s = \"}\"; char c = '{';\n" /* 6 */
	"#ifdef A\n"                              /* 7 */
	"\tif (x) {\n"                            /* 8 */
	"#else\n"                                 /* 9 */
	"\tif (!x) {\n"                           /* 10 */
	"#endif\n"                                /* 11 */
	"\t\treturn 1; // }\n"                    /* 12 */
	"\t}\n"                                   /* 13 */
	"\treturn 0;\n"                           /* 14 */
	"}\n"                                     /* 15 */
	"struct s { int a; };\n"                  /* 16 */
	"#define M { \\\n"                        /* 17 */
	"  }\n"                                   /* 18 */
	"extern \"C\" {\n"                        /* 19 */
	"int g(void) { return 2; }\n"             /* 20 */
	"}\n"                                     /* 21 */
	"int h(void)\n"                           /* 22 */
	"{\n"                                     /* 23 */
	"}\n"                                     /* 24 */
	"#if W\n"                                 /* 25 */
	"int main(void) {\n"                      /* 26 */
	"#else\n"                                 /* 27 */
	"int wmain(void) {\n"                     /* 28 */
	"#endif\n"                                /* 29 */
	"  return 0;\n"                           /* 30 */
	"}\n";                                    /* 31 */

static void test_scan(void)
{
	size_t n;
	AcExtent *e = ac_extents_scan(src, sizeof src - 1, &n);
	ASSERT(5, n);
	ASSERT(3, e[0].first); /* the declaration, not its comment, not the brace */
	ASSERT(15, e[0].last);
	ASSERT(16, e[1].first);
	ASSERT(16, e[1].last);
	ASSERT(20, e[2].first); /* inside extern "C" */
	ASSERT(20, e[2].last);
	ASSERT(22, e[3].first);
	ASSERT(24, e[3].last);
	ASSERT(26, e[4].first); /* the header of the #if branch */
	ASSERT(31, e[4].last);
	ASSERT(1, ac_extent_find(e, n, 12) == &e[0]);
	ASSERT(1, ac_extent_find(e, n, 3) == &e[0]);
	ASSERT(1, ac_extent_find(e, n, 1) == NULL);
	ASSERT(1, ac_extent_find(e, n, 18) == NULL);
	ASSERT(1, ac_extent_find(e, n, 23) == &e[3]);
	ASSERT(1, ac_extent_find(e, n, 99) == NULL);
	ac_free(e);
	e = ac_extents_scan("", 0, &n);
	ASSERT(0, n);
	ac_free(e);
	e = ac_extents_scan("int f() { /* never closed", 25, &n);
	ASSERT(0, n);
	ac_free(e);
}

/* What fn writes to a FILE, as a string the caller frees. */
static char *capture(void (*fn)(FILE *, const char *), const char *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fn(f, arg);
	fclose(f);
	return buf;
}

static void esc(FILE *f, const char *s)
{
	ac_html_escape(f, s, strlen(s));
}

static void md(FILE *f, const char *s)
{
	ac_markdown_write(f, s, 2);
}

static void test_markdown(void)
{
	char *s = capture(esc, "</script><img onerror='x'>&\"");
	ASSERT_STR("&lt;/script&gt;&lt;img onerror=&#39;x&#39;&gt;&amp;&quot;", s);
	free(s);
	s = capture(md, "# T <b>\n\nSome `a<b` and **bold** [l](https://x.org/?a&b) "
		        "[j](javascript:alert(1)).\n\n- one\n- two\n\n```c\nif (a < b) {}\n```\n");
	ASSERT_STR("<h3>T &lt;b&gt;</h3>\n<p>Some <code>a&lt;b</code> and <strong>bold</strong> "
		   "<a href=\"https://x.org/?a&amp;b\">l</a> j).</p>\n<ul><li>one</li><li>two</li></ul>\n"
		   "<pre><code>if (a &lt; b) {}\n</code></pre>\n", s);
	free(s);
}

int main(void)
{
	test_scan();
	test_markdown();
	return test_done();
}
