/*
 * shared_headers: groups of files that start with the same directives, one
 * precompiled header each (see shared_headers.h).
 *
 * The PCH files live in a private directory made with mkdtemp, not in the
 * result cache: a PCH is only a faster way to parse, valid while its headers
 * and flags are unchanged (libclang checks that when it loads one), as large
 * as the headers' AST (megabytes for Python.h), and rebuilt in less time than
 * one TU takes to parse; keeping them would mean invalidating and collecting
 * them for nothing. The directory is removed when the run ends, at exit, and
 * on the usual termination signals.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, sigaction */

#include "shared_headers.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "cache.h"
#include "diag.h"
#include "engine.h"
#include "frontend.h"
#include "mem.h"
#include "path_memo.h"
#include "textfile.h"
#include "vec.h"

/* A group pays for its PCH from this many files on. Measured first (CPU
 * time, -j1, release build, when a TU parsed with a PCH still visited every
 * declaration of it): CPython's Objects/ files on Python.h cost +36 % with
 * 2 files, +20 % with 3, +3 % with 5, -16 % with 10; curl's lib/ on
 * curl_setup.h +22 % with 3, +5 % with 5, +2 % with 8. Since those TUs
 * visit only their own declarations (instructions, cachegrind, the whole
 * run): zlib -12 % with groups of 6 and 4 files, -8.5 % with the group of
 * 6 alone, +3.8 % with the pair of deflate.h's files added; curl's 8 files
 * with a group of 7: -18 %; 4 files of CPython's Objects/ on Python.h +7.5 %,
 * 5 of them -6 %. Measured again with the lowering of today (instructions,
 * cachegrind, -j1, each group's files alone against --no-shared-headers,
 * or the whole run against the next threshold): 2 of CPython's Objects/
 * on Python.h +15 %, 3 of them -11.5 %, 4 -20 %; zlib's pairs +3.6 %
 * on the run; 3 files of curl's vssh/ -27 %, 4 of vquic/ -30 %, 3 and 4 of
 * CPython's Modules/ -0.5 % and -2 %, zlib's 4 gz*.c -4 % on the run.
 * Making the PCH costs about two parses of its headers (the save costs as
 * much as the parse; and one lowering of their declarations, clang_tu.c
 * lower_pch_headers), and a TU parsed with it saves the parse of the headers.
 * ALLOCCHECK_SHARED_HEADERS_MIN overrides it, for measuring. */
enum { DEFAULT_MIN_GROUP = 3 };

/* Nor does a PCH of less than this many bytes of headers (instructions,
 * cachegrind, -j1): redis's 3 files on fmacros.h, 53 kB with <features.h>,
 * -2.1 % on the run without it; lua's 18 and 12 files on lprefix.h, 1 kB,
 * -4 % (most of it not made: too_small). */
enum { DEFAULT_MIN_BYTES = 64 * 1024 };

enum { MAX_DIRECTIVES = 64, HEAD_BYTES = 1 << 16, SIG_PATH = 4096 };

typedef struct Directive {
	size_t start, end;  /* the line's bytes, without its newline */
	const char *norm;   /* its text without comments, white space runs as one space */
	bool cut;           /* an #include outside any conditional: a PCH may end after it */
	const char *macro;  /* a #define outside any conditional: the name it defines */
} Directive;

typedef AC_VEC(Directive) DirectiveVec;

typedef struct Range {
	size_t start, end;
} Range;

typedef AC_VEC(Range) RangeVec;

/* The leading #defines of a file that it keeps for itself: moved after
 * its group's PCH, which is made without them (hoisted). */
typedef struct Hoisted {
	const char **names;
	size_t *starts;     /* where each #define starts in the file */
	size_t n;
} Hoisted;

typedef struct Group Group;
typedef AC_VEC(Group) GroupVec;

enum { PCH_NONE, PCH_MAKING, PCH_READY, PCH_FAILED };

struct Group {
	size_t first;       /* its first job: the flags, the directory, the lines */
	size_t members;
	size_t ndirs;       /* the leading directives its PCH holds */
	const char **dirs;  /* their normalised texts */
	const char *dir;    /* the directory of its files, searched first for its "..." includes;
	                       NULL when its files may be in several (none of them has a file
	                       a "..." include of the header names) */
	const char *key;    /* the key of its files (Keyed.key) */
	const char **moved; /* the names of the #defines its files move after the PCH (hoisted) */
	size_t nmoved;
	bool *moved_ok;     /* made: per name, its #defines may be moved (no header of the PCH reads it) */
	int state;          /* PCH_*, under AcShared.lock */
	AcArena arena;      /* the PCH's include list (written by the thread making it) */
	AcPch pch;
};


struct AcShared {
	const AcJob *jobs;
	size_t n;
	int *group;         /* per job: its group, or -1 */
	Hoisted *hoisted;   /* per job: the #defines it moves after the PCH */
	Group *groups;
	size_t ngroups;
	pthread_mutex_t lock;
	char *tmpdir;       /* made when the first PCH is, under lock */
	bool includes;      /* a cache will want each TU's includes (frontend.h) */
	AcPathMemo exists;  /* the files the scans asked for */
	AcArena arena;
};

/* ---- the leading directives of a file ------------------------------------- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The text of line s[0..n) without comments, runs of white space as one
 * space, trimmed; false when a comment does not end on the line. */
static bool normalise(const char *s, size_t n, char *out)
{
	size_t k = 0;
	bool space = false;
	char quote = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (quote) {
			out[k++] = c;
			if (c == '\\' && i + 1 < n)
				out[k++] = s[++i];
			else if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '/' && i + 1 < n && s[i + 1] == '/')
			break;
		if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			size_t j = i + 2;
			while (j + 1 < n && !(s[j] == '*' && s[j + 1] == '/'))
				j++;
			if (j + 1 >= n)
				return false;
			i = j + 1;
			space = true;
			continue;
		}
		if (is_space(c)) {
			space = true;
			continue;
		}
		if (space && k > 0)
			out[k++] = ' ';
		space = false;
		if (c == '"' || c == '\'')
			quote = c;
		out[k++] = c;
	}
	out[k] = '\0';
	return quote == 0;
}

/* The directive name after '#' in line s[0..n) ("include"), in buf. */
static void directive_name(const char *s, size_t n, char *buf, size_t size)
{
	size_t i = 1, k = 0;
	while (i < n && is_space(s[i]))
		i++;
	while (i < n && is_ident(s[i]) && k + 1 < size)
		buf[k++] = s[i++];
	buf[k] = '\0';
}

/* How a directive named name changes the depth of conditionals: +1 for
 * #if, #ifdef and #ifndef, -1 for #endif, 0 for #elif and #else and the
 * others a prefix may hold (#include, #define, #undef); -2 for any other. */
