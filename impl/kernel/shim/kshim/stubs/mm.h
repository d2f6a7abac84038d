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

/*
 * The page counts the kernel keeps per node, kept here for all (one node):
 * generic_pt's KUnit test checks that a table's pages all come back.
 * Defined in kernel/runtime/kshim_runtime.c.
 */
extern long kshim_node_page_state[KSHIM_NR_NODE_STATS];

static inline void mod_node_page_state(struct pglist_data *pgdat,
				       enum node_stat_item item, long delta)
{
	(void)pgdat;
	kshim_node_page_state[item] += delta;
}

static inline void mod_lruvec_page_state(struct page *page,
					 enum node_stat_item item, int delta)
{
	(void)page;
	kshim_node_page_state[item] += delta;
}

static inline struct pglist_data *folio_pgdat(const struct folio *folio)
{
	return page_pgdat(&folio->page);
}

static inline void lruvec_stat_mod_folio(struct folio *folio,
					 enum node_stat_item item, int delta)
{
	(void)folio;
	kshim_node_page_state[item] += delta;
}

static inline unsigned long global_node_page_state(enum node_stat_item item)
{
	return (unsigned long)kshim_node_page_state[item];
}

/* No memory encryption: the C-bit (AMD SME) is never set. */
#define __sme_set(x) (x)
#define __sme_clr(x) (x)

static inline void kmemleak_ignore(const void *ptr)
{
	(void)ptr;
}

#endif
