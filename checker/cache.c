/*
 * cache: see cache.h. The lookup never parses C: it reads one small JSON
 * file and stats files, hashing only those whose stat signature changed. A
 * run memoises the signature and digest of every file it looked at (a table
 * under the cache's lock), so a system header included by a hundred TUs is
 * stat'ed once per run, and a warm run costs about one stat of each file of
 * the tree. cJSON's parser records errors in a global, so parsing an entry
 * also happens under the lock; printing does not touch it.
 */
#define _GNU_SOURCE /* dl_iterate_phdr; getcwd, st_mtim */

#include "cache.h"

#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "atomic_file.h"
#include "diag.h"
#include "frontend.h"
#include "hash.h"
#include "mem.h"
#include "project.h"
#include "rule.h"
#include "textfile.h"
#include "vec.h"

/* Changing what an entry holds or how the key is made: bump it, and every
 * old entry becomes a miss instead of being misread. */
#define FORMAT "alloccheck-cache-6"

/* "dev:ino:size:mtime:ctime", each number in hex, the times in ns. */
#define SIG_SIZE 96

/* What a run knows of one file the entries list: its stat signature and,
 * once needed, the digest of its contents. */
typedef struct Digest {
	char *path;                /* NULL: an empty slot */
	bool gone;                 /* stat failed, or the contents could not be read */
	bool hashed;               /* hex is set (sig is the stat taken just before) */
	char sig[SIG_SIZE];        /* "" when not trusted (see file_sig) */
	char hex[AC_HASH_HEX + 1]; /* when hashed: "" when the file could not be read */
} Digest;

struct AcCache {
	char *dir;
	AcHash base;            /* the key's part shared by every job of the run */
	bool quiet;
	time_t start;           /* when the run began, for file_sig */
	pthread_mutex_t lock;   /* guards digests and cJSON_Parse */
	Digest *digests;        /* open addressing, size a power of two */
	size_t ndigests, cap;
	atomic_bool writable;   /* false after the first failed write (warned once) */
	atomic_size_t hits, misses, written;
};

/* --- the file digests of the run ------------------------------------- */

static size_t slot_of(const char *path, size_t cap)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (const char *s = path; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return (size_t)h & (cap - 1);
}

