/* SPDX-License-Identifier: GPL-2.0-only */
/* A generic_pt domain's state beside the table; private to impl/gpt/. */
#ifndef IOTLBFUZZ_GPT_STATE_H
#define IOTLBFUZZ_GPT_STATE_H

#include <linux/iommu.h>

struct gpt_state {
	spinlock_t top_lock;
	/* the top the driver last programmed (change_top), if it grew */
	bool top_changed;
	phys_addr_t top_paddr;
	unsigned int top_level; /* generic_pt's numbering: 0 = leaves only */
	/* the walker does not snoop: table writes reach it by DMA syncs */
	bool dma_incoherent;
	/* tables of queued gathers, freed after the queue's flush */
	struct iommu_pages_list queued;
};

struct gpt_state *gpt_state_create(void);

#endif
