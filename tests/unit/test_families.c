/*
 * test_families: the allocator-family tables (family.h): the embedded
 * built-in files load and still say what the C table they replaced said,
 * user files are validated with exact one-line messages, later entries
 * override earlier ones by name, lookups bsearch a sorted table, and the
 * per-TU table adds the attributes declared in the code.
 */
#define _POSIX_C_SOURCE 200809L /* dup, fileno, mkdtemp */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "family.h"
#include "family_texts.h"
#include "mem.h"
#include "test.h"

/* ---- the built-in table against the C table it replaced ---------------------------- */

typedef struct Old {
	const char *name;
	AcRole role;
	const char *family; /* NULL for BORROW/KEEP */
	int ptr_arg;
	bool can_fail;
	unsigned nonnull;
	int ret_arg;
} Old;

#define ALLOC(n, fam, fail) {n, AC_ROLE_ALLOC, fam, -1, fail, 0, 0}
#define ALLOC_NN(n, fam, fail, nn) {n, AC_ROLE_ALLOC, fam, -1, fail, nn, 0}
#define REALLOC(n, fam, fail) {n, AC_ROLE_REALLOC, fam, 0, fail, 0, 0}
#define DEALLOC(n, fam) {n, AC_ROLE_DEALLOC, fam, 0, false, 0, 0}
#define BORROW(n, nn) {n, AC_ROLE_BORROW, NULL, -1, false, nn, 0}
#define BORROW_RET(n, nn, r) {n, AC_ROLE_BORROW, NULL, -1, false, nn, r}
#define KEEP(n) {n, AC_ROLE_KEEP, NULL, -1, false, 0, 0}
#define A0 1u
#define A1 2u
#define A2 4u
#define A3 8u

/* checker/family.c before the families became JSON (commit f15464d). */
static const Old old_table[] = {
	ALLOC("PyMem_Calloc", "pymem", true),
	DEALLOC("PyMem_Free", "pymem"),
	ALLOC("PyMem_Malloc", "pymem", true),
	ALLOC("PyMem_RawCalloc", "pymem-raw", true),
	DEALLOC("PyMem_RawFree", "pymem-raw"),
	ALLOC("PyMem_RawMalloc", "pymem-raw", true),
	REALLOC("PyMem_RawRealloc", "pymem-raw", true),
	REALLOC("PyMem_Realloc", "pymem", true),
	ALLOC("PyObject_Calloc", "pyobject", true),
	DEALLOC("PyObject_Free", "pyobject"),
	ALLOC("PyObject_Malloc", "pyobject", true),
	REALLOC("PyObject_Realloc", "pyobject", true),
	ALLOC("aligned_alloc", "libc", true),
	BORROW("atoi", A0),
	BORROW("atol", A0),
	ALLOC("calloc", "libc", true),
	BORROW("fgets", A0 | A2),
	BORROW("fputs", A0 | A1),
	BORROW("fread", A0 | A3),
	DEALLOC("free", "libc"),
	BORROW("fwrite", A0 | A3),
	DEALLOC("g_free", "glib"),
	ALLOC("g_malloc", "glib", false),
	ALLOC("g_malloc0", "glib", false),
	ALLOC("g_malloc0_n", "glib", false),
	ALLOC("g_malloc_n", "glib", false),
	ALLOC("g_memdup", "glib", false),
	ALLOC("g_memdup2", "glib", false),
	REALLOC("g_realloc", "glib", false),
	ALLOC("g_strdup", "glib", false),
	ALLOC("g_strdup_printf", "glib", false),
	ALLOC("g_strndup", "glib", false),
	ALLOC("g_try_malloc", "glib", true),
	ALLOC("g_try_malloc0", "glib", true),
	REALLOC("g_try_realloc", "glib", true),
	ALLOC("malloc", "libc", true),
	BORROW("memchr", A0),
	BORROW("memcmp", A0 | A1),
	BORROW_RET("memcpy", A0 | A1, 1),
	BORROW_RET("memmove", A0 | A1, 1),
	BORROW_RET("memset", A0, 1),
	KEEP("pthread_setspecific"),
	KEEP("putenv"),
	BORROW("puts", A0),
	REALLOC("realloc", "libc", true),
	REALLOC("reallocarray", "libc", true),
	KEEP("setbuf"),
	KEEP("setvbuf"),
	BORROW("sprintf", A0 | A1),
	BORROW("sscanf", A0 | A1),
	BORROW_RET("strcat", A0 | A1, 1),
	BORROW("strchr", A0),
	BORROW("strcmp", A0 | A1),
	BORROW_RET("strcpy", A0 | A1, 1),
	BORROW("strcspn", A0 | A1),
	ALLOC_NN("strdup", "libc", true, A0),
	BORROW("strlen", A0),
	BORROW_RET("strncat", A0 | A1, 1),
	BORROW("strncmp", A0 | A1),
	BORROW_RET("strncpy", A0 | A1, 1),
	ALLOC_NN("strndup", "libc", true, A0),
	BORROW("strnlen", A0),
	BORROW("strrchr", A0),
	BORROW("strspn", A0 | A1),
	BORROW("strstr", A0 | A1),
	BORROW("strtod", A0),
	BORROW("strtol", A0),
	BORROW("strtoul", A0),
	ALLOC("valloc", "libc", true),
	BORROW("vsprintf", A0 | A1),
};

