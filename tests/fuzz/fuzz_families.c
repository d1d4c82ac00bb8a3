/*
 * fuzz_families: the allocator-family loader (family.c, family_load.c) on
 * arbitrary JSON. First the input alone through ac_families_build (fast:
 * most inputs stop in the parser); when that succeeds, the way --allocators
 * FILE reaches it: ac_families_load of the built-in families and then the
 * input read from a file, merged by name and family id. Every table built
 * is checked the way the lowering and the rules read it: each entry found
 * again by name, its family named.
 */
#include "fuzz_input.h"

#include <stdbool.h>

#include "family.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless every entry of f is found by name and its family by id. */
static void check_table(const AcFamilies *f)
{
	for (size_t i = 0; i < ac_families_count(f); i++) {
		const AcFnInfo *fi = ac_families_at(f, i);
		if (ac_families_lookup(f, fi->name) != fi)
			abort(); /* the table is sorted by name: bsearch must find each entry */
		if (fi->family >= 0 && ac_families_find(f, ac_families_id(f, fi->family)) != fi->family)
			abort();
	}
}

/* ac_families_build or _load returned rc with *f: a table exactly on success. */
static bool built(int rc, const AcFamilies *f)
{
	if ((rc == 0) != (f != NULL))
		abort();
	if (f)
		check_table(f);
	return f != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long before = ac_mem_live_blocks();
	char *text = ac_malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	AcFamilySource src = {"fuzz.json", text};
	AcFamilies *alone = NULL;
	if (built(ac_families_build(&alone, &src, 1), alone)) {
		const char *path = fuzz_write_input(".json", data, size);
		AcFamilies *merged = NULL;
		built(ac_families_load(&merged, &path, 1), merged);
		ac_families_free(merged);
	}
	ac_families_free(alone);
	ac_free(text);
	fuzz_check_blocks(before, "families");
	return 0;
}
