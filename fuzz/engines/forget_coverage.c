// SPDX-License-Identifier: GPL-2.0-only
/*
 * Built without coverage instrumentation (fuzz/CMakeLists.txt): in an
 * instrumented file the compiler declares these section bounds itself,
 * and a second declaration leaves libFuzzer with no counters at all.
 */
#include <stdint.h>
#include <string.h>

#include "forget_coverage.h"

/* the linker's bounds of the section the counters live in, if there is one */
extern uint8_t __start___sancov_cntrs[] __attribute__((weak));
extern uint8_t __stop___sancov_cntrs[] __attribute__((weak));

void forget_coverage(void)
{
	if (__start___sancov_cntrs && __stop___sancov_cntrs)
		memset(__start___sancov_cntrs, 0,
		       (size_t)(__stop___sancov_cntrs - __start___sancov_cntrs));
}
