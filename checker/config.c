/*
 * config: .alloccheck.json -> AcConfig -> merged into AcCli (config.h says
 * what the file holds and how it is found).
 *
 * The top-level keys are one static const table of {key, reader}; each
 * reader checks its value and names the key path of the first thing wrong
 * with it, so an error never leaves a half-read config behind: the caller
 * stops on the first -1.
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "jtree.h"
#include "mem.h"

static const char CONFIG_NAME[] = ".alloccheck.json";

typedef struct Reader {
	AcConfig *cfg;
	const char *dir; /* the config file's directory, ending in '/'; "" for the cwd */
} Reader;

typedef struct Key {
	const char *name;
	int (*read)(Reader *rd, const cJSON *v); /* 0, or -1 after the error line */
} Key;

static int read_rules(Reader *rd, const cJSON *v);
static int read_severity(Reader *rd, const cJSON *v);
static int read_exclude(Reader *rd, const cJSON *v);
static int read_allocators(Reader *rd, const cJSON *v);
static int read_baseline(Reader *rd, const cJSON *v);
static int read_max_disjuncts(Reader *rd, const cJSON *v);
static int read_step_budget(Reader *rd, const cJSON *v);
static int read_tu_timeout(Reader *rd, const cJSON *v);

static const Key keys[] = {
	{"rules", read_rules},
	{"severity", read_severity},
	{"exclude", read_exclude},
	{"allocators", read_allocators},
	{"baseline", read_baseline},
	{"max-disjuncts", read_max_disjuncts},
	{"step-budget", read_step_budget},
	{"tu-timeout", read_tu_timeout},
};

static const char *const severity_words[AC_SEV_COUNT] = {
	[AC_SEV_NOTE] = "note",
	[AC_SEV_WARNING] = "warning",
	[AC_SEV_ERROR] = "error",
};

/* "F: KEY: what" as the one error line; returns -1. */
__attribute__((format(printf, 3, 4))) static int bad(const Reader *rd, const char *key, const char *fmt, ...)
{
	AcArena tmp = {0};
	va_list ap;
	va_start(ap, fmt);
	const char *what = ac_arena_vprintf(&tmp, fmt, ap);
	va_end(ap);
	ac_error("%s: %s: %s", rd->cfg->path, key, what);
	ac_arena_free(&tmp);
	return -1;
}

/* path relative to the config's directory, as the cwd sees it. */
static const char *resolve(Reader *rd, const char *path)
{
	if (path[0] == '/')
		return ac_arena_strdup(&rd->cfg->arena, path);
	return ac_arena_printf(&rd->cfg->arena, "%s%s", rd->dir, path);
}

/* Each string of the array v (key) through add; the key path of the
 * first one that is not a non-empty string is the error. */
static int each_string(Reader *rd, const cJSON *v, const char *key, int (*add)(Reader *, const char *, const char *))
{
	if (!cJSON_IsArray(v))
		return bad(rd, key, "expected an array of strings");
	int i = 0;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		const char *at = ac_arena_printf(&rd->cfg->arena, "%s[%d]", key, i);
		if (!cJSON_IsString(e) || !*e->valuestring)
			return bad(rd, at, "expected a non-empty string");
		if (add(rd, at, e->valuestring) < 0)
			return -1;
	}
	return 0;
}

static int switch_rule(Reader *rd, const char *at, const char *id, signed char on)
{
	if (strcmp(id, "all") == 0) {
		for (size_t i = 0; i < ac_nrules; i++)
			rd->cfg->enabled[i] = on;
		return 0;
	}
	int r = ac_rule_index(id);
	if (r < 0)
		return bad(rd, at, "unknown rule '%s' (see --list-rules)", id);
	rd->cfg->enabled[r] = on;
	return 0;
}

static int enable_rule(Reader *rd, const char *at, const char *id) { return switch_rule(rd, at, id, 1); }
static int disable_rule(Reader *rd, const char *at, const char *id) { return switch_rule(rd, at, id, 0); }

