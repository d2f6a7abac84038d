// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs the kernel's own io-pgtable selftests (LPAE and v7s), compiled from
 * the same tree under our shims: a fidelity check of the shim. A selftest
 * passes if its initcall returns 0 (7.x LPAE: no case of its KUnit suite
 * failed); WARNs are counted and shown, since the selftests provoke some on
 * purpose.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "kshim_runtime.h"

#ifdef IOTLBFUZZ_LPAE_SELFTEST_IS_KUNIT
/* 7.x: the LPAE selftests are a KUnit suite in io-pgtable-arm-selftests.c */
int kshim_kunit_suite_io_pgtable_arm_test(void);
#define run_lpae_selftests kshim_kunit_suite_io_pgtable_arm_test
#else
int kshim_initcall_arm_lpae_do_selftests(void);
#define run_lpae_selftests kshim_initcall_arm_lpae_do_selftests
#endif
int kshim_initcall_arm_v7s_do_selftests(void);

int main(int argc, char **argv)
{
	struct {
		const char *name;
		int (*run)(void);
	} suites[] = {
		{ "io-pgtable-arm (LPAE)", run_lpae_selftests },
		{ "io-pgtable-arm-v7s", kshim_initcall_arm_v7s_do_selftests },
	};
	int failed = 0, passed = 0;

	kshim_set_verbose(argc > 1 && !strcmp(argv[1], "-v"));
	for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		arena_reset();
		kshim_reset();

		int ret = suites[i].run();
		struct kshim_counters c = kshim_counters();
		struct arena_usage u = arena_usage();
		bool leaked = u.live_pages || u.live_objects ||
			      c.live_heap_objects || c.live_caches;

		printf("%s %s: returned %d, %llu WARNs, %zu pages %zu objects %ld heap left\n",
		       ret == 0 && !leaked ? "PASS" : "FAIL", suites[i].name,
		       ret, (unsigned long long)c.warns, u.live_pages,
		       u.live_objects, c.live_heap_objects);
		kshim_release_leaks();
		if (ret == 0 && !leaked)
			passed++;
		else
			failed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
