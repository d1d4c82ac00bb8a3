/*
 * markdown: a line-by-line renderer for the small Markdown subset of the
 * rule docs (markdown.h). Block structure is decided per line (fence,
 * heading, list item, blank, text); inline markup is rendered per paragraph
 * or item, with everything else escaped.
 */
#include "markdown.h"

#include <stdbool.h>
#include <string.h>

void ac_html_escape(FILE *out, const char *s, size_t n)
{
	size_t run = 0; /* bytes before s[i] not yet written */
	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\0': rep = "\xEF\xBF\xBD"; break; /* U+FFFD: HTML has no NUL */
		default: run++; continue;
		}
		fwrite(s + i - run, 1, run, out);
		fputs(rep, out);
		run = 0;
	}
	fwrite(s + n - run, 1, run, out);
}

typedef enum Block { B_NONE, B_PARA, B_UL, B_OL } Block;

typedef struct Md {
	FILE *out;
	Block open;   /* the block the previous lines are in */
	int shift;    /* added to heading levels */
} Md;

/* The end of the inline span that closes with delim (at most dlen bytes)
 * in s[0..n), or NULL. */
static const char *find_close(const char *s, size_t n, const char *delim, size_t dlen)
{
	for (size_t i = 0; i + dlen <= n; i++) {
		if (memcmp(s + i, delim, dlen) == 0)
			return s + i;
	}
	return NULL;
}

static bool safe_url(const char *u, size_t n)
{
	return (n > 8 && strncmp(u, "https://", 8) == 0) || (n > 7 && strncmp(u, "http://", 7) == 0) ||
	       (n > 1 && u[0] == '#');
}

static void write_inline(FILE *out, const char *s, size_t n);

/* [text](url) at s; returns the bytes consumed, 0 when it is not a link. */
static size_t write_link(FILE *out, const char *s, size_t n)
{
	const char *rb = find_close(s + 1, n - 1, "](", 2);
	if (!rb)
		return 0;
	const char *url = rb + 2;
	const char *end = find_close(url, n - (size_t)(url - s), ")", 1);
	if (!end)
		return 0;
	size_t ulen = (size_t)(end - url);
	if (safe_url(url, ulen)) {
		fputs("<a href=\"", out);
		ac_html_escape(out, url, ulen);
		fputs("\">", out);
	}
	write_inline(out, s + 1, (size_t)(rb - s - 1));
	if (safe_url(url, ulen))
		fputs("</a>", out);
	return (size_t)(end - s) + 1;
}

/* `code`, **bold** or *em* at s; returns the bytes consumed, 0 if none. */
static size_t write_span(FILE *out, const char *s, size_t n)
{
	static const struct { const char *delim; const char *tag; } spans[] = {
		{"`", "code"}, {"**", "strong"}, {"*", "em"},
	};
	for (size_t k = 0; k < sizeof spans / sizeof spans[0]; k++) {
		size_t d = strlen(spans[k].delim);
		if (n <= 2 * d || memcmp(s, spans[k].delim, d) != 0)
			continue;
		const char *end = find_close(s + d, n - d, spans[k].delim, d);
		if (!end || end == s + d)
			continue;
		fprintf(out, "<%s>", spans[k].tag);
		if (k == 0)
			ac_html_escape(out, s + d, (size_t)(end - s - d));
		else
			write_inline(out, s + d, (size_t)(end - s - d));
		fprintf(out, "</%s>", spans[k].tag);
		return (size_t)(end - s) + d;
	}
	return 0;
}

static void write_inline(FILE *out, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t used = 0;
		if (s[i] == '`' || s[i] == '*')
			used = write_span(out, s + i, n - i);
		else if (s[i] == '[')
			used = write_link(out, s + i, n - i);
		if (used) {
			i += used;
			continue;
		}
		ac_html_escape(out, s + i, 1);
		i++;
	}
}

static void close_block(Md *m)
{
	static const char *const closers[] = {"", "</p>\n", "</li></ul>\n", "</li></ol>\n"};
	fputs(closers[m->open], m->out);
	m->open = B_NONE;
}

/* A list item "- x" / "* x" / "12. x": its kind and where its text starts. */
static Block list_item(const char *s, size_t n, size_t *text)
{
	if (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') {
		*text = 2;
		return B_UL;
	}
	size_t i = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i + 1 < n && s[i] == '.' && s[i + 1] == ' ') {
		*text = i + 2;
		return B_OL;
	}
	return B_NONE;
}

static void heading(Md *m, const char *s, size_t n)
{
	size_t level = 0;
	while (level < n && s[level] == '#')
		level++;
	int h = (int)level + m->shift;
	h = h > 6 ? 6 : h;
	fprintf(m->out, "<h%d>", h);
	size_t skip = level < n && s[level] == ' ' ? level + 1 : level;
	write_inline(m->out, s + skip, n - skip);
	fprintf(m->out, "</h%d>\n", h);
}

/* One line outside a code fence. */
static void text_line(Md *m, const char *s, size_t n)
{
	size_t indent = 0;
	while (indent < n && (s[indent] == ' ' || s[indent] == '\t'))
		indent++;
	if (indent == n) {
		close_block(m);
		return;
	}
	size_t text;
	Block item = indent == 0 ? list_item(s, n, &text) : B_NONE;
	if (indent == 0 && s[0] == '#') {
		close_block(m);
		heading(m, s, n);
		return;
	}
	if (item != B_NONE) {
		if (m->open == item) {
			fputs("</li><li>", m->out);
		} else {
			close_block(m);
			fputs(item == B_UL ? "<ul><li>" : "<ol><li>", m->out);
		}
		m->open = item;
		write_inline(m->out, s + text, n - text);
		return;
	}
	if (m->open == B_NONE) {
		fputs("<p>", m->out);
		m->open = B_PARA;
	} else {
		fputc('\n', m->out);
	}
	write_inline(m->out, s + indent, n - indent);
}

void ac_markdown_write(FILE *out, const char *md, int shift)
{
	Md m = {.out = out, .shift = shift};
	bool fence = false;
	const char *s = md;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		if (n >= 3 && memcmp(s, "```", 3) == 0) {
			close_block(&m);
			fputs(fence ? "</code></pre>\n" : "<pre><code>", out);
			fence = !fence;
		} else if (fence) {
			ac_html_escape(out, s, n);
			fputc('\n', out);
		} else {
			text_line(&m, s, n);
		}
		s += n + (nl != NULL);
	}
	if (fence)
		fputs("</code></pre>\n", out);
	close_block(&m);
}
