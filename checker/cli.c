/*
 * cli: argv -> AcCli through one option table, as git's parse-options does.
 *
 * Each row names an option, its argument and its help, and points to the
 * function that applies it; --help is printed from the same rows, so an
 * option cannot exist without being documented. Accepted spellings:
 * "--name value", "--name=value", "-o value", "-ovalue", and clusters of
 * short flags ("-vq"). Options and paths may come in any order; "--" ends
 * the options and everything after it is compiler flags. Every mistake is a
 * usage error: one "alloccheck: error:" line plus a pointer to --help.
 */
#define _POSIX_C_SOURCE 200809L /* isatty, fileno */

#include "cli.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "rule.h"

typedef struct Option Option;

/* One option as the user spelled it. */
typedef struct Arg {
	const Option *opt;
	const char *spelled; /* "--color" or "-o", for messages */
	const char *value;   /* the argument; NULL for flags */
} Arg;

struct Option {
	const char *name;  /* long name, without "--" */
	char letter;       /* short name, or 0 */
	const char *arg;   /* placeholder of the argument ("FILE"); NULL for a flag */
	int value;         /* a constant for apply: a mode, or the AcCli offset it sets */
	const char *help;  /* NULL hides the option from --help */
	int (*apply)(AcCli *cli, const Arg *a); /* 0, or -1 after printing why */
};

static int set_format(AcCli *cli, const Arg *a);
static int set_output(AcCli *cli, const Arg *a);
static int set_compdb_dir(AcCli *cli, const Arg *a);
static int set_compdb_file(AcCli *cli, const Arg *a);
static int set_jobs(AcCli *cli, const Arg *a);
static int add_exclude(AcCli *cli, const Arg *a);
static int set_color(AcCli *cli, const Arg *a);
static int enable_rules(AcCli *cli, const Arg *a);
static int disable_rules(AcCli *cli, const Arg *a);
static int set_mode(AcCli *cli, const Arg *a);
static int set_explain(AcCli *cli, const Arg *a);
static int set_max_disjuncts(AcCli *cli, const Arg *a);
static int set_step_budget(AcCli *cli, const Arg *a);
static int set_tu_timeout(AcCli *cli, const Arg *a);
static int set_verbose(AcCli *cli, const Arg *a);
static int set_quiet(AcCli *cli, const Arg *a);
static int add_allocators(AcCli *cli, const Arg *a);
static int set_path(AcCli *cli, const Arg *a);
static int set_flag(AcCli *cli, const Arg *a);