static int depth_change(const char *name)
{
	static const char *const opens[] = {"if", "ifdef", "ifndef"};
	static const char *const same[] = {"include", "define", "undef", "elif", "else"};
	for (size_t i = 0; i < sizeof opens / sizeof *opens; i++)
		if (strcmp(name, opens[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof same / sizeof *same; i++)
		if (strcmp(name, same[i]) == 0)
			return 0;
	return strcmp(name, "endif") == 0 ? -1 : -2;
}

/* Whether a directive other than #define names a macro whose value depends
 * on where it is read (its line, its file, how deep it is included, how
 * often it was read): in the PCH's header it would read another value than
 * in the file. A #define only records the name, to be expanded later in
 * the file. */
static bool reads_position(const char *norm)
{
	static const char *const names[] = {"__LINE__", "__FILE__", "__FILE_NAME__", "__BASE_FILE__",
	                                    "__INCLUDE_LEVEL__", "__COUNTER__", "__has_include"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strstr(norm, names[i]))
			return true;
	return false;
}

static char *dir_of(AcArena *a, const char *path);
static bool has_working_directory(const AcJob *job);

/* Whether the flags leave "..." includes looked up as <...> ones once the
 * includer's directory does not hold the name: no -iquote directory
 * (searched by "..." only), no -I- (which splits the paths), and no
 * Microsoft lookup along the includers. A relative directory of the file
 * is the process's, which the flags' -working-directory would move. */
static bool quotes_as_angles(const AcJob *job)
{
	if (job->path[0] != '/' && has_working_directory(job))
		return false;
	for (size_t i = 0; i < job->nargs; i++) {
		const char *a = job->args[i];
		if (strncmp(a, "-iquote", 7) == 0 || strcmp(a, "-I-") == 0 || strncmp(a, "-fms-compat", 11) == 0 ||
		    strncmp(a, "--driver-mode", 13) == 0)
			return false;
	}
	return true;
}


/* path when the file exists (access(2); an error other than ENOENT counts
 * as existing), else NULL. */
static char *ask_exists(const char *path)
{
	return access(path, F_OK) == 0 || errno != ENOENT ? strdup(path) : NULL;
}

/* Whether path exists, asked of the file system once per run (s->exists):
 * each file is scanned at least twice (grouping, then before its parse),
 * and the files of a directory #include mostly the same headers (curl's
 * lib/: 3,400 access calls a run before). A file made or removed during the
 * run is seen as it was at the first lookup, which the PCH's grouping used. */
static bool exists(AcPathMemo *e, const char *path)
{
	return ac_path_memo(e, path, ask_exists) != NULL;
}

/* Directive norm in the arena, an #include written #include <NAME> or
 * #include "NAME" (without the white space it may have around): "NAME"
 * as <NAME> when the directory of job's file does not hold NAME and the
 * flags then look it up as <NAME> (quotes_as_angles), so that files that
 * spell the same header both ways share it (CPython's exceptions.c has
 * <Python.h>, the other files of Objects/ "Python.h"). */
static const char *as_angled(const char *norm, const AcJob *job, AcPathMemo *e, AcArena *a)
{
	char name[16];
	directive_name(norm, strlen(norm), name, sizeof name);
	const char *p = strstr(norm, "include");
	if (strcmp(name, "include") != 0 || !p)
		return ac_arena_strdup(a, norm);
	p += 7;
	while (*p == ' ')
		p++;
	char close = *p == '<' ? '>' : *p == '"' ? '"' : 0;
	const char *end = close ? strchr(p + 1, close) : NULL;
	if (!end || end[1] != '\0')
		return ac_arena_strdup(a, norm); /* a macro, or something after the name */
	int n = (int)(end - p - 1);
	if (close == '"' && (p[1] == '/' || !quotes_as_angles(job)))
		return ac_arena_printf(a, "#include \"%.*s\"", n, p + 1);
	if (close == '"') {
		const char *path = ac_arena_printf(a, "%s/%.*s", dir_of(a, job->path), n, p + 1);
		if (exists(e, path))
			return ac_arena_printf(a, "#include \"%.*s\"", n, p + 1);
	}
	return ac_arena_printf(a, "#include <%.*s>", n, p + 1);
}

/* The name a #define (norm) defines, in the arena. */
static const char *macro_name(const char *norm, AcArena *a)
{
	const char *p = strstr(norm, "define") + 6;
	while (*p == ' ')
		p++;
	size_t n = 0;
	while (is_ident(p[n]))
		n++;
	return n ? ac_arena_printf(a, "%.*s", (int)n, p) : NULL;
}

/* Moves *i past white space, blank lines and comments; false at a comment
 * left open or a // comment continued on the next line. */
static bool skip_blank(const char *text, size_t len, size_t *i)
{
	while (*i < len) {
		char c = text[*i];
		if (is_space(c) || c == '\n') {
			++*i;
		} else if (c == '/' && *i + 1 < len && text[*i + 1] == '/') {
			while (*i < len && text[*i] != '\n')
				++*i;
			if (text[*i - 1] == '\\')
				return false;
		} else if (c == '/' && *i + 1 < len && text[*i + 1] == '*') {
			size_t j = *i + 2;
			while (j + 1 < len && !(text[j] == '*' && text[j + 1] == '/'))
				j++;
			if (j + 1 >= len)
				return false;
			*i = j + 2;
		} else {
			return true;
		}
	}
	return true;
}

/* The end of the directive line that starts at text[i], or 0 when the
 * line goes on with a backslash. */
static size_t line_end(const char *text, size_t len, size_t i)
{
	size_t eol = i;
	while (eol < len && text[eol] != '\n')
		eol++;
	return eol > i && text[eol - 1] == '\\' ? 0 : eol;
}

/* Whether job's flags define macro name: a -D of it that no later -U undoes.
 * False when a flag could undefine it some other way (passed on to the
 * preprocessor or the front end, the long spelling, a response file). */
static bool flags_define(const AcJob *job, const char *name)
{
	size_t n = strlen(name);
	bool defined = false;
	for (size_t i = 0; i < job->nargs; i++) {
		const char *a = job->args[i];
		if (strncmp(a, "-Wp,", 4) == 0 || strncmp(a, "-Xpreprocessor", 14) == 0 || strncmp(a, "-Xclang", 7) == 0 ||
		    strncmp(a, "--undefine", 10) == 0 || a[0] == '@')
			return false;
		bool d = strncmp(a, "-D", 2) == 0, u = strncmp(a, "-U", 2) == 0;
		if (!d && !u)
			continue;
		const char *m = a[2] ? a + 2 : i + 1 < job->nargs ? job->args[++i] : "";
		if (strncmp(m, name, n) == 0 && (m[n] == '\0' || (d && m[n] == '=')))
			defined = d;
	}
	return defined;
}

/* Where the block of #ifndef NAME (norm, at depth 0, its line ending at
 * eol) ends, after its #endif's line, when it is skipped whatever comes
 * before: the flags define NAME, no #include or #undef before it (out)
 * could undefine it, and nothing but directives, blank lines and comments
 * come up to its #endif, none an #else or #elif of its own. 0 otherwise.
 * CPython's `#ifndef Py_BUILD_CORE_BUILTIN / # define Py_BUILD_CORE_MODULE
 * 1 / #endif` is such a block in its built-in modules. */
static size_t skipped_block_end(const char *text, size_t len, size_t eol, const char *norm, const DirectiveVec *out,
                                const AcJob *job)
{
	const char *p = strstr(norm, "ifndef ");
	if (!p || !job)
		return 0;
	p += 7;
	for (const char *c = p; *c; c++)
		if (!is_ident(*c))
			return 0;
	for (size_t k = 0; k < out->n; k++)
		if (strstr(out->v[k].norm, "include") || strstr(out->v[k].norm, "undef"))
			return 0;
	if (!flags_define(job, p))
		return 0;
	int depth = 1;
	size_t j = eol;
	while (depth > 0) {
		if (!skip_blank(text, len, &j) || j >= len || text[j] != '#')
			return 0;
		size_t e = line_end(text, len, j);
		if (!e)
			return 0;
		char name[16];
		directive_name(text + j, e - j, name, sizeof name);
		int change = depth_change(name);
		if (depth == 1 && (strcmp(name, "elif") == 0 || strcmp(name, "else") == 0))
			return 0;
		depth += change == -2 ? 0 : change;
		j = e;
	}
	return j;
}

/* The leading directives of text[0..len), after comments and blank lines:
 * #include, #define, #undef, and the conditionals around them (#if,
 * #ifdef, #ifndef, #elif, #else, #endif: a file starting with
 * `#ifndef Py_BUILD_CORE_BUILTIN / #define Py_BUILD_CORE_MODULE 1 / #endif`
 * has the same lines as its PCH's header, which is read the same way), up
 * to the first other line (code, another directive, a line continued with
 * a backslash, a comment left open on a directive's line, an #endif
 * without its #if, a conditional or #include that reads a position-
 * dependent macro). A PCH may end only after an #include outside every
 * conditional (Directive.cut). A block that job's flags skip
 * (skipped_block_end) is left out, its byte range added to skipped when
 * that is not NULL. norm strings go to arena. */
static void scan(const char *text, size_t len, const AcJob *job, AcPathMemo *e, DirectiveVec *out, RangeVec *skipped,
                 AcArena *arena)
{
	size_t i = 0;
	int depth = 0;
	char *buf = NULL;
	while (out->n < MAX_DIRECTIVES && skip_blank(text, len, &i) && i < len && text[i] == '#') {
		size_t eol = line_end(text, len, i);
		if (!eol)
			break;
		char name[16];
		directive_name(text + i, eol - i, name, sizeof name);
		int change = depth_change(name);
		bool branch = strcmp(name, "elif") == 0 || strcmp(name, "else") == 0;
		if (change == -2 || depth + change < 0 || (branch && depth == 0))
			break;
		ac_free(buf);
		buf = ac_malloc(eol - i + 1);
		if (!normalise(text + i, eol - i, buf) || (strcmp(name, "define") != 0 && reads_position(buf)))
			break;
		size_t skip_to = depth == 0 && strcmp(name, "ifndef") == 0 ? skipped_block_end(text, len, eol, buf, out, job) : 0;
		if (skip_to) {
			if (skipped) {
				Range r = {i, skip_to};
				AC_VEC_PUSH(skipped, r);
			}
			i = skip_to;
			continue;
		}
		depth += change;
		Directive d = {i, eol, as_angled(buf, job, e, arena), strcmp(name, "include") == 0 && depth == 0,
		               depth == 0 && strcmp(name, "define") == 0 ? macro_name(buf, arena) : NULL};
		AC_VEC_PUSH(out, d);
		i = eol;
	}
	ac_free(buf);
}

/* ---- groups ------------------------------------------------------------------ */

/* Flags under which a PCH would not stand for the same text: files the
 * flags include themselves, another PCH, a language chosen by hand. */
static bool flags_allow(const AcJob *job)
{
	for (size_t i = 0; i < job->nargs; i++) {
		const char *a = job->args[i];
		if (strncmp(a, "-include", 8) == 0 || strncmp(a, "-imacros", 8) == 0 || strncmp(a, "-x", 2) == 0 ||
		    strncmp(a, "--include", 9) == 0)
			return false;
	}
	return true;
}

static char *dir_of(AcArena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return ac_arena_strdup(a, ".");
	if (slash == path)
		return ac_arena_strdup(a, "/");
	return ac_arena_printf(a, "%.*s", (int)(slash - path), path);
}

typedef struct Keyed {
	const char *key;    /* flags, directory ("" when any_dir), first directive */
	size_t job;
	DirectiveVec dirs;
	size_t local_free;  /* its leading directives that name no file of its directory */
	bool any_dir;       /* it may share a PCH with files of other directories */
	const char *at;     /* while splitting: its directive where the members part, or NULL */
} Keyed;

static int cmp_keyed(const void *a, const void *b)
{
	const Keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->job > y->job) - (x->job < y->job);
}

static int cmp_at(const void *a, const void *b)
{
	const Keyed *x = a, *y = b;
	int c = !x->at || !y->at ? (x->at != NULL) - (y->at != NULL) : strcmp(x->at, y->at);
	return c ? c : (x->job > y->job) - (x->job < y->job);
}

/* Whether directive norm may name a file of directory dir: an #include
 * "..." of a relative name that dir holds, or an #include of a macro's
 * expansion. An #include <...> looks in the include paths only; an
 * #include "..." that dir does not hold, in the include paths too, the
 * same for every directory. */
static bool names_local_file(const char *norm, const char *dir, AcPathMemo *e, AcArena *a)
{
	const char *p = norm + 1;
	while (*p == ' ')
		p++;
	if (strncmp(p, "include", 7) != 0)
		return false;
	p += 7;
	while (*p == ' ')
		p++;
	if (*p == '<')
		return false;
	const char *end = *p == '"' ? strchr(p + 1, '"') : NULL;
	if (!end)
		return true;
	if (p[1] == '/')
		return false;
	const char *path = ac_arena_printf(a, "%s/%.*s", dir, (int)(end - p - 1), p + 1);
	return exists(e, path);
}

/* Microsoft's lookup of "..." includes along every includer's directory:
 * a header's includes would look in its files' directory too. */
static bool microsoft_lookup(const AcJob *job)
{
	for (size_t i = 0; i < job->nargs; i++)
		if (strncmp(job->args[i], "-fms-compat", 11) == 0 || strncmp(job->args[i], "--driver-mode", 13) == 0)
			return true;
	return false;
}

static bool has_working_directory(const AcJob *job)
{
	for (size_t i = 0; i < job->nargs; i++)
		if (strncmp(job->args[i], "-working-directory", 18) == 0)
			return true;
	return false;
}

/* Sets x->local_free and x->any_dir: a file may share a PCH with files of
 * other directories when the directives up to its first #include outside
 * a conditional name no file of its own directory (its "..." includes are
 * then looked up in the include paths, as in any directory with the same
 * flags). A relative directory is one of the process's, and the flags'
 * -working-directory would move it: the file keeps to its directory. */
static void local_names(Keyed *x, const AcJob *job, const char *dir, AcPathMemo *e, AcArena *a)
{
	x->local_free = 0;
	while (x->local_free < x->dirs.n && !names_local_file(x->dirs.v[x->local_free].norm, dir, e, a))
		x->local_free++;
	size_t first_cut = 0;
	while (first_cut < x->dirs.n && !x->dirs.v[first_cut].cut)
		first_cut++;
	x->any_dir = first_cut < x->dirs.n && x->local_free > first_cut && (dir[0] == '/' || !has_working_directory(job)) &&
	             !microsoft_lookup(job);
}

static char *key_of(AcArena *a, const AcJob *job, const char *dir, const char *first)
{
	size_t len = strlen(dir) + strlen(first) + 3;
	for (size_t i = 0; i < job->nargs; i++)
		len += strlen(job->args[i]) + 1;
	char *k = ac_arena_alloc(a, len), *p = k;
	for (size_t i = 0; i < job->nargs; i++)
		p += sprintf(p, "%s\x1f", job->args[i]);
	sprintf(p, "\x1e%s\x1e%s", dir, first);
	return k;
}

static size_t min_group(void)
{
	const char *e = getenv("ALLOCCHECK_SHARED_HEADERS_MIN");
	long v = e && *e ? strtol(e, NULL, 10) : 0;
	return v > 0 ? (size_t)v : DEFAULT_MIN_GROUP;
}

/* Keeps in h the #defines that start before end (the end of the lines of
 * the PCH in the file): those after it are read after the PCH anyway. */
static void keep_before(Hoisted *h, size_t end)
{
	size_t k = 0;
	for (size_t i = 0; i < h->n; i++)
		if (h->starts[i] < end) {
			h->names[k] = h->names[i];
			h->starts[k++] = h->starts[i];
		}
	h->n = k;
}

/* Adds the names of h to those g's files move after its PCH. */
static void add_moved(AcShared *s, Group *g, const Hoisted *h)
{
	if (h->n == 0)
		return;
	const char **v = AC_ARENA_ARRAY(&s->arena, const char *, g->nmoved + h->n);
	if (g->nmoved)
		memcpy(v, g->moved, g->nmoved * sizeof *v);
	for (size_t i = 0; i < h->n; i++)
		v[g->nmoved++] = h->names[i];
	g->moved = v;
}

/* Members [from, to) of the sorted list, at least min of them, make a
 * group: the directives all of them start with, cut after the last
 * #include outside a conditional (and, when they may be in several
 * directories, before the first directive that names a file of one of
 * theirs). When they share no such #include (files
 * that start with the same #ifndef block, then go on differently), they
 * are parted by the first directive where they differ, and each part of
 * min files or more is tried the same way. */
static void add_groups(AcShared *s, Keyed *k, size_t from, size_t to, size_t min, GroupVec *out)
{
	size_t common = k[from].dirs.n;
	for (size_t m = from + 1; m < to; m++) {
		size_t c = 0;
		while (c < common && c < k[m].dirs.n && strcmp(k[m].dirs.v[c].norm, k[from].dirs.v[c].norm) == 0)
			c++;
		common = c;
	}
	size_t cut = common;
	for (size_t m = from; m < to && k[from].any_dir; m++)
		cut = k[m].local_free < cut ? k[m].local_free : cut;
	while (cut > 0 && !k[from].dirs.v[cut - 1].cut)
		cut--; /* not 0 by the limit: any_dir says local_free passes the first cut */
	if (cut == 0) {
		for (size_t m = from; m < to; m++)
			k[m].at = k[m].dirs.n > common ? k[m].dirs.v[common].norm : NULL;
		qsort(k + from, to - from, sizeof *k, cmp_at);
		for (size_t a = from, b; a < to; a = b) {
			for (b = a + 1; b < to && k[a].at && k[b].at && strcmp(k[b].at, k[a].at) == 0; b++)
				;
			if (k[a].at && b - a >= min)
				add_groups(s, k, a, b, min, out);
		}
		return;
	}
	Group g = {.first = k[from].job, .members = to - from, .ndirs = cut, .key = k[from].key};
	for (size_t m = from; m < to; m++) {
		keep_before(&s->hoisted[k[m].job], k[m].dirs.v[cut - 1].end);
		add_moved(s, &g, &s->hoisted[k[m].job]);
	}
	g.dirs = AC_ARENA_ARRAY(&s->arena, const char *, cut);
	for (size_t c = 0; c < cut; c++)
		g.dirs[c] = k[from].dirs.v[c].norm;
	g.dir = k[from].any_dir ? NULL : dir_of(&s->arena, s->jobs[g.first].path);
	for (size_t m = from; m < to; m++)
		s->group[k[m].job] = (int)out->n;
	AC_VEC_PUSH(out, g);
}

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether a flag of job names macro (-D, -U, or any other spelling). */
static bool flags_mention(const AcJob *job, const char *macro)
{
	for (size_t i = 0; i < job->nargs; i++)
		if (strstr(job->args[i], macro))
			return true;
	return false;
}

/* Leaves out of the directive list the #defines (outside conditionals) of
 * the names in h, and returns where the first one left out starts,
 * SIZE_MAX for none. */
static size_t drop_hoisted(DirectiveVec *d, const Hoisted *h)
{
	size_t k = 0, start = SIZE_MAX;
	for (size_t i = 0; i < d->n; i++) {
		bool drop = false;
		for (size_t j = 0; d->v[i].macro && j < h->n && !drop; j++)
			drop = strcmp(d->v[i].macro, h->names[j]) == 0;
		if (drop && start == SIZE_MAX)
			start = d->v[i].start;
		if (!drop)
			d->v[k++] = d->v[i];
	}
	d->n = k;
	return start;
}

/* The files of k[0..nk) left without a group try again without their
 * leading #defines that no other of them has (lua's `#define lapi_c`,
 * CPython's `#define MODULE_VERSION "1.0"`): such a #define is moved after
 * the PCH (it stays where it is in the file, which is parsed after the
 * PCH), which is exact when no line the PCH holds reads its name
 * (make_pch checks that once the PCH's files are known; a file whose
 * #define is read is parsed whole). Each joins a group of the same key
 * whose lines it then starts with, or they make new groups among them. */
static void hoist_leftovers(AcShared *s, Keyed *k, size_t nk, size_t min, GroupVec *groups)
{
	AC_VEC(const char *) defs = {0};
	for (size_t i = 0; i < nk; i++)
		for (size_t d = 0; s->group[k[i].job] < 0 && d < k[i].dirs.n; d++)
			if (k[i].dirs.v[d].macro)
				AC_VEC_PUSH(&defs, k[i].dirs.v[d].norm);
	if (defs.n > 1)
		qsort(defs.v, defs.n, sizeof *defs.v, cmp_text);
	Keyed *left = ac_calloc(nk, sizeof *left);
	size_t nl = 0;
	for (size_t i = 0; i < nk; i++) {
		size_t job = k[i].job;
		if (s->group[job] >= 0)
			continue;
		Keyed *x = &left[nl];
		AC_VEC(const char *) names = {0};
		AC_VEC(size_t) starts = {0};
		for (size_t d = 0; d < k[i].dirs.n; d++) {
			const Directive *dv = &k[i].dirs.v[d];
			const char *const *at = dv->macro && defs.n ? bsearch(&dv->norm, defs.v, defs.n, sizeof *defs.v, cmp_text) : NULL;
			bool once = at && (at == defs.v || strcmp(at[-1], dv->norm) != 0) &&
			            (at + 1 == defs.v + defs.n || strcmp(at[1], dv->norm) != 0);
			if (once && !flags_mention(&s->jobs[job], dv->macro)) {
				AC_VEC_PUSH(&names, dv->macro);
				AC_VEC_PUSH(&starts, dv->start);
			} else {
				AC_VEC_PUSH(&x->dirs, *dv);
			}
		}
		if (names.n == 0 || x->dirs.n == 0) {
			AC_VEC_FREE(&names);
			AC_VEC_FREE(&starts);
			AC_VEC_FREE(&x->dirs);
			continue;
		}
		Hoisted *h = &s->hoisted[job];
		h->names = AC_ARENA_ARRAY(&s->arena, const char *, names.n);
		memcpy(h->names, names.v, names.n * sizeof *names.v);
		h->starts = AC_ARENA_ARRAY(&s->arena, size_t, names.n);
		memcpy(h->starts, starts.v, names.n * sizeof *starts.v);
		h->n = names.n;
		AC_VEC_FREE(&names);
		AC_VEC_FREE(&starts);
		const char *dir = dir_of(&s->arena, s->jobs[job].path);
		x->job = job;
		local_names(x, &s->jobs[job], dir, &s->exists, &s->arena);
		x->key = key_of(&s->arena, &s->jobs[job], x->any_dir ? "" : dir, x->dirs.v[0].norm);
		for (size_t gi = 0; gi < groups->n && s->group[job] < 0; gi++) {
			Group *g = &groups->v[gi];
			bool same = strcmp(g->key, x->key) == 0 && g->ndirs <= x->dirs.n;
			for (size_t c = 0; same && c < g->ndirs; c++)
				same = strcmp(g->dirs[c], x->dirs.v[c].norm) == 0;
			if (same) {
				s->group[job] = (int)gi;
				g->members++;
				keep_before(h, x->dirs.v[g->ndirs - 1].end);
				add_moved(s, g, h);
			}
		}
		if (s->group[job] >= 0)
			AC_VEC_FREE(&x->dirs);
		else
			nl++;
	}
	if (nl > 1)
		qsort(left, nl, sizeof *left, cmp_keyed);
	for (size_t a = 0, b; a < nl; a = b) {
		for (b = a + 1; b < nl && strcmp(left[b].key, left[a].key) == 0; b++)
			;
		if (b - a >= min)
			add_groups(s, left, a, b, min, groups);
	}
	for (size_t i = 0; i < nl; i++) {
		if (s->group[left[i].job] < 0)
			s->hoisted[left[i].job].n = 0;
		AC_VEC_FREE(&left[i].dirs);
	}
	ac_free(left);
	AC_VEC_FREE(&defs);
}

AcShared *ac_shared_new(const AcJob *jobs, size_t n, const struct AcCache *cache)
{
	size_t min = min_group();
	if (n < min)
		return NULL;
	AcShared *s = ac_calloc(1, sizeof *s);
	ac_path_memo_init(&s->exists);
	s->includes = cache != NULL;
	s->jobs = jobs;
	s->n = n;
	s->group = ac_malloc(n * sizeof *s->group);
	s->hoisted = ac_calloc(n, sizeof *s->hoisted);
	Keyed *k = ac_calloc(n, sizeof *k);
	size_t nk = 0;
	char *head = ac_malloc(HEAD_BYTES);
	for (size_t i = 0; i < n; i++) {
		s->group[i] = -1;
		if (!flags_allow(&jobs[i]) || (cache && ac_cache_has_entry(cache, &jobs[i])))
			continue; /* a file with a cache entry will most likely not be parsed */
		FILE *f = fopen(jobs[i].path, "rb");
		if (!f)
			continue;
		size_t len = fread(head, 1, HEAD_BYTES, f);
		fclose(f);
		Keyed *x = &k[nk];
		scan(head, len, &jobs[i], &s->exists, &x->dirs, NULL, &s->arena);
		if (x->dirs.n == 0) {
			AC_VEC_FREE(&x->dirs);
			continue;
		}
		x->job = i;
		const char *dir = dir_of(&s->arena, jobs[i].path);
		local_names(x, &jobs[i], dir, &s->exists, &s->arena);
		x->key = key_of(&s->arena, &jobs[i], x->any_dir ? "" : dir, x->dirs.v[0].norm);
		nk++;
	}
	ac_free(head);
	if (nk > 1)
		qsort(k, nk, sizeof *k, cmp_keyed);
	GroupVec groups = {0};
	for (size_t a = 0, b; a < nk; a = b) {
		for (b = a + 1; b < nk && strcmp(k[b].key, k[a].key) == 0; b++)
			;
		if (b - a >= min)
			add_groups(s, k, a, b, min, &groups);
	}
	hoist_leftovers(s, k, nk, min, &groups);
	for (size_t i = 0; i < nk; i++)
		AC_VEC_FREE(&k[i].dirs);
	ac_free(k);
	s->groups = groups.v;
	s->ngroups = groups.n;
	if (s->ngroups == 0) {
		ac_shared_free(s);
		return NULL;
	}
	pthread_mutex_init(&s->lock, NULL);
	return s;
}

/* ---- the private directory, removed on every way out ------------------------- */

/* What a signal handler needs, written before any file is made: the
 * directory, and how many groups may have files in it. */
static char sig_dir[SIG_PATH];
static atomic_size_t sig_ngroups;
static atomic_bool sig_armed;
static struct sigaction old_actions[4];
static const int cleanup_signals[4] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

/* dir/g<i>.<ext> into buf, with nothing that is not async-signal-safe. */
static void file_name(char *buf, size_t size, const char *dir, size_t i, const char *ext)
{
	char num[32];
	size_t k = 0;
	do {
		num[k++] = (char)('0' + i % 10);
		i /= 10;
	} while (i && k < sizeof num);
	size_t p = 0;
	for (const char *c = dir; *c && p + 1 < size; c++)
		buf[p++] = *c;
	const char *g = "/g";
	for (const char *c = g; *c && p + 1 < size; c++)
		buf[p++] = *c;
	while (k && p + 1 < size)
		buf[p++] = num[--k];
	if (p + 1 < size)
		buf[p++] = '.';
	for (const char *c = ext; *c && p + 1 < size; c++)
		buf[p++] = *c;
	buf[p] = '\0';
}

static void remove_files(void)
{
	if (!atomic_exchange(&sig_armed, false))
		return;
	char path[SIG_PATH + 64];
	size_t n = atomic_load(&sig_ngroups);
	for (size_t i = 0; i < n; i++) {
		file_name(path, sizeof path, sig_dir, i, "h");
		unlink(path);
		file_name(path, sizeof path, sig_dir, i, "pch");
		unlink(path);
	}
	rmdir(sig_dir);
}

static void on_signal(int sig)
{
	remove_files();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void at_exit(void)
{
	remove_files();
}

/* Makes the private directory (under lock). */
static bool make_tmpdir(AcShared *s)
{
	if (s->tmpdir)
		return true;
	if (atomic_load(&sig_armed))
		return false; /* another run's files are still there (one run per process) */
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	char *t = ac_arena_printf(&s->arena, "%s/alloccheck-pch-XXXXXX", base);
	if (strlen(t) >= SIG_PATH || !mkdtemp(t)) {
		ac_note_verbose("shared headers: cannot make a directory in %s (%s); each file is parsed whole", base,
		                strerror(errno));
		return false;
	}
	strcpy(sig_dir, t);
	atomic_store(&sig_ngroups, s->ngroups);
	static bool registered;
	if (!registered && atexit(at_exit) == 0)
		registered = true;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals; i++)
		sigaction(cleanup_signals[i], &sa, &old_actions[i]);
	atomic_store(&sig_armed, true);
	s->tmpdir = t;
	return true;
}

/* ---- making and using a group's PCH ------------------------------------------ */

/* The header of group g: the directives of its first file, each on the
 * column where the file has it (tokens read from a macro's definition by
 * their spelling location read the same text). */
static char *header_text(const Group *g, const char *text, const DirectiveVec *d, const bool *poison, AcArena *a)
{
	AC_VEC(char) out = {0};
	AC_VEC_GROW(&out, 1); /* room for the NUL of no directive at all */
	for (size_t m = 0; poison && m < g->nmoved; m++)
		if (poison[m]) {
			/* a name defined already (predefined: linux, __LINE__) would
			 * be undefined for every file after the lines: an error */
			AC_VEC_GROW(&out, out.n + 3 * strlen(g->moved[m]) + 64);
			out.n += (size_t)sprintf(out.v + out.n, "#ifdef %s\n#error %s is defined\n#endif\n#define %s @\n",
			                         g->moved[m], g->moved[m], g->moved[m]);
		}
	for (size_t i = 0; i < g->ndirs && i < d->n; i++) { /* the caller checked d->n >= g->ndirs */
		size_t n = d->v[i].end - d->v[i].start;
		size_t col = d->v[i].start;
		while (col > 0 && text[col - 1] != '\n')
			col--;
		col = d->v[i].start - col;
		AC_VEC_GROW(&out, out.n + col + n + 2);
		memset(out.v + out.n, ' ', col);
		out.n += col;
		memcpy(out.v + out.n, text + d->v[i].start, n);
		out.n += n;
		out.v[out.n++] = '\n';
	}
	for (size_t m = 0; poison && m < g->nmoved; m++)
		if (poison[m]) {
			AC_VEC_GROW(&out, out.n + strlen(g->moved[m]) + 16);
			out.n += (size_t)sprintf(out.v + out.n, "#undef %s\n", g->moved[m]);
		}
	out.v[out.n] = '\0';
	char *r = ac_arena_strdup(a, out.v);
	AC_VEC_FREE(&out);
	return r;
}

static bool write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	bool ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok;
}

