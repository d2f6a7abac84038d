/* SPDX-License-Identifier: GPL-2.0-only */
/* Memory accounting and NUMA: one node, nothing counted, nothing scanned. */
#ifndef KSHIM_STUBS_MM_H
#define KSHIM_STUBS_MM_H

#include "../dup/mm_types.h"

static inline int numa_mem_id(void)
{
	return 0;
}

static inline struct pglist_data *page_pgdat(const struct page *page)
{
	static struct pglist_data node0;

	(void)page;
	return &node0;
}

static inline void mod_node_page_state(struct pglist_data *pgdat,
				       enum node_stat_item item, long delta)
{
	(void)pgdat;
	(void)item;
	(void)delta;
}

static inline void mod_lruvec_page_state(struct page *page,
					 enum node_stat_item item, int delta)
{
	(void)page;
	(void)item;
	(void)delta;
}

static inline struct pglist_data *folio_pgdat(const struct folio *folio)
{
	return page_pgdat(&folio->page);
}

static inline void lruvec_stat_mod_folio(struct folio *folio,
					 enum node_stat_item item, int delta)
{
	(void)folio;
	(void)item;
	(void)delta;
}

static inline void kmemleak_ignore(const void *ptr)
{
	(void)ptr;
}

#endif
