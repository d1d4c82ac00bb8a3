/*
 * cache: see cache.h. The lookup never parses C: it reads one small text
 * file (the entry's format is below, "the text of an entry") and stats
 * files, hashing only those whose stat signature changed. A run memoises
 * the signature and digest of every file it looked at (a table under the
 * cache's lock), so a system header included by a hundred TUs is stat'ed
 * once per run, and a warm run costs about one stat of each file of the
 * tree.
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

#include "atomic_file.h"
#include "diag.h"
#include "frontend.h"
#include "hash.h"
#include "intern.h"
#include "ir_file.h"
#include "mem.h"
#include "project.h"
#include "rule.h"
#include "textfile.h"
#include "vec.h"

/* Changing what an entry holds or how the key is made: bump it, and every
 * old entry becomes a miss instead of being misread. */
#define FORMAT "alloccheck-cache-7"

/* "dev:ino:size:mtime:ctime", each number in hex, the times in ns. */
#define SIG_SIZE 96

/* What a run knows of one file the entries list: its stat signature and,
 * once needed, the digest of its contents. */
typedef struct Digest {
	char *path;
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
	pthread_mutex_t lock;   /* guards the digests */
	Digest *digests;        /* ndigests of them, in the order first seen */
	size_t ndigests, ndigests_cap;
	uint32_t *slots;        /* open addressing by path, cap (a power of two) of them:
	                           1 + the digest's index, 0 when empty (a table of the
	                           digests themselves was 36 of a warm zlib run's 230
	                           page faults) */
	size_t cap;
	atomic_bool writable;   /* false after the first failed write (warned once) */
	atomic_size_t hits, misses, written;
};

/* --- the file digests of the run ------------------------------------- */

static size_t slot_of(const char *path, size_t cap)
{
	return ac_text_hash(path, strlen(path)) & (cap - 1);
}

