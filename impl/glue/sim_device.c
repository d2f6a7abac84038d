// SPDX-License-Identifier: GPL-2.0-only
#include "sim_device.h"

void sim_inv_all(struct sim_device *dev)
{
	event_log_add(dev->log, EV_HW_INV_ALL, 0, 0, 0);
	if (dev->tlb)
		iotlb_inv_all(dev->tlb);
}

void sim_inv_leaf(struct sim_device *dev, uint64_t iova, uint64_t size)
{
	event_log_add(dev->log, EV_HW_INV_LEAF, iova, size, 0);
	if (dev->tlb)
		iotlb_inv_leaf(dev->tlb, iova, size);
}

void sim_inv_range(struct sim_device *dev, uint64_t iova, uint64_t size)
{
	event_log_add(dev->log, EV_HW_INV_RANGE, iova, size, 0);
	if (dev->tlb)
		iotlb_inv_range(dev->tlb, iova, size);
}
