/*
 * merge: the per-TU JSON results alloccheck-cc writes into
 * ALLOCCHECK_OUTPUT_DIR -> one set of findings, the input stage of
 * "alloccheck merge DIR...". Each file is a report in the JSON format
 * (report_json.c) read back with cJSON into AcFindings, so the merged run is
 * sorted, de-duplicated and reported like any other: a finding in a header
 * compiled by many TUs is reported once, in every format.
 */
#ifndef AC_MERGE_H
#define AC_MERGE_H

#include <stddef.h>

#include "finding.h"
#include "jobs.h"

/* What the result files say about the runs that wrote them. */
typedef struct AcMergeStats {
	size_t nanalysed;  /* sum of stats.files_analysed */
	size_t nfunctions; /* sum of stats.functions_analysed */
	size_t nresults;   /* result files read */
	AcBudget budget;   /* sum of stats.budget */
} AcMergeStats;

/* Adds the findings of every *.json file in dirs[0..ndirs) (in name order)
 * to out, and their "errors" entries to failed->failed (strings in
 * failed->arena). A directory that cannot be read, a file that is not a
 * result document and a directory without results are tool errors, printed
 * and recorded in failed->failed. Returns the number of errors. */
size_t ac_merge_read(const char *const *dirs, size_t ndirs, AcFindings *out, AcJobs *failed,
		     AcMergeStats *stats);

#endif