static void check_same(const AcFamilies *t, const Old *o)
{
	const AcFnInfo *f = ac_families_lookup(t, o->name);
	ASSERT_STR(o->name, f ? f->name : NULL);
	if (!f)
		return;
	ASSERT(o->role, f->role);
	ASSERT_STR(o->family, ac_families_id(t, f->family));
	ASSERT(o->ptr_arg, f->ptr_arg);
	ASSERT(o->can_fail, f->can_fail);
	ASSERT(o->nonnull, f->nonnull);
	ASSERT(o->ret_arg, f->ret_arg);
	ASSERT(0, f->out_arg);
}

static void test_builtin_keeps_old_meaning(void)
{
	AcFamilies *t;
	ASSERT(0, ac_families_load(&t, NULL, 0));
	for (size_t i = 0; i < sizeof old_table / sizeof old_table[0]; i++)
		check_same(t, &old_table[i]);
	ac_families_free(t);
}

static void test_builtin_sorted_and_found(void)
{
	AcFamilies *t;
	ASSERT(0, ac_families_load(&t, NULL, 0));
	size_t n = ac_families_count(t);
	ASSERT(1, n > 100);
	for (size_t i = 0; i + 1 < n; i++)
		ASSERT(1, strcmp(ac_families_at(t, i)->name, ac_families_at(t, i + 1)->name) < 0);
	for (size_t i = 0; i < n; i++) /* every entry is found by bsearch, as itself */
		ASSERT(ac_families_at(t, i), ac_families_lookup(t, ac_families_at(t, i)->name));
	ASSERT(NULL, ac_families_lookup(t, "no_such_function"));
	ASSERT(NULL, ac_families_lookup(t, NULL));
	ASSERT(NULL, ac_families_id(t, -1));
	ASSERT(NULL, ac_families_id(t, 99));
	ASSERT(-1, ac_families_find(t, "nope"));
	ac_families_free(t);
}

/* No name is defined by two built-in files (the last one would win silently). */
static void test_builtin_files_disjoint(void)
{
	AcFamilies *all;
	ASSERT(0, ac_families_build(&all, ac_family_texts, ac_nfamily_texts));
	size_t sum = 0;
	for (size_t i = 0; i < ac_nfamily_texts; i++) {
		AcFamilies *one;
		ASSERT(0, ac_families_build(&one, &ac_family_texts[i], 1));
		sum += ac_families_count(one);
		ac_families_free(one);
	}
	ASSERT(sum, ac_families_count(all));
	ac_families_free(all);
}

