/*
 * fuzz_compdb: the compile-database input (collect.c, compdb.c,
 * compile_args.c) on arbitrary JSON, as -p / --compile-commands FILE
 * reaches it from a parsed command line, with --exclude and "--" flags so
 * that the steps after the database are run too.
 *
 * Entries name files that must exist, so the process first makes a small
 * tree in a temporary directory and works there: a.c, b.c, c.cc, d.S,
 * sub/e.c, and the seeds use "directory": "." and "sub".
 */
#include "fuzz_input.h"

#include <sys/stat.h>

#include "cli.h"
#include "collect.h"
#include "jobs.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char tree[4096]; /* the temporary directory; file scope for the atexit cleanup */

static const char *const tree_files[] = {"a.c", "b.c", "c.cc", "d.S", "sub/e.c", "excluded_x.c"};

static void remove_tree(void)
{
	for (size_t i = 0; i < sizeof tree_files / sizeof *tree_files; i++)
		unlink(tree_files[i]);
	rmdir("sub");
	if (chdir("/") == 0)
		rmdir(tree);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	const char *dir = getenv("TMPDIR");
	snprintf(tree, sizeof tree, "%s/alloccheck-fuzz-tree-XXXXXX", dir && *dir ? dir : "/tmp");
	if (!mkdtemp(tree) || chdir(tree) != 0 || mkdir("sub", 0700) != 0) {
		perror("fuzz: temporary tree");
		abort();
	}
	for (size_t i = 0; i < sizeof tree_files / sizeof *tree_files; i++) {
		FILE *f = fopen(tree_files[i], "w");
		if (!f || fputs("int x;\n", f) < 0 || fclose(f) != 0) {
			perror(tree_files[i]);
			abort();
		}
	}
	atexit(remove_tree);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long before = ac_mem_live_blocks();
	const char *path = fuzz_write_input(".json", data, size);
	char *argv[] = {"alloccheck", "--compile-commands", (char *)path, "--exclude", "*_x.c", "--", "-DFUZZ", NULL};
	AcCli cli;
	if (ac_cli_parse(&cli, (int)(sizeof argv / sizeof *argv) - 1, argv) < 0)
		abort(); /* a fixed, valid command line */
	AcJobs jobs = {0};
	ac_collect_jobs(&cli, &jobs);
	for (size_t i = 0; i < jobs.list.n; i++) {
		const AcJob *j = &jobs.list.v[i];
		if (!j->path || (j->nargs && !j->args))
			abort();
		for (size_t k = 0; k < j->nargs; k++)
			if (!j->args[k])
				abort();
	}
	ac_jobs_free(&jobs);
	ac_cli_free(&cli);
	fuzz_check_blocks(before, "compdb");
	return 0;
}
