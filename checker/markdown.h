/*
 * markdown: the rule docs (rules/<id>.md, embedded by rule_docs.h) as HTML,
 * for the HTML report (report_html.c).
 *
 * Only the Markdown those docs use: ATX headings, paragraphs, "- " and "1. "
 * lists (a line indented under an item continues it), fenced code blocks,
 * and inline `code`, **bold**, *emphasis* and [links](url). Everything else
 * is text. Every byte of the input is HTML-escaped; a link keeps its target
 * only when it is http(s) or a fragment (#...), so a doc cannot inject a
 * javascript: URL.
 */
#ifndef AC_MARKDOWN_H
#define AC_MARKDOWN_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..n) HTML-escaped (& < > " ' as character references): safe as
 * element text and inside a quoted attribute value. */
void ac_html_escape(FILE *out, const char *s, size_t n);

/* Writes the Markdown text md as HTML to out; headings of level L become
 * <h(L + shift)>, at most h6. */
void ac_markdown_write(FILE *out, const char *md, int shift);

#endif
