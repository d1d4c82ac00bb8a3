/*
 * prefault: see prefault.h. The thread looks at the list of loaded objects
 * every POLL_US (dl_iterate_phdr, which the loader's lock keeps
 * consistent): an object that was not there at the start is mapped and
 * about to be relocated, and its writable segments are made writable from
 * their end backwards, a piece at a time, while the loader relocates from
 * their start: the two meet in the middle instead of faulting the same
 * pages. An object's ranges are gathered under the lock and populated
 * after it, so the loader never waits for the thread.
 */
#define _GNU_SOURCE /* dl_iterate_phdr */

#include "prefault.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "mem.h"
#include "trace.h"

#if defined(__linux__) && defined(__GLIBC__)
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

enum {
	MAX_OBJECTS = 256,   /* objects remembered (loaded before, or handled) */
	MAX_RANGES = 64,     /* writable segments gathered per look */
	PIECE = 256 << 10,   /* bytes populated per call, from the end backwards */
	POLL_US = 300,       /* between looks: the loader maps every object before
	                        it relocates the first, for milliseconds */
};

typedef struct Range {
	uintptr_t start, end;
} Range;

struct AcPrefault {
	pthread_t thread;
	atomic_bool stop;
	uintptr_t known[MAX_OBJECTS]; /* load addresses of the objects not to touch again */
	size_t nknown;
	Range ranges[MAX_RANGES];     /* filled by one look */
	size_t nranges;
	long pages;
};

static bool known(const AcPrefault *p, uintptr_t addr)
{
	for (size_t i = 0; i < p->nknown; i++)
		if (p->known[i] == addr)
			return true;
	return false;
}

/* dl_iterate_phdr's callback at the start: every object is known. */
static int remember(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	AcPrefault *p = arg;
	if (p->nknown < MAX_OBJECTS && !known(p, info->dlpi_addr))
		p->known[p->nknown++] = info->dlpi_addr;
	return 0;
}

/* dl_iterate_phdr's callback in a look: the writable segments of each new
 * object, the part read from the file (the loader relocates only there). */
static int gather(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	AcPrefault *p = arg;
	if (known(p, info->dlpi_addr) || p->nknown >= MAX_OBJECTS)
		return 0;
	p->known[p->nknown++] = info->dlpi_addr;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	for (size_t i = 0; i < info->dlpi_phnum && p->nranges < MAX_RANGES; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W) || ph->p_filesz == 0)
			continue;
		uintptr_t start = info->dlpi_addr + ph->p_vaddr, end = start + ph->p_filesz;
		p->ranges[p->nranges++] = (Range){start / page * page, (end + page - 1) / page * page};
	}
	return 0;
}

static void *run(void *arg)
{
	AcPrefault *p = arg;
	AcTraceSpan span = ac_trace_begin();
	while (!atomic_load(&p->stop)) {
		p->nranges = 0;
		dl_iterate_phdr(gather, p);
		/* the last object mapped is relocated first (dependencies before
		 * the objects that need them), so the ranges go last to first */
		for (size_t r = p->nranges; r-- > 0 && !atomic_load(&p->stop);) {
			for (uintptr_t to = p->ranges[r].end; to > p->ranges[r].start && !atomic_load(&p->stop);) {
				uintptr_t from = to - p->ranges[r].start > PIECE ? to - PIECE : p->ranges[r].start;
				/* EINVAL before Linux 5.14; EFAULT once the loader made the
				 * part read-only again: the loader has written it then */
				if (madvise((void *)from, to - from, MADV_POPULATE_WRITE) == 0)
					p->pages += (long)((to - from) / (uintptr_t)sysconf(_SC_PAGESIZE));
				to = from;
			}
		}
		if (p->nranges == 0) {
			struct timespec ts = {0, POLL_US * 1000L};
			nanosleep(&ts, NULL);
		}
	}
	char what[32];
	snprintf(what, sizeof what, "%ld pages", p->pages);
	ac_trace_end(&span, "prefault", what);
	return NULL;
}

AcPrefault *ac_prefault_start(void)
{
	AcPrefault *p = ac_calloc(1, sizeof *p);
	atomic_init(&p->stop, false);
	dl_iterate_phdr(remember, p);
	if (pthread_create(&p->thread, NULL, run, p) != 0) {
		ac_free(p);
		return NULL;
	}
	return p;
}

void ac_prefault_stop(AcPrefault *p, long *pages)
{
	if (pages)
		*pages = 0;
	if (!p)
		return;
	atomic_store(&p->stop, true);
	pthread_join(p->thread, NULL);
	if (pages)
		*pages = p->pages;
	ac_free(p);
}

#else /* no MADV_POPULATE_WRITE, or no dl_iterate_phdr: the load faults its pages in */

AcPrefault *ac_prefault_start(void)
{
	return NULL;
}

void ac_prefault_stop(AcPrefault *p, long *pages)
{
	(void)p;
	if (pages)
		*pages = 0;
}

#endif
