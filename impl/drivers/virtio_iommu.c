// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtio-iommu (drivers/iommu/virtio-iommu.c): no page table in the guest,
 * an interval tree of mapping nodes (one per map_pages call) and MAP/UNMAP
 * requests to the device. The device's mappings live here in the stand-in
 * format (ARM_64_LPAE_S1, 4K pages only, stand_in.h), so the model keeps
 * two lists: the driver's nodes and the device's mappings.
 *
 * map inserts a node without an overlap check and queues a MAP; the
 * device refuses a MAP that overlaps one of its mappings (virtio spec:
 * S_INVAL, nothing changes), a status the driver never reads. unmap
 * removes, whole, every node that starts at or after iova and meets the
 * range, stopping at one that starts before it (no split); if that removed
 * less than asked it returns 0, with the nodes already gone locally and no
 * UNMAP sent. Otherwise it queues UNMAP [iova, iova + removed) and returns
 * the removed total, which may exceed the request. The device removes the
 * mappings the range covers, or nothing if it would have to split one
 * (S_RANGE). iotlb_sync, flush_iotlb_all and iotlb_sync_map kick the queue
 * and wait: a queued UNMAP is a posted invalidation that takes effect only
 * then. The gather is never touched. iova_to_phys looks up the driver's
 * node. Flush queue supported.
 *
 * Simplifications: a MAP is applied to the device's tables at once and
 * posts an invalidation of the range (the device drops any fault it cached
 * there when it runs the request; iotlb_sync_map waits for it); an UNMAP
 * clears the tables at once and posts the IOTLB invalidation. The
 * page size is 4K whatever the device offers. Endpoints are always
 * attached.
 *
 * Jason Gunthorpe's "Always fill in gather" v1 adds [iova, iova + removed)
 * to the gather before queueing the UNMAP: built with that fixture, the
 * model does so.
 */
#include <string.h>

#include "stand_in.h"

#define VIOMMU_MAX_NODES 1024

struct viommu_node {
	unsigned long first, last;
	phys_addr_t paddr;
};

/* Sorted by first; the driver's may overlap, the device's never do. */
struct viommu_list {
	struct viommu_node v[VIOMMU_MAX_NODES];
	unsigned int nr;
};

/*
 * One domain exists at a time and struct glue_domain has no private
 * pointer: the lists are static, and the domain's (otherwise unused) fault
 * handler token marks the domain they belong to. A new domain is zeroed,
 * so its first map or unmap starts from empty lists.
 */
static struct viommu_state {
	struct viommu_list nodes; /* the driver's interval tree */
	struct viommu_list dev; /* the device's mappings */
} viommu_state;

static struct viommu_state *viommu_of(struct glue_domain *gd)
{
	if (gd->domain.handler_token != &viommu_state) {
		viommu_state.nodes.nr = 0;
		viommu_state.dev.nr = 0;
		gd->domain.handler_token = &viommu_state;
	}
	return &viommu_state;
}

static bool list_insert(struct viommu_list *l, unsigned long first,
			unsigned long last, phys_addr_t paddr)
{
	unsigned int i = 0;

	if (l->nr == VIOMMU_MAX_NODES)
		return false;
	while (i < l->nr && l->v[i].first <= first)
		i++;
	memmove(&l->v[i + 1], &l->v[i], (l->nr - i) * sizeof(l->v[0]));
	l->v[i] = (struct viommu_node){ first, last, paddr };
	l->nr++;
	return true;
}

static void list_remove(struct viommu_list *l, unsigned int i)
{
	memmove(&l->v[i], &l->v[i + 1], (l->nr - i - 1) * sizeof(l->v[0]));
	l->nr--;
}

static bool list_overlaps(const struct viommu_list *l, unsigned long first,
			  unsigned long last)
{
	for (unsigned int i = 0; i < l->nr; i++)
		if (l->v[i].first <= last && first <= l->v[i].last)
			return true;
	return false;
}

/* The device's MAP request. */
static int viommu_dev_map(struct glue_domain *gd, struct viommu_state *s,
			  unsigned long iova, phys_addr_t paddr, size_t size,
			  int prot, gfp_t gfp)
{
	size_t done = 0;
	int ret;

	if (list_overlaps(&s->dev, iova, iova + size - 1))
		return 0; /* S_INVAL: the driver does not look */
	ret = stand_in_map(gd, iova, paddr, STAND_IN_PAGE,
			   size / STAND_IN_PAGE, prot, gfp, &done);
	if (ret || !list_insert(&s->dev, iova, iova + size - 1, paddr)) {
		/* the stand-in ran out of memory: undo, report it */
		stand_in_clear(gd, iova, STAND_IN_PAGE, done);
		return ret ? ret : -ENOMEM;
	}
	/* the device drops what it cached for the range when it runs the MAP */
	sim_post(gd->dev, SIM_INV_RANGE, iova, size);
	return 0;
}