static void test_builtin_new_entries(void)
{
	AcFamilies *t;
	ASSERT(0, ac_families_load(&t, NULL, 0));
	int libc = ac_families_find(t, "libc"), pymem = ac_families_find(t, "pymem");
	int glib = ac_families_find(t, "glib"), pyobject = ac_families_find(t, "pyobject");
	const AcFnInfo *f = ac_families_lookup(t, "posix_memalign");
	ASSERT(AC_ROLE_ALLOC, f->role);
	ASSERT(libc, f->family);
	ASSERT(1, f->out_arg);
	ASSERT(1, ac_families_lookup(t, "asprintf")->out_arg);
	ASSERT(1, ac_families_lookup(t, "vasprintf")->out_arg);
	ASSERT(0, ac_families_lookup(t, "malloc")->out_arg);
	ASSERT(libc, ac_families_lookup(t, "memalign")->family);
	f = ac_families_lookup(t, "PyMem_Resize"); /* the PyMem_Realloc call inside the macro */
	ASSERT(AC_ROLE_REALLOC, f->role);
	ASSERT(pymem, f->family);
	ASSERT(0, f->ptr_arg);
	ASSERT(1, f->can_fail);
	ASSERT(AC_ROLE_ALLOC, ac_families_lookup(t, "PyMem_New")->role);
	ASSERT(pymem, ac_families_lookup(t, "PyMem_Del")->family);
	ASSERT(AC_ROLE_DEALLOC, ac_families_lookup(t, "PyMem_DEL")->role);
	ASSERT(pyobject, ac_families_lookup(t, "PyObject_Del")->family);
	ASSERT(pyobject, ac_families_lookup(t, "PyObject_MALLOC")->family);
	f = ac_families_lookup(t, "g_new");
	ASSERT(glib, f->family);
	ASSERT(0, f->can_fail);
	f = ac_families_lookup(t, "g_try_new0"); /* same family, may fail */
	ASSERT(glib, f->family);
	ASSERT(1, f->can_fail);
	ASSERT(AC_ROLE_REALLOC, ac_families_lookup(t, "g_renew")->role);
	f = ac_families_lookup(t, "__builtin_malloc");
	ASSERT(libc, f->family);
	ASSERT(AC_ROLE_ALLOC, f->role);
	ASSERT(AC_ROLE_DEALLOC, ac_families_lookup(t, "__builtin_free")->role);
	f = ac_families_lookup(t, "__builtin___memcpy_chk");
	ASSERT(AC_ROLE_BORROW, f->role);
	ASSERT(3, f->nonnull);
	ASSERT(1, f->ret_arg);
	ASSERT(9, ac_families_lookup(t, "__sprintf_chk")->nonnull); /* s and fmt */
	ASSERT(1, ac_families_lookup(t, "__builtin_memset")->ret_arg);
	f = ac_families_lookup(t, "mmap64"); /* fails with MAP_FAILED; munmap may release a part */
	ASSERT(-1, f->fails_with);
	ASSERT_STR("MAP_FAILED", f->failure);
	ASSERT(0, ac_families_lookup(t, "malloc")->fails_with);
	ASSERT(1, ac_families_lookup(t, "munmap")->partial);
	ASSERT(0, ac_families_lookup(t, "free")->partial);
	ASSERT(1, ac_families_lookup(t, "munmap")->fixed); /* a MAP_FIXED mapping's chosen address */
	ASSERT(0, ac_families_lookup(t, "free")->fixed);
	ASSERT(1, ac_families_lookup(t, "g_memdup")->reads); /* copies from a pointer that may be NULL */
	ASSERT(0, ac_families_lookup(t, "g_memdup")->nonnull);
	f = ac_families_lookup(t, "getaddrinfo");
	ASSERT(4, f->out_arg);
	ASSERT(1, f->zero_on_success);
	f = ac_families_lookup(t, "getline"); /* reallocates *arg1 */
	ASSERT(AC_ROLE_REALLOC, f->role);
	ASSERT(1, f->out_arg);
	ASSERT(0, f->ptr_arg);
	ASSERT(2, ac_families_lookup(t, "realpath")->null_arg);
	ASSERT(1, ac_families_lookup(t, "dlopen")->static_if_null);
	ASSERT(3, ac_families_lookup(t, "mmap")->writable_arg); /* PROT_WRITE */
	ASSERT(2, ac_families_lookup(t, "mmap")->writable_bit);
	ASSERT(1, ac_families_lookup(t, "fprintf")->reads_only);
	ASSERT(AC_ROLE_REALLOC, ac_families_lookup(t, "newlocale")->role);
	ASSERT(AC_ROLE_KEEP, ac_families_lookup(t, "dlsym")->role);
	ac_families_free(t);
}

