/*
 * mem: the only file that calls malloc/realloc/free (see mem.h).
 *
 * The block counter is kept per thread and added to the process's when the
 * thread ends (a thread-specific key's destructor): the threads that parse
 * and analyse allocate hundreds of thousands of blocks each, and one atomic
 * counter written by both cores moves its cache line from one to the other
 * at nearly every allocation. A block allocated on one thread and freed on
 * another counts +1 on the first and -1 on the second; the sum is right once
 * both ended, which is when ac_mem_live_blocks is read (at exit, in tests).
 */
#define _GNU_SOURCE /* dl_iterate_phdr, madvise; pthread keys */

#include "mem.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

static atomic_long live_blocks;           /* the counts of threads that ended */
static _Thread_local long thread_blocks;  /* this thread's blocks allocated minus freed */
static _Thread_local bool thread_known;   /* its count is added to live_blocks at its end */
static pthread_key_t end_key;             /* its destructor adds the count; made once */
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static bool key_made;                     /* written once under key_once */

static void add_thread_count(void *unused)
{
	(void)unused;
	atomic_fetch_add(&live_blocks, thread_blocks);
	thread_blocks = 0;
}

static void make_key(void)
{
	key_made = pthread_key_create(&end_key, add_thread_count) == 0;
}

/* Counts n blocks more (or fewer) on the calling thread. */
static void count_blocks(long n)
{
	if (!thread_known) {
		thread_known = true;
		pthread_once(&key_once, make_key);
		if (key_made)
			pthread_setspecific(end_key, &thread_known);
	}
	if (key_made)
		thread_blocks += n;
	else
		atomic_fetch_add(&live_blocks, n); /* no key: one shared counter */
}

static void out_of_memory(void)
{
	fputs("alloccheck: out of memory\n", stderr);
	exit(2);
}

void *ac_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	count_blocks(1);
	return p;
}

void *ac_calloc(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		out_of_memory();
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	count_blocks(1);
	return p;
}

void *ac_realloc(void *ptr, size_t size)
{
	/* A temporary keeps the old block reachable until the new one is known good. */
	void *np = realloc(ptr, size ? size : 1);
	if (!np)
		out_of_memory();
	if (!ptr)
		count_blocks(1);
	return np;
}

void ac_free(void *ptr)
{
	if (!ptr)
		return;
	count_blocks(-1);
	free(ptr);
}

char *ac_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = ac_malloc(n);
	memcpy(d, s, n);
	return d;
}

long ac_mem_live_blocks(void)
{
	return atomic_load(&live_blocks) + thread_blocks;
}

void ac_mem_configure(void)
{
#ifdef __GLIBC__
	/* 64 MiB: a thread's whole heap (glibc's HEAP_MAX_SIZE); address
	 * space only until a page is touched. python3.11-core -j2: 53k -> 41k
	 * page faults, peak RSS the same. */
	mallopt(M_TOP_PAD, 64 << 20);
#endif
}

#ifdef __linux__
/* Whether an object's dynamic section asks the loader to write into its
 * code (DT_TEXTREL): its pages without write permission may hold writes. */
static bool has_text_relocations(const struct dl_phdr_info *info)
{
	for (size_t i = 0; i < info->dlpi_phnum; i++) {
		if (info->dlpi_phdr[i].p_type != PT_DYNAMIC)
			continue;
		const ElfW(Dyn) *d = (const ElfW(Dyn) *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
		for (; d->d_tag != DT_NULL; d++)
			if (d->d_tag == DT_TEXTREL || (d->d_tag == DT_FLAGS && (d->d_un.d_val & DF_TEXTREL)))
				return true;
	}
	return false;
}

/* dl_iterate_phdr's callback: drops the pages of the object's segments that
 * no one writes: loaded without write permission, outside the part made
 * read-only after relocation (PT_GNU_RELRO). */
static int release_object(struct dl_phdr_info *info, size_t size, void *page_size)
{
	(void)size;
	/* Only shared objects loaded from a file: not the program itself
	 * (named ""), not the kernel's vDSO (no path). */
	if (!info->dlpi_name || info->dlpi_name[0] != '/' || has_text_relocations(info))
		return 0;
	uintptr_t page = *(const uintptr_t *)page_size;
	uintptr_t relro_start = 0, relro_end = 0;
	for (size_t i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type == PT_GNU_RELRO) {
			relro_start = info->dlpi_addr + ph->p_vaddr;
			relro_end = relro_start + ph->p_memsz;
		}
	}
	for (size_t i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W) || ph->p_memsz != ph->p_filesz)
			continue;
		uintptr_t start = info->dlpi_addr + ph->p_vaddr, end = start + ph->p_memsz;
		if (start < relro_end && relro_start < end)
			continue;
		/* Whole pages only: a page the segment shares with its neighbour
		 * stays. */
		start = (start + page - 1) / page * page;
		end = end / page * page;
		if (end > start)
			madvise((void *)start, end - start, MADV_DONTNEED);
	}
	return 0;
}
#endif

void ac_mem_release_code(void)
{
#ifdef __linux__
	/* MADV_DONTNEED drops the pages of a private file mapping: a page
	 * still the file's comes back from it when touched, one the process
	 * wrote (an anonymous copy) would come back as the file has it. So
	 * only segments no one writes: code and constant data, not the data
	 * the loader relocated (a debugger's breakpoint in the code is lost). */
	long page = sysconf(_SC_PAGESIZE);
	if (page > 0) {
		uintptr_t p = (uintptr_t)page;
		dl_iterate_phdr(release_object, &p);
	}
#endif
}
