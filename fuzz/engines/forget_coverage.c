// SPDX-License-Identifier: GPL-2.0-only
#include <stdint.h>
#include <string.h>

#include "forget_coverage.h"

extern uint8_t __start___sancov_cntrs[] __attribute__((weak));
extern uint8_t __stop___sancov_cntrs[] __attribute__((weak));
#ifdef IOTLBFUZZ_STACK_DEPTH
/*
 * The lowest stack pointer an instrumented function saw (stack-depth):
 * defined wherever the compiler's own stack-depth code refers to it, so
 * referred to as it does (a weak reference may stay unresolved).
 */
extern _Thread_local uintptr_t __sancov_lowest_stack;

static _Thread_local uintptr_t lowest_at_start;
#endif

void forget_coverage_begin(void)
{
#ifdef IOTLBFUZZ_STACK_DEPTH
	lowest_at_start = __sancov_lowest_stack;
#endif
}

void forget_coverage(void)
{
	if (__start___sancov_cntrs && __stop___sancov_cntrs)
		memset(__start___sancov_cntrs, 0,
		       (size_t)(__stop___sancov_cntrs - __start___sancov_cntrs));
#ifdef IOTLBFUZZ_STACK_DEPTH
	__sancov_lowest_stack = lowest_at_start;
#endif
}
