/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slice of KUnit the kernel's own tests of our files use (7.x's
 * io-pgtable-arm-selftests.c, generic_pt's kunit_generic_pt.h and
 * kunit_iommu_pt.h), so they run under the shim as fidelity checks.
 *
 * As in KUnit: a suite's init runs before each case (each parameter of a
 * parameterised case counts as one case) and its exit after it, even when
 * the case stopped early; a failed KUNIT_EXPECT marks the case failed and
 * goes on; a failed KUNIT_ASSERT and kunit_skip() end the case at once
 * (here by longjmp, where KUnit ends its kthread). Suites register
 * themselves at load time; kshim_kunit_run_all() runs them
 * (kernel/runtime/kshim_runtime.c).
 */
#ifndef KSHIM_CUSTOM_KUNIT_H
#define KSHIM_CUSTOM_KUNIT_H

#include <setjmp.h>

#include "bug.h"
#include "../dup/device.h"
#include "../dup/err.h"
#include "../dup/mm_types.h"

#define KUNIT_PARAM_DESC_SIZE 128
#define KUNIT_SUBTEST_INDENT "    "
#define KUNIT_SUBSUBTEST_INDENT "        "

enum kunit_status { KUNIT_SUCCESS, KUNIT_FAILURE, KUNIT_SKIPPED };

#define KSHIM_KUNIT_MAX_ALLOCS 32

struct kunit {
	const char *name;
	const void *param_value;
	void *priv;
	enum kunit_status status;
	jmp_buf stop; /* where an assertion or a skip ends the case */
	void *allocs[KSHIM_KUNIT_MAX_ALLOCS]; /* kunit_kzalloc()'s */
	struct device dev; /* kunit_device_register()'s, freed with the test */
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(struct kunit *test, const void *prev,
				       char *desc);
};

struct kunit_suite {
	const char *name;
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
};

