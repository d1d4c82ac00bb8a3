/*
 * suppress: inline suppression comments, applied to the sorted findings
 * before any reporter sees them (the "suppress" step of the report stage).
 *
 * Recognised in // and block comments of the source files (read as text, not
 * through libclang, by a scanner that skips string and character literals):
 *
 *   alloccheck-ignore[RULE,...]: reason   this line and the next one
 *   alloccheck-ignore: reason             the same, for every rule
 *   NOLINT / NOLINT(CHECK,...)            this line
 *   NOLINTNEXTLINE / NOLINTNEXTLINE(...)  the next line
 *   NOLINTBEGIN(...) ... NOLINTEND(...)   the lines between (inclusive)
 *
 * A CHECK is "alloccheck-RULE", "alloccheck-*" or "*"; other tools' checks
 * (clang-tidy's) are ignored, and a bare NOLINT covers every rule. A finding
 * is suppressed when its own line is covered, and a leak also when its
 * allocation site (its first note) is.
 */
#ifndef AC_SUPPRESS_H
#define AC_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"

typedef struct AcSuppressOptions {
	const char *const *files; /* further files to scan for unused suppressions (inputs) */
	size_t nfiles;
	bool report_unused;       /* warn on stderr about comments that suppressed nothing */
} AcSuppressOptions;

/* Removes from fs (sorted, order kept) every finding a comment suppresses.
 * Files that cannot be read suppress nothing. Returns the number of unused
 * suppressions reported (0 unless opt->report_unused), each printed to stderr
 * as "file:line:col: warning: unused suppression ... [unused-suppression]". */
size_t ac_suppress_apply(AcFindings *fs, const AcSuppressOptions *opt);

#endif
