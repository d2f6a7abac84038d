// SPDX-License-Identifier: GPL-2.0-only
#include "sim_device.h"

static void issue(struct sim_device *dev, enum sim_inv_kind kind, uint64_t iova,
		  uint64_t size)
{
	if (dev->on_issue)
		dev->on_issue(dev->on_complete_arg, kind, iova, size);
}

static void apply(struct sim_device *dev, enum sim_inv_kind kind,
		  uint64_t iova, uint64_t size)
{
	if (dev->on_complete)
		dev->on_complete(dev->on_complete_arg, kind, iova, size);
	if (!dev->tlb)
		return;
	switch (kind) {
	case SIM_INV_ALL:
		iotlb_inv_all(dev->tlb);
		break;
	case SIM_INV_LEAF:
		iotlb_inv_leaf(dev->tlb, iova, size);
		break;
	case SIM_INV_RANGE:
		iotlb_inv_range(dev->tlb, iova, size);
		break;
	}
}

void sim_inv_all(struct sim_device *dev)
{
	event_log_add(dev->log, EV_HW_INV_ALL, 0, 0, 0);
	issue(dev, SIM_INV_ALL, 0, 0);
	apply(dev, SIM_INV_ALL, 0, 0);
}

void sim_inv_leaf(struct sim_device *dev, uint64_t iova, uint64_t size)
{
	event_log_add(dev->log, EV_HW_INV_LEAF, iova, size, 0);
	issue(dev, SIM_INV_LEAF, iova, size);
	apply(dev, SIM_INV_LEAF, iova, size);
}

void sim_inv_range(struct sim_device *dev, uint64_t iova, uint64_t size)
{
	event_log_add(dev->log, EV_HW_INV_RANGE, iova, size, 0);
	issue(dev, SIM_INV_RANGE, iova, size);
	apply(dev, SIM_INV_RANGE, iova, size);
}

/* Tell the runner of a leaf invalidation the IOTLB applies its own way. */
static void report_leaf(struct sim_device *dev, uint64_t iova, uint64_t size)
{
	issue(dev, SIM_INV_LEAF, iova, size);
	if (dev->on_complete)
		dev->on_complete(dev->on_complete_arg, SIM_INV_LEAF, iova,
				 size);
}

void sim_inv_leaf_stepped(struct sim_device *dev, uint64_t iova, uint64_t size,
			  uint64_t step)
{
	event_log_add(dev->log, EV_HW_INV_LEAF_STEPPED, iova, size, step);
	report_leaf(dev, iova, size);
	if (dev->tlb)
		iotlb_inv_leaf_stepped(dev->tlb, iova, size, step);
}

void sim_inv_leaf_hinted(struct sim_device *dev, uint64_t iova, uint64_t size,
			 uint64_t leaf_size)
{
	event_log_add(dev->log, EV_HW_INV_LEAF_HINTED, iova, size, leaf_size);
	report_leaf(dev, iova, size);
	if (dev->tlb &&
	    iotlb_inv_leaf_hinted(dev->tlb, iova, size, leaf_size) &&
	    dev->split_a_block)
		sim_note_finding(dev, "F21");
}

void sim_post(struct sim_device *dev, enum sim_inv_kind kind, uint64_t iova,
	      uint64_t size)
{
	if (dev->nr_posted == SIM_MAX_POSTED)
		sim_wait_posted(dev);
	event_log_add(dev->log, EV_HW_POST, kind, iova, size);
	issue(dev, kind, iova, size);
	dev->posted[dev->nr_posted++] = (struct sim_posted){ kind, iova, size };
}

void sim_wait_posted(struct sim_device *dev)
{
	event_log_add(dev->log, EV_HW_WAIT, dev->nr_posted, 0, 0);
	for (size_t i = 0; i < dev->nr_posted; i++)
		apply(dev, dev->posted[i].kind, dev->posted[i].iova,
		      dev->posted[i].size);
	dev->nr_posted = 0;
}

void sim_context_changed(struct sim_device *dev)
{
	if (dev->on_reprogram)
		dev->on_reprogram(dev->on_sync_arg);
}

void sim_note_finding(struct sim_device *dev, const char *id)
{
	if (!dev->known_finding)
		dev->known_finding = id;
}

void sim_note_finding_op(struct sim_device *dev, const char *id)
{
	if (!dev->op_finding)
		dev->op_finding = id;
}
