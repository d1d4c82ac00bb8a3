/*
 * path_memo: what the file system answered about a path, asked once per run.
 *
 * The threads that parse share one memo; the question (realpath(3),
 * access(2)) runs outside its lock, so two threads may ask about the same
 * path at once, and the first answer stored is the one every later lookup
 * sees. A file made or removed during the run is seen as it was at the
 * first lookup.
 */
#ifndef AC_PATH_MEMO_H
#define AC_PATH_MEMO_H

#include <pthread.h>
#include <stddef.h>

#include "arena.h"

typedef struct AcPathMemo {
	pthread_mutex_t lock;
	AcArena arena;        /* the paths and the answers */
	const char **paths;   /* open addressing over cap slots; NULL = empty */
	const char **answers; /* per slot: the answer, NULL for none */
	size_t cap, count;    /* cap a power of two, at least twice count */
} AcPathMemo;

void ac_path_memo_init(AcPathMemo *m);
void ac_path_memo_free(AcPathMemo *m);

/* The answer for path: the first time, ask(path), a string from libc's
 * malloc or NULL (the memo keeps a copy and frees it); the kept copy after.
 * The string lives as long as m. */
const char *ac_path_memo(AcPathMemo *m, const char *path, char *(*ask)(const char *path));

#endif