static Digest *find_slot(Digest *tab, size_t cap, const char *path)
{
	size_t i = slot_of(path, cap);
	while (tab[i].path && strcmp(tab[i].path, path) != 0)
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

static void grow(AcCache *c)
{
	size_t cap = c->cap ? c->cap * 2 : 1024;
	Digest *tab = ac_calloc(cap, sizeof *tab);
	for (size_t i = 0; i < c->cap; i++)
		if (c->digests[i].path)
			*find_slot(tab, cap, c->digests[i].path) = c->digests[i];
	ac_free(c->digests);
	c->digests = tab;
	c->cap = cap;
}

/* The stat signature of st into sig, or "" when it is not to be trusted:
 * the file changed during or after the second the run began. A later edit
 * could then fall in the same tick of the file system's clock and leave
 * the signature as it is (git's "racily clean" files); one changed before
 * that second cannot, since any later change gets a later time stamp. The
 * inode's change time is in the signature because no one can set it: an
 * edit that keeps the size and restores the modification time still
 * changes it. Signatures hold on this machine only; a cache used on
 * another falls back to the digests. */
static void file_sig(const AcCache *c, const struct stat *st, char sig[SIG_SIZE])
{
	sig[0] = '\0';
	if (st->st_mtim.tv_sec >= c->start || st->st_ctim.tv_sec >= c->start)
		return;
	snprintf(sig, SIG_SIZE, "%llx:%llx:%llx:%llx.%lx:%llx.%lx", (unsigned long long)st->st_dev,
		 (unsigned long long)st->st_ino, (unsigned long long)st->st_size,
		 (unsigned long long)st->st_mtim.tv_sec, (unsigned long)st->st_mtim.tv_nsec,
		 (unsigned long long)st->st_ctim.tv_sec, (unsigned long)st->st_ctim.tv_nsec);
}

/* What the run knows of path, finding out what it does not know yet: its
 * stat signature, and with hash its digest too. A digest is always made
 * right after a fresh stat, so that signature and digest describe the same
 * contents (an edit in between makes the signature untrusted or stale). */
static Digest file_info(AcCache *c, const char *path, bool hash)
{
	pthread_mutex_lock(&c->lock);
	Digest *d = c->cap ? find_slot(c->digests, c->cap, path) : NULL;
	if (d && d->path && (d->hashed || d->gone || !hash)) {
		Digest r = *d;
		pthread_mutex_unlock(&c->lock);
		return r;
	}
	pthread_mutex_unlock(&c->lock);
	Digest r = {0};
	struct stat st;
	if (stat(path, &st) < 0) {
		r.gone = true;
	} else {
		file_sig(c, &st, r.sig);
		if (hash) {
			r.hashed = true;
			if (ac_hash_file(path, r.hex) < 0) {
				r.hex[0] = '\0';
				r.gone = true;
			}
		}
	}
	pthread_mutex_lock(&c->lock);
	if ((c->ndigests + 1) * 2 > c->cap)
		grow(c);
	d = find_slot(c->digests, c->cap, path);
	if (!d->path) {
		*d = r;
		d->path = ac_strdup(path);
		c->ndigests++;
	} else if (hash && !d->hashed && !d->gone) { /* another thread may have hashed it meanwhile */
		char *keep = d->path;
		*d = r;
		d->path = keep;
	}
	r = *d;
	pthread_mutex_unlock(&c->lock);
	return r;
}

/* --- opening: the directory and the run's part of the key ------------ */

char *ac_cache_default_dir(void)
{
	const char *off = getenv("ALLOCCHECK_NO_CACHE");
	if (off && *off)
		return NULL;
	/* The XDG spec: a relative $XDG_CACHE_HOME is invalid and ignored. */
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	const char *base = xdg && xdg[0] == '/' ? xdg : NULL;
	const char *sub = "alloccheck";
	if (!base && home && *home)
		base = home, sub = ".cache/alloccheck";
	if (!base)
		return NULL;
	size_t n = strlen(base) + strlen(sub) + 2;
	char *dir = ac_malloc(n);
	snprintf(dir, n, "%s/%s", base, sub);
	return dir;
}

/* mkdir -p. Returns 0, or -1 with errno set. */
static int make_dirs(const char *dir)
{
	char *p = ac_strdup(dir);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (rc < 0 || c == '\0')
			break;
	}
	struct stat st;
	if (rc == 0 && stat(p, &st) < 0)
		rc = -1;
	else if (rc == 0 && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR; /* a file where the directory should be */
		rc = -1;
	}
	ac_free(p);
	return rc;
}

/* The first write failure of the run turns storing off, with one warning. */
static void unwritable(AcCache *c, const char *what)
{
	int e = errno;
	if (atomic_exchange(&c->writable, false) && !c->quiet) {
		errno = e;
		ac_warning("cache %s: %s; results are not cached (--no-cache turns the cache off)", what,
			   strerror(e));
	}
}

static void hash_file_into(AcHash *h, const char *path)
{
	char hex[AC_HASH_HEX + 1];
	ac_hash_str(h, path);
	ac_hash_str(h, ac_hash_file(path, hex) == 0 ? hex : NULL);
}

/* The program's GNU build ID (the linker's digest of the executable, in
 * memory already: no file is read). */
typedef struct BuildId {
	const unsigned char *id;
	size_t n;
} BuildId;

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	BuildId *b = data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		const unsigned char *end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)(const void *)p;
			const unsigned char *name = p + sizeof *n;
			const unsigned char *desc = name + ((n->n_namesz + 3) & ~(size_t)3);
			if (desc + n->n_descsz > end)
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
			    n->n_descsz > 0) {
				b->id = desc;
				b->n = n->n_descsz;
				return 1;
			}
			p = desc + ((n->n_descsz + 3) & ~(size_t)3);
		}
	}
	return 1; /* the first object is the program itself */
}

/* The tool's code, by its build ID or, for a binary linked without one, by
 * the digest of its file (which costs a read of the whole executable). */
