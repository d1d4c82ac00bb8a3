/*
 * report: the table of output formats and the names shared by all of them.
 * The formats themselves live one per file (report_text.c, ...).
 */
#include "report.h"

#include <string.h>

const AcReporter ac_reporters[] = {
	{"text", ac_report_text},
	{"json", ac_report_json},
	{"sarif", ac_report_sarif},
	{"github", ac_report_github},
	{"gitlab", ac_report_gitlab},
	{"html", ac_report_html},
};
const size_t ac_nreporters = sizeof ac_reporters / sizeof ac_reporters[0];

const AcReporter *ac_reporter_find(const char *name)
{
	for (size_t i = 0; i < ac_nreporters; i++) {
		if (strcmp(ac_reporters[i].name, name) == 0)
			return &ac_reporters[i];
	}
	return NULL;
}

static const char *const severity_names[AC_SEV_COUNT] = {
	[AC_SEV_NOTE] = "note",
	[AC_SEV_WARNING] = "warning",
	[AC_SEV_ERROR] = "error",
};

const char *ac_severity_name(AcSeverity sev)
{
	return (unsigned)sev < AC_SEV_COUNT ? severity_names[sev] : "warning";
}
