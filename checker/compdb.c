/*
 * compdb: compile_commands.json -> jobs (see compdb.h). The whole document is
 * parsed into one cJSON tree, each entry becomes a job whose strings are
 * copied into the jobs arena, and the tree is deleted once.
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include "compdb.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "compile_args.h"
#include "diag.h"
#include "intern.h"
#include "mem.h"
#include "textfile.h"

/* One database being read. */
typedef struct Db {
	AcJobs *jobs;
	const char *file;              /* the database path, for messages */
	const char *const *filters;    /* real paths of the PATH arguments (in jobs->arena) */
	size_t nfilters;
	size_t *matched;               /* entries matched per filter */
	const char **seen;             /* open-addressing set of the real paths listed so far */
	size_t seen_cap;               /* a power of two, more than twice the entries */
	AcCompdbStats *stats;
	size_t errors;
	const char *dir_in, *dir_real; /* the last entry's directory and its realpath */
} Db;

/* Prints "alloccheck: error: FILE: entry N (path): what" and records it. */
static void entry_error(Db *db, int index, const char *path, const char *what)
{
	AcArena *a = &db->jobs->arena;
	const char *name = index < 0 ? ac_arena_strdup(a, db->file)
				     : ac_arena_printf(a, "%s: entry %d%s%s%s", db->file, index,
						       path ? " (" : "", path ? path : "", path ? ")" : "");
	AcFailure f = {name, ac_arena_strdup(a, what)};
	AC_VEC_PUSH(&db->jobs->failed, f);
	ac_error("%s: %s", name, what);
	db->errors++;
}


static size_t hash_str(const char *s)
{
	return ac_text_hash(s, strlen(s));
}

/* Adds path to the seen set; false when it was there already. */
static bool first_time(Db *db, const char *path)
{
	size_t mask = db->seen_cap - 1;
	for (size_t i = hash_str(path) & mask;; i = (i + 1) & mask) {
		if (!db->seen[i]) {
			db->seen[i] = path;
			return true;
		}
		if (strcmp(db->seen[i], path) == 0)
			return false;
	}
}

/* Whether path passes the PATH filters, counting the match. */
static bool wanted(Db *db, const char *path)
{
	if (db->nfilters == 0)
		return true;
	for (size_t i = 0; i < db->nfilters; i++) {
		size_t n = strlen(db->filters[i]);
		if (strncmp(path, db->filters[i], n) == 0 && (path[n] == '\0' || path[n] == '/' || n == 1)) {
			db->matched[i]++;
			return true;
		}
	}
	return false;
}

/* The entry's command line as argv: "arguments", or "command" split as sh
 * would. -1 with *what set when neither is usable. */
static int entry_argv(Db *db, const cJSON *e, const char ***argv, size_t *argc, const char **what)
{
	const cJSON *args = cJSON_GetObjectItemCaseSensitive(e, "arguments");
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(e, "command");
	AcArena *a = &db->jobs->arena;
	if (cJSON_IsArray(args)) {
		size_t n = (size_t)cJSON_GetArraySize(args), i = 0;
		const char **v = ac_arena_alloc(a, (n + 1) * sizeof *v);
		const cJSON *it;
		cJSON_ArrayForEach(it, args) {
			if (!cJSON_IsString(it)) {
				*what = "\"arguments\" holds something that is not a string";
				return -1;
			}
			v[i++] = ac_arena_strdup(a, it->valuestring);
		}
		*argv = v;
		*argc = n;
	} else if (cJSON_IsString(cmd)) {
		if (ac_compile_args_split(a, cmd->valuestring, argv, argc) < 0) {
			*what = "unclosed quote in \"command\"";
			return -1;
		}
	} else {
		*what = "no \"arguments\" array or \"command\" string";
		return -1;
	}
	if (*argc == 0) {
		*what = "empty command line";
		return -1;
	}
	return 0;
}