static void hash_tool(AcHash *h)
{
	BuildId b = {0};
	dl_iterate_phdr(find_build_id, &b);
	if (b.n) {
		ac_hash_str(h, "build-id");
		ac_hash_u64(h, b.n);
		ac_hash_update(h, b.id, b.n);
		return;
	}
	hash_file_into(h, "/proc/self/exe");
}


/* Everything a run shares that decides a TU's findings. The executable's
 * build ID (or own digest) stands for the tool's code and its built-in allocator families, so
 * a rebuilt alloccheck never reuses its predecessor's results. */
static void hash_run(AcHash *h, const AcEngineOptions *engine, const char *const *allocators, size_t n)
{
	ac_hash_init(h);
	ac_hash_str(h, FORMAT);
	ac_hash_str(h, AC_VERSION);
	hash_tool(h);
	char clang[4096 + 256];
	ac_tu_clang_identity(clang, sizeof clang);
	ac_hash_str(h, clang);
	ac_hash_u64(h, engine->max_disjuncts);
	ac_hash_u64(h, engine->step_budget);
	ac_hash_u64(h, engine->per_file);
	ac_hash_u64(h, engine->bodies_elsewhere);
	ac_hash_u64(h, engine->cython.locations);
	ac_hash_str(h, engine->cython.source_root);
	for (size_t i = 0; i < ac_nrules; i++) {
		ac_hash_str(h, ac_rules[i].id);
		ac_hash_u64(h, engine->rules.enabled[i]);
	}
	ac_hash_u64(h, n);
	for (size_t i = 0; i < n; i++)
		hash_file_into(h, allocators[i]);
	ac_hash_str(h, getenv("CPATH"));
	ac_hash_str(h, getenv("C_INCLUDE_PATH"));
	ac_hash_str(h, ac_project_dir()); /* which included files' functions are analysed */
	char cwd[4096];
	ac_hash_str(h, getcwd(cwd, sizeof cwd) ? cwd : NULL);
}

AcCache *ac_cache_open(const char *dir, const AcEngineOptions *engine, const char *const *allocators,
		       size_t nallocators, bool quiet)
{
	AcCache *c = ac_calloc(1, sizeof *c);
	c->dir = ac_strdup(dir);
	c->quiet = quiet;
	c->start = time(NULL);
	pthread_mutex_init(&c->lock, NULL);
	atomic_init(&c->writable, true);
	atomic_init(&c->hits, 0);
	atomic_init(&c->misses, 0);
	atomic_init(&c->written, 0);
	hash_run(&c->base, engine, allocators, nallocators);
	if (make_dirs(dir) < 0)
		unwritable(c, dir);
	return c;
}

AcCache *ac_cache_open_cli(const AcCli *cli, const AcEngineOptions *engine)
{
	if (cli->no_cache)
		return NULL;
	char *dir = cli->cache_dir ? ac_strdup(cli->cache_dir) : ac_cache_default_dir();
	if (!dir)
		return NULL;
	AcCache *c = ac_cache_open(dir, engine, cli->allocators.v, cli->allocators.n, cli->quiet);
	ac_free(dir);
	return c;
}

void ac_cache_close(AcCache *c, AcCacheStats *stats)
{
	if (stats)
		*stats = c ? (AcCacheStats){atomic_load(&c->hits), atomic_load(&c->misses),
					    atomic_load(&c->written)}
			   : (AcCacheStats){0};
	if (!c)
		return;
	for (size_t i = 0; i < c->cap; i++)
		ac_free(c->digests[i].path);
	ac_free(c->digests);
	pthread_mutex_destroy(&c->lock);
	ac_free(c->dir);
	ac_free(c);
}

/* --- keys and entry names -------------------------------------------- */

static void job_key(const AcCache *c, const AcJob *job, char key[AC_HASH_HEX + 1])
{
	AcHash h = c->base;
	ac_hash_str(&h, job->path);
	ac_hash_u64(&h, job->nargs);
	for (size_t i = 0; i < job->nargs; i++)
		ac_hash_str(&h, job->args[i]);
	ac_hash_hex(&h, key);
}

/* DIR/<first 2 digits>/<the other 30>.json, or with sub only DIR/<2>;
 * the caller frees it. */
