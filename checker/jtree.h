/*
 * jtree: helpers for the reporters that build a cJSON tree (json, sarif,
 * gitlab, baseline files), so every machine format escapes the same way and
 * stops the same way on out of memory.
 *
 * cJSON allocates with malloc and returns NULL when that fails. A failed call
 * sets the sticky flag AcJTree.oom, later calls on a NULL parent do nothing,
 * and ac_jtree_print refuses to print an incomplete tree: it ends the program
 * as mem.c does on out of memory (exit 2). Strings that are not valid UTF-8
 * (a path or an identifier in Latin-1) get U+FFFD for each bad byte, so the
 * output is always valid JSON.
 */
#ifndef AC_JTREE_H
#define AC_JTREE_H

#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

typedef struct AcJTree {
	bool oom; /* a cJSON allocation failed; the tree is incomplete */
} AcJTree;

/* A new object as member name of parent, or appended to the array parent
 * when name is NULL. Returns it, or NULL (parent NULL, or out of memory). */
cJSON *ac_jtree_object(AcJTree *j, cJSON *parent, const char *name);
/* The same for an array. */
cJSON *ac_jtree_array(AcJTree *j, cJSON *parent, const char *name);
/* parent.name = s (NULL: ""), repaired when not valid UTF-8; appended to
 * the array parent when name is NULL. */
void ac_jtree_string(AcJTree *j, cJSON *parent, const char *name, const char *s);
void ac_jtree_number(AcJTree *j, cJSON *parent, const char *name, double v);
void ac_jtree_bool(AcJTree *j, cJSON *parent, const char *name, bool v);

/* The JSON document in path, as a tree the caller deletes with cJSON_Delete;
 * NULL after one error line ("path: strerror", "path:L:C: not valid JSON"). */
cJSON *ac_jtree_parse_file(const char *path);

/* Prints root to out (formatted, with a final newline) and deletes it.
 * Exits 2 when j->oom is set or printing runs out of memory. Returns 0, or
 * -1 when writing failed (out's error flag is set). */
int ac_jtree_print(AcJTree *j, cJSON *root, FILE *out);

#endif