/* The language the entry compiles file in: that of the matching input. */
static AcLang entry_lang(const AcCompileArgs *c, const char *file)
{
	if (c->preprocess_only)
		return AC_LANG_OTHER;
	for (size_t i = 0; i < c->inputs.n; i++)
		if (strcmp(c->inputs.v[i].path, file) == 0)
			return c->inputs.v[i].lang;
	return c->inputs.n == 1 ? c->inputs.v[0].lang : AC_LANG_OTHER;
}

static void count_skip(Db *db, AcLang lang, const char *path)
{
	ac_note_verbose("%s: skipped (%s)", path, ac_lang_name(lang));
	if (lang == AC_LANG_CXX)
		db->stats->cxx++;
	else if (lang == AC_LANG_ASM)
		db->stats->assembler++;
	else
		db->stats->other++;
}

/* The job of a C entry: -working-directory DIR, then its flags, copied. */
static void add_job(Db *db, const char *path, const char *dir, const AcCompileArgs *c)
{
	AcArena *a = &db->jobs->arena;
	const char **args = ac_arena_alloc(a, (c->flags.n + 2) * sizeof *args);
	args[0] = "-working-directory";
	args[1] = ac_arena_strdup(a, dir);
	for (size_t i = 0; i < c->flags.n; i++)
		args[i + 2] = c->flags.v[i]; /* already in the arena (entry_argv) */
	AcJob job = {path, args, c->flags.n + 2};
	AC_VEC_PUSH(&db->jobs->list, job);
}

/* realpath of dir/file (file alone when absolute) in the arena; NULL with
 * errno set. */
static const char *real_source(AcArena *a, const char *dir, const char *file, char *buf)
{
	const char *joined = file[0] == '/' ? file : ac_arena_printf(a, "%s/%s", dir, file);
	/* A plain name in the real directory (relative, or absolute under it) is
	 * its own realpath unless it is a symbolic link: one lstat instead of a
	 * readlink per component. */
	size_t n = strlen(dir);
	const char *name = file[0] != '/' ? file : strncmp(file, dir, n) == 0 && file[n] == '/' ? file + n + 1 : NULL;
	struct stat st;
	if (name && !strchr(name, '/') && strcmp(name, "") != 0 && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0 && strcmp(dir, "/") != 0 && lstat(joined, &st) == 0 && !S_ISLNK(st.st_mode))
		return joined == file ? ac_arena_strdup(a, file) : joined; /* file is the database's */
	if (!realpath(joined, buf))
		return NULL;
	return ac_arena_strdup(a, buf);
}

/* An entry's "directory": a relative one is taken relative to the
 * database's own directory, so that the result does not depend on where
 * alloccheck runs (the format asks for an absolute directory; CMake and
 * bear write one). */
static const char *entry_dir(Db *db, const char *dir)
{
	if (dir[0] == '/')
		return dir;
	const char *slash = strrchr(db->file, '/');
	if (!slash)
		return dir;
	return ac_arena_printf(&db->jobs->arena, "%.*s/%s", (int)(slash - db->file), db->file, dir);
}

static void read_entry(Db *db, const cJSON *e, int index)
{
	const cJSON *dir = cJSON_GetObjectItemCaseSensitive(e, "directory");
	const cJSON *file = cJSON_GetObjectItemCaseSensitive(e, "file");
	const char *what = NULL, **argv;
	size_t argc;
	char real_dir[PATH_MAX], real_file[PATH_MAX];
	if (!cJSON_IsObject(e))
		return entry_error(db, index, NULL, "not an object");
	const char *fname = cJSON_IsString(file) ? file->valuestring : NULL;
	if (!cJSON_IsString(dir) || !fname)
		return entry_error(db, index, fname, fname ? "no \"directory\" string" : "no \"file\" string");
	if (entry_argv(db, e, &argv, &argc, &what) < 0)
		return entry_error(db, index, fname, what);
	/* Consecutive entries mostly share a directory: its realpath is made once. */
	const char *in = entry_dir(db, dir->valuestring);
	if (!db->dir_in || strcmp(db->dir_in, in) != 0) {
		if (!realpath(in, real_dir))
			return entry_error(db, index, fname, ac_arena_printf(&db->jobs->arena, "directory %s: %s",
									    dir->valuestring, strerror(errno)));
		db->dir_in = ac_arena_strdup(&db->jobs->arena, in);
		db->dir_real = ac_arena_strdup(&db->jobs->arena, real_dir);
	}
	const char *path = real_source(&db->jobs->arena, db->dir_real, fname, real_file);
	if (!path)
		return entry_error(db, index, fname, strerror(errno));
	if (!wanted(db, path)) {
		db->stats->filtered++;
		return;
	}
	AcCompileArgs c = {0};
	ac_compile_args_parse(&c, argv, argc);
	AcLang lang = entry_lang(&c, fname);
	if (lang != AC_LANG_C)
		count_skip(db, lang, path);
	else if (!first_time(db, path))
		db->stats->duplicates++;
	else
		add_job(db, path, db->dir_real, &c);
	ac_compile_args_free(&c);
}