static char *entry_path(const AcCache *c, const char *key, bool sub)
{
	size_t n = strlen(c->dir) + AC_HASH_HEX + 16;
	char *p = ac_malloc(n);
	if (sub)
		snprintf(p, n, "%s/%.2s", c->dir, key);
	else
		snprintf(p, n, "%s/%.2s/%s.json", c->dir, key, key + 2);
	return p;
}

/* DIR/<2>/<30>.blob: the blob stored with the entry; the caller frees it. */
static char *blob_path(const AcCache *c, const char *key)
{
	size_t n = strlen(c->dir) + AC_HASH_HEX + 16;
	char *p = ac_malloc(n);
	snprintf(p, n, "%s/%.2s/%s.blob", c->dir, key, key + 2);
	return p;
}

static void blob_digest(const char *data, size_t len, char hex[AC_HASH_HEX + 1])
{
	AcHash h;
	ac_hash_init(&h);
	ac_hash_update(&h, data, len);
	ac_hash_hex(&h, hex);
}

/* NULL after reading into *blob the blob whose digest the entry names;
 * otherwise why it is a miss. */
static const char *read_blob(AcCache *c, const cJSON *root, const char *key, AcCacheBlob *blob)
{
	const cJSON *want = cJSON_GetObjectItemCaseSensitive(root, "blob");
	if (!cJSON_IsString(want))
		return "no file stored with it";
	char *path = blob_path(c, key);
	size_t len;
	char *data = ac_textfile_read(path, &len);
	ac_free(path);
	char hex[AC_HASH_HEX + 1] = "";
	if (data)
		blob_digest(data, len, hex);
	if (!data || strcmp(hex, want->valuestring) != 0) {
		ac_free(data);
		return "the file stored with it is gone or another";
	}
	*blob = (AcCacheBlob){data, len};
	return NULL;
}

/* --- reading an entry ------------------------------------------------- */

/* A count in [0, max], or -1. */
static double count(const cJSON *v, double max)
{
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > max ||
	    v->valuedouble != (double)(unsigned long long)v->valuedouble)
		return -1;
	return v->valuedouble;
}

/* [file|null, line, col] or, for a note, [file|null, line, col, message|null]
 * into *loc (strings point into the tree). */
static bool read_loc(const cJSON *a, int len, AcLoc *loc)
{
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != len)
		return false;
	const cJSON *file = cJSON_GetArrayItem(a, 0);
	double line = count(cJSON_GetArrayItem(a, 1), 4294967295.0);
	double col = count(cJSON_GetArrayItem(a, 2), 4294967295.0);
	if (!(cJSON_IsString(file) || cJSON_IsNull(file)) || line < 0 || col < 0)
		return false;
	*loc = (AcLoc){cJSON_IsString(file) ? file->valuestring : NULL, (unsigned)line, (unsigned)col};
	return true;
}

static bool str_or_null(const cJSON *v, const char **out)
{
	*out = cJSON_IsString(v) ? v->valuestring : NULL;
	return cJSON_IsString(v) || cJSON_IsNull(v);
}

/* One stored finding into *f; its notes in a block the caller frees. */
static bool read_finding(const cJSON *o, AcFinding *f)
{
	const cJSON *rule = cJSON_GetObjectItemCaseSensitive(o, "rule");
	int r = cJSON_IsString(rule) ? ac_rule_index(rule->valuestring) : -1;
	double sev = count(cJSON_GetObjectItemCaseSensitive(o, "severity"), AC_SEV_COUNT - 1);
	const cJSON *notes = cJSON_GetObjectItemCaseSensitive(o, "notes");
	*f = (AcFinding){.rule = r >= 0 ? ac_rules[r].id : NULL, .severity = (AcSeverity)(int)sev};
	if (r < 0 || sev < 0 || !cJSON_IsArray(notes) ||
	    !read_loc(cJSON_GetObjectItemCaseSensitive(o, "loc"), 3, &f->loc) ||
	    !str_or_null(cJSON_GetObjectItemCaseSensitive(o, "message"), &f->message) ||
	    !str_or_null(cJSON_GetObjectItemCaseSensitive(o, "function"), &f->function))
		return false;
	f->nnotes = (size_t)cJSON_GetArraySize(notes);
	f->notes = ac_calloc(f->nnotes + 1, sizeof *f->notes);
	size_t k = 0;
	const cJSON *n;
	cJSON_ArrayForEach(n, notes) {
		AcNote *note = &f->notes[k++];
		if (!read_loc(n, 4, &note->loc) || !str_or_null(cJSON_GetArrayItem(n, 3), &note->msg))
			return false;
	}
	return true;
}