/* Whether text holds name as a whole identifier (in code, a directive,
 * a comment or a string alike: _Pragma("push_macro(\"X\")") reads X). */
static bool has_token(const char *text, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strstr(text, name); p; p = strstr(p + 1, name))
		if ((p == text || !is_ident(p[-1])) && !is_ident(p[n]))
			return true;
	return false;
}

/* Whether text has the words clang attribute, white space between them. */
static bool clang_attribute(const char *text)
{
	for (const char *p = strstr(text, "clang"); p; p = strstr(p + 1, "clang")) {
		if ((p > text && is_ident(p[-1])) || is_ident(p[5]))
			continue;
		const char *q = p + 5;
		while (is_space(*q) || *q == '\n')
			q++;
		if (strncmp(q, "attribute", 9) == 0 && !is_ident(q[9]))
			return true;
	}
	return false;
}

/* Whether text may hand a macro's expansion to a pragma that changes
 * what alloccheck reads: clang expands the operands of #pragma pack,
 * align, options align, ms_struct, clang attribute and omp (-fopenmp),
 * which change struct layouts and attributes; the others it knows expand
 * nothing, or change only diagnostics, visibility or code generation, and
 * those it does not know it ignores. *stringized is set when a _Pragma
 * takes a stringized parameter (it reads its callers' text). */
