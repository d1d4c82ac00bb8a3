/*
 * config: the project's .alloccheck.json, read before the analysis and
 * merged into the command line (cli.h), which wins over it.
 *
 *   {"rules": {"enable": [RULE|"all", ...], "disable": [RULE|"all", ...]},
 *    "severity": {RULE: "note"|"warning"|"error", ...},
 *    "exclude": [GLOB, ...],
 *    "allocators": [FILE, ...],
 *    "baseline": FILE,
 *    "max-disjuncts": N, "step-budget": N, "tu-timeout": SECONDS}
 *
 * Every key is optional; "disable" applies before "enable", so
 * {"disable": ["all"], "enable": ["leak"]} runs one rule. The three numbers
 * are the engine's bounds of the same options (tu-timeout 0: no limit); a
 * project with large generated files raises them once here instead of on
 * every command line. FILEs are relative
 * to the directory of the config file. The file is --config FILE, else the
 * first .alloccheck.json found in the directory of the first input (the
 * input itself when it is a directory; the current directory without
 * inputs) or any directory above it.
 *
 * A file that cannot be read, is not JSON, has a key alloccheck does not
 * know or a value of the wrong kind is one error line naming the file and
 * the key path ("alloccheck: error: F: severity.leak: expected one of note,
 * warning, error"), and the run exits 2.
 */
#ifndef AC_CONFIG_H
#define AC_CONFIG_H

#include "arena.h"
#include "cli.h"
#include "finding.h"
#include "rule.h"
#include "vec.h"

/* A number the file may set. */
typedef struct AcConfigCount {
	bool said;
	size_t value;
} AcConfigCount;

typedef struct AcConfig {
	const char *path;                 /* the file read; NULL: none found */
	AcArena arena;                    /* every string below */
	signed char enabled[AC_MAX_RULES];  /* per rule: -1 not said, 0 off, 1 on */
	signed char severity[AC_MAX_RULES]; /* per rule: -1 not said, else an AcSeverity */
	AC_VEC(const char *) excludes;    /* globs, in file order */
	AC_VEC(const char *) allocators;  /* family files, relative to the cwd */
	const char *baseline;             /* relative to the cwd; NULL: none */
	AcConfigCount max_disjuncts, step_budget, tu_timeout;
} AcConfig;

/* Finds and reads the config of cli's run into *cfg (initialised here;
 * cfg->path NULL when there is none). Returns 0, or -1 after the one error
 * line. The caller calls ac_config_free either way. */
int ac_config_load(AcConfig *cfg, const AcCli *cli);

/* Merges cfg into cli where the command line did not say otherwise: rules
 * not named by --enable/--disable, the config's excludes and allocator files
 * before the command line's, its baseline when there is no --baseline, its
 * bounds where the matching option was not given.
 * Strings stay owned by cfg, which must outlive cli. */
void ac_config_apply(const AcConfig *cfg, AcCli *cli);

/* Gives every finding of a rule with a configured severity that severity. */
void ac_config_severities(const AcConfig *cfg, AcFindings *fs);

void ac_config_free(AcConfig *cfg);

#endif
