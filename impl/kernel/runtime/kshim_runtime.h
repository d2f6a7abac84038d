/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the shim's runtime reports to the harness: WARNs, BUGs, printk and
 * trace events, and heap bookkeeping for leak checks. Plain C.
 */
#ifndef IOTLBFUZZ_KSHIM_RUNTIME_H
#define IOTLBFUZZ_KSHIM_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kshim_hooks {
	void (*warn)(void *arg, const char *file, int line, const char *what);
	/* Must not return. */
	void (*bug)(void *arg, const char *file, int line, const char *what);
	void (*map_traced)(void *arg, uint64_t iova, uint64_t paddr,
			  uint64_t size);
	void (*unmap_traced)(void *arg, uint64_t iova, uint64_t size,
			    uint64_t unmapped);
	/*
	 * A loop of the kernel code (or of the glue's view of the core's
	 * loops) makes no progress: it would run for ever. Must not return.
	 */
	void (*stuck)(void *arg, uint64_t iova, const char *what);
	void *arg;
};

void kshim_set_hooks(const struct kshim_hooks *hooks);

/* printk goes to stderr when verbose, else only counts. */
void kshim_set_verbose(bool verbose);

struct kshim_counters {
	uint64_t warns;
	uint64_t printks;
	long live_heap_objects; /* kmalloc minus kfree */
	long live_caches; /* kmem_cache_create minus destroy */
	uint64_t steps; /* see kshim_steps() */
};
struct kshim_counters kshim_counters(void);

/*
 * Report a loop that does not end (through the stuck hook; without one,
 * print and abort): the glue's core-loop checks call it.
 */
__attribute__((noreturn)) void kshim_stuck(uint64_t iova, const char *what);

/*
 * Steps the kernel code took since kshim_reset(): calls into the shim for
 * table memory (alloc, free, virt<->phys, DMA syncs). Past @limit steps
 * (0: none) the next step reports the code stuck: no request within the
 * work budget needs more than a fraction of RUN_MAX_KERNEL_STEPS.
 */
void kshim_set_step_limit(uint64_t limit);
uint64_t kshim_steps(void);

/*
 * Page-table pages the kernel's own accounting holds live
 * (NR_SECONDARY_PAGETABLE, 7.x iommu-pages.c): what its KUnit tests check.
 */
long kshim_accounted_table_pages(void);

/* Free what kernel code leaked (after the leak was counted). */
void kshim_release_leaks(void);

/* Between inputs: counters back to zero; run after kshim_release_leaks(). */
void kshim_reset(void);

#endif
