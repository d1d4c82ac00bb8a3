/*
 * mem: the one allocation funnel of alloccheck.
 *
 * Every heap block the tool uses comes from here, so a test can check at exit
 * that the live block count is back to zero (as Lua's ltests.c does). Out of
 * memory is not recoverable: it prints "alloccheck: out of memory" and exits 2,
 * so no caller checks for NULL.
 */
#ifndef AC_MEM_H
#define AC_MEM_H

#include <stddef.h>

void *ac_malloc(size_t size);               /* never NULL; size 0 gives a unique block */
void *ac_calloc(size_t count, size_t size); /* zeroed; overflow counts as out of memory */
void *ac_realloc(void *ptr, size_t size);   /* never NULL; ptr may be NULL */
void ac_free(void *ptr);                    /* NULL is fine */
char *ac_strdup(const char *s);             /* caller frees with ac_free */
long ac_mem_live_blocks(void);              /* blocks allocated and not yet freed: by threads
                                               that ended and by the calling one */

/* Sets the allocator up for the run, before any thread starts: glibc's
 * malloc grows each thread's heap a page or a few at a time (one mprotect
 * each, 1,100-2,100 of them on python3.11) and gives freed memory at its
 * top back at once (madvise), so that the next TU faults the same pages in
 * again; with a top pad the heap grows in one step and keeps that much
 * free memory mapped (nothing elsewhere). */
void ac_mem_configure(void);

/* Takes out of the process's resident set the pages it maps read-only and
 * privately from files without having written them (the code and constant
 * data of libclang, LLVM and the other libraries): a page comes back from
 * the page cache, unchanged, when it is next touched (Linux; nothing
 * elsewhere). For a point after which most of them will not be touched
 * again: LLVM's start-up ran code from every part of it once, and when the
 * parses are over none of libclang's runs. */
void ac_mem_release_code(void);

#endif
