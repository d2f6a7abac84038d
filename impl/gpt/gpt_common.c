// SPDX-License-Identifier: GPL-2.0-only
/*
 * What every generic_pt adapter shares: the driver ops the engine calls
 * (a growing top is a context the driver reprograms), the tables an
 * unmap hands over in its gather, and teardown.
 */
#include <stdlib.h>

#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

#include <iommu-private/iommu-pages.h>

#include "gpt.h"
#include "gpt_state.h"
#include "kstack.h"

const struct gpt_adapter *gpt_adapter_by_name(const char *name)
{
	for (const struct gpt_adapter *const *a = gpt_adapters; *a; a++)
		if (!strcmp((*a)->name, name))
			return *a;
	return NULL;
}

struct pt_iommu *gpt_iommu(struct glue_domain *gd)
{
	return (struct pt_iommu *)gd->gpt_table;
}

static struct glue_domain *gd_of(struct pt_iommu *iommu_table)
{
	return container_of(&iommu_table->domain, struct glue_domain, domain);
}

static spinlock_t *gpt_get_top_lock(struct pt_iommu *iommu_table)
{
	return &gd_of(iommu_table)->gpt_state->top_lock;
}

/*
 * The table grew a level: the driver points the device at the new top
 * (AMD: set_dte_entry() and a DTE flush), and the device walks from
 * there on. The engine publishes the new top only after this returns,
 * so the adapters read it from here.
 */
static void gpt_change_top(struct pt_iommu *iommu_table, phys_addr_t top_paddr,
			   unsigned int top_level)
{
	struct glue_domain *gd = gd_of(iommu_table);

	gd->gpt_state->top_paddr = top_paddr;
	gd->gpt_state->top_level = top_level;
	gd->gpt_state->top_changed = true;
	sim_context_changed(gd->dev);
}

const struct pt_iommu_driver_ops gpt_driver_ops = {
	.change_top = gpt_change_top,
	.get_top_lock = gpt_get_top_lock,
};

int gpt_narrow_pgsizes(struct glue_domain *gd, const struct kstack_params *p,
		       char *err, size_t errlen)
{
	unsigned long offered = gd->domain.pgsize_bitmap;

	gd->domain.pgsize_bitmap &= p->pgsize_bitmap;
	if (gd->domain.pgsize_bitmap)
		return 0;
	snprintf(err, errlen,
		 "no page size generic_pt %s offers (0x%lx) is in the program's bitmap 0x%lx",
		 gd->gpt->name, offered, p->pgsize_bitmap);
	return -EINVAL;
}

struct device *gpt_dma_device(void)
{
	static struct device iommu_device = { .numa_node = NUMA_NO_NODE };

	return &iommu_device;
}

bool gpt_gathered_tables(struct iommu_iotlb_gather *gather)
{
	return !iommu_pages_list_empty(&gather->freelist);
}

void gpt_free_gathered_tables(struct iommu_iotlb_gather *gather)
{
	iommu_put_pages_list(&gather->freelist);
}

void gpt_queue_gathered_tables(struct glue_domain *gd,
			       struct iommu_iotlb_gather *gather)
{
	iommu_pages_list_splice(&gather->freelist, &gd->gpt_state->queued);
	INIT_LIST_HEAD(&gather->freelist.pages);
}

void gpt_free_queued_tables(struct glue_domain *gd)
{
	iommu_put_pages_list(&gd->gpt_state->queued);
	INIT_LIST_HEAD(&gd->gpt_state->queued.pages);
}

struct gpt_state *gpt_state_create(void)
{
	struct gpt_state *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	spin_lock_init(&st->top_lock);
	INIT_LIST_HEAD(&st->queued.pages);
	return st;
}

int gpt_domain_create(struct glue_domain *gd, const struct kstack_params *p,
		      char *err, size_t errlen)
{
	const struct gpt_adapter *a = gpt_adapter_by_name(gd->model->gpt_format);
	int ret;

	/* other formats of this driver keep their stand-in */
	if (!a || a->hw_fmt != p->fmt)
		return 0;
	gd->gpt_state = gpt_state_create();
	if (!gd->gpt_state) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	gd->gpt = a;
	ret = a->init(gd, p, err, errlen);
	if (ret) {
		/* init may fail after the table was made */
		if (gpt_iommu(gd)->ops)
			pt_iommu_deinit(gpt_iommu(gd));
		free(gd->gpt_state);
		gd->gpt_state = NULL;
		gd->gpt = NULL;
		return ret < 0 ? ret : -EINVAL;
	}
	return 1;
}

void gpt_destroy(struct glue_domain *gd)
{
	if (!gd->gpt_state)
		return;
	gpt_free_queued_tables(gd);
	pt_iommu_deinit(gpt_iommu(gd));
	free(gd->gpt_state);
	gd->gpt_state = NULL;
}
