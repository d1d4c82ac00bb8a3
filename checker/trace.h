/*
 * trace: with -vv, one line on stderr per step of a run, for finding where
 * the time and the memory go (never a finding, never in a report):
 *
 *   alloccheck: trace: PHASE thread=T start=MS end=MS cpu=MS flt=N [WHAT]
 *   alloccheck: trace: memory AFTER rss=KB peak=KB anon=KB file=KB heap=KB
 *
 * start and end are milliseconds of wall time since the trace was enabled,
 * cpu the calling thread's CPU time over the span, thread a small number
 * per thread (0 for the first one traced), flt the page faults the thread
 * took over the span (each a fresh page of memory, or a file's page read
 * again; unlike time, a count the load does not change). Measured under load, wall time
 * counts the time the thread waited for a core; CPU time does not. The
 * memory line gives the process's resident size, its peak so far (VmHWM),
 * the anonymous and file-backed parts of the resident size (libclang's
 * code is most of the second) and the bytes malloc has handed out and not
 * had back.
 */
#ifndef AC_TRACE_H
#define AC_TRACE_H

#include <stdbool.h>

/* A span being timed: what ac_trace_begin saw. */
typedef struct AcTraceSpan {
	double wall; /* seconds, CLOCK_MONOTONIC */
	double cpu;  /* seconds, the thread's CPU clock */
	long faults; /* the thread's page faults so far */
} AcTraceSpan;

void ac_trace_enable(bool on); /* once, before any thread starts */
bool ac_trace_on(void);

AcTraceSpan ac_trace_begin(void); /* zeros when the trace is off */

/* Prints the span's line (nothing when the trace is off); what may be NULL. */
void ac_trace_end(const AcTraceSpan *s, const char *phase, const char *what);

/* Prints the memory line, after the named step (nothing when off). */
void ac_trace_memory(const char *after);

/* The calling thread's CPU time in seconds. */
double ac_trace_thread_cpu(void);

#endif
