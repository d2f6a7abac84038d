/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The entry points of the KUnit shim's runner (kunit_runtime.c) for our
 * own mains. Plain C.
 */
#ifndef IOTLBFUZZ_KUNIT_RUNTIME_H
#define IOTLBFUZZ_KUNIT_RUNTIME_H

struct kshim_kunit_totals {
	unsigned int passed, failed, skipped; /* cases, parameters counted */
};

/*
 * Run every registered suite whose name contains @filter (NULL: all).
 * Returns the number of suites with a failed case, -1 if none ran.
 */
int kshim_kunit_run_all(const char *filter);

struct kshim_kunit_totals kshim_kunit_totals(void);

/* Do not run the case called @case_name (all its parameters): a skip. */
void kshim_kunit_leave_out(const char *case_name);

#endif
