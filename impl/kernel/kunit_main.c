// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs the KUnit suites of a tree's generic_pt formats (kunit_generic_pt.h
 * and kunit_iommu_pt.h, each compiled into every fmt/iommu_<fmt>.c) under
 * the shim, with the tree's own iommu.c map/unmap path under them: the
 * fidelity check of the shim for generic_pt, as selftest_main.c is for
 * io-pgtable. Passes when no case failed and the table pages left over
 * are the ones the kernel's own accounting says are left; skipped cases
 * are counted, as KUnit counts them.
 *
 * Pages may be left: the format suites' level sweeps write leaves over
 * index 0 of a grown top, whose entry holds the old top's tree
 * (kunit_generic_pt.h); only the iommu suites check the count, and they
 * do it themselves. docs/generic-pt.md.
 *
 * usage: iotlbfuzz_kunit_<tree> [-v] [--leave-out CASE] [suite-name-part]
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "kshim_runtime.h"
#include "kunit_runtime.h"

int main(int argc, char **argv)
{
	const char *filter = NULL;
	struct kshim_kunit_totals t;
	struct kshim_counters c;
	struct arena_usage u;
	long accounted;
	bool agree;
	int failed;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			kshim_set_verbose(true);
		else if (!strcmp(argv[i], "--leave-out") && i + 1 < argc)
			kshim_kunit_leave_out(argv[++i]);
		else
			filter = argv[i];
	}
	arena_reset();
	kshim_reset();
	failed = kshim_kunit_run_all(filter);
	t = kshim_kunit_totals();
	c = kshim_counters();
	u = arena_usage();
	accounted = kshim_accounted_table_pages();
	agree = (long)u.live_pages == accounted && !c.live_heap_objects;
	printf("%u passed, %u failed, %u skipped (cases); %llu WARNs; %zu table pages left (the kernel counts %ld), %ld heap objects\n",
	       t.passed, t.failed, t.skipped, (unsigned long long)c.warns,
	       u.live_pages, accounted, c.live_heap_objects);
	if (failed < 0) {
		printf("FAIL: no suite%s%s\n", filter ? " matches " : "",
		       filter ? filter : "");
		return 1;
	}
	if (failed || !agree || !t.passed) {
		printf("FAIL\n");
		return 1;
	}
	printf("PASS\n");
	return 0;
}
