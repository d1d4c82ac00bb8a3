/*
 * stack: the threads that parse. libclang's parser recurses once per nesting
 * level of the source (if (a) if (b) ... x;), and on the 8 MiB thread
 * libclang makes for each parse a few thousand levels overflow it: a crash
 * that no signal handler can turn into an error, so the whole run was lost.
 * Instead libclang parses on the caller's thread (LIBCLANG_NOTHREADS), and
 * every thread that parses is one of ours with a stack of AC_STACK_SIZE,
 * reserved rather than committed: only what a deep input touches is used.
 */
#ifndef AC_STACK_H
#define AC_STACK_H

#include <pthread.h>
#include <stddef.h>

#define AC_STACK_SIZE ((size_t)512 << 20)

/* Makes libclang parse on the calling thread. Call before any thread starts
 * (it sets an environment variable). */
void ac_stack_prepare(void);

/* pthread_create with a stack of AC_STACK_SIZE, or the default one when
 * that much cannot be reserved. Returns 0 or an error number. */
int ac_stack_thread(pthread_t *t, void *(*fn)(void *), void *arg);

/* fn(arg) on a thread of ours, joined; on the calling thread when no thread
 * can be made. Returns what fn returned. */
int ac_stack_run(int (*fn)(void *), void *arg);

#endif
