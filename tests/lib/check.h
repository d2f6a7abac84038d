/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal check library for our unit-test executables. Each executable is
 * one ctest test; it prints every failed check with its location and exits
 * non-zero if any check failed, so ctest's summary counts it.
 */
#ifndef IOTLBFUZZ_TEST_CHECK_H
#define IOTLBFUZZ_TEST_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                           \
	do {                                                                  \
		check_count++;                                                \
		if (!(cond)) {                                                \
			check_failures++;                                     \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, \
				__LINE__, #cond);                             \
		}                                                             \
	} while (0)

#define CHECK_EQ_U64(a, b)                                                    \
	do {                                                                  \
		uint64_t check_a_ = (uint64_t)(a), check_b_ = (uint64_t)(b);  \
		check_count++;                                                \
		if (check_a_ != check_b_) {                                   \
			check_failures++;                                     \
			fprintf(stderr,                                       \
				"%s:%d: CHECK failed: %s == %s (0x%" PRIx64   \
				" != 0x%" PRIx64 ")\n",                       \
				__FILE__, __LINE__, #a, #b, check_a_,         \
				check_b_);                                    \
		}                                                             \
	} while (0)

#define RUN_TEST(fn)                                                          \
	do {                                                                  \
		int check_before_ = check_failures;                           \
		fn();                                                         \
		printf("%s %s\n",                                             \
		       check_failures == check_before_ ? "ok  " : "FAIL",     \
		       #fn);                                                  \
	} while (0)

static inline int check_summary(void)
{
	printf("%d checks, %d failed\n", check_count, check_failures);
	return check_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
