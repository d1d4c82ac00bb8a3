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

#include "cli.h"
#include "finding.h"
#include "jobs.h"

/* What the result files say about the runs that wrote them. */
typedef struct AcMergeStats {
	size_t nanalysed;  /* sum of stats.files_analysed */
	size_t nfunctions; /* sum of stats.functions_analysed */
	size_t nresults;   /* result files read */
	AcBudget budget;   /* sum of stats.budget */
} AcMergeStats;

/* The link step over the result directories cli->paths: the TUs with IR
 * files are linked into one program and those whose external callees'
 * summaries changed since alloccheck-cc analysed them are analysed again
 * (on cli->jobs threads, with cli->engine); the others keep their stored
 * findings. JSON results without an IR file are merged as written. Adds
 * every finding to out (unsorted), and records every error in
 * failed->failed (strings in failed->arena), printed: a directory that
 * cannot be read or holds no results, a file that is not a result or IR
 * file of this version, a JSON result whose IR file is missing. Returns
 * the number of errors. */
size_t ac_merge_read(const AcCli *cli, AcFindings *out, AcJobs *failed, AcMergeStats *stats);

#endif
