/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pages, GFP flags, virt/phys and slab caches, all backed by the arena
 * (runtime/arena.h) so table addresses are small and device reads are
 * checked. kmalloc'd bookkeeping is ordinary heap memory, counted for leaks.
 */
#ifndef KSHIM_MM_H
#define KSHIM_MM_H

#include "bug.h"
#include "list.h"
#include "types.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define NUMA_NO_NODE (-1)

#define ___GFP_DMA 0x01u
#define ___GFP_HIGHMEM 0x02u
#define ___GFP_DMA32 0x04u
#define ___GFP_ZERO 0x100u
#define ___GFP_DIRECT_RECLAIM 0x400u
#define ___GFP_KSWAPD_RECLAIM 0x800u
#define ___GFP_NOWARN 0x2000u
#define ___GFP_COMP 0x40000u
#define ___GFP_HIGH 0x20u
#define ___GFP_IO 0x40u
#define ___GFP_FS 0x80u
#define ___GFP_ACCOUNT 0x400000u
#define __GFP_DMA ((gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM ((gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32 ((gfp_t)___GFP_DMA32)
#define __GFP_ZERO ((gfp_t)___GFP_ZERO)
#define __GFP_NOWARN ((gfp_t)___GFP_NOWARN)
#define __GFP_COMP ((gfp_t)___GFP_COMP)
#define __GFP_HIGH ((gfp_t)___GFP_HIGH)
#define __GFP_ACCOUNT ((gfp_t)___GFP_ACCOUNT)
#define __GFP_DIRECT_RECLAIM ((gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM ((gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_ATOMIC (__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | ___GFP_IO | ___GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)
#define GFP_DMA __GFP_DMA
#define GFP_DMA32 __GFP_DMA32

static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

/*
 * The kernel's field order: 7.x's iommu-pages.c overlays struct ioptdesc on
 * struct page and static_asserts the offsets of these fields.
 */
struct page {
	unsigned long flags;
	struct list_head lru;
	void *mapping;
	unsigned long index;
	unsigned long private;
	unsigned int page_type;
	atomic_t _refcount;
	unsigned int kshim_order; /* ours: order of the block this page heads */
};

/* A folio is its head page here (7.x iommu-pages.c allocates folios). */
struct folio {
	struct page page;
};

struct pglist_data {
	int node_id;
};
enum node_stat_item { NR_IOMMU_PAGES, NR_SECONDARY_PAGETABLE };

struct page *kshim_virt_to_page(const void *virt);
void *kshim_page_address(const struct page *page);
struct page *kshim_alloc_pages(gfp_t gfp, unsigned int order);
void kshim_free_pages(struct page *page, unsigned int order);
phys_addr_t kshim_virt_to_phys(const void *virt);
void *kshim_phys_to_virt(phys_addr_t pa);

#define virt_to_page(v) kshim_virt_to_page(v)
#define page_address(p) kshim_page_address(p)
#define virt_to_phys(v) kshim_virt_to_phys(v)
#define phys_to_virt(p) kshim_phys_to_virt(p)
#define __pa(v) kshim_virt_to_phys((const void *)(v))
#define __va(p) kshim_phys_to_virt((phys_addr_t)(p))

static inline struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return kshim_alloc_pages(gfp, order);
}

static inline struct page *alloc_pages_node(int nid, gfp_t gfp,
					    unsigned int order)
{
	(void)nid;
	return kshim_alloc_pages(gfp, order);
}

static inline void __free_pages(struct page *page, unsigned int order)
{
	kshim_free_pages(page, order);
}

static inline void put_page(struct page *page)
{
	kshim_free_pages(page, 0);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
#define __get_free_page(gfp) __get_free_pages((gfp), 0)
#define free_page(addr) free_pages((addr), 0)

static inline int get_order(unsigned long size)
{
	int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

static inline int numa_mem_id(void)
{
	return 0;
}

static inline struct folio *__folio_alloc_node(gfp_t gfp, unsigned int order,
					       int nid)
{
	struct page *page = alloc_pages_node(nid, gfp, order);

	if (!page)
		return NULL;
	page->kshim_order = order;
	return (struct folio *)page;
}

static inline struct folio *virt_to_folio(const void *virt)
{
	return (struct folio *)virt_to_page(virt);
}

static inline void *folio_address(const struct folio *folio)
{
	return page_address(&folio->page);
}

static inline unsigned int folio_order(const struct folio *folio)
{
	return folio->page.kshim_order;
}

static inline unsigned long folio_nr_pages(const struct folio *folio)
{
	return 1UL << folio_order(folio);
}

/* Allocated folios are never shared here: the last reference frees. */
static inline void folio_put(struct folio *folio)
{
	kshim_free_pages(&folio->page, folio_order(folio));
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

/* slab */
#define SLAB_CACHE_DMA 0x4000u
#define SLAB_HWCACHE_ALIGN 0x2000u
#define SLAB_PANIC 0x40000u
#define ARCH_KMALLOC_MINALIGN 8

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
void kfree(const void *p);
#define kmalloc_array(n, size, gfp) kcalloc((n), (size), (gfp))
#define kvfree(p) kfree(p)

/*
 * 7.x's typed allocators: kmalloc_obj(var or type[, gfp]), gfp defaulting
 * to GFP_KERNEL.
 */
#define kshim_pick_gfp(unused, gfp, ...) (gfp)
#define kshim_default_gfp(...) kshim_pick_gfp(0, ##__VA_ARGS__, GFP_KERNEL)
#define kmalloc_obj(v, ...) \
	((typeof(v) *)kmalloc(sizeof(typeof(v)), kshim_default_gfp(__VA_ARGS__)))
#define kzalloc_obj(v, ...) \
	((typeof(v) *)kzalloc(sizeof(typeof(v)), kshim_default_gfp(__VA_ARGS__)))
#define kmalloc_objs(v, n, ...)                          \
	((typeof(v) *)kcalloc((n), sizeof(typeof(v)), \
			      kshim_default_gfp(__VA_ARGS__)))
#define kzalloc_objs(v, n, ...) kmalloc_objs(v, n, ##__VA_ARGS__)

struct kmem_cache {
	size_t size;
};
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *cache);
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp);
void *kmem_cache_zalloc(struct kmem_cache *cache, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *cache, void *obj);

static inline void kmemleak_ignore(const void *ptr)
{
	(void)ptr;
}

#endif
