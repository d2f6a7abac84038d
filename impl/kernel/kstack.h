/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel-extracted implementation behind a plain C interface: one IOMMU
 * domain built from the unmodified io-pgtable code and the iommu.c
 * map/unmap path of the kernel tree this build was made from, connected to
 * the simulated device through a driver glue. Nothing here exposes kernel
 * types, so the runner, the oracle and the IOTLB never see kernel headers.
 */
#ifndef IOTLBFUZZ_KSTACK_H
#define IOTLBFUZZ_KSTACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "driver_facts.h"
#include "hw_context.h"
#include "sim_device.h"

#define KSTACK_MAX_GATHERS 4

struct kstack_params {
	enum pt_format fmt;
	unsigned long pgsize_bitmap;
	unsigned int ias, oas;
	unsigned long quirks;
	bool coherent_walk;
	int driver; /* glue model id */
	/*
	 * A driver model's stand-in tables (stand_in.h) may come from a copy
	 * of io-pgtable without coverage instrumentation, where the build has
	 * one: for the cross-driver partners, whose edges and comparisons
	 * there repeat what the program's own run shows the fuzzer.
	 */
	bool untraced_stand_in;
};

struct kstack;

/* NULL with @err filled if io-pgtable refuses the configuration. */
struct kstack *kstack_create(const struct kstack_params *params,
			     struct sim_device *dev, char *err, size_t errlen);
void kstack_destroy(struct kstack *ks);
/* After a BUG: drop our struct only; the kernel's memory is reset wholesale. */
void kstack_abandon(struct kstack *ks);

/*
 * What io-pgtable settled on. The hardware context either as io-pgtable's
 * cfg describes the tables, or @as_programmed: as the driver programs the
 * device (a driver model may differ, deliberately or by bug).
 */
unsigned long kstack_pgsize_bitmap(const struct kstack *ks);
/* io-pgtable may narrow the address sizes too (LPAE caps 4K/16K at 48). */
void kstack_address_sizes(const struct kstack *ks, unsigned int *ias,
			  unsigned int *oas);
void kstack_hw_context(const struct kstack *ks, bool as_programmed,
		       struct hw_context *hw);
const char *kstack_driver_name(const struct kstack *ks);
/* The generic_pt format the domain's tables are, or NULL (io-pgtable's). */
const char *kstack_generic_pt_format(const struct kstack *ks);
/*
 * Whether the last kstack_create() that failed did so because the kernel
 * refused the configuration the driver itself asks for (generic_pt:
 * pt_iommu_<fmt>_init() returned -EOPNOTSUPP for the features the 7.x
 * driver sets), not because the program asked for something the driver
 * never does: such a refusal fails the driver's domain allocation.
 */
bool kstack_refused_driver_config(void);

/* The IOMMU API, as the kernel implements it. */
/*
 * Fault injection: the @n-th iotlb_sync_map call from now fails with -EIO
 * (0: none), for drivers whose sync_map can fail; how many did so far.
 */
void kstack_fail_sync_map(struct kstack *ks, unsigned int n);
unsigned int kstack_sync_map_failures(const struct kstack *ks);
int kstack_map(struct kstack *ks, uint64_t iova, uint64_t paddr,
	       uint64_t size, unsigned int prot);
uint64_t kstack_unmap(struct kstack *ks, uint64_t iova, uint64_t size);
/* dma-iommu's deferred unmap: a queued gather, no sync. */
uint64_t kstack_unmap_queued(struct kstack *ks, uint64_t iova, uint64_t size);
uint64_t kstack_unmap_fast(struct kstack *ks, uint64_t iova, uint64_t size,
			   unsigned int gather);
void kstack_sync(struct kstack *ks, unsigned int gather);
void kstack_flush_all(struct kstack *ks);
uint64_t kstack_iova_to_phys(struct kstack *ks, uint64_t iova);

struct kstack_gather {
	uint64_t start, end, pgsize;
	bool queued;
};
void kstack_gather_state(const struct kstack *ks, unsigned int gather,
			 struct kstack_gather *out);

/* The driver models, by index; @id is the program's Driver value. */
unsigned int kstack_nr_drivers(void);
const char *kstack_driver_info(unsigned int index, int *id,
			       const char **summary);
int kstack_driver_by_name(const char *name); /* -1 if unknown */
const char *kstack_driver_name_by_id(int id); /* "?" if unknown */
/*
 * A deliberately broken test glue (corpus/regressions) or an experimental
 * model: replayed, never fuzzed.
 */
bool kstack_driver_is_mutant(int id);
bool kstack_driver_is_experimental(int id);

/* What a driver model declares, for config coercion and contract checks. */
struct kstack_driver_traits {
	const struct driver_facts *facts; /* the model's own row */
	/* what follows from the ops the model has, and from this tree */
	bool has_sync_map; /* has an iotlb_sync_map */
	bool has_flush_all; /* has a flush_iotlb_all */
	/* maps into tables of its own (a model of ours), not io-pgtable's */
	bool own_tables;
	/* its iotlb_sync_map can fail (and this tree's returns an error) */
	bool sync_map_can_fail;
};
bool kstack_driver_traits(int id, struct kstack_driver_traits *t);
/*
 * The traits of driver @id for programs of @fmt: where the tree's
 * generic_pt tables stand under it, what the driver does on them.
 */
void kstack_driver_traits_on(int id, enum pt_format fmt,
			     struct kstack_driver_traits *t);

/* Names of the kernel tree this build extracted, for reports. */
const char *kstack_kernel_release(void);

/*
 * Calls of the driver's unmap_pages so far: none where the core hands
 * unmaps to a generic_pt engine (tree_probes.c).
 */
uint64_t kstack_driver_unmap_calls(const struct kstack *ks);

/*
 * The generic_pt formats of this tree (fmt/iommu_<fmt>.c), space
 * separated; "" when it has none (docs/generic-pt.md).
 */
const char *kstack_generic_pt_formats(void);
/*
 * What this tree does where trees differ (docs/shim.md, "Tree traits";
 * read by "# expect-if" lines), decided by running this tree's code on
 * first use (tree_probes.c): space-separated names of the traits it has,
 * of those it lacks, and of those no probe could decide.
 */
const char *kstack_tree_traits(void);
const char *kstack_absent_tree_traits(void);
const char *kstack_unknown_tree_traits(void);

enum kstack_trait_state {
	KSTACK_TRAIT_ABSENT,
	KSTACK_TRAIT_PRESENT,
	KSTACK_TRAIT_UNKNOWN,
};

/* One trait and how it was decided, for `iotlbfuzz list`. */
struct kstack_trait {
	const char *name;
	enum kstack_trait_state state;
	const char *behaviour; /* what the probe saw the code do */
	const char *source; /* the source cross-check: present, absent, unrecognised */
};
unsigned int kstack_nr_tree_traits(void);
const struct kstack_trait *kstack_tree_trait(unsigned int i);
/*
 * Were this library's kernel files built to call the function trace's
 * hooks (ktrace.h)? Only the CLI's library is.
 */
bool kstack_function_traced(void);

#endif
