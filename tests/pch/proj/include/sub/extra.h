/* Found through -I: a header of the prefix that is not beside the files. */
#ifndef SUB_EXTRA_H
#define SUB_EXTRA_H

#define FIELD_FREE(s, f) free((s)->f)

struct pair {
	char *left;
	char *right;
};

static inline struct pair *pair_new(void)
{
	return calloc(1, sizeof(struct pair));
}

#endif