static const Option options[] = {
	{"format", 0, "FORMAT", 0, "output format (see Formats below; default: text)", set_format},
	{"output", 'o', "FILE", 0, "write the findings to FILE instead of standard output", set_output},
	{"build-dir", 'p', "DIR", 0,
	 "analyse the C entries of DIR/compile_commands.json, each with its own flags; PATHs filter them",
	 set_compdb_dir},
	{"compile-commands", 0, "FILE", 0, "like -p, with the compile database FILE", set_compdb_file},
	{"jobs", 'j', "N", 0, "analyse N files in parallel (default: the number of CPUs)", set_jobs},
	{"exclude", 0, "GLOB", 0,
	 "skip files and directories whose path or name matches GLOB (also compile database entries); repeatable",
	 add_exclude},
	{"color", 0, "WHEN", 0, "colour the findings: auto (on a terminal unless NO_COLOR is set), always or never",
	 set_color},
	{"enable", 0, "RULE,...", 0, "enable these rules ('all' for every rule)", enable_rules},
	{"disable", 0, "RULE,...", 0, "disable these rules ('all' for every rule)", disable_rules},
	{"list-rules", 0, NULL, AC_MODE_LIST_RULES, "list the rules (id, CWE, severity, summary) and exit", set_mode},
	{"explain", 0, "RULE", 0, "print the documentation of RULE and exit", set_explain},
	{"allocators", 0, "FILE", 0,
	 "also know the allocator families of FILE (JSON, see README); repeatable, later files win", add_allocators},
	{"config", 0, "FILE", offsetof(AcCli, config),
	 "read the configuration from FILE (default: the first .alloccheck.json from the first PATH upwards)",
	 set_path},
	{"baseline", 0, "FILE", offsetof(AcCli, baseline), "report only findings whose fingerprint is not in FILE",
	 set_path},
	{"write-baseline", 0, "FILE", offsetof(AcCli, write_baseline),
	 "record the fingerprints of the findings in FILE (a baseline)", set_path},
	{"no-inline-suppressions", 0, NULL, offsetof(AcCli, no_inline_suppressions),
	 "ignore alloccheck-ignore and NOLINT comments (audit)", set_flag},
	{"report-unused-suppressions", 0, NULL, offsetof(AcCli, report_unused_suppressions),
	 "warn about suppression comments that suppress nothing", set_flag},
	{"source-root", 0, "DIR", offsetof(AcCli, source_root),
	 "paths in sarif, github and gitlab output are relative to DIR (default: the current directory)",
	 set_path},
	{"cache", 0, "DIR", offsetof(AcCli, cache_dir),
	 "keep per-file results in DIR and reuse them while the file, its headers, flags and options are "
	 "unchanged (default: $XDG_CACHE_HOME/alloccheck or ~/.cache/alloccheck)",
	 set_path},
	{"no-cache", 0, NULL, offsetof(AcCli, no_cache), "neither read nor write the result cache (as ALLOCCHECK_NO_CACHE=1 does for the default one)", set_flag},
	{"max-disjuncts", 0, "N", 0, "path states kept per program point before joining them", set_max_disjuncts},
	{"step-budget", 0, "N", 0, "block visits per function before its analysis stops", set_step_budget},
	{"tu-timeout", 0, "SECONDS", 0,
	 "seconds per file (parse included) before its remaining functions are skipped (default 300; 0: no limit)",
	 set_tu_timeout},
	{"verbose", 'v', NULL, 0,
	 "name each file as it is analysed, say whether the cache had its results, and when a budget (a "
	 "function's steps, a file's time) runs out",
	 set_verbose},
	{"quiet", 'q', NULL, 0, "print only findings and errors (no warnings, no summary)", set_quiet},
	{"version", 0, NULL, AC_MODE_VERSION, "print the version and exit", set_mode},
	{"help", 0, NULL, AC_MODE_HELP, "print this help and exit", set_mode},
	{"dump-cfg", 0, NULL, AC_MODE_DUMP_CFG, NULL, set_mode},
};

typedef struct Choice {
	const char *name;
	int value;
} Choice;

static const Choice color_choices[] = {
	{"auto", AC_COLOR_AUTO},
	{"always", AC_COLOR_ALWAYS},
	{"never", AC_COLOR_NEVER},
};

static const Option *find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
		if (strlen(options[i].name) == len && memcmp(options[i].name, name, len) == 0)
			return &options[i];
	}
	return NULL;
}

static const Option *find_short(char letter)
{
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
		if (options[i].letter == letter)
			return &options[i];
	}
	return NULL;
}

/* Rejects a->value, listing the valid names name_of(0..n). A callback rather
 * than a row stride, so each caller reads its own table with its own type. */
static int invalid_choice(const Arg *a, const char *(*name_of)(size_t), size_t n)
{
	AcArena arena = {0};
	const char *known = "";
	for (size_t i = 0; i < n; i++)
		known = ac_arena_printf(&arena, "%s%s%s", known, i ? ", " : "", name_of(i));
	ac_error("invalid argument '%s' for '%s' (valid: %s)", a->value, a->spelled, known);
	ac_arena_free(&arena);
	return -1;
}

static const char *reporter_name(size_t i) { return ac_reporters[i].name; }
static const char *color_name(size_t i) { return color_choices[i].name; }

static int set_format(AcCli *cli, const Arg *a)
{
	cli->format = ac_reporter_find(a->value);
	if (cli->format)
		return 0;
	return invalid_choice(a, reporter_name, ac_nreporters);
}