static bool unsafe_pragma(const char *text, bool openmp, bool *stringized)
{
	static const char *const acting[] = {"pack", "align", "options", "ms_struct", "clang attribute", "omp"};
	static const char *const words[] = {"pragma", "_Pragma"};
	for (size_t w = 0; w < 2; w++) {
		size_t n = strlen(words[w]);
		for (const char *p = strstr(text, words[w]); p; p = strstr(p + 1, words[w])) {
			if ((p > text && is_ident(p[-1])) || is_ident(p[n]))
				continue;
			const char *q = p + n;
			while (is_space(*q) || *q == '(' || *q == '"')
				q++;
			*stringized = *stringized || *q == '#';
			for (size_t i = 0; i < sizeof acting / sizeof *acting; i++)
				if (strncmp(q, acting[i], strlen(acting[i])) == 0 && !is_ident(q[strlen(acting[i])]) &&
				    (i + 1 < sizeof acting / sizeof *acting || openmp))
					return true;
		}
	}
	return false;
}

/* Clears g->moved_ok[m] when a line of g's PCH may read the macro of
 * the moved #define m: its name is in one of the PCH's files' text or in
 * the lines of its header; all of them when a header both pastes tokens
 * with ## (math.h makes sinf of sin and f) and may hand a macro's
 * expansion to a pragma that changes what alloccheck reads (a pasted name
 * expanded anywhere else is an error of the PCH made with the names as
 * stray tokens, see make_pch). Returns how many may move. */