/* The slot of path in slots: its digest's, or the empty one to put it in. */
static uint32_t *find_slot(const AcCache *c, uint32_t *slots, size_t cap, const char *path)
{
	size_t i = slot_of(path, cap);
	while (slots[i] && strcmp(c->digests[slots[i] - 1].path, path) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void grow(AcCache *c)
{
	size_t cap = c->cap ? c->cap * 2 : 1024;
	uint32_t *slots = ac_calloc(cap, sizeof *slots);
	for (size_t i = 0; i < c->ndigests; i++)
		*find_slot(c, slots, cap, c->digests[i].path) = (uint32_t)i + 1;
	ac_free(c->slots);
	c->slots = slots;
	c->cap = cap;
}

/* n in lower-case hex without leading zeros (printf's %llx) at o; returns
 * the end. */
static char *hex_number(char *o, unsigned long long n)
{
	char tmp[16];
	size_t k = 0;
	do {
		tmp[k++] = "0123456789abcdef"[n & 15];
		n >>= 4;
	} while (n);
	while (k)
		*o++ = tmp[--k];
	return o;
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
	/* "%llx:%llx:%llx:%llx.%lx:%llx.%lx" by hand: snprintf cost 3,100
	 * instructions a file, 8% of a warm run of zlib (callgrind). */
	const unsigned long long v[] = {
		(unsigned long long)st->st_dev,          (unsigned long long)st->st_ino,
		(unsigned long long)st->st_size,         (unsigned long long)st->st_mtim.tv_sec,
		(unsigned long long)st->st_mtim.tv_nsec, (unsigned long long)st->st_ctim.tv_sec,
		(unsigned long long)st->st_ctim.tv_nsec,
	};
	static const char sep[] = "::::.:.";
	char buf[sizeof v / sizeof *v * 17], *o = buf;
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		if (i)
			*o++ = sep[i];
		o = hex_number(o, v[i]);
	}
	size_t n = (size_t)(o - buf) < SIG_SIZE - 1 ? (size_t)(o - buf) : SIG_SIZE - 1; /* as snprintf cuts */
	memcpy(sig, buf, n);
	sig[n] = '\0';
}

/* What the run knows of path, finding out what it does not know yet: its
 * stat signature, and with hash its digest too. A digest is always made
 * right after a fresh stat, so that signature and digest describe the same
 * contents (an edit in between makes the signature untrusted or stale). */
static Digest file_info(AcCache *c, const char *path, bool hash)
{
	pthread_mutex_lock(&c->lock);
	uint32_t *at = c->cap ? find_slot(c, c->slots, c->cap, path) : NULL;
	if (at && *at && (c->digests[*at - 1].hashed || c->digests[*at - 1].gone || !hash)) {
		Digest r = c->digests[*at - 1];
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
	at = find_slot(c, c->slots, c->cap, path);
	if (!*at) {
		if (c->ndigests == c->ndigests_cap) {
			c->ndigests_cap = c->ndigests_cap ? c->ndigests_cap * 2 : 64;
			c->digests = ac_realloc(c->digests, c->ndigests_cap * sizeof *c->digests);
		}
		c->digests[c->ndigests] = r;
		c->digests[c->ndigests].path = ac_strdup(path);
		*at = (uint32_t)++c->ndigests;
	}
	Digest *d = &c->digests[*at - 1];
	if (hash && !d->hashed && !d->gone) { /* another thread may have hashed it meanwhile */
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
	for (size_t i = 0; i < c->ndigests; i++)
		ac_free(c->digests[i].path);
	ac_free(c->digests);
	ac_free(c->slots);
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

/* DIR/<first 2 digits>/<the other 30>.entry, or with sub only DIR/<2>;
 * the caller frees it. */
static char *entry_path(const AcCache *c, const char *key, bool sub)
{
	size_t n = strlen(c->dir) + AC_HASH_HEX + 16;
	char *p = ac_malloc(n);
	if (sub)
		snprintf(p, n, "%s/%.2s", c->dir, key);
	else
		snprintf(p, n, "%s/%.2s/%s.entry", c->dir, key, key + 2);
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

/* NULL after reading into *blob the blob whose digest is want (the
 * entry's blob line, "" for none); otherwise why it is a miss. */
static const char *read_blob(AcCache *c, const char *want, const char *key, AcCacheBlob *blob)
{
	if (!want[0])
		return "no file stored with it";
	char *path = blob_path(c, key);
	size_t len;
	char *data = ac_textfile_read(path, &len);
	ac_free(path);
	char hex[AC_HASH_HEX + 1] = "";
	if (data)
		blob_digest(data, len, hex);
	if (!data || strcmp(hex, want) != 0) {
		ac_free(data);
		return "the file stored with it is gone or another";
	}
	*blob = (AcCacheBlob){data, len};
	return NULL;
}

/* --- the text of an entry ----------------------------------------------
 *
 *   alloccheck-cache-7
 *   key KEY                    the job's key (a check against collisions of names)
 *   blob DIGEST                the blob stored with it, or "blob -"
 *   files N
 *   DIGEST SIGNATURE PATH      N lines: the main file, then every header it read
 *   alloccheck-ir 6            the results and the link data as an IR file holds
 *   ...                        them without the IR (ir_file.h), up to its end
 *   Z                          record, so a cut entry is never taken whole
 *
 * Not JSON: a warm run reads every entry of the run, and most of an entry is
 * its file list and its link data (the summaries its calls used), which
 * cJSON made into a tree of nodes and freed again, most of a warm run. */

/* A growing text. */
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

/* An entry's text, split: its lines are still in the text, unchanged. */
typedef struct Entry {
	char blob[AC_HASH_HEX + 1]; /* the blob's digest, "" for none */
	const char *files;          /* the first line of the file list */
	size_t nfiles;
	char *results;              /* the IR text after the list, up to the end */
	size_t nresults;
} Entry;

/* The line at *p, without its newline, into [*s, *s + *n); false when no
 * newline ends it. */
static bool next_line(const char **p, const char *end, const char **s, size_t *n)
{
	const char *nl = *p < end ? memchr(*p, '\n', (size_t)(end - *p)) : NULL;
	if (!nl)
		return false;
	*s = *p;
	*n = (size_t)(nl - *p);
	*p = nl + 1;
	return true;
}

/* Whether the line [s, s + n) starts with prefix and has exactly rest more
 * bytes (any number when rest is SIZE_MAX). */
static bool line_has(const char *s, size_t n, const char *prefix, size_t rest)
{
	size_t k = strlen(prefix);
	return n >= k && memcmp(s, prefix, k) == 0 && (rest == SIZE_MAX || n - k == rest);
}

/* NULL after splitting text[0..len) (text[len] is '\0') into *e; otherwise
 * why it is no entry of key. */
static const char *split_entry(char *text, size_t len, const char *key, Entry *e)
{
	const char *p = text, *end = text + len, *s;
	size_t n;
	if (!next_line(&p, end, &s, &n) || !line_has(s, n, "alloccheck-cache-", SIZE_MAX))
		return "corrupt entry (not an entry)";
	if (!line_has(s, n, FORMAT, 0))
		return "corrupt entry (another format)";
	if (!next_line(&p, end, &s, &n) || !line_has(s, n, "key ", AC_HASH_HEX))
		return "corrupt entry (no key)";
	if (memcmp(s + 4, key, AC_HASH_HEX) != 0)
		return "corrupt entry (another key)";
	if (!next_line(&p, end, &s, &n) || !(line_has(s, n, "blob ", AC_HASH_HEX) || line_has(s, n, "blob -", 0)))
		return "corrupt entry (no blob line)";
	size_t nblob = n == 6 ? 0 : AC_HASH_HEX;
	memcpy(e->blob, s + 5, nblob);
	e->blob[nblob] = '\0';
	if (!next_line(&p, end, &s, &n) || !line_has(s, n, "files ", SIZE_MAX) || n == 6 || n > 6 + 9 ||
	    strspn(s + 6, "0123456789") != n - 6)
		return "corrupt entry (no file list)";
	e->nfiles = (size_t)strtoul(s + 6, NULL, 10);
	e->files = p;
	for (size_t i = 0; i < e->nfiles; i++) {
		if (!next_line(&p, end, &s, &n))
			return "corrupt entry (a bad file)";
	}
	e->results = text + (p - text);
	e->nresults = (size_t)(end - p);
	if (e->nfiles == 0 || e->nresults < 3 || memcmp(end - 3, "\nZ\n", 3) != 0)
		return "corrupt entry (truncated)";
	return NULL;
}

/* NULL when every file e lists still has its digest; otherwise why not.
 * why is a buffer for a message naming the file. A file whose stat
 * signature is the stored one is not read; any other is hashed, and when
 * its digest is the stored one, the file list with its new signature goes
 * to *fresh and *stale is set (so a touched header is read once, not on
 * every run): the lines before the first such file as they are, then each
 * line as it is now. */
static const char *check_files(AcCache *c, const Entry *e, Text *fresh, bool *stale, char *why, size_t size)
{
	const char *line = e->files;
	*stale = false;
	for (size_t i = 0; i < e->nfiles; i++) {
		const char *nl = strchr(line, '\n'); /* split_entry found it */
		const char *sp1 = memchr(line, ' ', (size_t)(nl - line));
		const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(nl - sp1 - 1)) : NULL;
		char hex[AC_HASH_HEX + 1], sig[SIG_SIZE], path[4096];
		size_t nsig = sp2 ? (size_t)(sp2 - sp1 - 1) : 0, npath = sp2 ? (size_t)(nl - sp2 - 1) : 0;
		if (!sp2 || sp1 - line != AC_HASH_HEX || nsig == 0 || nsig >= SIG_SIZE || npath == 0)
			return "corrupt entry (a bad file)";
		if (npath >= sizeof path) { /* no file of the run has such a name */
			snprintf(why, size, "%.*s... is gone", 64, sp2 + 1);
			return why;
		}
		memcpy(hex, line, AC_HASH_HEX);
		hex[AC_HASH_HEX] = '\0';
		memcpy(sig, sp1 + 1, nsig);
		sig[nsig] = '\0';
		if (nsig == 1 && sig[0] == '-')
			sig[0] = '\0';
		memcpy(path, sp2 + 1, npath);
		path[npath] = '\0';
		Digest now = file_info(c, path, false);
		if (!(!now.gone && now.sig[0] && strcmp(now.sig, sig) == 0)) {
			if (!now.gone)
				now = file_info(c, path, true);
			if (now.gone) {
				snprintf(why, size, "%s is gone", path);
				return why;
			}
			if (strcmp(now.hex, hex) != 0) {
				snprintf(why, size, "%s changed", path);
				return why;
			}
			if (now.sig[0] && !*stale) {
				*stale = true;
				text_add(fresh, e->files, (size_t)(line - e->files));
			}
		}
		if (*stale)
			text_line(fresh, hex, now.sig[0] ? now.sig : sig, path);
		line = nl + 1;
	}
	return NULL;
}

static int write_entry(AcCache *c, const char *key, const char *text);

/* Writes the entry text holds again with the file list fresh (check_files)
 * instead of its own, before the results are read (which changes them in
 * place). Best effort, silent: the entry is valid either way. */
static void refresh(AcCache *c, const char *path, const char *key, const char *text, const Entry *e,
		    const Text *fresh)
{
	if (!atomic_load(&c->writable))
		return;
	Text t = {0};
	text_add(&t, text, (size_t)(e->files - text));
	text_add(&t, fresh->buf.v ? fresh->buf.v : "", fresh->buf.n);
	text_add(&t, e->results, e->nresults);
	if (write_entry(c, key, t.buf.v) == 0)
		ac_note_verbose("cache entry %s: file signatures refreshed", path);
	AC_VEC_FREE(&t.buf);
}

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
	Entry e;
	Text fresh = {0};
	bool stale = false;
	const char *fail = split_entry(text, len, key, &e);
	if (!fail)
		fail = check_files(c, &e, &fresh, &stale, why, size);
	if (!fail && blob)
		fail = read_blob(c, e.blob, key, blob);
	if (!fail && stale)
		refresh(c, path, key, text, &e, &fresh);
	AC_VEC_FREE(&fresh.buf);
	const char *bad = NULL;
	AcIrInfo info;
	if (!fail && ac_ir_read(e.results, e.nresults, res, &info, NULL, NULL, why, size, &bad) < 0) {
		/* bad may be why itself: the note below is made from a copy */
		char copy[256];
		snprintf(copy, sizeof copy, "corrupt entry (%.200s)", bad);
		snprintf(why, size, "%s", copy);
		fail = why;
	}
	ac_free(text);
	if (fail && blob && blob->data) {
		ac_free(blob->data);
		*blob = (AcCacheBlob){0};
	}
	if (fail && strncmp(fail, "corrupt", 7) == 0) {
		char copy[256];
		snprintf(copy, sizeof copy, "%.250s", fail);
		snprintf(why, size, "%.3900s: %.200s, ignored", path, copy);
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

/* The entry's text (the caller frees it with ac_free), or NULL when it
 * cannot be made. */
static char *entry_text(AcCache *c, const char *key, const AcJob *job, const AcTu *tu,
			const AcJobResult *res, const char *blob_hex)
{
	Text files = {0};
	bool ok = add_file(c, &files, job->path);
	for (size_t i = 0; ok && i < tu->nincludes; i++)
		ok = add_file(c, &files, tu->includes[i]);
	if (!ok) {
		AC_VEC_FREE(&files.buf);
		return NULL;
	}
	char head[256];
	int n = snprintf(head, sizeof head, "%s\nkey %s\nblob %s\nfiles %zu\n", FORMAT, key, blob_hex ? blob_hex : "-",
			 tu->nincludes + 1);
	if (n < 0 || (size_t)n >= sizeof head) { /* never: the keys are digests */
		AC_VEC_FREE(&files.buf);
		return NULL;
	}
	size_t nresults;
	char *results = ac_ir_results_text(job->path, res, &nresults);
	Text t = {0};
	text_add(&t, head, (size_t)n);
	text_add(&t, files.buf.v, files.buf.n);
	text_add(&t, results, nresults);
	ac_free(results);
	AC_VEC_FREE(&files.buf);
	return t.buf.v;
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
	ac_free(text);
}
