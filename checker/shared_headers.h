/*
 * shared_headers: the headers that many files of a run start with, parsed
 * once (a precompiled header per group) instead of once per file.
 *
 * A group is the files with the same flags, in the same directory, whose
 * leading lines (after comments and blank lines) begin with the same
 * #include / #define / #undef directives and conditionals around them; its
 * PCH holds the longest run of those directives they all share, up to an
 * #include outside any conditional (files that share none are parted where
 * their lines first differ). A file of a group is parsed with the PCH
 * and those leading lines blanked (same offsets and lines), so it sees the
 * macros and declarations exactly as after its own lines; a PCH is made only
 * from headers without errors (the TUs would not see them). Whatever does not
 * fit (a file changed since, a PCH that cannot be made or that libclang
 * refuses) is parsed plainly: the findings are the same either way, only the
 * time differs.
 */
#ifndef AC_SHARED_HEADERS_H
#define AC_SHARED_HEADERS_H

#include <stdbool.h>
#include <stddef.h>

#include "cfg.h"
#include "jobs.h"

typedef struct AcShared AcShared;

struct AcCache;

/* Groups jobs[0..n), which must outlive the result; reads the head of each
 * file, but for the jobs that have an entry in cache (when not NULL): they
 * will most likely not be parsed. NULL when no group has enough files to
 * pay for its PCH. */
AcShared *ac_shared_new(const AcJob *jobs, size_t n, const struct AcCache *cache);

/* Loads job i as ac_tu_load does (same contract), with its group's PCH
 * when there is one: the first thread to need it makes it, and the others
 * parse plainly meanwhile instead of waiting. Thread-safe. */
int ac_shared_load(AcShared *s, size_t i, AcTu **out);

/* The group of job i (its files will most likely be parsed with one PCH),
 * numbered from 0, or -1 for none; s may be NULL (no group). */
int ac_shared_group(const AcShared *s, size_t i);

/* Removes the PCH files and their directory; NULL is fine. The files are
 * also removed at exit and on SIGINT, SIGTERM, SIGHUP and SIGQUIT. */
void ac_shared_free(AcShared *s);

#endif
