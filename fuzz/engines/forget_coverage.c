// SPDX-License-Identifier: GPL-2.0-only
#include <stdint.h>
#include <string.h>

#include "forget_coverage.h"

extern uint8_t __start___sancov_cntrs[] __attribute__((weak));
extern uint8_t __stop___sancov_cntrs[] __attribute__((weak));
/* the lowest stack pointer an instrumented function saw (stack-depth) */
extern _Thread_local uintptr_t __sancov_lowest_stack __attribute__((weak));

static _Thread_local uintptr_t lowest_at_start;

void forget_coverage_begin(void)
{
	if (&__sancov_lowest_stack)
		lowest_at_start = __sancov_lowest_stack;
}

void forget_coverage(void)
{
	if (__start___sancov_cntrs && __stop___sancov_cntrs)
		memset(__start___sancov_cntrs, 0,
		       (size_t)(__stop___sancov_cntrs - __start___sancov_cntrs));
	if (&__sancov_lowest_stack)
		__sancov_lowest_stack = lowest_at_start;
}
