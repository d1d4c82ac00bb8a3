/*
 * trace: the -vv timing and memory lines (trace.h). Each line is printed
 * whole under stderr's lock as its span ends, so lines of several threads
 * interleave but never mix; a reader sorts them by start.
 */
#define _GNU_SOURCE /* mallinfo2 */

#include "trace.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Set once from the command line before any thread starts, read-only after;
 * origin likewise. Thread numbers are handed out in the order threads first
 * trace something. */
static atomic_bool enabled;
static double origin;
static atomic_int nthreads;
static _Thread_local int thread_no = -1;

static double clock_seconds(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double ac_trace_thread_cpu(void)
{
	return clock_seconds(CLOCK_THREAD_CPUTIME_ID);
}

void ac_trace_enable(bool on)
{
	origin = clock_seconds(CLOCK_MONOTONIC);
	atomic_store(&enabled, on);
}

/* The calling thread's page faults so far (minor and major), or 0. */
static long thread_faults(void)
{
#ifdef RUSAGE_THREAD
	struct rusage ru;
	if (getrusage(RUSAGE_THREAD, &ru) == 0)
		return ru.ru_minflt + ru.ru_majflt;
#endif
	return 0;
}

bool ac_trace_on(void)
{
	return atomic_load(&enabled);
}

AcTraceSpan ac_trace_begin(void)
{
	if (!ac_trace_on())
		return (AcTraceSpan){0, 0, 0};
	return (AcTraceSpan){clock_seconds(CLOCK_MONOTONIC), ac_trace_thread_cpu(), thread_faults()};
}

void ac_trace_end(const AcTraceSpan *s, const char *phase, const char *what)
{
	if (!ac_trace_on())
		return;
	double wall = clock_seconds(CLOCK_MONOTONIC), cpu = ac_trace_thread_cpu();
	long faults = thread_faults();
	if (thread_no < 0)
		thread_no = atomic_fetch_add(&nthreads, 1);
	flockfile(stderr);
	fprintf(stderr, "alloccheck: trace: %s thread=%d start=%.3f end=%.3f cpu=%.3f flt=%ld%s%s\n", phase, thread_no,
	        (s->wall - origin) * 1e3, (wall - origin) * 1e3, (cpu - s->cpu) * 1e3, faults - s->faults,
	        what ? " " : "", what ? what : "");
	funlockfile(stderr);
}

/* The value in kB of the line "key:" of /proc/self/status, or -1. */
static long status_kb(const char *text, const char *key)
{
	const char *p = strstr(text, key);
	long kb;
	return p && sscanf(p + strlen(key), " %ld", &kb) == 1 ? kb : -1;
}

void ac_trace_memory(const char *after)
{
	if (!ac_trace_on())
		return;
	char text[4096] = "";
	FILE *f = fopen("/proc/self/status", "r");
	if (f) {
		size_t n = fread(text, 1, sizeof text - 1, f);
		text[n] = '\0';
		fclose(f);
	}
	long heap = -1;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
	struct mallinfo2 mi = mallinfo2();
	heap = (long)(mi.uordblks / 1024 + mi.hblkhd / 1024);
#endif
	flockfile(stderr);
	fprintf(stderr, "alloccheck: trace: memory %s rss=%ld peak=%ld anon=%ld file=%ld heap=%ld\n", after,
	        status_kb(text, "VmRSS:"), status_kb(text, "VmHWM:"), status_kb(text, "RssAnon:"),
	        status_kb(text, "RssFile:"), heap);
	funlockfile(stderr);
}
