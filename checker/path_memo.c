#include "path_memo.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static size_t slot(const AcPathMemo *m, const char *path)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (const char *c = path; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211u;
	size_t i = (size_t)h & (m->cap - 1);
	while (m->paths[i] && strcmp(m->paths[i], path) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void grow(AcPathMemo *m)
{
	const char **paths = m->paths, **answers = m->answers;
	size_t cap = m->cap;
	m->cap = cap ? 2 * cap : 256;
	m->paths = ac_calloc(m->cap, sizeof *m->paths);
	m->answers = ac_calloc(m->cap, sizeof *m->answers);
	for (size_t i = 0; i < cap; i++)
		if (paths[i]) {
			size_t k = slot(m, paths[i]);
			m->paths[k] = paths[i];
			m->answers[k] = answers[i];
		}
	ac_free(paths);
	ac_free(answers);
}

void ac_path_memo_init(AcPathMemo *m)
{
	memset(m, 0, sizeof *m);
	pthread_mutex_init(&m->lock, NULL);
	grow(m);
}

void ac_path_memo_free(AcPathMemo *m)
{
	pthread_mutex_destroy(&m->lock);
	ac_arena_free(&m->arena);
	ac_free(m->paths);
	ac_free(m->answers);
}

const char *ac_path_memo(AcPathMemo *m, const char *path, char *(*ask)(const char *path))
{
	pthread_mutex_lock(&m->lock);
	size_t i = slot(m, path);
	bool known = m->paths[i] != NULL;
	const char *answer = m->answers[i];
	pthread_mutex_unlock(&m->lock);
	if (known)
		return answer;
	char *asked = ask(path);
	pthread_mutex_lock(&m->lock);
	if (2 * (m->count + 1) > m->cap)
		grow(m);
	i = slot(m, path);
	if (!m->paths[i]) { /* else another thread was first: its answer stays */
		m->paths[i] = ac_arena_strdup(&m->arena, path);
		m->answers[i] = asked ? ac_arena_strdup(&m->arena, asked) : NULL;
		m->count++;
	}
	answer = m->answers[i];
	pthread_mutex_unlock(&m->lock);
	free(asked); /* from libc, not the mem funnel */
	return answer;
}
