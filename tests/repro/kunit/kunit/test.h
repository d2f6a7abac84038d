/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Just enough of <kunit/test.h> to compile the KUnit test case bodies
 * `iotlbfuzz export --format kunit` writes, against the real
 * include/linux/iommu.h of the build's kernel tree. Compile-only: the
 * macros check their arguments' types the way an equality test needs and
 * evaluate both sides once; nothing here runs a test.
 */
#ifndef IOTLBFUZZ_KUNIT_SHIM_TEST_H
#define IOTLBFUZZ_KUNIT_SHIM_TEST_H

struct kunit {
	int failed;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
};

#define KUNIT_CASE(test_name)                             \
	{                                                 \
		.run_case = test_name, .name = #test_name \
	}

/* Both sides once; the comparison must be well typed, as in the kernel. */
#define KUNIT_EXPECT_EQ(test, left, right)           \
	do {                                         \
		__typeof__(left) __left = (left);    \
		__typeof__(right) __right = (right); \
		if (!(__left == __right))            \
			(test)->failed = 1;          \
	} while (0)

#define KUNIT_ASSERT_NOT_NULL(test, ptr)    \
	do {                                \
		if (!(ptr)) {               \
			(test)->failed = 1; \
			return;             \
		}                           \
	} while (0)

#endif
