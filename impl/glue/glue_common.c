// SPDX-License-Identifier: GPL-2.0-only
/*
 * The behaviour most io-pgtable drivers share, as building blocks for the
 * models: invalidate at once, and a sync that has nothing left to wait for.
 */
#include "glue.h"

void glue_invalidate_all(struct glue_domain *gd)
{
	sim_inv_all(gd->dev);
}

void glue_invalidate_walk(struct glue_domain *gd, unsigned long iova,
			  size_t size, size_t granule)
{
	(void)granule;
	sim_inv_range(gd->dev, iova, size);
}

void glue_invalidate_leaf(struct glue_domain *gd,
			  struct iommu_iotlb_gather *gather,
			  unsigned long iova, size_t granule)
{
	(void)gather;
	sim_inv_leaf(gd->dev, iova, granule);
}

void glue_sync_nothing_pending(struct glue_domain *gd,
			       struct iommu_iotlb_gather *gather)
{
	(void)gd;
	(void)gather;
}

/* Drivers that answer everything with a full flush. */
void glue_walk_invalidate_all(struct glue_domain *gd, unsigned long iova,
			      size_t size, size_t granule)
{
	(void)iova;
	(void)size;
	(void)granule;
	sim_inv_all(gd->dev);
}

void glue_sync_invalidate_all(struct glue_domain *gd,
			      struct iommu_iotlb_gather *gather)
{
	(void)gather;
	sim_inv_all(gd->dev);
}

int glue_sync_map_invalidate_all(struct glue_domain *gd, unsigned long iova,
				 size_t size)
{
	(void)iova;
	(void)size;
	sim_inv_all(gd->dev);
	return 0;
}

int glue_sync_map_invalidate(struct glue_domain *gd, unsigned long iova,
			     size_t size)
{
	sim_inv_range(gd->dev, iova, size);
	return 0;
}

/* Posting drivers (arm-smmu, qcom_iommu): TLBI now, TLBSYNC later. */
void glue_post_leaf(struct glue_domain *gd, struct iommu_iotlb_gather *gather,
		    unsigned long iova, size_t granule)
{
	(void)gather;
	sim_post(gd->dev, SIM_INV_LEAF, iova, granule);
}

void glue_post_walk_and_wait(struct glue_domain *gd, unsigned long iova,
			     size_t size, size_t granule)
{
	(void)granule;
	sim_post(gd->dev, SIM_INV_RANGE, iova, size);
	sim_wait_posted(gd->dev);
}

void glue_post_all_and_wait(struct glue_domain *gd)
{
	sim_post(gd->dev, SIM_INV_ALL, 0, 0);
	sim_wait_posted(gd->dev);
}

void glue_sync_wait_posted(struct glue_domain *gd,
			   struct iommu_iotlb_gather *gather)
{
	(void)gather;
	sim_wait_posted(gd->dev);
}

int glue_gather_index(const struct glue_domain *gd,
		      const struct iommu_iotlb_gather *gather)
{
	for (unsigned int i = 0; i < gd->nr_gathers; i++)
		if (gather == &gd->gathers[i])
			return (int)i;
	return -1;
}

void glue_gathered(struct glue_domain *gd, struct iommu_iotlb_gather *gather,
		   unsigned long iova, size_t size)
{
	if (gd->dev->on_add_page)
		gd->dev->on_add_page(gd->dev->on_sync_arg, iova, size,
				     glue_gather_index(gd, gather));
}
