/*
 * libclang_load: finds and loads libclang on the first parse (libclang.h),
 * and tells which libclang that will be without loading it (frontend.h:
 * --version, the cache key).
 *
 * The file is the one the build was configured with (libclang_build.h, made
 * by CMake): its soname, looked up first in the directories of
 * LD_LIBRARY_PATH, as the dynamic loader would, then in the directory the
 * build found it in, then by dlopen's own search; $ALLOCCHECK_LIBCLANG names
 * another file. The lookup is done the same way for the cache key and for
 * the load, so an entry is keyed on the very file that will parse.
 *
 * The library is never unloaded: LLVM's static objects live until exit.
 */
#define _POSIX_C_SOURCE 200809L /* stat's st_mtim */

#include <dlfcn.h>
#include <stdbool.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "trace.h"
#include "frontend.h"
#include "libclang.h"
#include "libclang_build.h"
#include "mem.h"
#include "prefault.h"

/* The one mutable object at file scope (STYLE 9.3): written once, under
 * pthread_once, before any thread reads it (libclang.h). */
AcLibclang ac_libclang;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_status = -1; /* 0 once every function is resolved; written under load_once */

/* dir/name into buf when that file exists; false otherwise. */
static bool try_dir(char *buf, size_t size, const char *dir, size_t len)
{
	int n = snprintf(buf, size, "%.*s/%s", (int)len, len ? dir : ".", AC_LIBCLANG_SONAME);
	return n > 0 && (size_t)n < size && access(buf, F_OK) == 0;
}

/* The file to load into buf (module comment): a path, or the bare soname
 * when no directory has it (then dlopen searches). */
static void resolve(char *buf, size_t size)
{
	const char *env = getenv("ALLOCCHECK_LIBCLANG");
	if (env && *env) {
		snprintf(buf, size, "%s", env);
		return;
	}
	const char *llp = getenv("LD_LIBRARY_PATH");
	for (const char *p = llp ? llp : ""; *p;) {
		size_t n = strcspn(p, ":;");
		if (n && try_dir(buf, size, p, n))
			return;
		p += n + (p[n] != '\0');
	}
	if (try_dir(buf, size, AC_LIBCLANG_DIR, strlen(AC_LIBCLANG_DIR)))
		return;
	snprintf(buf, size, "%s", AC_LIBCLANG_SONAME);
}

void ac_tu_clang_version(char *buf, size_t size)
{
	char path[PATH_MAX];
	resolve(path, sizeof path);
	snprintf(buf, size, "%s (at build time; loads %s)",
		 AC_LIBCLANG_VERSION[0] ? AC_LIBCLANG_VERSION : "unknown version", path);
}

void ac_tu_clang_identity(char *buf, size_t size)
{
	char path[PATH_MAX];
	resolve(path, sizeof path);
	struct stat st;
	if (stat(path, &st) != 0) {
		snprintf(buf, size, "%s\n%s\nnot found", AC_LIBCLANG_VERSION, path);
		return;
	}
	snprintf(buf, size, "%s\n%s\n%lld %lld.%09ld", AC_LIBCLANG_VERSION, path, (long long)st.st_size,
		 (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
}

/* The one error line of a failed load. */
static void load_failed(const char *what)
{
	ac_error("cannot load libclang: %s (install %s, or set ALLOCCHECK_LIBCLANG to libclang's file)", what,
		 AC_LIBCLANG_PACKAGE);
}

/* The address of the function name in h; NULL after keeping the first
 * name missing in *missing. */
static void *symbol(void *h, const char *name, const char **missing)
{
	void *p = dlsym(h, name);
	if (!p && !*missing)
		*missing = name;
	return p;
}

/* The prefetching thread: started and joined by the run's main thread only.
 * release_in_prefetch is written before any thread that loads starts. */
static pthread_t prefetch_thread;
static bool prefetching, release_in_prefetch;

/* LLVM's static constructors ran code from every part of it, most of which
 * no parse runs again: those pages leave the resident set, and the parses
 * bring back the ones they need. */
static void release_startup_code(void)
{
	AcTraceSpan span = ac_trace_begin();
	ac_mem_release_code();
	ac_trace_end(&span, "release-code", NULL);
}

static void load(void)
{
	char path[PATH_MAX];
	resolve(path, sizeof path);
	AcTraceSpan span = ac_trace_begin();
	AcPrefault *pf = ac_prefault_start();
	void *h = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
	ac_prefault_stop(pf, NULL);
	ac_trace_end(&span, "dlopen", path);
	if (!h) {
		const char *e = dlerror();
		load_failed(e ? e : path);
		return;
	}
	/* POSIX: dlsym's result converts to the function's type. */
	const char *missing = NULL;
#define AC_LIBCLANG_RESOLVE(name) \
	ac_libclang.name = (__typeof__(ac_libclang.name))symbol(h, "clang_" #name, &missing);
	AC_LIBCLANG_FUNCTIONS(AC_LIBCLANG_RESOLVE)
#undef AC_LIBCLANG_RESOLVE
	if (missing) {
		char why[PATH_MAX + 128];
		snprintf(why, sizeof why, "%s has no %s (libclang 17 or later is needed)", path, missing);
		load_failed(why);
		return;
	}
	ac_libclang.null_cursor = ac_libclang.getNullCursor();
	load_status = 0;
	if (!release_in_prefetch)
		release_startup_code();
	CXString v = clang_getClangVersion();
	ac_note_verbose("libclang: %s, loaded from %s", clang_getCString(v), path);
	clang_disposeString(v);
}

int ac_libclang_load(void)
{
	pthread_once(&load_once, load);
	return load_status;
}

/* The code is released after the once, not in it: the workers that wait
 * for the load start parsing meanwhile (at -j2 they waited 7-9 ms of CPU
 * for it); a page a parse touched before the release comes back when
 * touched again. */
static void *prefetch(void *arg)
{
	(void)arg;
	if (ac_libclang_load() == 0)
		release_startup_code();
	return NULL;
}

void ac_tu_prefetch_libclang(void)
{
	if (prefetching)
		return;
	release_in_prefetch = true;
	if (pthread_create(&prefetch_thread, NULL, prefetch, NULL) == 0)
		prefetching = true;
	else
		release_in_prefetch = false;
}

void ac_tu_prefetch_join(void)
{
	if (prefetching)
		pthread_join(prefetch_thread, NULL);
	prefetching = false;
}

void ac_tu_parses_done(void)
{
	/* Read without the once: the caller joined the threads that parsed,
	 * which ordered their load before this read. */
	if (load_status == 0)
		release_startup_code();
}