static size_t moved_unread(Group *g, const char *header, const AcJob *job, const char **why)
{
	bool paste = false, pragma = false, stringized = false, acting = false;
	for (size_t f = 0; f <= g->pch.nincludes; f++) {
		size_t len;
		char *own = NULL;
		const char *t = header;
		if (f < g->pch.nincludes) {
			own = ac_textfile_read(g->pch.includes[f], &len);
			if (!own) {
				*why = "stay: a header of the precompiled header cannot be read again";
				memset(g->moved_ok, 0, g->nmoved * sizeof *g->moved_ok);
				return 0;
			}
			t = own;
		}
		for (size_t m = 0; m < g->nmoved; m++)
			if (g->moved_ok[m] && has_token(t, g->moved[m])) {
				g->moved_ok[m] = false;
				*why = "stay: a header of the precompiled header names them";
			}
		paste = paste || strstr(t, "##");
		pragma = pragma || unsafe_pragma(t, flags_mention(job, "openmp"), &stringized);
		acting = acting || has_token(t, "pack") || has_token(t, "ms_struct") || clang_attribute(t);
		ac_free(own);
	}
	if (paste && (pragma || (stringized && acting))) {
		*why = "stay: its headers paste tokens and have a #pragma that may read them";
		memset(g->moved_ok, 0, g->nmoved * sizeof *g->moved_ok);
	}
	size_t nok = 0;
	for (size_t m = 0; m < g->nmoved; m++)
		nok += g->moved_ok[m];
	return nok;
}

