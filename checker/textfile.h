/*
 * textfile: reading a whole file into memory, and naming a position in such
 * a text, for the files alloccheck reads besides C sources (compile
 * databases, configuration, baselines) and the comment scan of suppressions.
 */
#ifndef AC_TEXTFILE_H
#define AC_TEXTFILE_H

#include <stddef.h>

/* The whole of path, NUL-terminated, in a block the caller frees with
 * ac_free; its length (without the NUL) in *len when len is not NULL.
 * Returns NULL with errno set when the file cannot be opened or read;
 * prints nothing. */
char *ac_textfile_read(const char *path, size_t *len);

/* The 1-based line and column of the byte at pos in text. */
void ac_textfile_position(const char *text, const char *pos, unsigned *line, unsigned *col);

#endif
