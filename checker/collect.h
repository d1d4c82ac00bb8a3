/*
 * collect: the command line's inputs -> AcJobs, the stage between the CLI and
 * the thread pool. Either the compile database of -p / --compile-commands
 * (compdb.c; the PATH arguments filter its entries), or the PATH arguments
 * walked by inputs.c, every file with the flags after "--". --exclude applies
 * to both.
 */
#ifndef AC_COLLECT_H
#define AC_COLLECT_H

#include <stddef.h>

#include "cli.h"
#include "jobs.h"

/* Fills jobs (zero-initialised) from cli. Every input that cannot become a
 * job is printed as a tool error and recorded in jobs->failed. Unless
 * cli->quiet, a compile database run prints one summary line of the
 * entries skipped, with why. Returns the number of errors. */
size_t ac_collect_jobs(const AcCli *cli, AcJobs *jobs);

#endif