/* Real paths of the PATH filters; a filter that does not exist is an error
 * and matches nothing. */
static void read_filters(Db *db, const char *const *filters, size_t n)
{
	const char **real = ac_arena_alloc(&db->jobs->arena, (n + 1) * sizeof *real);
	char buf[PATH_MAX];
	for (size_t i = 0; i < n; i++) {
		if (realpath(filters[i], buf)) {
			real[i] = ac_arena_strdup(&db->jobs->arena, buf);
			continue;
		}
		real[i] = "\n"; /* matches no path */
		AcFailure f = {ac_arena_strdup(&db->jobs->arena, filters[i]),
			       ac_arena_strdup(&db->jobs->arena, strerror(errno))};
		AC_VEC_PUSH(&db->jobs->failed, f);
		ac_error("%s:", filters[i]);
		db->errors++;
		db->matched[i] = 1; /* already reported */
	}
	db->filters = real;
	db->nfilters = n;
}

static void check_filters_used(Db *db, const char *const *filters)
{
	for (size_t i = 0; i < db->nfilters; i++) {
		if (db->matched[i])
			continue;
		const char *why = ac_arena_printf(&db->jobs->arena, "not in %s", db->file);
		AcFailure f = {ac_arena_strdup(&db->jobs->arena, filters[i]), why};
		AC_VEC_PUSH(&db->jobs->failed, f);
		ac_error("%s: %s", filters[i], why);
		db->errors++;
	}
}

/* The parsed database, or NULL after the error line. */
static cJSON *parse_db(Db *db)
{
	char *text = ac_textfile_read(db->file, NULL);
	if (!text) {
		entry_error(db, -1, NULL, strerror(errno));
		return NULL;
	}
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, true);
	if (!root) {
		size_t off = end ? (size_t)(end - text) : 0;
		entry_error(db, -1, NULL, ac_arena_printf(&db->jobs->arena, "not valid JSON (at byte %zu)", off));
	} else if (!cJSON_IsArray(root)) {
		entry_error(db, -1, NULL, "not a JSON array of compile commands");
		cJSON_Delete(root);
		root = NULL;
	}
	ac_free(text);
	return root;
}

size_t ac_compdb_load(AcJobs *jobs, const char *file, const char *const *filters, size_t nfilters,
		      AcCompdbStats *stats)
{
	Db db = {.jobs = jobs, .file = file, .stats = stats};
	memset(stats, 0, sizeof *stats);
	db.matched = ac_calloc(nfilters + 1, sizeof *db.matched);
	read_filters(&db, filters, nfilters);
	cJSON *root = parse_db(&db);
	if (root) {
		stats->entries = (size_t)cJSON_GetArraySize(root);
		for (db.seen_cap = 16; db.seen_cap < 2 * stats->entries + 2;)
			db.seen_cap *= 2;
		db.seen = ac_calloc(db.seen_cap, sizeof *db.seen);
		int i = 0;
		const cJSON *e;
		cJSON_ArrayForEach(e, root)
			read_entry(&db, e, i++);
		cJSON_Delete(root);
		ac_free(db.seen);
		check_filters_used(&db, filters);
	}
	ac_free(db.matched);
	return db.errors;
}
