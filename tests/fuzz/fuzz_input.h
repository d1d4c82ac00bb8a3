/*
 * fuzz_input: what the fuzz targets share. The loaders read their input by
 * path, so each target writes the fuzz input to one temporary file, created
 * once per process and rewritten for every input, and removed at exit. The
 * live-block check after each input is mem.c's counter: a block of
 * alloccheck's own that outlives the input is a leak even when it is still
 * reachable, which LeakSanitizer alone would not report.
 */
#ifndef AC_FUZZ_INPUT_H
#define AC_FUZZ_INPUT_H

#define _DEFAULT_SOURCE /* mkstemps, mkdtemp */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"

/* The temporary file's path, NUL-terminated; empty until the first write.
 * File scope because libFuzzer calls the target with no context pointer. */
static char fuzz_path[4096];

static void fuzz_remove_file(void)
{
	if (fuzz_path[0])
		unlink(fuzz_path);
}

/* Writes data[0..size) to the temporary file (named ...suffix, so that the
 * loader sees the file type it expects) and returns its path. Aborts when the
 * file cannot be written: that is the machine, not the input. */
static const char *fuzz_write_input(const char *suffix, const uint8_t *data, size_t size)
{
	if (!fuzz_path[0]) {
		const char *dir = getenv("TMPDIR");
		snprintf(fuzz_path, sizeof fuzz_path, "%s/alloccheck-fuzz-XXXXXX%s", dir && *dir ? dir : "/tmp",
			 suffix);
		int fd = mkstemps(fuzz_path, (int)strlen(suffix));
		if (fd < 0) {
			perror("fuzz: mkstemps");
			abort();
		}
		close(fd);
		atexit(fuzz_remove_file);
	}
	FILE *f = fopen(fuzz_path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror(fuzz_path);
		abort();
	}
	return fuzz_path;
}

/* Aborts when alloccheck's live heap blocks differ from before: the loader
 * leaked (or freed twice) on this input. */
static void fuzz_check_blocks(long before, const char *what)
{
	long after = ac_mem_live_blocks();
	if (after != before) {
		fprintf(stderr, "fuzz: %s: %ld heap blocks live after the input, %ld before\n", what, after, before);
		abort();
	}
}

#endif
