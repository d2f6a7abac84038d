/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The streaming DMA API as io-pgtable uses it for non-coherent walks: a
 * mapping's DMA address is its physical address, and a sync makes the CPU's
 * writes visible to the simulated walker (runtime/arena.c). Memory beyond
 * the IOMMU's DMA mask (arena_set_dma_limit()) cannot be mapped.
 */
#ifndef KSHIM_CUSTOM_DMA_H
#define KSHIM_CUSTOM_DMA_H

#include "alloc.h"

struct device;

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

#define DMA_MAPPING_ERROR (~(dma_addr_t)0)

dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size,
			  enum dma_data_direction dir);
void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir);
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr,
				size_t size, enum dma_data_direction dir);

static inline int dma_mapping_error(struct device *dev, dma_addr_t addr)
{
	(void)dev;
	return addr == DMA_MAPPING_ERROR;
}

#endif
