// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bare target: the same inputs as iotlbfuzz_fuzzer, decoded and
 * validated the same way, but only the kernel's map/unmap path runs
 * (iommu.c and io-pgtable behind the reference glue), once per kernel
 * stack the full target builds for the input: no simulated IOTLB, no
 * oracle, no checks. The ratio of the two targets' exec/s is what the
 * differential machinery costs (docs/benchmarks.md). A benchmark: it
 * judges nothing.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "bytecode.h"
#include "cross_driver.h"
#include "events.h"
#include "kshim_runtime.h"
#include "kstack.h"
#include "program.h"
#include "runner.h"
#include "suppressions.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * How many inputs reached the kernel: under libFuzzer the two targets run
 * the inputs their own feedback made, so a rate means little without the
 * share of inputs rejected before any kernel code ran (printed at exit).
 */
static unsigned long inputs, ran;

static void print_counts(void)
{
	fprintf(stderr, "bare target: %lu inputs, %lu ran on the kernel (%lu%%)\n",
		inputs, ran, inputs ? ran * 100 / inputs : 0);
}

static void run_bare_op(struct kstack *ks, const struct program *p,
			const struct prog_op *op)
{
	switch (op->kind) {
	case OP_MAP:
		kstack_map(ks, op->iova, op->paddr, op->size, op->prot);
		break;
	case OP_UNMAP:
		if (p->cfg.deferred)
			kstack_unmap_queued(ks, op->iova, op->size);
		else
			kstack_unmap(ks, op->iova, op->size);
		break;
	case OP_UNMAP_FAST:
		kstack_unmap_fast(ks, op->iova, op->size, op->gather);
		break;
	case OP_SYNC:
		kstack_sync(ks, op->gather);
		break;
	case OP_FLUSH_ALL:
		kstack_flush_all(ks);
		break;
	case OP_IOVA_TO_PHYS:
		kstack_iova_to_phys(ks, op->iova);
		break;
	case OP_ACCESS:
	case OP_PREFETCH:
		break; /* the device is not there */
	}
}

/*
 * How many kernel stacks the full target builds for @p: its own driver's
 * and one per partner of the cross-driver check (run_cross_partner()). The
 * kernel work of a program is that many runs of its ops; the bare target
 * does them all, on the reference glue, so that its rate is the kernel's
 * for the program.
 */
static size_t kernel_runs(const struct program *p)
{
	const char *pinned = getenv("IOTLBFUZZ_DRIVER");
	size_t n = 1;

	/* a pinned driver model runs alone (fuzz/engines/fuzz_env.h) */
	if ((pinned && *pinned) || cross_driver_skips(&p->cfg))
		return 1;
	for (size_t i = 0; i < p->cfg.nr_also_run_on; i++)
		n += run_cross_partner(p->cfg.driver, p->cfg.also_run_on[i]);
	return n;
}

/* The program's ops on one fresh kernel stack; false if it never ran. */
static bool run_on_kernel(struct program *p, struct event_log *log)
{
	static struct sim_posted posted[SIM_MAX_POSTED];
	struct sim_device dev = {.log = log, .posted = posted};
	struct hw_context hw;
	char why[256];
	bool ran_ops = false;

	struct kstack_params params = {
		.fmt = p->cfg.fmt,
		.pgsize_bitmap = p->cfg.pgsize_bitmap,
		.ias = p->cfg.ias,
		.oas = p->cfg.oas,
		.quirks = p->cfg.quirks,
		.coherent_walk = p->cfg.coherent_walk,
		.driver = 0, /* the reference glue */
	};

	arena_reset();
	kshim_reset();
	event_log_reset(log);
	struct kstack *ks = kstack_create(&params, &dev, why, sizeof(why));

	if (!ks)
		goto out;
	p->cfg.pgsize_bitmap = kstack_pgsize_bitmap(ks);
	kstack_address_sizes(ks, &p->cfg.ias, &p->cfg.oas);
	kstack_hw_context(ks, false, &hw);
	if (!program_validate_ops(p, p->cfg.pgsize_bitmap, hw.pgsize_bitmap,
				  why, sizeof(why))) {
		ran_ops = true;
		for (size_t i = 0; i < p->nr_ops; i++)
			run_bare_op(ks, p, &p->ops[i]);
	}
	kstack_destroy(ks);
out:
	kshim_release_leaks();
	arena_reset();
	return ran_ops;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct program p;
	static struct event_log log;
	char why[256];
	int ret = -1;

	if (!inputs++)
		atexit(print_counts);
	if (program_from_input(data, size, &p, why, sizeof(why)))
		return -1;
	/* what the full target does not run either (a known kernel bug) */
	if (suppression_for_config(&p, kstack_tree_traits()))
		return -1;
	for (size_t n = kernel_runs(&p), i = 0; i < n; i++) {
		if (!run_on_kernel(&p, &log))
			break;
		ret = 0;
	}
	if (!ret)
		ran++;
	return ret;
}