static int set_output(AcCli *cli, const Arg *a)
{
	if (!*a->value)
		return ac_error("option '%s' requires a file name", a->spelled);
	cli->output = a->value;
	return 0;
}

static int set_color(AcCli *cli, const Arg *a)
{
	for (size_t i = 0; i < sizeof color_choices / sizeof color_choices[0]; i++) {
		if (strcmp(a->value, color_choices[i].name) == 0) {
			cli->color = (AcColor)color_choices[i].value;
			return 0;
		}
	}
	return invalid_choice(a, color_name, sizeof color_choices / sizeof color_choices[0]);
}

/* Index in ac_rules of the rule named by s[0..n), or -1. */
static int find_rule(const char *s, size_t n)
{
	for (size_t i = 0; i < ac_nrules; i++) {
		if (strlen(ac_rules[i].id) == n && memcmp(ac_rules[i].id, s, n) == 0)
			return (int)i;
	}
	return -1;
}

/* Turns every rule of the comma-separated list a->value on or off; "all"
 * names every rule. Empty items are ignored. */
static int switch_rules(AcCli *cli, const Arg *a, bool on)
{
	for (const char *s = a->value; *s;) {
		size_t n = strcspn(s, ",");
		int r = find_rule(s, n);
		if (n == 3 && memcmp(s, "all", 3) == 0) {
			for (size_t i = 0; i < ac_nrules; i++) {
				cli->engine.rules.enabled[i] = on;
				cli->rules_given.enabled[i] = true;
			}
		} else if (r >= 0) {
			cli->engine.rules.enabled[r] = on;
			cli->rules_given.enabled[r] = true;
		} else if (n > 0) {
			return ac_error("unknown rule '%.*s' in '%s' (see --list-rules)", (int)n, s, a->spelled);
		}
		s += n + (s[n] == ',');
	}
	return 0;
}

static int enable_rules(AcCli *cli, const Arg *a)
{
	return switch_rules(cli, a, true);
}

static int disable_rules(AcCli *cli, const Arg *a)
{
	return switch_rules(cli, a, false);
}

static int set_mode(AcCli *cli, const Arg *a)
{
	cli->mode = (AcCliMode)a->opt->value;
	return 0;
}

static int set_explain(AcCli *cli, const Arg *a)
{
	if (ac_rule_index(a->value) < 0)
		return ac_error("unknown rule '%s' (see --list-rules)", a->value);
	cli->mode = AC_MODE_EXPLAIN;
	cli->explain = a->value;
	return 0;
}

/* A positive decimal count, or -1 after saying what is wrong with it. */
static int parse_count(const Arg *a, size_t *out)
{
	const char *s = a->value;
	char *end;
	errno = 0;
	unsigned long long v = *s >= '0' && *s <= '9' ? strtoull(s, &end, 10) : 0;
	if (v == 0 || *end || errno == ERANGE || v > SIZE_MAX)
		return ac_error("invalid argument '%s' for '%s' (expected a positive number)", s, a->spelled);
	*out = (size_t)v;
	return 0;
}

static int set_max_disjuncts(AcCli *cli, const Arg *a)
{
	cli->max_disjuncts_given = true;
	return parse_count(a, &cli->engine.max_disjuncts);
}

static int set_step_budget(AcCli *cli, const Arg *a)
{
	cli->step_budget_given = true;
	return parse_count(a, &cli->engine.step_budget);
}

/* A count of seconds; 0 turns the watchdog off. */
static int set_tu_timeout(AcCli *cli, const Arg *a)
{
	cli->tu_timeout_given = true;
	if (strcmp(a->value, "0") == 0) {
		cli->engine.tu_timeout = 0;
		return 0;
	}
	return parse_count(a, &cli->engine.tu_timeout);
}

static int set_compdb_dir(AcCli *cli, const Arg *a)
{
	if (!*a->value)
		return ac_error("option '%s' requires a directory", a->spelled);
	cli->compdb_dir = a->value;
	return 0;
}

