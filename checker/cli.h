/*
 * cli: the command line -> AcCli, the first stage of the pipeline.
 *
 * One static const option table (cli.c) carries every option's names, its
 * argument, its help text and the function that applies it; --help is
 * generated from it, and nothing else in alloccheck looks at argv. Arguments
 * after "--" are compiler flags for every TU and are passed on untouched.
 */
#ifndef AC_CLI_H
#define AC_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "engine.h"
#include "report.h"
#include "vec.h"

typedef enum AcCliMode {
	AC_MODE_ANALYZE,    /* the default: analyse the paths and report */
	AC_MODE_HELP,       /* --help */
	AC_MODE_VERSION,    /* --version */
	AC_MODE_LIST_RULES, /* --list-rules */
	AC_MODE_EXPLAIN,    /* --explain RULE */
	AC_MODE_DUMP_CFG,   /* hidden --dump-cfg: print each function's CFG, no analysis */
	AC_MODE_MERGE,      /* "alloccheck merge DIR...": one report from alloccheck-cc results */
	AC_MODE_MAN,        /* hidden --help-man PAGE: the man page PAGE(1) in roff, for the build */
} AcCliMode;

typedef enum AcColor {
	AC_COLOR_AUTO,   /* only when the output is a terminal and NO_COLOR is unset */
	AC_COLOR_ALWAYS,
	AC_COLOR_NEVER,
} AcColor;

typedef struct AcCli {
	AcCliMode mode;               /* the last mode option given wins */
	const char *explain;          /* EXPLAIN: a known rule id */
	const char *man_page;         /* MAN: "alloccheck" or "alloccheck-cc" */
	AC_VEC(const char *) paths;   /* PATH arguments in order; strings point into argv */
	const char *compdb_dir;       /* -p DIR: DIR/compile_commands.json */
	const char *compdb_file;      /* --compile-commands FILE (wins over -p) */
	size_t jobs;                  /* -j N; 0: the number of CPUs */
	AC_VEC(const char *) excludes; /* --exclude GLOB, in order; into argv */
	const char *const *cflags;    /* the arguments after "--" (into argv) */
	size_t ncflags;
	const AcReporter *format;     /* --format; text by default */
	const char *output;           /* -o FILE; NULL or "-" means standard output */
	AcColor color;
	int verbose;                  /* number of -v */
	bool quiet;                   /* -q: no summary line, no warnings */
	AC_VEC(const char *) allocators; /* --allocators FILE, in order (later files win); into argv */
	const char *source_root;      /* --source-root DIR: CI paths relative to it; NULL: cwd */
	const char *config;           /* --config FILE: instead of the .alloccheck.json found */
	AcRuleSet rules_given;        /* the rules --enable/--disable named (they win over the config) */
	const char *baseline;         /* --baseline FILE: report only findings not in it */
	const char *write_baseline;   /* --write-baseline FILE: record the findings there */
	bool no_inline_suppressions;  /* --no-inline-suppressions: comments suppress nothing */
	bool report_unused_suppressions; /* --report-unused-suppressions */
	const char *cache_dir;        /* --cache DIR: the result cache (cache.h); NULL: the default */
	const char *program_summaries; /* --program-summaries FILE: read, then written (jobs.h) */
	bool no_cache;                /* --no-cache: neither read nor write the result cache */
	bool no_shared_headers;       /* --no-shared-headers: parse every file whole (jobs.h) */
	AcEngineOptions engine;       /* --enable/--disable, --max-disjuncts, --step-budget, --tu-timeout; main
	                                 sets .families from the built-in and --allocators files */
	bool max_disjuncts_given, step_budget_given, tu_timeout_given; /* those options were given
	                                 (they win over the config) */
} AcCli;

/* Parses argv[1..argc) into *cli (which it initialises). When argv[1] is
 * "merge", the mode is AC_MODE_MERGE and the PATHs are result directories. Returns 0, or -1
 * after printing a usage error ("alloccheck: error: ..." and a line pointing
 * to --help); the caller exits 2. Either way the caller calls ac_cli_free.
 * Strings in *cli point into argv, which must outlive it. */
int ac_cli_parse(AcCli *cli, int argc, char **argv);

void ac_cli_free(AcCli *cli); /* releases the path and allocator lists; argv is not touched */

/* Writes the --help text, generated from the option table, to out. */
void ac_cli_help(FILE *out);

/* Writes alloccheck-cc's usage and the variables it reads (the same rows
 * as its man page) to out. */
void ac_cli_wrapper_usage(FILE *out);

/* Writes the man page page(1) ("alloccheck" or "alloccheck-cc") in roff,
 * generated from the option table and the text --help prints. */
void ac_cli_man(FILE *out, const char *page);

/* Whether findings written to out should be coloured under cli->color. */
bool ac_cli_use_color(const AcCli *cli, FILE *out);

#endif
