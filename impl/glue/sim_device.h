/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated IOMMU as a driver sees it: the commands it can issue to the
 * device's IOTLB. An invalidation is either issued and complete at once, or
 * posted (arm-smmu's TLBIVA without a TLBSYNC): a posted one takes effect
 * only when the driver waits for completion. Every command is logged.
 * Plain C.
 */
#ifndef IOTLBFUZZ_SIM_DEVICE_H
#define IOTLBFUZZ_SIM_DEVICE_H

#include <stdbool.h>

#include "events.h"
#include "iotlb.h"

#define SIM_MAX_POSTED 1024

enum sim_inv_kind { SIM_INV_ALL, SIM_INV_LEAF, SIM_INV_RANGE };

struct sim_posted {
	enum sim_inv_kind kind;
	uint64_t iova, size;
};

struct sim_device {
	struct iotlb *tlb; /* NULL until the context is programmed */
	struct event_log *log;
	/*
	 * posted, not yet completed invalidations, oldest first: room for
	 * SIM_MAX_POSTED that the creator provides, so that a fresh device
	 * is not 24K to clear before every run
	 */
	struct sim_posted *posted;
	size_t nr_posted;
	/* told about every iotlb_sync the core makes (the runner's checks) */
	void (*on_sync)(void *arg, uint64_t start, uint64_t end,
			uint64_t pgsize, int gather);
	/* that sync frees page tables its gather carries (generic_pt) */
	void (*on_sync_frees_tables)(void *arg);
	void *on_sync_arg;
	/*
	 * Told about every page the driver's tlb_add_page was given, once it
	 * has returned (after any sync it made on the way): gather is the
	 * caller's index, -1 for the core's own. Same arg as on_sync.
	 */
	void (*on_add_page)(void *arg, uint64_t iova, uint64_t size,
			    int gather);
	/*
	 * Told about every invalidation as it takes effect (issued at once,
	 * or posted and waited for): the runner's gather checks do not ask a
	 * gather to cover what was already invalidated and complete.
	 */
	void (*on_complete)(void *arg, enum sim_inv_kind kind, uint64_t iova,
			    uint64_t size);
	/*
	 * Told about every invalidation as the driver issues or posts it,
	 * before it takes effect (same arg as on_complete): the flush-queue
	 * rule judges what a queued unmap asked of the hardware.
	 */
	void (*on_issue)(void *arg, enum sim_inv_kind kind, uint64_t iova,
			 uint64_t size);
	void *on_complete_arg;
	/*
	 * Told when the driver points the device at other tables (a
	 * generic_pt table grew a level: AMD rewrites the DTE). Same arg as
	 * on_sync; the runner then reads the context again.
	 */
	void (*on_reprogram)(void *arg);
	/*
	 * Set when the driver model took a path docs/findings.md documents
	 * as a kernel bug (its id, e.g. "F9"): what the run sees after that
	 * is that bug's doing, and the runner reports it as suppressed.
	 */
	const char *known_finding;
	/*
	 * Likewise, but the finding explains only the current operation's
	 * result, and the state stays what the driver claims: the runner
	 * clears it before each operation and goes on checking.
	 */
	const char *op_finding;
	/*
	 * The device takes range invalidations with a translation-level hint
	 * (SMMUv3 IDR3.RIL): a driver that can use them does. Set by the
	 * program (iotlb.range_invalidation).
	 */
	bool range_hints;
	/*
	 * Set by the runner once an unmap of the run has split a block: a hint
	 * that then misses the old block's entry is finding F21.
	 */
	bool split_a_block;
};

/* Issue and complete. */
void sim_inv_all(struct sim_device *dev);
void sim_inv_leaf(struct sim_device *dev, uint64_t iova, uint64_t size);
void sim_inv_range(struct sim_device *dev, uint64_t iova, uint64_t size);
/*
 * Last-level invalidations as a driver builds them from a gather: one
 * command per @step (no range invalidation), or one range command whose
 * hint says every leaf in it has @leaf_size. Both go to the runner as a
 * leaf invalidation of the range; the IOTLB applies what they guarantee.
 */
void sim_inv_leaf_stepped(struct sim_device *dev, uint64_t iova, uint64_t size,
			  uint64_t step);
void sim_inv_leaf_hinted(struct sim_device *dev, uint64_t iova, uint64_t size,
			 uint64_t leaf_size);

/*
 * Post: the invalidation takes effect at the next sim_wait_posted(). A full
 * queue makes the hardware complete what it holds first, as a command
 * queue that runs out of space does.
 */
void sim_post(struct sim_device *dev, enum sim_inv_kind kind, uint64_t iova,
	      uint64_t size);
/* Wait for completion of everything posted (TLBSYNC, CMD_SYNC). */
void sim_wait_posted(struct sim_device *dev);

/* The driver is on the path of documented kernel finding @id. */
/* The driver reprogrammed the context (on_reprogram). */
void sim_context_changed(struct sim_device *dev);

void sim_note_finding(struct sim_device *dev, const char *id);
/* Only this operation's result is that finding's doing. */
void sim_note_finding_op(struct sim_device *dev, const char *id);

#endif
