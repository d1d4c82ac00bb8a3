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

#include <stddef.h>

/* A run with fewer parses never probes: the probe costs two parses of an
 * empty file, as much as the search of about ten parses. */
enum { AC_DRIVER_PROBE_AFTER = 8 };

/* "--gcc-install-dir=DIR" to add to the flags args[0..nargs) of a parse,
 * or NULL: before the probe, when it found nothing it could verify, when
 * the default target is not x86_64 Linux (whose multilibs depend on no
 * flag but -m16/-m32/-mx32), and when args hold a flag that changes where
 * or for what target the driver looks (--target, --sysroot, -B,
 * --gcc-toolchain, -m32, a response file, ...). Counts the parse; the
 * caller has loaded libclang. Thread-safe. */
const char *ac_driver_gcc_option(const char *const *args, size_t nargs);

#endif