/* rules: {"enable": [...], "disable": [...]}; disable first. */
static int read_rules(Reader *rd, const cJSON *v)
{
	if (!cJSON_IsObject(v))
		return bad(rd, "rules", "expected an object with enable and disable");
	for (const cJSON *e = v->child; e; e = e->next) {
		if (strcmp(e->string, "enable") != 0 && strcmp(e->string, "disable") != 0)
			return bad(rd, ac_arena_printf(&rd->cfg->arena, "rules.%s", e->string),
				   "unknown key (expected enable or disable)");
	}
	const cJSON *off = cJSON_GetObjectItemCaseSensitive(v, "disable");
	const cJSON *on = cJSON_GetObjectItemCaseSensitive(v, "enable");
	if (off && each_string(rd, off, "rules.disable", disable_rule) < 0)
		return -1;
	if (on && each_string(rd, on, "rules.enable", enable_rule) < 0)
		return -1;
	return 0;
}

/* severity: {RULE: "note"|"warning"|"error"}. */
static int read_severity(Reader *rd, const cJSON *v)
{
	if (!cJSON_IsObject(v))
		return bad(rd, "severity", "expected an object of rule: note|warning|error");
	for (const cJSON *e = v->child; e; e = e->next) {
		const char *at = ac_arena_printf(&rd->cfg->arena, "severity.%s", e->string);
		int r = ac_rule_index(e->string);
		if (r < 0)
			return bad(rd, at, "unknown rule (see --list-rules)");
		int sev = -1;
		for (int s = 0; s < AC_SEV_COUNT && cJSON_IsString(e); s++)
			sev = strcmp(e->valuestring, severity_words[s]) == 0 ? s : sev;
		if (sev < 0)
			return bad(rd, at, "expected one of note, warning, error");
		rd->cfg->severity[r] = (signed char)sev;
	}
	return 0;
}

static int add_exclude(Reader *rd, const char *at, const char *glob)
{
	(void)at;
	AC_VEC_PUSH(&rd->cfg->excludes, ac_arena_strdup(&rd->cfg->arena, glob));
	return 0;
}

static int add_allocators(Reader *rd, const char *at, const char *file)
{
	(void)at;
	AC_VEC_PUSH(&rd->cfg->allocators, resolve(rd, file));
	return 0;
}

static int read_exclude(Reader *rd, const cJSON *v) { return each_string(rd, v, "exclude", add_exclude); }
static int read_allocators(Reader *rd, const cJSON *v) { return each_string(rd, v, "allocators", add_allocators); }

static int read_baseline(Reader *rd, const cJSON *v)
{
	if (!cJSON_IsString(v) || !*v->valuestring)
		return bad(rd, "baseline", "expected a file name");
	rd->cfg->baseline = resolve(rd, v->valuestring);
	return 0;
}

/* A whole number from min up to 2^53 (beyond, a JSON number is no longer
 * exact), as the option of the same name takes it. */
static int read_count(Reader *rd, const cJSON *v, const char *key, size_t min, AcConfigCount *out)
{
	const double limit = 9007199254740992.0;
	double d = cJSON_IsNumber(v) ? v->valuedouble : -1;
	if (!(d >= (double)min && d <= limit) || (double)(unsigned long long)d != d)
		return bad(rd, key, "expected a whole number of at least %zu", min);
	out->said = true;
	out->value = (size_t)(unsigned long long)d;
	return 0;
}

static int read_max_disjuncts(Reader *rd, const cJSON *v)
{
	return read_count(rd, v, "max-disjuncts", 1, &rd->cfg->max_disjuncts);
}

static int read_step_budget(Reader *rd, const cJSON *v)
{
	return read_count(rd, v, "step-budget", 1, &rd->cfg->step_budget);
}

static int read_tu_timeout(Reader *rd, const cJSON *v) /* 0: no limit */
{
	return read_count(rd, v, "tu-timeout", 0, &rd->cfg->tu_timeout);
}

static int read_tree(Reader *rd, const cJSON *root)
{
	if (!cJSON_IsObject(root))
		return ac_error("%s: expected a JSON object at the top", rd->cfg->path);
	for (const cJSON *e = root->child; e; e = e->next) {
		size_t k = 0;
		while (k < sizeof keys / sizeof keys[0] && strcmp(keys[k].name, e->string) != 0)
			k++;
		if (k == sizeof keys / sizeof keys[0])
			return bad(rd, e->string, "unknown key (expected rules, severity, exclude, allocators, baseline, "
			                               "max-disjuncts, step-budget or tu-timeout)");
		if (keys[k].read(rd, e) < 0)
			return -1;
	}
	return 0;
}