static void test_builtin_shared(void)
{
	const AcFamilies *a = ac_families_builtin();
	ASSERT(a, ac_families_builtin());
	ASSERT(AC_ROLE_ALLOC, ac_families_lookup(a, "malloc")->role);
}

/* ---- user files --------------------------------------------------------------------- */

static const char redis[] =
	"{\"families\": [{\"id\": \"redis\", \"can_fail\": false,\n"
	"   \"allocators\": [{\"name\": \"zmalloc\", \"size_arg\": 1}, {\"name\": \"zcalloc\", \"size_arg\": [1, 2]}],\n"
	"   \"reallocators\": [{\"name\": \"zrealloc\", \"ptr_arg\": 1}],\n"
	"   \"deallocators\": [{\"name\": \"zfree\", \"ptr_arg\": 1, \"aliases\": [\"zfree_usable\"]}],\n"
	"   \"borrowers\": [{\"name\": \"zmalloc_size\", \"nonnull\": [1]}], \"keepers\": [{\"name\": \"zkeep\"}]}],\n"
	" \"functions\": [{\"name\": \"mycpy\", \"role\": \"borrow\", \"nonnull\": [1, 2], \"returns_arg\": 1},\n"
	"               {\"name\": \"stash\", \"role\": \"keep\", \"comment\": [\"a\", \"b\"]}]}\n";

static void test_valid_file(void)
{
	AcFamilySource src = {"fams.json", redis};
	AcFamilies *t;
	ASSERT(0, ac_families_build(&t, &src, 1));
	ASSERT(9, ac_families_count(t));
	int redis_id = ac_families_find(t, "redis");
	ASSERT(0, redis_id);
	const AcFnInfo *f = ac_families_lookup(t, "zmalloc");
	ASSERT(AC_ROLE_ALLOC, f->role);
	ASSERT(redis_id, f->family);
	ASSERT(0, f->can_fail);
	ASSERT(-1, f->ptr_arg);
	f = ac_families_lookup(t, "zrealloc");
	ASSERT(AC_ROLE_REALLOC, f->role);
	ASSERT(0, f->ptr_arg);
	ASSERT(0, f->can_fail);
	ASSERT(AC_ROLE_DEALLOC, ac_families_lookup(t, "zfree_usable")->role);
	f = ac_families_lookup(t, "zmalloc_size");
	ASSERT(AC_ROLE_BORROW, f->role);
	ASSERT(-1, f->family);
	ASSERT(1, f->nonnull);
	ASSERT(AC_ROLE_KEEP, ac_families_lookup(t, "zkeep")->role);
	f = ac_families_lookup(t, "mycpy");
	ASSERT(AC_ROLE_BORROW, f->role);
	ASSERT(3, f->nonnull);
	ASSERT(1, f->ret_arg);
	ASSERT(AC_ROLE_KEEP, ac_families_lookup(t, "stash")->role);
	ac_families_free(t);
}

