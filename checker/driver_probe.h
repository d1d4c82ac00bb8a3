/*
 * driver_probe: the GCC installation libclang's clang driver selects, found
 * once per run instead of once per parse.
 *
 * libclang runs the clang driver for every translation unit it parses, and
 * the driver looks for a GCC installation every time: about 60 system calls
 * (the directories of 30 target triples under each prefix, a crtbegin.o per
 * multilib), 0.2 ms of CPU a parse. --gcc-install-dir=DIR has it take DIR
 * without the search. After AC_DRIVER_PROBE_AFTER parses, the next one asks
 * libclang once for the installation it selects (an empty file parsed with
 * -v), parses it again with --gcc-install-dir naming it, and keeps that
 * option only when libclang prints the same installation, multilibs and
 * header search paths for both (the -v output, all of it but the list of
 * candidates it searched). The -v output goes to a temporary file: fd 2 is
 * redirected meanwhile, under stderr's stdio lock, which every message of
 * alloccheck takes.
 */
#ifndef AC_DRIVER_PROBE_H
#define AC_DRIVER_PROBE_H

#include <stdbool.h>
#include <stddef.h>

/* The probe costs two parses of an empty file, as much as the search of
 * about ten parses: a run of fewer than AC_DRIVER_PROBE_MIN files never
 * probes, and one that may find most of them in the result cache probes
 * only after AC_DRIVER_PROBE_AFTER parses. */
enum { AC_DRIVER_PROBE_MIN = 16, AC_DRIVER_PROBE_AFTER = 8 };

/* Says how many files the run may parse (njobs), and whether a result
 * cache may spare some (cached); before it, and in a process that never
 * says it (alloccheck-cc), no parse probes. */
void ac_driver_expect(size_t njobs, bool cached);

/* "--gcc-install-dir=DIR" to add to the flags args[0..nargs) of a parse,
 * or NULL: before the probe (see ac_driver_expect), when it found nothing it could verify, when
 * the default target is not x86_64 Linux (whose multilibs depend on no
 * flag but -m16/-m32/-mx32), and when args hold a flag that changes where
 * or for what target the driver looks (--target, --sysroot, -B,
 * --gcc-toolchain, -m32, a response file, ...). Counts the parse; the
 * caller has loaded libclang. Thread-safe. */
const char *ac_driver_gcc_option(const char *const *args, size_t nargs);

#endif
