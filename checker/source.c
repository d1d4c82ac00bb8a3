/*
 * source: a cache of whole source files indexed by line, and a small
 * tokenizer that finds where the token at a location ends. The tokenizer
 * knows just enough C to measure one token on one line: identifiers, numbers
 * (pp-numbers, so 0x1p-3 and 10UL are one token), literals, runs of operator
 * characters. Bytes >= 0x80 count as identifier characters so that a UTF-8
 * identifier is one token.
 */
#include "source.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"

void ac_source_file_load(AcSourceFile *f)
{
	FILE *in = fopen(f->path, "rb");
	if (!in)
		return;
	size_t cap = 0;
	size_t n;
	do {
		if (f->len == cap) {
			cap = cap ? cap * 2 : 16384;
			f->text = ac_realloc(f->text, cap);
		}
		n = fread(f->text + f->len, 1, cap - f->len, in);
		f->len += n;
	} while (n > 0);
	bool bad = ferror(in);
	fclose(in);
	if (bad) {
		ac_free(f->text);
		f->text = NULL;
		f->len = 0;
		return;
	}
	AC_VEC_PUSH(&f->starts, 0);
	for (size_t i = 0; i < f->len; i++) {
		if (f->text[i] == '\n' && i + 1 < f->len)
			AC_VEC_PUSH(&f->starts, i + 1);
	}
}

static const AcSourceFile *get(AcSource *src, const char *path)
{
	for (size_t i = 0; i < src->files.n; i++) {
		if (strcmp(src->files.v[i].path, path) == 0)
			return &src->files.v[i];
	}
	AcSourceFile f = {.path = path};
	ac_source_file_load(&f);
	AC_VEC_PUSH(&src->files, f);
	return &src->files.v[src->files.n - 1];
}

const char *ac_source_line(AcSource *src, const char *path, unsigned line, size_t *len)
{
	return path ? ac_source_file_line(get(src, path), line, len) : NULL;
}

const char *ac_source_file_line(const AcSourceFile *f, unsigned line, size_t *len)
{
	if (!f->text || line == 0 || line > f->starts.n)
		return NULL;
	size_t start = f->starts.v[line - 1];
	const char *s = f->text + start;
	const char *nl = memchr(s, '\n', f->len - start);
	*len = nl ? (size_t)(nl - s) : f->len - start;
	if (*len && s[*len - 1] == '\r')
		(*len)--;
	return s;
}

static bool is_ident(unsigned char c)
{
	return c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool is_operator(unsigned char c)
{
	return c && strchr("!%&*+-/<=>^|~?:", c) != NULL;
}

/* pp-number -> digit | . digit, then identifier characters, '.', and a sign
 * after an exponent letter (e, E, p, P). */
static size_t number_len(const char *s, size_t n)
{
	size_t i = 1;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		bool sign = (c == '+' || c == '-') && strchr("eEpP", s[i - 1]);
		if (!is_ident(c) && c != '.' && !sign)
			break;
		i++;
	}
	return i;
}

/* A string or character literal that opens with s[0]; to the closing quote,
 * or to the end of the line when it is not closed there. */
static size_t literal_len(const char *s, size_t n)
{
	size_t i = 1;
	while (i < n && s[i] != s[0])
		i += s[i] == '\\' ? 2 : 1;
	return i < n ? i + 1 : n;
}

/* The length of the token at s[0..n), n > 0; 0 for whitespace. */
static size_t token_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t i = 1;
	if (c == ' ' || c == '\t' || c == '\f' || c == '\v')
		return 0;
	if ((c >= '0' && c <= '9') || (c == '.' && n > 1 && s[1] >= '0' && s[1] <= '9'))
		return number_len(s, n);
	if (c == '"' || c == '\'')
		return literal_len(s, n);
	if (is_ident(c)) {
		while (i < n && is_ident((unsigned char)s[i]))
			i++;
		bool prefix = (i == 1 && strchr("LuU", c)) || (i == 2 && s[0] == 'u' && s[1] == '8');
		if (prefix && i < n && (s[i] == '"' || s[i] == '\'')) /* L"x", u8"x", U'x' */
			return i + literal_len(s + i, n - i);
		return i;
	}
	if (is_operator(c)) {
		while (i < n && is_operator((unsigned char)s[i]))
			i++;
	}
	return i;
}

AcLoc ac_source_token_end(AcSource *src, AcLoc loc)
{
	size_t len;
	const char *s = ac_source_line(src, loc.file, loc.line, &len);
	if (!s || loc.col == 0 || loc.col > len)
		return loc;
	loc.col += (unsigned)token_len(s + loc.col - 1, len - (loc.col - 1));
	return loc;
}

void ac_source_file_free(AcSourceFile *f)
{
	ac_free(f->text);
	f->text = NULL;
	f->len = 0;
	AC_VEC_FREE(&f->starts);
}

void ac_source_clear(AcSource *src)
{
	for (size_t i = 0; i < src->files.n; i++)
		ac_source_file_free(&src->files.v[i]);
	src->files.n = 0;
}

void ac_source_free(AcSource *src)
{
	ac_source_clear(src);
	AC_VEC_FREE(&src->files);
}