/* Later files replace entries by name; a known family id is the same family. */
static void test_override_order(void)
{
	AcFamilySource src[] = {
		{"a.json", redis},
		{"b.json", "{\"families\": [{\"id\": \"redis\", \"allocators\": [{\"name\": \"zmalloc\"}]},\n"
			   "  {\"id\": \"libc\", \"deallocators\": [{\"name\": \"xfree\"}]},\n"
			   "  {\"id\": \"other\", \"can_fail\": false, \"allocators\": [{\"name\": \"malloc\"}]}]}"},
		{"c.json", "{\"functions\": [{\"name\": \"zfree\", \"role\": \"keep\"}]}"},
	};
	AcFamilies *t;
	ASSERT(0, ac_families_build(&t, src, 3));
	const AcFnInfo *f = ac_families_lookup(t, "zmalloc");
	ASSERT(1, f->can_fail); /* b.json's family block does not say can_fail: the default */
	ASSERT(ac_families_find(t, "redis"), f->family);
	ASSERT(AC_ROLE_KEEP, ac_families_lookup(t, "zfree")->role);
	ASSERT(AC_ROLE_DEALLOC, ac_families_lookup(t, "zfree_usable")->role);
	ASSERT(ac_families_find(t, "libc"), ac_families_lookup(t, "xfree")->family);
	ASSERT(0, ac_families_lookup(t, "malloc")->can_fail);
	ASSERT_STR("other", ac_families_id(t, ac_families_lookup(t, "malloc")->family));
	ac_families_free(t);
	/* and over the built-in families, through files */
	char dir[] = "/tmp/test_familiesXXXXXX";
	ASSERT(1, mkdtemp(dir) != NULL);
	char path[64];
	snprintf(path, sizeof path, "%s/f.json", dir);
	FILE *fp = fopen(path, "w");
	if (!fp)
		abort();
	fputs("{\"families\": [{\"id\": \"libc\", \"can_fail\": false, \"allocators\": [{\"name\": \"malloc\"}],"
	      " \"deallocators\": [{\"name\": \"zfree\"}]}]}", fp);
	fclose(fp);
	const char *files[] = {path};
	ASSERT(0, ac_families_load(&t, files, 1));
	f = ac_families_lookup(t, "malloc");
	ASSERT(0, f->can_fail);
	ASSERT(ac_families_find(t, "libc"), f->family);
	ASSERT(f->family, ac_families_lookup(t, "zfree")->family);
	ASSERT(1, ac_families_lookup(t, "calloc")->can_fail);
	ac_families_free(t);
	remove(path);
	rmdir(dir);
}

/* Runs ac_families_build on text and returns what it printed on stderr (one
 * line, without the newline), or "" when it succeeded. */
static const char *error_of(const char *text)
{
	static char buf[512];
	AcFamilySource src = {"fams.json", text};
	FILE *tmp = tmpfile();
	if (!tmp)
		abort();
	int saved = dup(2);
	fflush(stderr);
	dup2(fileno(tmp), 2);
	AcFamilies *t;
	int rc = ac_families_build(&t, &src, 1);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	size_t n = fread(buf, 1, sizeof buf - 1, tmp);
	fclose(tmp);
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	if (rc == 0) {
		ASSERT(NULL, strchr(buf, '\n'));
		ac_families_free(t);
		return buf;
	}
	ASSERT(NULL, t);
	ASSERT(NULL, strchr(buf, '\n')); /* one line */
	return buf;
}

#define FAM(body) "{\"families\": [{\"id\": \"z\", " body "}]}"

