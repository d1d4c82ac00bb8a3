/*
 * prefault: while a dlopen runs, makes the pages that the dynamic loader
 * is about to relocate writable in bulk, from a thread of its own.
 *
 * Loading libclang relocates libLLVM's and libclang's writable segments
 * (8 MB): the loader writes a pointer into nearly every page of them, and
 * each first write is a copy-on-write fault, about 3,100 of them, 13 us
 * each on a virtual machine whose page faults trap to the hypervisor:
 * half of the load, which every run that parses pays before its first
 * parse, on one thread while the other workers wait. One
 * madvise(MADV_POPULATE_WRITE) over a segment copies its pages in one
 * system call, the same copies the faults would make, a few times cheaper
 * a page; made on another core while the loader works, it takes most of
 * those faults off the load. The kernel serialises the two on each page,
 * so nothing the loader wrote is lost (Linux 5.14 or later; elsewhere the
 * thread does nothing).
 */
#ifndef AC_PREFAULT_H
#define AC_PREFAULT_H

#include <stdbool.h>

typedef struct AcPrefault AcPrefault;

/* Starts the thread, which watches for objects loaded after this call;
 * NULL when it cannot start (the load goes on without it). */
AcPrefault *ac_prefault_start(void);

/* The load is over: stops the thread, joins it, frees p (NULL is fine);
 * *pages (may be NULL): the pages it made writable. */
void ac_prefault_stop(AcPrefault *p, long *pages);

#endif