static int read_file(AcConfig *cfg)
{
	const char *slash = strrchr(cfg->path, '/');
	Reader rd = {cfg, slash ? ac_arena_strndup(&cfg->arena, cfg->path, (size_t)(slash - cfg->path) + 1) : ""};
	cJSON *root = ac_jtree_parse_file(cfg->path);
	if (!root)
		return -1;
	int rc = read_tree(&rd, root);
	cJSON_Delete(root);
	return rc;
}

/* The .alloccheck.json in the directory of start or above it, in the
 * arena; NULL when there is none. */
static const char *find_upwards(AcArena *arena, const char *start)
{
	char buf[PATH_MAX]; /* a caller buffer, so that no block escapes mem.c */
	if (!realpath(start, buf))
		return NULL;
	char *d = ac_arena_strdup(arena, buf);
	struct stat st;
	if (stat(d, &st) == 0 && !S_ISDIR(st.st_mode))
		*strrchr(d, '/') = '\0';
	for (;;) {
		const char *cand = ac_arena_printf(arena, "%s/%s", d, CONFIG_NAME);
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
			return cand;
		char *slash = strrchr(d, '/');
		if (!slash || !d[0])
			return NULL;
		*slash = '\0';
	}
}

int ac_config_load(AcConfig *cfg, const AcCli *cli)
{
	*cfg = (AcConfig){0};
	memset(cfg->enabled, -1, sizeof cfg->enabled);
	memset(cfg->severity, -1, sizeof cfg->severity);
	if (cli->config)
		cfg->path = cli->config;
	else
		cfg->path = find_upwards(&cfg->arena, cli->paths.n ? cli->paths.v[0] : ".");
	if (!cfg->path)
		return 0;
	ac_note_verbose("%s: configuration", cfg->path);
	return read_file(cfg);
}

/* Puts add[0..nadd) before the n strings of the vector (*v, *n, *cap). */
static void prepend(const char ***v, size_t *n, size_t *cap, const char *const *add, size_t nadd)
{
	if (nadd == 0)
		return;
	struct {
		const char **v;
		size_t n, cap;
	} vec = {*v, *n, *cap};
	AC_VEC_GROW(&vec, vec.n + nadd);
	if (vec.n) /* v may be NULL when the vector is empty */
		memmove(vec.v + nadd, vec.v, vec.n * sizeof *vec.v);
	memcpy(vec.v, add, nadd * sizeof *vec.v);
	*v = vec.v, *n = vec.n + nadd, *cap = vec.cap;
}

void ac_config_apply(const AcConfig *cfg, AcCli *cli)
{
	if (!cfg->path)
		return;
	for (size_t i = 0; i < ac_nrules; i++) {
		if (cfg->enabled[i] >= 0 && !cli->rules_given.enabled[i])
			cli->engine.rules.enabled[i] = cfg->enabled[i];
	}
	prepend(&cli->excludes.v, &cli->excludes.n, &cli->excludes.cap, cfg->excludes.v, cfg->excludes.n);
	prepend(&cli->allocators.v, &cli->allocators.n, &cli->allocators.cap, cfg->allocators.v, cfg->allocators.n);
	if (!cli->baseline)
		cli->baseline = cfg->baseline;
	if (cfg->max_disjuncts.said && !cli->max_disjuncts_given)
		cli->engine.max_disjuncts = cfg->max_disjuncts.value;
	if (cfg->step_budget.said && !cli->step_budget_given)
		cli->engine.step_budget = cfg->step_budget.value;
	if (cfg->tu_timeout.said && !cli->tu_timeout_given)
		cli->engine.tu_timeout = cfg->tu_timeout.value;
}

void ac_config_severities(const AcConfig *cfg, AcFindings *fs)
{
	if (!cfg->path)
		return;
	for (size_t i = 0; i < fs->list.n; i++) {
		AcFinding *f = &fs->list.v[i];
		int r = ac_rule_index(f->rule);
		if (r >= 0 && cfg->severity[r] >= 0)
			f->severity = (AcSeverity)cfg->severity[r];
	}
}

void ac_config_free(AcConfig *cfg)
{
	AC_VEC_FREE(&cfg->excludes);
	AC_VEC_FREE(&cfg->allocators);
	ac_arena_free(&cfg->arena);
}