/* The device's UNMAP request: whole mappings only. */
static void viommu_dev_unmap(struct glue_domain *gd, struct viommu_state *s,
			     unsigned long first, unsigned long last)
{
	unsigned int i;

	for (i = 0; i < s->dev.nr; i++) {
		const struct viommu_node *m = &s->dev.v[i];

		if (m->first <= last && first <= m->last &&
		    (m->first < first || m->last > last))
			return; /* S_RANGE: it would split a mapping */
	}
	for (i = 0; i < s->dev.nr;) {
		const struct viommu_node *m = &s->dev.v[i];

		if (m->first <= last && first <= m->last) {
			stand_in_clear(gd, m->first, STAND_IN_PAGE,
				       m->last - m->first + 1);
			list_remove(&s->dev, i);
		} else {
			i++;
		}
	}
}

static int viommu_map_pages(struct glue_domain *gd, unsigned long iova,
			    phys_addr_t paddr, size_t pgsize, size_t pgcount,
			    int prot, gfp_t gfp, size_t *mapped)
{
	struct viommu_state *s = viommu_of(gd);
	size_t size = pgsize * pgcount;
	int ret;

	if (!list_insert(&s->nodes, iova, iova + size - 1, paddr))
		return -ENOMEM;
	ret = viommu_dev_map(gd, s, iova, paddr, size, prot, gfp);
	if (ret) {
		for (unsigned int i = 0; i < s->nodes.nr; i++) {
			if (s->nodes.v[i].first == iova &&
			    s->nodes.v[i].last == iova + size - 1 &&
			    s->nodes.v[i].paddr == paddr) {
				list_remove(&s->nodes, i);
				break;
			}
		}
		return ret;
	}
	*mapped += size;
	return 0;
}

static size_t viommu_unmap_pages(struct glue_domain *gd, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct viommu_state *s = viommu_of(gd);
	size_t size = pgsize * pgcount, unmapped = 0;
	unsigned long last = iova + size - 1, next = iova;
	bool gaps = false;
	unsigned int i = 0;

	/* the nodes meeting the range, in order of their start */
	while (i < s->nodes.nr) {
		const struct viommu_node *n = &s->nodes.v[i];

		if (n->last < iova) {
			i++;
			continue;
		}
		if (n->first > last)
			break;
		if (n->first < iova)
			break; /* would split a mapping */
		unmapped += n->last - n->first + 1;
		gaps |= n->first != next;
		next = n->last + 1;
		list_remove(&s->nodes, i);
	}
	/* what was deleted stays deleted, and the device is not told */
	if (unmapped < size)
		return 0;
#ifdef IOTLBFUZZ_PATCH_JGG_ALWAYS_FILL_V1
	iommu_iotlb_gather_add_range(gather, iova, unmapped);
#else
	(void)gather;
#endif
	/* the UNMAP counts the nodes' sizes from iova, holes or not (F15) */
	if (gaps)
		sim_note_finding(gd->dev, "F15");
	viommu_dev_unmap(gd, s, iova, iova + unmapped - 1);
	sim_post(gd->dev, SIM_INV_RANGE, iova, unmapped);
	return unmapped;
}

static phys_addr_t viommu_iova_to_phys(struct glue_domain *gd,
				       dma_addr_t iova)
{
	const struct viommu_state *s = viommu_of(gd);

	for (unsigned int i = 0; i < s->nodes.nr; i++)
		if (s->nodes.v[i].first <= iova && iova <= s->nodes.v[i].last)
			return s->nodes.v[i].paddr + (iova - s->nodes.v[i].first);
	return 0;
}

static void viommu_sync_req(struct glue_domain *gd)
{
	sim_wait_posted(gd->dev);
}

static int viommu_sync_req_map(struct glue_domain *gd, unsigned long iova,
			       size_t size)
{
	(void)iova;
	(void)size;
	sim_wait_posted(gd->dev);
	return 0;
}

const struct glue_model drv_virtio_iommu = {
	.id = DRIVER_ID(DRV_VIRTIO_IOMMU),
	.name = "virtio-iommu",
	.summary = "nodes + MAP/UNMAP requests (stand-in LPAE 4K): whole-node "
		   "unmaps, 0 if short; UNMAP posted, sync/flush_all/sync_map "
		   "kick and wait",
	.facts.formats = STAND_IN_FORMATS,
	.facts.pgsize_mask = STAND_IN_PAGE,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.facts.supports_fq = true,
	/*
	 * The device's refusals (S_INVAL, S_RANGE) are a reading of the
	 * virtio-iommu specification, not checked against a device: the
	 * model is replayed (corpus/regressions) but not fuzzed yet.
	 */
	.experimental = true,
	.map_pages = viommu_map_pages,
	.unmap_pages = viommu_unmap_pages,
	.iova_to_phys = viommu_iova_to_phys,
	.iotlb_sync = glue_sync_wait_posted,
	.flush_iotlb_all = viommu_sync_req,
	.iotlb_sync_map = viommu_sync_req_map,
};
