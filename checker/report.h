/*
 * report: the last stage of the pipeline, sorted findings -> an output format.
 *
 * Each format is one row of the static const table ac_reporters (report.c)
 * and one file with its write function (report_text.c, report_json.c, later
 * report_sarif.c...). Adding a format is: write the file, add the row; the
 * CLI's --format accepts every name in the table. A reporter only formats: it
 * gets everything it prints through AcReport and never re-sorts or filters.
 */
#ifndef AC_REPORT_H
#define AC_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "finding.h"

/* An input that could not be analysed. */
typedef struct AcFailure {
	const char *path;   /* as given or as a directory walk named it */
	const char *reason; /* what went wrong, as the error line on stderr says it
	                       ("No such file or directory", "no C source files found") */
} AcFailure;

/* What a run produced, as every format needs it. */
/* What -p / --compile-commands left out of the analysis, by reason. */
typedef struct AcSkipped {
	size_t cxx;        /* C++ entries */
	size_t assembler;  /* assembler entries */
	size_t other;      /* preprocess-only entries, or entries without a C input */
	size_t duplicates; /* entries for a file already listed */
	size_t excluded;   /* C entries an --exclude glob matched */
} AcSkipped;

typedef struct AcReport {
	const AcFindings *findings;   /* sorted and de-duplicated (ac_findings_sort) */
	const AcFailure *failed;      /* inputs that could not be analysed: those the input
	                                 walk rejected, then those that failed to load, each
	                                 in input order */
	size_t nfailed;
	size_t nanalysed;             /* inputs that were analysed */
	size_t nfunctions;            /* functions analysed, over all analysed inputs */
	double elapsed_ms;            /* wall-clock time of the run before reporting; the one
	                                 number in a report that differs between runs */
	const AcSkipped *skipped;     /* with a compile database: its entries not analysed;
	                                 NULL otherwise */
	const struct AcBudget *budget; /* the bounds the analysis hit (engine.h); NULL when
	                                  every function was analysed completely */
	const struct AcCacheStats *cache; /* what the result cache did (cache.h); NULL when
	                                     the run used none */
} AcReport;

typedef struct AcReportOptions {
	bool color;   /* ANSI colours in out (text) */
	FILE *status; /* where a human summary line goes ("2 warnings generated."); NULL: none */
	const char *source_root; /* --source-root: what CI paths are relative to (sarif, github,
	                            gitlab); NULL: the current directory */
} AcReportOptions;

/* Writes r to out. Returns 0, or -1 when writing failed (out's error flag is
 * set; the caller reports it). */
typedef int (*AcReportFn)(FILE *out, const AcReport *r, const AcReportOptions *opt);

typedef struct AcReporter {
	const char *name;  /* the --format value */
	AcReportFn write;
} AcReporter;

extern const AcReporter ac_reporters[];
extern const size_t ac_nreporters;

/* The reporter called name, or NULL. */
const AcReporter *ac_reporter_find(const char *name);

/* "note", "warning", "error": the word GCC and Clang print for sev. */
const char *ac_severity_name(AcSeverity sev);

/* Clang's text format: "file:line:col: warning: message [rule]", source line,
 * caret, then the notes the same way. */
int ac_report_text(FILE *out, const AcReport *r, const AcReportOptions *opt);

/* One JSON document (format version 1, described by docs/report.schema.json)
 * with the findings, their fingerprints (fingerprint.h), the failed inputs and
 * the run's numbers. Writes nothing to opt->status and ignores opt->color. */
int ac_report_json(FILE *out, const AcReport *r, const AcReportOptions *opt);

/* One SARIF 2.1.0 log with one run, for GitHub code scanning (report_sarif.c
 * says what is in it). Fails (-1, after an error line) also when
 * opt->source_root cannot be resolved. */
int ac_report_sarif(FILE *out, const AcReport *r, const AcReportOptions *opt);

/* GitHub Actions workflow commands (::warning file=...::message), most
 * severe first, and a Markdown table appended to $GITHUB_STEP_SUMMARY when
 * that is set (report_github.c). Fails (-1, after an error line) when
 * opt->source_root cannot be resolved or the summary cannot be written. */
int ac_report_github(FILE *out, const AcReport *r, const AcReportOptions *opt);

/* The GitLab Code Quality JSON array (report_gitlab.c). Fails (-1, after an
 * error line) also when opt->source_root cannot be resolved. */
int ac_report_gitlab(FILE *out, const AcReport *r, const AcReportOptions *opt);

/* One self-contained HTML page (inline CSS and script, no network) with the
 * run's summary, a sortable and filterable table of the findings, each
 * finding's path drawn on its functions' source, and the rule docs
 * (report_html.c). Readable with JavaScript off. */
int ac_report_html(FILE *out, const AcReport *r, const AcReportOptions *opt);

#endif