static size_t min_pch_bytes(void);

/* The text of the file an #include names (spec at its '"' or '<'),
 * looked for in from (for "..."), then in the directories of -I, -iquote
 * and -isystem, with its path in *path; NULL when not found there. A guess
 * (the lookup of the compiler has more), for estimates only. */
static char *lookup(const char *spec, const char *from, const AcJob *job, AcArena *a, size_t *len, const char **path)
{
	const char *end = *spec == '"' ? strchr(spec + 1, '"') : *spec == '<' ? strchr(spec + 1, '>') : NULL;
	if (!end || memchr(spec, '\n', (size_t)(end - spec)))
		return NULL;
	int n = (int)(end - spec - 1);
	const char *wd = NULL;
	for (size_t i = 0; i + 1 < job->nargs; i++)
		if (strcmp(job->args[i], "-working-directory") == 0)
			wd = job->args[i + 1];
	char *text = NULL;
	if (*spec == '"') {
		*path = ac_arena_printf(a, "%s/%.*s", from, n, spec + 1);
		text = ac_textfile_read(*path, len);
	}
	for (size_t i = 0; !text && i < job->nargs; i++) {
		const char *arg = job->args[i], *d = NULL;
		if (!arg)
			break;
		if (strncmp(arg, "-I", 2) == 0 || strncmp(arg, "-iquote", 7) == 0 || strncmp(arg, "-isystem", 8) == 0) {
			size_t skip = arg[1] == 'I' ? 2 : arg[2] == 'q' ? 7 : 8;
			d = arg[skip] ? arg + skip : i + 1 < job->nargs ? job->args[i + 1] : NULL;
		}
		if (d && d[0] != '/' && wd)
			d = ac_arena_printf(a, "%s/%s", wd, d);
		if (d) {
			*path = ac_arena_printf(a, "%s/%.*s", d, n, spec + 1);
			text = ac_textfile_read(*path, len);
		}
	}
	return text;
}