/* The stored results into res; NULL, or why the entry is not usable. */
static const char *read_results(const cJSON *root, AcJobResult *res)
{
	double nfuncs = count(cJSON_GetObjectItemCaseSensitive(root, "functions"), 1e15);
	const cJSON *findings = cJSON_GetObjectItemCaseSensitive(root, "findings");
	if (nfuncs < 0 || !cJSON_IsArray(findings))
		return "corrupt entry (no results)";
	AcFindings fs = {0};
	const cJSON *o;
	cJSON_ArrayForEach(o, findings) {
		AcFinding f = {0};
		bool ok = cJSON_IsObject(o) && read_finding(o, &f);
		if (ok)
			ac_findings_add(&fs, &f);
		ac_free(f.notes);
		if (!ok) {
			ac_findings_free(&fs);
			return "corrupt entry (a bad finding)";
		}
	}
	static const char *const lists[] = {"exports", "consumes", "members", "fnstores"};
	AcLinkData link = {0};
	for (int k = 0; k < 4; k++) {
		const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, lists[k]);
		const cJSON *pair;
		bool ok = cJSON_IsArray(arr);
		const cJSON *items = ok ? arr : NULL;
		cJSON_ArrayForEach(pair, items) {
			const cJSON *name = cJSON_GetArrayItem(pair, 0), *text = cJSON_GetArrayItem(pair, 1);
			ok = cJSON_IsString(name) && cJSON_IsString(text);
			if (!ok)
				break;
			ac_link_data_add(&link, k, name->valuestring, text->valuestring);
		}
		if (!ok) {
			ac_link_data_free(&link);
			ac_findings_free(&fs);
			return "corrupt entry (bad link data)";
		}
	}
	res->findings = fs;
	res->link = link;
	res->cached = true;
	res->nfunctions = (size_t)nfuncs;
	res->failed = false;
	return NULL;
}

/* A growing text (the file list). */
typedef struct Text {
	AC_VEC(char) buf;
} Text;

static void text_add(Text *t, const char *s, size_t n)
{
	AC_VEC_GROW(&t->buf, t->buf.n + n + 1);
	memcpy(t->buf.v + t->buf.n, s, n);
	t->buf.n += n;
	t->buf.v[t->buf.n] = '\0';
}

/* One line of the file list: "DIGEST SIGNATURE PATH\n", the signature "-"
 * when there is none. Paths may hold spaces (the path is the rest of the
 * line), not newlines. */
static void text_line(Text *t, const char *hex, const char *sig, const char *path)
{
	text_add(t, hex, strlen(hex));
	text_add(t, " ", 1);
	text_add(t, sig[0] ? sig : "-", sig[0] ? strlen(sig) : 1);
	text_add(t, " ", 1);
	text_add(t, path, strlen(path));
	text_add(t, "\n", 1);
}

/* NULL when every file the entry lists still has its digest; otherwise why
 * not. why is a buffer for a message naming the file. The list is one
 * string of text_line lines (one string rather than three JSON values a
 * file: a warm run parses every entry, and most of an entry is this list).
 * A file whose stat signature is the stored one is not read; any other is
 * hashed, and when its digest is the stored one its new signature replaces
 * the old in root (*refreshed says so), so a touched header is read once,
 * not on every run. */
