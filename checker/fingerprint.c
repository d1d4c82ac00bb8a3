/*
 * fingerprint: FNV-1a over a finding's file, rule, function and normalised
 * statement text (see fingerprint.h for the exact recipe, which baselines
 * depend on: changing it changes every fingerprint). FNV-1a is streamable,
 * so the hash of the four parts is computed once per finding and the
 * occurrence index is hashed on top of it after the findings that share the
 * parts have been counted.
 */
#include "fingerprint.h"

#include <assert.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "source.h"

static const uint64_t fnv_offset = 0xcbf29ce484222325u;
static const uint64_t fnv_prime = 0x100000001b3u;

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= fnv_prime;
	}
	return h;
}

/* s and its terminating NUL; NULL hashes as "". */
static uint64_t fnv_field(uint64_t h, const char *s)
{
	if (!s)
		s = "";
	return fnv(h, s, strlen(s) + 1);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The end of the string or character literal that opens at text[i]: the
 * index after its closing quote, or n. */
static size_t skip_literal(const char *text, size_t n, size_t i)
{
	char quote = text[i++];
	while (i < n && text[i] != quote)
		i += text[i] == '\\' ? 2 : 1;
	return i < n ? i + 1 : n;
}

/* Copies text[from..to) to out+o without whitespace; returns the new o. */
static size_t copy_dense(const char *text, size_t from, size_t to, char *out, size_t o)
{
	for (size_t i = from; i < to; i++) {
		if (!is_space(text[i]))
			out[o++] = text[i];
	}
	return o;
}

size_t ac_fingerprint_normalise(const char *text, size_t n, char *out)
{
	size_t o = 0;
	size_t i = 0;
	while (i < n) {
		char c = text[i];
		char next = i + 1 < n ? text[i + 1] : '\0';
		if (c == '/' && next == '/')
			break;
		if (c == '/' && next == '*') {
			const char *close = NULL;
			for (size_t j = i + 2; j + 1 < n && !close; j++)
				close = text[j] == '*' && text[j + 1] == '/' ? text + j : NULL;
			if (!close)
				break;
			i = (size_t)(close - text) + 2;
			continue;
		}
		if (c == '"' || c == '\'') {
			size_t end = skip_literal(text, n, i);
			o = copy_dense(text, i, end, out, o);
			i = end;
			continue;
		}
		if (!is_space(c))
			out[o++] = c;
		i++;
	}
	return o;
}

/* The hash of the key's four parts, before the occurrence index. */
static uint64_t key_hash(const AcFingerprintKey *key)
{
	const char *file = key->file;
	if (file) {
		while (file[0] == '.' && file[1] == '/') {
			file += 2;
			while (*file == '/')
				file++;
		}
	}
	uint64_t h = fnv_field(fnv_offset, file);
	h = fnv_field(h, key->rule);
	h = fnv_field(h, key->function);
	if (key->text && key->ntext) {
		char *dense = ac_malloc(key->ntext);
		h = fnv(h, dense, ac_fingerprint_normalise(key->text, key->ntext, dense));
		ac_free(dense);
	}
	return fnv(h, "", 1);
}

static AcFingerprint finish(uint64_t h, size_t occurrence)
{
	char digits[24];
	int n = snprintf(digits, sizeof digits, "%zu", occurrence);
	h = fnv(h, digits, (size_t)n);
	AcFingerprint fp;
	snprintf(fp.hex, sizeof fp.hex, "%016" PRIx64, h);
	return fp;
}

AcFingerprint ac_fingerprint(const AcFingerprintKey *key, size_t occurrence)
{
	assert(key);
	return finish(key_hash(key), occurrence);
}

/* A finding's key hash and its index in the report, sorted to count
 * occurrences. */
typedef struct Keyed {
	uint64_t h;
	size_t i;
} Keyed;

static int cmp_keyed(const void *pa, const void *pb)
{
	const Keyed *a = pa, *b = pb;
	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

static uint64_t finding_hash(AcSource *src, const AcFinding *f)
{
	AcFingerprintKey key = {.file = f->loc.file, .rule = f->rule, .function = f->function};
	if (f->origin) {
		key.text = f->origin;
		key.ntext = strlen(f->origin);
	} else {
		key.text = ac_source_line(src, f->loc.file, f->loc.line, &key.ntext);
	}
	if (!key.text && f->message) {
		key.text = f->message;
		key.ntext = strlen(f->message);
	}
	return key_hash(&key);
}

void ac_fingerprints(const AcFindings *fs, AcFingerprint *out)
{
	size_t n = fs->list.n;
	Keyed *keyed = ac_malloc(n * sizeof *keyed);
	AcSource src = {0};
	const char *file = NULL;
	for (size_t i = 0; i < n; i++) {
		const AcFinding *f = &fs->list.v[i];
		if (!file || !f->loc.file || strcmp(file, f->loc.file) != 0)
			ac_source_clear(&src); /* sorted by file: the previous one is done */
		file = f->loc.file;
		keyed[i] = (Keyed){finding_hash(&src, f), i};
	}
	ac_source_free(&src);
	qsort(keyed, n, sizeof *keyed, cmp_keyed);
	size_t occurrence = 0;
	for (size_t k = 0; k < n; k++) {
		occurrence = k > 0 && keyed[k].h == keyed[k - 1].h ? occurrence + 1 : 0;
		out[keyed[k].i] = finish(keyed[k].h, occurrence);
	}
	ac_free(keyed);
}