static void test_errors(void)
{
	ASSERT_STR("", error_of("{}"));
	ASSERT_STR("alloccheck: error: fams.json: not valid JSON near line 3",
		   error_of("{\n \"families\": [\n  {,\n ]}"));
	ASSERT_STR("alloccheck: error: fams.json: not valid JSON near line 1", error_of(""));
	ASSERT_STR("alloccheck: error: fams.json: not valid JSON near line 2 (text after the end of the document)",
		   error_of("{}\n}"));
	ASSERT_STR("alloccheck: error: fams.json: expected an object with \"families\" and/or \"functions\"",
		   error_of("[]"));
	ASSERT_STR("alloccheck: error: fams.json: famlies: unknown key (expected families, functions or comment)",
		   error_of("{\"famlies\": []}"));
	ASSERT_STR("alloccheck: error: fams.json: families: expected an array of families",
		   error_of("{\"families\": {}}"));
	ASSERT_STR("alloccheck: error: fams.json: families[0]: missing key \"id\"",
		   error_of("{\"families\": [{\"allocators\": []}]}"));
	ASSERT_STR("alloccheck: error: fams.json: families[0].id: expected a family id (letters, digits, '_', '-', '.', ':')",
		   error_of("{\"families\": [{\"id\": \"a b\"}]}"));
	ASSERT_STR("alloccheck: error: fams.json: families[0].size: unknown key (expected id, can_fail, comment, "
		   "allocators, reallocators, deallocators, borrowers or keepers)",
		   error_of(FAM("\"size\": 1")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].can_fail: expected true or false",
		   error_of(FAM("\"can_fail\": \"no\"")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[2].size_arg: expected a positive integer",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\"}, {\"name\": \"b\", \"size_arg\": 1},"
				" {\"name\": \"c\", \"size_arg\": 0}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].size_arg: expected a positive integer",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\", \"size_arg\": 1.5}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].size_arg[1]: expected a positive integer",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\", \"size_arg\": [1, \"2\"]}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].size_arg: expected a positive integer "
		   "or an array of two ([count, size])",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\", \"size_arg\": [1, 2, 3]}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].sizearg: unknown key (expected name, "
		   "aliases, size_arg, out_arg, can_fail, nonnull, reads, zeroed, zero_on_success, fails_with, failure, null_arg, "
		   "static_if_null, writable_if or comment)",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\", \"sizearg\": 1}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].writable_if: expected [argument, bit] (a "
		   "bit such as 2)",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\", \"writable_if\": [3, 6]}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].deallocators[0].can_fail: unknown key (expected name, "
		   "aliases, ptr_arg, nonnull, reads, partial, fixed or comment)",
		   error_of(FAM("\"deallocators\": [{\"name\": \"a\", \"can_fail\": true}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].fails_with: expected a non-zero integer "
		   "(the failure value, such as -1)",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\", \"fails_with\": 0}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].fails_with: expected a non-zero integer "
		   "(the failure value, such as -1)",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\", \"fails_with\": 1e300}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].failure: expected a string",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\", \"failure\": -1}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].zero_on_success: only an allocator with "
		   "an out_arg returns 0 for its block",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\", \"zero_on_success\": true}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0]: missing key \"name\"",
		   error_of(FAM("\"allocators\": [{\"size_arg\": 1}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0]: expected an object with a \"name\"",
		   error_of(FAM("\"allocators\": [\"zmalloc\"]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators: expected an array of allocators",
		   error_of(FAM("\"allocators\": {}")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].name: expected a C identifier",
		   error_of(FAM("\"allocators\": [{\"name\": \"z-malloc\"}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].aliases[1]: expected a C identifier",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\", \"aliases\": [\"b\", 3]}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].deallocators[0].name: 'a' is already defined at "
		   "families[0].allocators[0].name",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\"}], \"deallocators\": [{\"name\": \"a\"}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].allocators[0].name: duplicate key",
		   error_of(FAM("\"allocators\": [{\"name\": \"a\", \"name\": \"b\"}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].reallocators[0].ptr_arg: argument numbers above 32 "
		   "are not supported",
		   error_of(FAM("\"reallocators\": [{\"name\": \"a\", \"ptr_arg\": 33}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].borrowers[0].nonnull[1]: expected a positive integer",
		   error_of(FAM("\"borrowers\": [{\"name\": \"a\", \"nonnull\": [1, -2]}]")));
	ASSERT_STR("alloccheck: error: fams.json: families[0].borrowers[0].nonnull: expected an array of argument numbers",
		   error_of(FAM("\"borrowers\": [{\"name\": \"a\", \"nonnull\": 1}]")));
	ASSERT_STR("alloccheck: error: fams.json: functions[0]: missing key \"role\"",
		   error_of("{\"functions\": [{\"name\": \"a\"}]}"));
	ASSERT_STR("alloccheck: error: fams.json: functions[0].role: expected \"borrow\" or \"keep\" (allocators "
		   "belong to a family)",
		   error_of("{\"functions\": [{\"name\": \"a\", \"role\": \"alloc\"}]}"));
	ASSERT_STR("alloccheck: error: fams.json: functions[0].returns_arg: only a borrower returns an argument",
		   error_of("{\"functions\": [{\"name\": \"a\", \"role\": \"keep\", \"returns_arg\": 1}]}"));
	ASSERT_STR("alloccheck: error: fams.json: families[0].a\\x0ab: unknown key (expected id, can_fail, comment, "
		   "allocators, reallocators, deallocators, borrowers or keepers)",
		   error_of(FAM("\"a\\nb\": 1")));
	ASSERT_STR("alloccheck: error: fams.json: comment[0]: expected a string",
		   error_of("{\"comment\": [1]}"));
}

static void test_missing_file(void)
{
	const char *files[] = {"/nonexistent/fams.json"};
	AcFamilies *t = (AcFamilies *)1;
	FILE *tmp = tmpfile();
	if (!tmp)
		abort();
	int saved = dup(2);
	fflush(stderr);
	dup2(fileno(tmp), 2);
	int rc = ac_families_load(&t, files, 1);
	const char *dirs[] = {"/tmp"};
	int rc2 = ac_families_load(&t, dirs, 1);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	char buf[512];
	size_t n = fread(buf, 1, sizeof buf - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
	ASSERT(-1, rc);
	ASSERT(-1, rc2);
	ASSERT(NULL, t);
	ASSERT_STR("alloccheck: error: /nonexistent/fams.json: No such file or directory\n"
		   "alloccheck: error: /tmp: is a directory\n",
		   buf);
}

/* ---- declared in the code ----------------------------------------------------------- */

static void test_declared(void)
{
	AcFamilies *base;
	AcFamilySource src = {"fams.json", redis};
	ASSERT(0, ac_families_build(&base, &src, 1));
	AcDeclaredFn d[] = {
		{.name = "my_alloc", .kind = AC_DECL_ALLOC, .dealloc = "my_free"},
		{.name = "my_free", .kind = AC_DECL_DEALLOC, .dealloc = "my_free", .arg = 2},
		{.name = "z_alloc", .kind = AC_DECL_ALLOC, .dealloc = "zfree", .returns_nonnull = true},
		{.name = "pool_get", .kind = AC_DECL_ALLOC, .module = "pool"},
		{.name = "pool_put", .kind = AC_DECL_DEALLOC, .module = "pool", .arg = 1},
		{.name = "pool_hold", .kind = AC_DECL_KEEP, .module = "pool", .arg = 1},
		{.name = "m_get", .kind = AC_DECL_ALLOC, .module = "malloc"},
		{.name = "twice", .kind = AC_DECL_ALLOC},                          /* plain malloc ... */
		{.name = "twice", .kind = AC_DECL_ALLOC, .dealloc = "my_free"},    /* ... loses to this */
		{.name = "first", .kind = AC_DECL_ALLOC, .module = "a"},
		{.name = "first", .kind = AC_DECL_ALLOC, .module = "b"},
		{.name = "zmalloc", .kind = AC_DECL_ALLOC, .module = "pool"},      /* the table wins */
	};
	AcFamilies *t = ac_families_with_declared(base, d, sizeof d / sizeof d[0]);
	int attr_free = ac_families_find(t, "attr:my_free");
	ASSERT(1, attr_free > 0);
	const AcFnInfo *f = ac_families_lookup(t, "my_alloc");
	ASSERT(AC_ROLE_ALLOC, f->role);
	ASSERT(attr_free, f->family);
	ASSERT(1, f->can_fail);
	f = ac_families_lookup(t, "my_free");
	ASSERT(AC_ROLE_DEALLOC, f->role);
	ASSERT(attr_free, f->family);
	ASSERT(1, f->ptr_arg);
	f = ac_families_lookup(t, "z_alloc"); /* zfree is redis's deallocator */
	ASSERT(ac_families_find(t, "redis"), f->family);
	ASSERT(0, f->can_fail);
	ASSERT_STR("attr:pool", ac_families_id(t, ac_families_lookup(t, "pool_get")->family));
	ASSERT(ac_families_lookup(t, "pool_get")->family, ac_families_lookup(t, "pool_put")->family);
	ASSERT(0, ac_families_lookup(t, "pool_put")->ptr_arg);
	ASSERT(AC_ROLE_KEEP, ac_families_lookup(t, "pool_hold")->role);
	ASSERT(-1, ac_families_lookup(t, "pool_hold")->family);
	ASSERT_STR("attr:malloc", ac_families_id(t, ac_families_lookup(t, "m_get")->family)); /* no free in base */
	ASSERT(attr_free, ac_families_lookup(t, "twice")->family);
	ASSERT_STR("attr:a", ac_families_id(t, ac_families_lookup(t, "first")->family));
	ASSERT(AC_ROLE_ALLOC, ac_families_lookup(t, "zmalloc")->role);
	ASSERT(ac_families_find(t, "redis"), ac_families_lookup(t, "zmalloc")->family);
	ASSERT(ac_families_count(base) + 9, ac_families_count(t));
	for (size_t i = 0; i + 1 < ac_families_count(t); i++)
		ASSERT(1, strcmp(ac_families_at(t, i)->name, ac_families_at(t, i + 1)->name) < 0);
	ASSERT_STR("redis", ac_families_id(t, 0)); /* the base's numbers are kept */
	ac_families_free(t);
	/* with libc in the base, module "malloc" and plain malloc are libc's */
	AcFamilies *full;
	ASSERT(0, ac_families_load(&full, NULL, 0));
	t = ac_families_with_declared(full, d, sizeof d / sizeof d[0]);
	ASSERT(ac_families_find(t, "libc"), ac_families_lookup(t, "m_get")->family);
	ac_families_free(t);
	/* a plain malloc attribute names no family and no failure (GLib's
	 * G_GNUC_MALLOC on g_strconcat: g_free memory, never NULL) */
	AcDeclaredFn plain = {.name = "xalloc", .kind = AC_DECL_ALLOC};
	t = ac_families_with_declared(full, &plain, 1);
	ASSERT(AC_ROLE_ALLOC, ac_families_lookup(t, "xalloc")->role);
	ASSERT(-1, ac_families_lookup(t, "xalloc")->family);
	ASSERT(0, ac_families_lookup(t, "xalloc")->can_fail);
	ac_families_free(t);
	ac_families_free(full);
	ac_families_free(base);
}

int main(void)
{
	test_builtin_keeps_old_meaning();
	test_builtin_sorted_and_found();
	test_builtin_files_disjoint();
	test_builtin_new_entries();
	test_valid_file();
	test_override_order();
	test_errors();
	test_missing_file();
	test_declared();
	ASSERT(0, ac_mem_live_blocks());
	test_builtin_shared(); /* last: the shared table lives until exit */
	return test_done();
}