static const char *check_files(AcCache *c, cJSON *root, bool *refreshed, char *why, size_t size)
{
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(root, "files");
	if (!cJSON_IsString(files) || !files->valuestring || !files->valuestring[0])
		return "corrupt entry (no file list)";
	Text fresh = {0};
	bool stale = false;
	const char *fail = NULL;
	for (const char *line = files->valuestring; *line && !fail;) {
		const char *nl = strchr(line, '\n');
		if (!nl) { /* every line ends with one */
			fail = "corrupt entry (a bad file)";
			break;
		}
		const char *sp1 = memchr(line, ' ', (size_t)(nl - line));
		const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(nl - sp1 - 1)) : NULL;
		char hex[AC_HASH_HEX + 1], sig[SIG_SIZE], path[4096];
		size_t nsig = sp2 ? (size_t)(sp2 - sp1 - 1) : 0, npath = sp2 ? (size_t)(nl - sp2 - 1) : 0;
		if (!sp2 || sp1 - line != AC_HASH_HEX || nsig == 0 || nsig >= SIG_SIZE || npath == 0) {
			fail = "corrupt entry (a bad file)";
			break;
		}
		memcpy(hex, line, AC_HASH_HEX);
		hex[AC_HASH_HEX] = '\0';
		memcpy(sig, sp1 + 1, nsig);
		sig[nsig] = '\0';
		if (nsig == 1 && sig[0] == '-')
			sig[0] = '\0';
		line = nl + 1;
		if (npath >= sizeof path) { /* no file of the run has such a name */
			snprintf(why, size, "%.*s... is gone", 64, sp2 + 1);
			fail = why;
			break;
		}
		memcpy(path, sp2 + 1, npath);
		path[npath] = '\0';
		Digest now = file_info(c, path, false);
		if (!(!now.gone && now.sig[0] && strcmp(now.sig, sig) == 0)) {
			if (!now.gone)
				now = file_info(c, path, true);
			if (now.gone) {
				snprintf(why, size, "%s is gone", path);
				fail = why;
			} else if (strcmp(now.hex, hex) != 0) {
				snprintf(why, size, "%s changed", path);
				fail = why;
			} else if (now.sig[0]) {
				stale = true;
			}
		}
		text_line(&fresh, hex, now.sig[0] ? now.sig : sig, path);
	}
	if (!fail && stale) {
		cJSON *item = cJSON_CreateString(fresh.buf.v);
		if (item && cJSON_ReplaceItemInObjectCaseSensitive(root, "files", item))
			*refreshed = true;
		else
			cJSON_Delete(item);
	}
	AC_VEC_FREE(&fresh.buf);
	return fail;
}

static int write_entry(AcCache *c, const char *key, const char *text);

/* NULL after filling res from the entry at path; otherwise why it is a miss. */
static const char *try_entry(AcCache *c, const char *path, const char *key, AcJobResult *res, AcCacheBlob *blob,
			     char *why, size_t size)
{
	size_t len;
	char *text = ac_textfile_read(path, &len);
	if (!text) {
		if (errno == ENOENT)
			return "no entry";
		snprintf(why, size, "entry %s: %s", path, strerror(errno));
		return why;
	}
	pthread_mutex_lock(&c->lock);
	cJSON *root = cJSON_ParseWithLength(text, len);
	pthread_mutex_unlock(&c->lock);
	ac_free(text);
	const cJSON *format = cJSON_GetObjectItemCaseSensitive(root, "format");
	const cJSON *stored = cJSON_GetObjectItemCaseSensitive(root, "key");
	const char *fail = NULL;
	bool refreshed = false;
	if (!cJSON_IsObject(root))
		fail = "corrupt entry (not a JSON object)";
	else if (!cJSON_IsString(format))
		fail = "corrupt entry (no format)";
	else if (strcmp(format->valuestring, FORMAT) != 0)
		fail = "corrupt entry (another format)";
	else if (!cJSON_IsString(stored) || strcmp(stored->valuestring, key) != 0)
		fail = "corrupt entry (another key)";
	else if (!(fail = check_files(c, root, &refreshed, why, size)) && !(blob && (fail = read_blob(c, root, key, blob))))
		fail = read_results(root, res);
	if (fail && blob && blob->data) {
		ac_free(blob->data);
		*blob = (AcCacheBlob){0};
	}
	if (!fail && refreshed && atomic_load(&c->writable)) {
		/* Best effort, silent: the entry is valid either way. */
		char *fresh = cJSON_PrintUnformatted(root);
		if (fresh && write_entry(c, key, fresh) == 0)
			ac_note_verbose("cache entry %s: file signatures refreshed", path);
		free(fresh);
	}
	cJSON_Delete(root);
	if (fail && fail != why && strncmp(fail, "corrupt", 7) == 0) {
		snprintf(why, size, "%.3900s: %.200s, ignored", path, fail);
		return why;
	}
	return fail;
}

