/*
 * source: the text of the files findings point into, for the reporters
 * (snippets, the end of a finding's token, fingerprints).
 *
 * An AcSource is a cache of whole files read on first use. A file that cannot
 * be read is remembered as unreadable and yields no lines; reporters then
 * print or compute what they can without it. The caller bounds the memory:
 * findings come sorted by file, so a reporter clears the cache whenever it
 * moves on to the next file.
 */
#ifndef AC_SOURCE_H
#define AC_SOURCE_H

#include <stddef.h>

#include "cfg.h"
#include "vec.h"

typedef struct AcSourceFile {
	const char *path;      /* as the findings name it; not owned */
	char *text;            /* the whole file; NULL when it could not be read */
	size_t len;            /* bytes in text */
	AC_VEC(size_t) starts; /* byte offset of each line, line 1 first */
} AcSourceFile;

typedef struct AcSource {
	AC_VEC(AcSourceFile) files; /* zero-initialised means empty */
} AcSource;

/* Line `line` (1-based) of path without its end of line ("\n" or "\r\n"),
 * and its length in *len. The text is not NUL-terminated and stays valid
 * until the next ac_source_clear. Returns NULL when the file cannot be read
 * or has no such line. path must outlive the cache entry (until clear). */
const char *ac_source_line(AcSource *src, const char *path, unsigned line, size_t *len);

/* The exclusive end of the token that starts at loc: the identifier or
 * number, the run of operator characters ("->", "*", "=="), the string or
 * character literal, or the single other character there. Same line;
 * column 1-based and one past the token's last byte. When the file, line or
 * column cannot be read (or the column points at whitespace or past the end
 * of the line) the end is loc itself. */
AcLoc ac_source_token_end(AcSource *src, AcLoc loc);

/* One file outside a cache (a reporter that keeps every file it names, as
 * report_html.c does): ac_source_file_load reads f->path whole and indexes
 * its lines (f->text stays NULL when it cannot be read); ac_source_file_line
 * is ac_source_line for f; ac_source_file_free releases what load made. */
void ac_source_file_load(AcSourceFile *f);
const char *ac_source_file_line(const AcSourceFile *f, unsigned line, size_t *len);
void ac_source_file_free(AcSourceFile *f);

void ac_source_clear(AcSource *src); /* drops every cached file; src stays usable */
void ac_source_free(AcSource *src);  /* releases everything; src is empty again */

#endif
