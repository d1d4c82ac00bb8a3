/*
 * filter: the noise-control step of the report stage, between
 * ac_findings_sort and the reporter: inline suppressions (suppress.h), then
 * --write-baseline, then --baseline (baseline.h).
 */
#ifndef AC_FILTER_H
#define AC_FILTER_H

#include "cli.h"
#include "finding.h"

/* Applies cli's suppression and baseline options to fs (sorted; order kept).
 * Returns 0; 1 when unused suppressions were reported
 * (--report-unused-suppressions), which makes the run fail like a finding;
 * -1 after an error line (a baseline that cannot be read or written), which
 * makes the run exit 2. */
int ac_filter_findings(const AcCli *cli, AcFindings *fs);

#endif