void ac_cache_key_add(AcCache *c, const char *what)
{
	ac_hash_str(&c->base, what);
}

bool ac_cache_lookup(AcCache *c, const AcJob *job, AcJobResult *res)
{
	return ac_cache_lookup_blob(c, job, res, NULL);
}

bool ac_cache_lookup_blob(AcCache *c, const AcJob *job, AcJobResult *res, AcCacheBlob *blob)
{
	char key[AC_HASH_HEX + 1], why[4096 + 64];
	job_key(c, job, key);
	char *path = entry_path(c, key, false);
	if (blob)
		*blob = (AcCacheBlob){0};
	const char *fail = try_entry(c, path, key, res, blob, why, sizeof why);
	ac_free(path);
	if (!fail) {
		atomic_fetch_add(&c->hits, 1);
		ac_note_verbose("%s: cache hit", job->path);
		return true;
	}
	atomic_fetch_add(&c->misses, 1);
	ac_note_verbose("%s: cache miss (%s)", job->path, fail);
	return false;
}

bool ac_cache_has_entry(const AcCache *c, const AcJob *job)
{
	char key[AC_HASH_HEX + 1];
	job_key(c, job, key);
	char *path = entry_path(c, key, false);
	bool found = access(path, F_OK) == 0;
	ac_free(path);
	return found;
}

void ac_cache_set_aside(AcCache *c)
{
	atomic_fetch_sub(&c->hits, 1);
	atomic_fetch_add(&c->misses, 1);
}

/* --- writing an entry ------------------------------------------------- */

/* Sticky out-of-memory: cJSON returns NULL, and the entry is not written. */
typedef struct Out {
	bool oom;
} Out;

static cJSON *add(Out *o, cJSON *parent, const char *name, cJSON *item)
{
	if (!item || !parent) {
		cJSON_Delete(item);
		o->oom = true;
		return NULL;
	}
	if (name ? !cJSON_AddItemToObject(parent, name, item) : !cJSON_AddItemToArray(parent, item)) {
		cJSON_Delete(item);
		o->oom = true;
		return NULL;
	}
	return item;
}