static int set_compdb_file(AcCli *cli, const Arg *a)
{
	if (!*a->value)
		return ac_error("option '%s' requires a file name", a->spelled);
	cli->compdb_file = a->value;
	return 0;
}

static int set_jobs(AcCli *cli, const Arg *a)
{
	return parse_count(a, &cli->jobs);
}

static int add_exclude(AcCli *cli, const Arg *a)
{
	AC_VEC_PUSH(&cli->excludes, a->value);
	return 0;
}

static int set_verbose(AcCli *cli, const Arg *a)
{
	(void)a;
	cli->verbose++;
	return 0;
}

static int set_quiet(AcCli *cli, const Arg *a)
{
	(void)a;
	cli->quiet = true;
	return 0;
}

/* The file is read when the run starts (main.c), so that an error in it
 * is one line naming the file. */
static int add_allocators(AcCli *cli, const Arg *a)
{
	if (!*a->value)
		return ac_error("option '%s' requires a file name", a->spelled);
	AC_VEC_PUSH(&cli->allocators, a->value);
	return 0;
}

/* An option whose value is a path, stored at the AcCli offset in its row. */
static int set_path(AcCli *cli, const Arg *a)
{
	if (!*a->value)
		return ac_error("option '%s' requires a file name", a->spelled);
	*(const char **)((char *)cli + a->opt->value) = a->value;
	return 0;
}

/* A flag: the bool at the AcCli offset in its row becomes true. */
static int set_flag(AcCli *cli, const Arg *a)
{
	*(bool *)((char *)cli + a->opt->value) = true;
	return 0;
}

/* --name, --name=value or --name value at argv[*i]; advances *i past a
 * separate value. */
static int parse_long(AcCli *cli, int argc, char **argv, int *i)
{
	const char *name = argv[*i] + 2;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	Arg a = {.opt = find_long(name, len), .value = eq ? eq + 1 : NULL};
	if (!a.opt)
		return ac_error("unknown option '--%.*s'", (int)len, name);
	char spelled[64];
	snprintf(spelled, sizeof spelled, "--%s", a.opt->name);
	a.spelled = spelled;
	if (!a.opt->arg && eq)
		return ac_error("option '%s' does not take an argument", spelled);
	if (a.opt->arg && !eq) {
		if (*i + 1 >= argc)
			return ac_error("option '%s' requires an argument", spelled);
		a.value = argv[++*i];
	}
	return a.opt->apply(cli, &a);
}

/* A cluster of short options at argv[*i] ("-v", "-vq", "-oFILE", "-o FILE"). */
static int parse_short(AcCli *cli, int argc, char **argv, int *i)
{
	for (const char *s = argv[*i] + 1; *s; s++) {
		char spelled[3] = {'-', *s, '\0'};
		Arg a = {.opt = find_short(*s), .spelled = spelled};
		if (!a.opt)
			return ac_error("unknown option '%s'", spelled);
		if (a.opt->arg) {
			if (!s[1] && *i + 1 >= argc)
				return ac_error("option '%s' requires an argument", spelled);
			a.value = s[1] ? s + 1 : argv[++*i];
			return a.opt->apply(cli, &a);
		}
		if (a.opt->apply(cli, &a) < 0)
			return -1;
	}
	return 0;
}

static void init(AcCli *cli)
{
	memset(cli, 0, sizeof *cli);
	cli->format = &ac_reporters[0];
	ac_engine_defaults(&cli->engine);
}

static int parse_args(AcCli *cli, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		int rc = 0;
		if (strcmp(s, "--") == 0) {
			cli->cflags = (const char *const *)argv + i + 1;
			cli->ncflags = (size_t)(argc - i - 1);
			break;
		}
		if (s[0] == '-' && s[1] == '-')
			rc = parse_long(cli, argc, argv, &i);
		else if (s[0] == '-' && s[1])
			rc = parse_short(cli, argc, argv, &i);
		else
			AC_VEC_PUSH(&cli->paths, s);
		if (rc < 0)
			return -1;
	}
	bool compdb = cli->compdb_dir || cli->compdb_file;
	bool needs_paths = (cli->mode == AC_MODE_ANALYZE && !compdb) || cli->mode == AC_MODE_DUMP_CFG;
	if (needs_paths && cli->paths.n == 0)
		return ac_error("no input files");
	if (cli->mode == AC_MODE_MERGE && cli->paths.n == 0)
		return ac_error("merge: no result directory");
	return 0;
}