/* The text of the file that line l of g's lines includes (lookup). */
static char *included_text(const Group *g, size_t l, const AcJob *job, AcArena *a, size_t *len, const char **path)
{
	const char *p = strstr(g->dirs[l], "include");
	if (!p || g->dirs[l][1] != 'i')
		return NULL;
	p += 7;
	while (*p == ' ')
		p++;
	return lookup(p, dir_of(a, job->path), job, a, len, path);
}

enum { GUESS_FILES = 1000 };

/* Clears g->moved_ok[m] for the names that a file the lines of g include
 * has, directly or not, as far as lookup finds them: made with those
 * defined as a stray token, its PCH would most likely fail or be made
 * again (CPython's modsupport.h reads PY_SSIZE_T_CLEAN). Only a guess, to
 * spare a PCH made for nothing: moved_unread decides. */
static void guess_unread(Group *g, const AcJob *job, AcArena *a)
{
	AC_VEC(const char *) seen = {0};
	AC_VEC(char *) texts = {0};
	for (size_t l = 0; l < g->ndirs; l++) {
		size_t len;
		const char *path = NULL;
		char *text = included_text(g, l, job, a, &len, &path);
		if (text) {
			AC_VEC_PUSH(&seen, path);
			AC_VEC_PUSH(&texts, text);
		}
	}
	for (size_t f = 0; f < texts.n; f++) {
		const char *t = texts.v[f];
		for (size_t m = 0; m < g->nmoved; m++)
			if (g->moved_ok[m] && has_token(t, g->moved[m]))
				g->moved_ok[m] = false;
		const char *from = dir_of(a, seen.v[f]);
		for (const char *p = strstr(t, "include"); p && seen.n < GUESS_FILES; p = strstr(p + 1, "include")) {
			const char *q = p;
			while (q > t && (q[-1] == ' ' || q[-1] == '\t'))
				q--;
			if (q == t || q[-1] != '#')
				continue;
			const char *spec = p + 7;
			while (*spec == ' ' || *spec == '\t')
				spec++;
			size_t len;
			const char *path = NULL;
			char *text = lookup(spec, from, job, a, &len, &path);
			bool known = false;
			for (size_t k = 0; text && k < seen.n && !known; k++)
				known = strcmp(seen.v[k], path) == 0;
			if (text && !known) {
				AC_VEC_PUSH(&seen, path);
				AC_VEC_PUSH(&texts, text);
			} else {
				ac_free(text);
			}
		}
	}
	for (size_t f = 0; f < texts.n; f++)
		ac_free(texts.v[f]);
	AC_VEC_FREE(&texts);
	AC_VEC_FREE(&seen);
}

/* Whether the files g's lines include are found, include nothing, and
 * are small: a PCH of them would cost more than it saves (lua's lprefix.h,
 * 1 kB of #defines). */
static bool too_small(const Group *g, const AcJob *job, AcArena *a)
{
	size_t sum = 0;
	for (size_t l = 0; l < g->ndirs; l++) {
		if (!strstr(g->dirs[l], "include"))
			continue;
		size_t len = 0;
		const char *path = NULL;
		char *text = included_text(g, l, job, a, &len, &path);
		bool leaf = text && !has_token(text, "include");
		ac_free(text);
		if (!leaf)
			return false;
		sum += len;
	}
	return sum < min_pch_bytes();
}

/* Writes g's header, each moved name defined as a stray token before its
 * lines and undefined after them when poison is not NULL and says so,
 * and makes the PCH of it. */
static bool build(Group *g, const AcJob *job, const char *text, const DirectiveVec *d, const bool *poison,
                  AcArena *scratch, const char **why)
{
	*why = "cannot write its header";
	return write_file(g->pch.header, header_text(g, text, d, poison, scratch)) &&
	       ac_tu_make_pch(g->pch.header, g->dir, job->args, job->nargs, &g->pch, &g->arena, why) == 0;
}

/* The size of the files a PCH holds. */
static size_t headers_size(const AcPch *pch)
{
	size_t sum = 0;
	struct stat st;
	for (size_t i = 0; i < pch->nincludes; i++)
		if (stat(pch->includes[i], &st) == 0)
			sum += (size_t)st.st_size;
	return sum;
}

static size_t min_pch_bytes(void)
{
	const char *e = getenv("ALLOCCHECK_SHARED_HEADERS_BYTES");
	long v = e && *e ? strtol(e, NULL, 10) : -1;
	return v >= 0 ? (size_t)v : DEFAULT_MIN_BYTES;
}

