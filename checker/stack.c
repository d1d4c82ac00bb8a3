/*
 * stack: see stack.h.
 */
#define _POSIX_C_SOURCE 200809L /* setenv */

#include "stack.h"

#include <stdlib.h>

void ac_stack_prepare(void)
{
	setenv("LIBCLANG_NOTHREADS", "1", 1);
}

int ac_stack_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	int rc = pthread_attr_init(&attr);
	if (rc == 0) {
		rc = pthread_attr_setstacksize(&attr, AC_STACK_SIZE);
		if (rc == 0)
			rc = pthread_create(t, &attr, fn, arg);
		pthread_attr_destroy(&attr);
	}
	if (rc != 0)
		rc = pthread_create(t, NULL, fn, arg); /* a smaller stack beats none */
	return rc;
}

typedef struct Call {
	int (*fn)(void *);
	void *arg;
	int result;
} Call;

static void *call_fn(void *p)
{
	Call *c = p;
	c->result = c->fn(c->arg);
	return NULL;
}

int ac_stack_run(int (*fn)(void *), void *arg)
{
	Call c = {fn, arg, 0};
	pthread_t t;
	if (ac_stack_thread(&t, call_fn, &c) != 0)
		return fn(arg);
	pthread_join(t, NULL);
	return c.result;
}