#define KUNIT_CASE(fn) { .run_case = fn, .name = #fn }
#define KUNIT_CASE_PARAM(fn, gen) \
	{ .run_case = fn, .name = #fn, .generate_params = gen }

/* kernel/runtime/kshim_runtime.c */
void kshim_kunit_register(struct kunit_suite *const *suites, size_t n);
void kshim_kunit_fail(struct kunit *test, bool stop, const char *file,
		      int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void kshim_kunit_skip(struct kunit *test, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp);
void kunit_kfree(struct kunit *test, const void *ptr);
int kshim_kunit_run_suite(struct kunit_suite *suite);

#define kunit_info(test, fmt, ...) kshim_printk(6, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...) kshim_printk(3, fmt, ##__VA_ARGS__)
#define kunit_skip(test, fmt, ...) kshim_kunit_skip(test, fmt, ##__VA_ARGS__)

#define KUNIT_FAIL(test, fmt, ...) \
	kshim_kunit_fail(test, false, __FILE__, __LINE__, fmt, ##__VA_ARGS__)

/*
 * One comparison: @stop says whether a failure ends the case (ASSERT) or
 * only marks it (EXPECT). Operands are evaluated once, as in KUnit.
 */
#define KSHIM_KUNIT_BINARY(test, stop, left, op, right, fmt, ...)           \
	do {                                                                \
		__typeof__(left) kl_ = (left);                              \
		__typeof__(right) kr_ = (right);                            \
		if (!(kl_ op kr_))                                          \
			kshim_kunit_fail(test, stop, __FILE__, __LINE__,    \
					 "expected %s " #op " %s, got "     \
					 "0x%llx and 0x%llx" fmt "\n",      \
					 #left, #right,                     \
					 (unsigned long long)kl_,           \
					 (unsigned long long)kr_,           \
					 ##__VA_ARGS__);                    \
	} while (0)

#define KSHIM_KUNIT_BOOL(test, stop, cond, want)                          \
	do {                                                              \
		if (!!(cond) != (want))                                   \
			kshim_kunit_fail(test, stop, __FILE__, __LINE__,  \
					 "expected %s to be %s\n", #cond, \
					 (want) ? "true" : "false");      \
	} while (0)

#define KUNIT_EXPECT_EQ(t, l, r) KSHIM_KUNIT_BINARY(t, false, l, ==, r, "")
#define KUNIT_EXPECT_NE(t, l, r) KSHIM_KUNIT_BINARY(t, false, l, !=, r, "")
#define KUNIT_EXPECT_LT(t, l, r) KSHIM_KUNIT_BINARY(t, false, l, <, r, "")
#define KUNIT_EXPECT_LE(t, l, r) KSHIM_KUNIT_BINARY(t, false, l, <=, r, "")
#define KUNIT_EXPECT_GT(t, l, r) KSHIM_KUNIT_BINARY(t, false, l, >, r, "")
#define KUNIT_EXPECT_GE(t, l, r) KSHIM_KUNIT_BINARY(t, false, l, >=, r, "")
#define KUNIT_EXPECT_TRUE(t, c) KSHIM_KUNIT_BOOL(t, false, c, true)
#define KUNIT_EXPECT_FALSE(t, c) KSHIM_KUNIT_BOOL(t, false, c, false)

#define KUNIT_ASSERT_EQ(t, l, r) KSHIM_KUNIT_BINARY(t, true, l, ==, r, "")
#define KUNIT_ASSERT_NE(t, l, r) KSHIM_KUNIT_BINARY(t, true, l, !=, r, "")
#define KUNIT_ASSERT_LT(t, l, r) KSHIM_KUNIT_BINARY(t, true, l, <, r, "")
#define KUNIT_ASSERT_LE(t, l, r) KSHIM_KUNIT_BINARY(t, true, l, <=, r, "")
#define KUNIT_ASSERT_GT(t, l, r) KSHIM_KUNIT_BINARY(t, true, l, >, r, "")
#define KUNIT_ASSERT_GE(t, l, r) KSHIM_KUNIT_BINARY(t, true, l, >=, r, "")
#define KUNIT_ASSERT_TRUE(t, c) KSHIM_KUNIT_BOOL(t, true, c, true)
#define KUNIT_ASSERT_FALSE(t, c) KSHIM_KUNIT_BOOL(t, true, c, false)
#define KUNIT_ASSERT_EQ_MSG(t, l, r, fmt, ...) \
	KSHIM_KUNIT_BINARY(t, true, l, ==, r, ": " fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_EQ_MSG(t, l, r, fmt, ...) \
	KSHIM_KUNIT_BINARY(t, false, l, ==, r, ": " fmt, ##__VA_ARGS__)

#define KSHIM_KUNIT_MEMEQ(test, stop, l, r, size)                         \
	do {                                                              \
		if (memcmp(l, r, size))                                   \
			kshim_kunit_fail(test, stop, __FILE__, __LINE__,  \
					 "%s and %s differ in their %zu " \
					 "bytes\n",                       \
					 #l, #r, (size_t)(size));         \
	} while (0)
#define KUNIT_EXPECT_MEMEQ(t, l, r, n) KSHIM_KUNIT_MEMEQ(t, false, l, r, n)
#define KUNIT_ASSERT_MEMEQ(t, l, r, n) KSHIM_KUNIT_MEMEQ(t, true, l, r, n)

#define KSHIM_KUNIT_NOT_ERR_OR_NULL(test, stop, ptr)                      \
	do {                                                              \
		if (IS_ERR_OR_NULL(ptr))                                  \
			kshim_kunit_fail(test, stop, __FILE__, __LINE__,  \
					 "%s is an error or NULL\n",      \
					 #ptr);                           \
	} while (0)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(t, p) \
	KSHIM_KUNIT_NOT_ERR_OR_NULL(t, false, p)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) \
	KSHIM_KUNIT_NOT_ERR_OR_NULL(t, true, p)

static inline struct device *kunit_device_register(struct kunit *test,
						   const char *name)
{
	(void)name;
	test->dev.numa_node = NUMA_NO_NODE;
	return &test->dev;
}

#define KSHIM_KUNIT_PASTE2(a, b) a##b
#define KSHIM_KUNIT_PASTE(a, b) KSHIM_KUNIT_PASTE2(a, b)

/* Registered when the program loads, in the order the files list them. */
#define kunit_test_suites(...)                                               \
	static struct kunit_suite *const KSHIM_KUNIT_PASTE(                  \
		kshim_kunit_suites_, __LINE__)[] = { __VA_ARGS__ };          \
	__attribute__((constructor)) static void KSHIM_KUNIT_PASTE(          \
		kshim_kunit_register_, __LINE__)(void)                       \
	{                                                                    \
		kshim_kunit_register(                                        \
			KSHIM_KUNIT_PASTE(kshim_kunit_suites_, __LINE__),    \
			ARRAY_SIZE(KSHIM_KUNIT_PASTE(kshim_kunit_suites_,    \
						     __LINE__)));            \
	}

/*
 * One suite, also callable by name (returns the number of failed cases),
 * as selftest_main.c calls the LPAE suite.
 */
#define kunit_test_suite(suite)                          \
	kunit_test_suites(&(suite));                     \
	int kshim_kunit_suite_##suite(void)              \
	{                                                \
		return kshim_kunit_run_suite(&(suite));  \
	}

#endif
