/*
 * jtree: cJSON tree building with a sticky out-of-memory flag and UTF-8
 * repair, shared by the machine-readable reporters (see jtree.h).
 */
#include "jtree.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "mem.h"
#include "textfile.h"

/* The length of the valid UTF-8 sequence at s (NUL-terminated), or 0 when
 * none starts there: no overlong forms, surrogates or code points past
 * U+10FFFF. */
static size_t utf8_len(const unsigned char *s)
{
	static const unsigned min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	if (n == 0 || c > 0xF4)
		return 0;
	unsigned cp = c & (0x3Fu >> (n - 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) /* also stops at the NUL */
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if (cp < min_cp[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* s with each byte that starts no valid UTF-8 sequence replaced by U+FFFD,
 * in a block the caller frees with ac_free; NULL when s is valid as it is. */
static char *utf8_repair(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	while (u[i] && (n = utf8_len(u + i)) > 0)
		i += n;
	if (!u[i])
		return NULL;
	char *out = ac_malloc(strlen(s) * 3 + 1);
	size_t o = 0;
	for (i = 0; u[i]; i += n ? n : 1) {
		n = utf8_len(u + i);
		if (n) {
			memcpy(out + o, s + i, n);
			o += n;
		} else {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		}
	}
	out[o] = '\0';
	return out;
}

/* Puts item into parent (as member name, or appended when name is NULL);
 * deletes it and sets the flag when that fails. Returns item or NULL. */
static cJSON *attach(AcJTree *j, cJSON *parent, const char *name, cJSON *item)
{
	if (!parent) {
		cJSON_Delete(item);
		return NULL;
	}
	bool ok = item && (name ? cJSON_AddItemToObject(parent, name, item) : cJSON_AddItemToArray(parent, item));
	if (!ok) {
		cJSON_Delete(item); /* not in the tree; NULL is fine */
		j->oom = true;
		return NULL;
	}
	return item;
}

cJSON *ac_jtree_object(AcJTree *j, cJSON *parent, const char *name)
{
	return attach(j, parent, name, parent ? cJSON_CreateObject() : NULL);
}

cJSON *ac_jtree_array(AcJTree *j, cJSON *parent, const char *name)
{
	return attach(j, parent, name, parent ? cJSON_CreateArray() : NULL);
}

void ac_jtree_string(AcJTree *j, cJSON *parent, const char *name, const char *s)
{
	if (!parent)
		return;
	char *fixed = utf8_repair(s ? s : "");
	attach(j, parent, name, cJSON_CreateString(fixed ? fixed : s ? s : ""));
	ac_free(fixed);
}

void ac_jtree_number(AcJTree *j, cJSON *parent, const char *name, double v)
{
	if (parent)
		attach(j, parent, name, cJSON_CreateNumber(v));
}

void ac_jtree_bool(AcJTree *j, cJSON *parent, const char *name, bool v)
{
	if (parent)
		attach(j, parent, name, cJSON_CreateBool(v));
}

int ac_jtree_print(AcJTree *j, cJSON *root, FILE *out)
{
	char *text = j->oom || !root ? NULL : cJSON_Print(root);
	cJSON_Delete(root);
	if (!text) {
		/* what mem.c does on out of memory; a partial document must not be printed */
		fputs("alloccheck: out of memory\n", stderr);
		exit(2);
	}
	fputs(text, out);
	fputc('\n', out);
	cJSON_free(text);
	return ferror(out) ? -1 : 0;
}

cJSON *ac_jtree_parse_file(const char *path)
{
	char *text = ac_textfile_read(path, NULL);
	if (!text) {
		ac_error("%s:", path);
		return NULL;
	}
	const char *err = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &err, true);
	if (!root) {
		unsigned line, col;
		ac_textfile_position(text, err ? err : text, &line, &col);
		ac_error("%s:%u:%u: not valid JSON", path, line, col);
	}
	ac_free(text);
	return root;
}
