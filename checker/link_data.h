/*
 * link_data: a TU's part in the link step (jobs.h AcLinkData), made from the
 * program it was analysed in: the summaries of its functions with external
 * linkage, the external names its calls used with what they reached, and
 * its stores into pointers to functions. The result cache, --program-summaries
 * and the IR files of alloccheck-cc (ir_file.h) keep it, so that a TU whose
 * results were kept takes part in a later link step and is analysed again
 * when what it used changed.
 */
#ifndef AC_LINK_DATA_H
#define AC_LINK_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "jobs.h"
#include "program.h"

/* What an external name reaches in p now: its summary's text (sums: per
 * body, the summaries the engine made), or "-"; for a call through a
 * file-scope pointer (a name made by ac_link_data_collect), the function
 * the pointer is known to hold, or "-"; for a global variable the TU uses
 * (another such name), whether its address is taken anywhere ("1", "0"). */
const char *ac_link_current_text(const AcProgram *p, char *const *sums, const char *name);

/* Adds to l the link data of TU t of p (with IR), analysed just now: its
 * stores into pointers to functions, its exported summaries, and the
 * external names its calls used, each once, with what they reached, and
 * the global variables it uses with whether their address is taken. */
void ac_link_data_collect(const AcProgram *p, char *const *sums, size_t t, AcLinkData *l);

/* The first line of a program summaries file (--program-summaries, and the
 * one merge leaves in each result directory): then NAME<TAB>SUMMARY lines. */
#define AC_PROGRAM_SUMMARIES_HEADER "alloccheck-program-summaries 1"

/* The program summaries merge leaves in a result directory (hidden, so not
 * taken for a result): alloccheck-cc analyses each file against them, so
 * that after an edit the next merge analyses again only what the edit
 * changed. */
#define AC_LINK_SUMMARIES_FILE ".alloccheck-program-summaries"

/* Adds the summaries of the file at path to l->exports; false when it
 * cannot be read or is not a summaries file of this version. */
bool ac_link_summaries_read(const char *path, AcLinkData *l);

/* Writes exports[0..n) (sorted by name, each name once) to path through a
 * temporary file renamed over it. Returns 0, or -1 with errno set. */
int ac_link_summaries_write(const char *path, const AcLinkEntry *exports, size_t n);

#endif