/* Makes group gi's PCH from the text of its first file. */
static bool make_pch(AcShared *s, size_t gi)
{
	Group *g = &s->groups[gi];
	const AcJob *job = &s->jobs[g->first];
	pthread_mutex_lock(&s->lock);
	bool dir = make_tmpdir(s);
	pthread_mutex_unlock(&s->lock);
	if (!dir)
		return false;
	double start = ac_engine_now();
	size_t len;
	char *text = ac_textfile_read(job->path, &len);
	if (!text)
		return false;
	AcArena scratch = {0};
	DirectiveVec d = {0};
	scan(text, len, job, &s->exists, &d, NULL, &scratch);
	drop_hoisted(&d, &s->hoisted[g->first]);
	bool same = d.n >= g->ndirs;
	for (size_t i = 0; same && i < g->ndirs; i++)
		same = strcmp(d.v[i].norm, g->dirs[i]) == 0;
	const char *why = "the first file changed";
	const char *unread = "stay";
	bool ok = false;
	if (same && too_small(g, job, &scratch)) {
		same = false;
		why = "its headers are too small to pay for it";
	}
	if (same) {
		char name[SIG_PATH + 64];
		file_name(name, sizeof name, s->tmpdir, gi, "h");
		g->pch.header = ac_arena_strdup(&g->arena, name);
		file_name(name, sizeof name, s->tmpdir, gi, "pch");
		g->pch.path = ac_arena_strdup(&g->arena, name);
		/* With moved #defines: made with their names defined as a stray
		 * token (@) first, so that a name a header pastes and expands is
		 * an error; made again without the names a header reads (their
		 * stray definition may have changed it), and without any when
		 * that fails. The names are undefined after the lines. */
		g->moved_ok = AC_ARENA_ARRAY(&g->arena, bool, g->nmoved ? g->nmoved : 1);
		for (size_t m = 0; m < g->nmoved; m++)
			g->moved_ok[m] = true;
		guess_unread(g, job, &scratch);
		size_t poisoned = 0;
		for (size_t m = 0; m < g->nmoved; m++)
			poisoned += g->moved_ok[m];
		ok = build(g, job, text, &d, poisoned ? g->moved_ok : NULL, &scratch, &why);
		if (ok && poisoned && moved_unread(g, header_text(g, text, &d, NULL, &scratch), job, &unread) < poisoned)
			ok = build(g, job, text, &d, g->moved_ok, &scratch, &why);
		if (!ok && poisoned) {
			unread = "stay: the headers do not parse with their names as stray tokens";
			memset(g->moved_ok, 0, g->nmoved * sizeof *g->moved_ok);
			ok = build(g, job, text, &d, NULL, &scratch, &why);
		}
	}
	size_t nok = 0;
	for (size_t m = 0; ok && m < g->nmoved; m++)
		nok += g->moved_ok[m];
	size_t bytes = ok ? headers_size(&g->pch) : 0;
	if (ok && bytes < min_pch_bytes()) {
		ok = false;
		why = "its headers are too small to pay for it";
	}
	if (ok)
		ac_note_verbose("shared headers: %s and %zu other file%s start with the same %zu line%s (%s): "
		                "precompiled in %.2f s (%zu kB of headers)",
		                job->path, g->members - 1, g->members == 2 ? "" : "s", g->ndirs, g->ndirs == 1 ? "" : "s",
		                g->dirs[0], ac_engine_now() - start, bytes / 1024);
	else
		ac_note_verbose("shared headers: %s and %zu other file%s: no precompiled header (%s); each is parsed whole",
		                job->path, g->members - 1, g->members == 2 ? "" : "s", why);
	if (ok && g->nmoved)
		ac_note_verbose("shared headers: %s: %zu of %zu #define%s its group's files have before their shared "
		                "lines moved after the precompiled header (the others %s)",
		                job->path, nok, g->nmoved, g->nmoved == 1 ? "" : "s", unread);
	AC_VEC_FREE(&d);
	ac_arena_free(&scratch);
	ac_free(text);
	return ok;
}

/* Whether job i's PCH is ready, making it first if no thread has. */
static bool pch_ready(AcShared *s, size_t gi)
{
	Group *g = &s->groups[gi];
	pthread_mutex_lock(&s->lock);
	int state = g->state;
	if (state == PCH_NONE)
		g->state = PCH_MAKING;
	pthread_mutex_unlock(&s->lock);
	if (state != PCH_NONE)
		return state == PCH_READY;
	bool ok = make_pch(s, gi);
	pthread_mutex_lock(&s->lock);
	g->state = ok ? PCH_READY : PCH_FAILED;
	pthread_mutex_unlock(&s->lock);
	return ok;
}

/* Whether every #define of h may be moved after g's PCH. */
static bool all_moved(const Group *g, const Hoisted *h)
{
	for (size_t i = 0; i < h->n; i++) {
		bool ok = false;
		for (size_t m = 0; m < g->nmoved && !ok; m++)
			ok = g->moved_ok[m] && strcmp(g->moved[m], h->names[i]) == 0;
		if (!ok)
			return false;
	}
	return true;
}

/* Job i parsed with its group's PCH: 0 or -1 as ac_tu_load, 1 when the
 * file is to be parsed plainly instead. */
static int load_with_pch(AcShared *s, size_t i, const Group *g, AcTu **out)
{
	const AcJob *job = &s->jobs[i];
	size_t len;
	char *text = ac_textfile_read(job->path, &len);
	if (!text)
		return 1; /* the plain parse says why */
	AcArena scratch = {0};
	DirectiveVec d = {0};
	RangeVec skipped = {0};
	scan(text, len, job, &s->exists, &d, &skipped, &scratch);
	size_t moved_start = drop_hoisted(&d, &s->hoisted[i]);
	bool same = d.n >= g->ndirs;
	for (size_t k = 0; same && k < g->ndirs; k++)
		same = strcmp(d.v[k].norm, g->dirs[k]) == 0;
	int rc = 1;
	/* a #define it moves after the PCH, among the lines the PCH holds,
	 * that a header of the PCH may read: the file is parsed whole */
	bool moved = !same || g->ndirs == 0 || moved_start >= d.v[g->ndirs - 1].end || all_moved(g, &s->hoisted[i]);
	if (same && !moved) {
		ac_note_verbose("%s: a header of its precompiled header may read a #define it has before; parsed whole",
		                job->path);
	} else if (same) {
		for (size_t k = 0; k < g->ndirs; k++)
			for (size_t b = d.v[k].start; b < d.v[k].end; b++)
				text[b] = ' ';
		/* a block the flags skip among those lines goes too (lines kept):
		 * the PCH's header, made of the lines, has none */
		for (size_t k = 0; k < skipped.n && g->ndirs && skipped.v[k].end <= d.v[g->ndirs - 1].end; k++)
			for (size_t b = skipped.v[k].start; b < skipped.v[k].end; b++)
				if (text[b] != '\n' && text[b] != '\r')
					text[b] = ' ';
		rc = ac_tu_load_pch(job->path, job->args, job->nargs, text, len, &g->pch, s->includes, out);
		if (rc == 1)
			ac_note_verbose("%s: libclang did not take the precompiled headers; parsed whole", job->path);
	} else {
		ac_note_verbose("%s: its leading lines changed since the run started; parsed whole", job->path);
	}
	AC_VEC_FREE(&d);
	AC_VEC_FREE(&skipped);
	ac_arena_free(&scratch);
	ac_free(text);
	return rc;
}

int ac_shared_load(AcShared *s, size_t i, AcTu **out)
{
	const AcJob *job = &s->jobs[i];
	int gi = s->group[i];
	if (gi >= 0 && pch_ready(s, (size_t)gi)) {
		int rc = load_with_pch(s, i, &s->groups[gi], out);
		if (rc <= 0)
			return rc;
	}
	return s->includes ? ac_tu_load(job->path, job->args, job->nargs, out)
	                   : ac_tu_load_uncached(job->path, job->args, job->nargs, out);
}

int ac_shared_group(const AcShared *s, size_t i)
{
	return s && i < s->n ? s->group[i] : -1;
}

void ac_shared_free(AcShared *s)
{
	if (!s)
		return;
	if (s->tmpdir) {
		remove_files();
		for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals; i++)
			sigaction(cleanup_signals[i], &old_actions[i], NULL);
	}
	if (s->ngroups) /* the lock is made with the first group */
		pthread_mutex_destroy(&s->lock);
	for (size_t i = 0; i < s->ngroups; i++) {
		ac_tu_free_pch(&s->groups[i].pch);
		ac_arena_free(&s->groups[i].arena);
	}
	ac_free(s->groups);
	ac_free(s->group);
	ac_free(s->hoisted);
	ac_path_memo_free(&s->exists);
	ac_arena_free(&s->arena);
	ac_free(s);
}