static cJSON *str_item(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static void add_loc(Out *o, cJSON *arr, AcLoc loc)
{
	add(o, arr, NULL, str_item(loc.file));
	add(o, arr, NULL, cJSON_CreateNumber(loc.line));
	add(o, arr, NULL, cJSON_CreateNumber(loc.col));
}

static void add_finding(Out *o, cJSON *arr, const AcFinding *f)
{
	cJSON *obj = add(o, arr, NULL, cJSON_CreateObject());
	add(o, obj, "rule", cJSON_CreateString(f->rule));
	add(o, obj, "severity", cJSON_CreateNumber(f->severity));
	add_loc(o, add(o, obj, "loc", cJSON_CreateArray()), f->loc);
	add(o, obj, "message", str_item(f->message));
	add(o, obj, "function", str_item(f->function));
	cJSON *notes = add(o, obj, "notes", cJSON_CreateArray());
	for (size_t i = 0; i < f->nnotes; i++) {
		cJSON *n = add(o, notes, NULL, cJSON_CreateArray());
		add_loc(o, n, f->notes[i].loc);
		add(o, n, NULL, str_item(f->notes[i].msg));
	}
}

/* Appends the line of file to the file list; false when it cannot be read
 * or listed (then the TU is not stored: its entry could never be checked). */
static bool add_file(AcCache *c, Text *files, const char *file)
{
	if (strchr(file, '\n') || strlen(file) >= 4096)
		return false;
	Digest d = file_info(c, file, true);
	if (d.gone)
		return false;
	text_line(files, d.hex, d.sig, file);
	return true;
}

/* The entry's text (the caller frees it with free), or NULL when it cannot
 * be made. */
static char *entry_text(AcCache *c, const char *key, const AcJob *job, const AcTu *tu,
			const AcJobResult *res, const char *blob_hex)
{
	Out o = {0};
	cJSON *root = cJSON_CreateObject();
	add(&o, root, "format", cJSON_CreateString(FORMAT));
	add(&o, root, "key", cJSON_CreateString(key));
	if (blob_hex)
		add(&o, root, "blob", cJSON_CreateString(blob_hex));
	Text files = {0};
	bool ok = add_file(c, &files, job->path);
	for (size_t i = 0; ok && i < tu->nincludes; i++)
		ok = add_file(c, &files, tu->includes[i]);
	add(&o, root, "files", cJSON_CreateString(ok ? files.buf.v : ""));
	AC_VEC_FREE(&files.buf);
	add(&o, root, "functions", cJSON_CreateNumber((double)res->nfunctions));
	cJSON *findings = add(&o, root, "findings", cJSON_CreateArray());
	for (size_t i = 0; ok && i < res->findings.list.n; i++)
		add_finding(&o, findings, &res->findings.list.v[i]);
	const AcLinkData *l = &res->link;
	const struct {
		const char *name;
		const AcLinkEntry *v;
		size_t n;
	} lists[] = {{"exports", l->exports.v, l->exports.n}, {"consumes", l->consumes.v, l->consumes.n},
	             {"members", l->members.v, l->members.n}, {"fnstores", l->fnstores.v, l->fnstores.n}};
	for (size_t k = 0; k < 4; k++) {
		cJSON *arr = add(&o, root, lists[k].name, cJSON_CreateArray());
		for (size_t i = 0; i < lists[k].n; i++) {
			cJSON *pair = add(&o, arr, NULL, cJSON_CreateArray());
			add(&o, pair, NULL, cJSON_CreateString(lists[k].v[i].name));
			add(&o, pair, NULL, cJSON_CreateString(lists[k].v[i].text));
		}
	}
	char *text = ok && !o.oom ? cJSON_PrintUnformatted(root) : NULL;
	cJSON_Delete(root);
	return text;
}

static bool fill_text(FILE *f, const void *text)
{
	return fputs(text, f) >= 0;
}

/* Writes text as the entry key (atomic_file.h), its subdirectory made if
 * needed. Returns 0, or -1 with errno set by the call that failed. */
static int write_entry(AcCache *c, const char *key, const char *text)
{
	char *sub = entry_path(c, key, true), *final = entry_path(c, key, false);
	int rc = -1;
	if (mkdir(sub, 0777) == 0 || errno == EEXIST)
		rc = ac_write_atomic(final, fill_text, text);
	int err = errno;
	ac_free(final);
	ac_free(sub);
	errno = err; /* free may change it */
	return rc;
}

static bool fill_blob(FILE *f, const void *blob)
{
	const AcCacheBlob *b = blob;
	return fwrite(b->data, 1, b->len, f) == b->len;
}

void ac_cache_store(AcCache *c, const AcJob *job, const AcTu *tu, const AcJobResult *res)
{
	ac_cache_store_blob(c, job, tu, res, NULL);
}

void ac_cache_store_blob(AcCache *c, const AcJob *job, const AcTu *tu, const AcJobResult *res,
                         const AcCacheBlob *blob)
{
	if (res->failed || tu->nerrors > 0 || !atomic_load(&c->writable))
		return;
	char key[AC_HASH_HEX + 1], hex[AC_HASH_HEX + 1];
	job_key(c, job, key);
	if (blob) {
		/* the blob first: an entry is never seen before the blob it names */
		blob_digest(blob->data, blob->len, hex);
		char *sub = entry_path(c, key, true), *path = blob_path(c, key);
		int rc = mkdir(sub, 0777) == 0 || errno == EEXIST ? ac_write_atomic(path, fill_blob, blob) : -1;
		ac_free(path);
		ac_free(sub);
		if (rc < 0) {
			unwritable(c, c->dir);
			return;
		}
	}
	char *text = entry_text(c, key, job, tu, res, blob ? hex : NULL);
	if (!text) {
		ac_note_verbose("%s: not cached (a file it read cannot be read again)", job->path);
		return;
	}
	if (write_entry(c, key, text) == 0)
		atomic_fetch_add(&c->written, 1);
	else
		unwritable(c, c->dir);
	free(text);
}
