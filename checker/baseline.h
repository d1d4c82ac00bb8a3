/*
 * baseline: a file of accepted findings, so CI fails only on new ones.
 *
 * --write-baseline FILE records the fingerprints (fingerprint.h: file, rule,
 * function and statement text, no line numbers) of the findings left after
 * inline suppressions; --baseline FILE drops every finding whose fingerprint
 * is in FILE. The file is JSON, one cJSON tree:
 *
 *   {"version": 1, "tool": "alloccheck",
 *    "findings": [{"fingerprint", "rule", "file", "function", "message"}]}
 *
 * Only "fingerprint" is used for matching; the rest is there for reviewers.
 */
#ifndef AC_BASELINE_H
#define AC_BASELINE_H

#include "finding.h"

/* Writes the fingerprints of fs to path. Returns 0, or -1 after printing
 * "alloccheck: error: PATH: ..."; the file is then removed rather than left
 * incomplete. */
int ac_baseline_write(const char *path, const AcFindings *fs);

/* Removes from fs (order kept) every finding whose fingerprint is in the
 * baseline file path. Returns the number removed, or -1 after printing
 * "alloccheck: error: PATH: ..." naming the place that is wrong (line and
 * column for bad JSON, the key path for a bad value). */
long ac_baseline_filter(const char *path, AcFindings *fs);

#endif
