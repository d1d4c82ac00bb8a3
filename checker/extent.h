/*
 * extent: where the functions of a C source file begin and end, read from
 * its text, for reporters that show "the function this note points into"
 * (report_html.c) without the parser: a finding of a merged run, or a note
 * in a file another translation unit analysed, has only a file and a line.
 *
 * A small scanner finds the top-level brace blocks (function bodies, and
 * struct, enum and initializer bodies at file scope) and, for each, the line
 * where the declaration that opens it starts. It knows comments, string and
 * character literals, preprocessor lines (a directive's braces do not count;
 * after #else and #elif the depth goes back to what it was at the #if, so an
 * `if (a) {` written twice under #ifdef/#else opens one block, and a
 * function whose header is written twice starts at the first one) and
 * `extern "C" {`, which is transparent. Mismatched braces past that give
 * blocks that are too long or too short, never a crash: the result is a
 * display hint, never used by the analysis.
 */
#ifndef AC_EXTENT_H
#define AC_EXTENT_H

#include <stddef.h>

typedef struct AcExtent {
	unsigned first; /* 1-based line where the declaration starts (its first token) */
	unsigned last;  /* line of the closing brace */
} AcExtent;

/* The top-level blocks of text[0..len), in source order and disjoint, in a
 * block the caller frees with ac_free; their number in *n. */
AcExtent *ac_extents_scan(const char *text, size_t len, size_t *n);

/* The extent of v[0..n) (as ac_extents_scan returns them) that holds line,
 * or NULL when line is outside every block. */
const AcExtent *ac_extent_find(const AcExtent *v, size_t n, unsigned line);

#endif
