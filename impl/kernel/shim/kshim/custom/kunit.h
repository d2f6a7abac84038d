/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slice of KUnit that 7.x's io-pgtable-arm-selftests.c uses, so the
 * kernel's own LPAE selftests still run under the shim (selftest_main.c):
 * kunit_test_suite() becomes a callable entry point, as subsys_initcall()
 * does for the older in-file selftests. A failed expectation counts
 * against the case; the suite fails if any case failed.
 */
#ifndef KSHIM_CUSTOM_KUNIT_H
#define KSHIM_CUSTOM_KUNIT_H

#include "bug.h"
#include "../dup/device.h"
#include "../dup/err.h"
#include "../dup/mm_types.h"

struct kunit {
	const char *case_name;
	int failures;
	struct device dev; /* kunit_device_register()'s, freed with the test */
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
};

struct kunit_suite {
	const char *name;
	struct kunit_case *test_cases;
};

#define KUNIT_CASE(fn) { .run_case = fn, .name = #fn }

#define kunit_info(test, fmt, ...) kshim_printk(6, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...) kshim_printk(3, fmt, ##__VA_ARGS__)

#define KUNIT_FAIL(test, fmt, ...)                                \
	do {                                                      \
		(test)->failures++;                               \
		kshim_printk(3, "%s: " fmt, (test)->case_name,    \
			     ##__VA_ARGS__);                      \
	} while (0)

#define KUNIT_EXPECT_NOT_ERR_OR_NULL(test, ptr)                            \
	do {                                                               \
		if (IS_ERR_OR_NULL(ptr))                                   \
			KUNIT_FAIL(test, "%s is an error or NULL\n", #ptr); \
	} while (0)

static inline struct device *kunit_device_register(struct kunit *test,
						   const char *name)
{
	(void)name;
	test->dev.numa_node = NUMA_NO_NODE;
	return &test->dev;
}

/* Returns the number of failed cases. */
static inline int kshim_kunit_run(struct kunit_suite *suite)
{
	int failed = 0;

	for (struct kunit_case *c = suite->test_cases; c->run_case; c++) {
		struct kunit test = { .case_name = c->name };

		c->run_case(&test);
		if (test.failures)
			failed++;
	}
	return failed;
}

#define kunit_test_suite(suite)                      \
	int kshim_kunit_suite_##suite(void)          \
	{                                            \
		return kshim_kunit_run(&(suite));    \
	}

#endif
