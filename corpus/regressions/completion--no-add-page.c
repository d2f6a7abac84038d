// SPDX-License-Identifier: GPL-2.0-only
/*
 * iotlbfuzz regression test completion--no-add-page, written by `iotlbfuzz export --format c`:
 * the program replayed through the iotlbfuzz library must end as below.
 * In corpus/regressions/ the test suite builds and runs it on the tree
 * its patches line names (tests/repro/CMakeLists.txt).
 *
 * expect: completion
 * kernel 6.12.117: completion at op #2: IOTLB entry [0x1000 +0x1000]: iova 0x1000: cached entry [0x1000, 0x1fff] gives pa 0x42000 (rw), legal: none
 */
#include <stdbool.h>
#include <stdio.h>

#include "program.pb-c.h"
#include "runner.h"

static const struct program program = {
	.cfg = {
		.fmt = PT_ARM_64_LPAE_S1,
		.pgsize_bitmap = 0x40201000UL,
		.ias = 48,
		.oas = 48,
		.quirks = 0x0UL,
		.coherent_walk = true,
		.deferred = false,
		.walk_cache = true,
		.cache_not_present = false,
		.driver = IOTLBFUZZ__DRIVER__BROKEN_NO_ADD_PAGE,
	},
	.nr_ops = 3,
	.ops = {
		{ .kind = OP_MAP, .iova = 0x1000, .paddr = 0x42000, .size = 0x1000, .prot = 0x3 },
		{ .kind = OP_ACCESS, .iova = 0x1000, .access = HW_PERM_READ },
		{ .kind = OP_UNMAP, .iova = 0x1000, .size = 0x1000 },
	},
};

int main(void)
{
	struct run_options opt;
	struct run_outcome out;

	run_options_default(&opt);
	/* a regression may demonstrate a broken glue or an unchecked model */
	opt.allow_mutants = true;
	opt.allow_experimental = true;
	run_program(&program, &opt, &out);
	if (out.result != RUN_DIVERGENCE || out.cls != DIV_COMPLETION) {
		fprintf(stderr, "FAIL: expected completion, got %s (%s) at op #%zu: %s\n",
			run_result_name(out.result), divergence_name(out.cls),
			out.op, out.msg);
		return 1;
	}
	printf("PASS: completion at op #%zu: %s\n", out.op, out.msg);
	return 0;
}