int ac_cli_parse(AcCli *cli, int argc, char **argv)
{
	init(cli);
	if (argc > 1 && strcmp(argv[1], "merge") == 0) {
		cli->mode = AC_MODE_MERGE; /* "alloccheck merge ...": the rest parses as usual */
		argc--;
		argv++;
	}
	if (parse_args(cli, argc, argv) == 0)
		return 0;
	fputs("Try 'alloccheck --help'.\n", stderr);
	return -1;
}

void ac_cli_free(AcCli *cli)
{
	AC_VEC_FREE(&cli->paths);
	AC_VEC_FREE(&cli->allocators);
	AC_VEC_FREE(&cli->excludes);
}

enum { HELP_COLUMN = 26, HELP_WIDTH = 79 };

/* Writes text from column col on, wrapped at HELP_WIDTH with continuation
 * lines indented to HELP_COLUMN. */
static void help_wrap(FILE *out, const char *text, int col)
{
	while (*text) {
		int word = (int)strcspn(text, " ");
		if (col > HELP_COLUMN && col + 1 + word > HELP_WIDTH)
			col = fprintf(out, "\n%*s", HELP_COLUMN, "") - 1;
		else if (col > HELP_COLUMN)
			col += fprintf(out, " ");
		col += fprintf(out, "%.*s", word, text);
		text += word + (text[word] == ' ');
	}
	fputc('\n', out);
}

static void help_option(FILE *out, const Option *o)
{
	int n = o->letter ? fprintf(out, "  -%c, ", o->letter) : fprintf(out, "      ");
	n += fprintf(out, "--%s", o->name);
	if (o->arg)
		n += fprintf(out, " %s", o->arg);
	if (n >= HELP_COLUMN - 1) {
		fputc('\n', out);
		n = 0;
	}
	fprintf(out, "%*s", HELP_COLUMN - n, "");
	help_wrap(out, o->help, HELP_COLUMN);
}

void ac_cli_help(FILE *out)
{
	fputs("Usage: alloccheck [options] PATH... [-- COMPILER-FLAGS...]\n"
	      "       alloccheck -p BUILD_DIR [options] [PATH...]\n"
	      "       alloccheck merge [--format FORMAT] [-o FILE] RESULT_DIR...\n"
	      "       alloccheck-cc COMPILER ARGS...   (compiler wrapper, see README)\n"
	      "\n"
	      "Reports allocation misuse in C: leaks, unchecked allocation results,\n"
	      "p = realloc(p, n), and memory released by another allocator family.\n"
	      "Each PATH is a C file, or a directory searched recursively for *.c files.\n"
	      "COMPILER-FLAGS (-I, -D, -std=...) are passed on for every file.\n"
	      "\n"
	      "Options:\n",
	      out);
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
		if (options[i].help)
			help_option(out, &options[i]);
	}
	fputs("\nFormats:", out);
	for (size_t i = 0; i < ac_nreporters; i++)
		fprintf(out, " %s", ac_reporters[i].name);
	fputs("\nRules: see --list-rules and --explain RULE.\n"
	      "\n"
	      "Exit status: 0 nothing reported, 1 findings reported, 2 usage error, or an\n"
	      "input could not be analysed and no finding was reported.\n",
	      out);
}

bool ac_cli_use_color(const AcCli *cli, FILE *out)
{
	if (cli->color != AC_COLOR_AUTO)
		return cli->color == AC_COLOR_ALWAYS;
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	if (no_color && *no_color)
		return false;
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fileno(out));
}
