/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The last line of defence against a loop that never ends: a CPU-time
 * limit per program. The work budget and the core-loop checks catch the
 * loops that go through the glue or the shim; a loop that calls nothing
 * of ours (in kernel code or in a driver model) only stops here.
 *
 * Past the limit the process says which input and which operation it was
 * in, then either aborts through the no-progress class (the fuzz targets,
 * so that ClusterFuzz files a classified bug, not a bare timeout) or exits
 * with WATCHDOG_EXIT (the CLI: replay, minimize, report, export).
 */
#ifndef IOTLBFUZZ_WATCHDOG_H
#define IOTLBFUZZ_WATCHDOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* like timeout(1): the command was stopped, not answered */
#define WATCHDOG_EXIT 124
/* seconds of CPU per program unless IOTLBFUZZ_WATCHDOG or --watchdog say */
#define WATCHDOG_DEFAULT_SECONDS 5

/*
 * @seconds of CPU time per program (0: off); @fatal: abort as a
 * divergence instead of exiting. IOTLBFUZZ_WATCHDOG=<seconds> in the
 * environment overrides @seconds.
 */
void watchdog_setup(unsigned int seconds, bool fatal);
unsigned int watchdog_seconds(void);

/* The file being run, for the message; NULL for a fuzzer's input. */
void watchdog_set_input(const char *name);

/* Around each program's run (the runner calls these). */
void watchdog_arm(void);
void watchdog_disarm(void);

/*
 * Where the run is, for the message: @op is the operation's index (the
 * program's length for teardown), @what its kind ("map", ...).
 */
void watchdog_note_op(size_t op, const char *what, uint64_t iova, uint64_t size,
		      const char *driver);

#endif
