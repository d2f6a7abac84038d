/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page and slab allocators and virt/phys over the arena
 * (runtime/arena.h), so table addresses are small, device reads are checked
 * and allocations can be made to fail; kmalloc'd bookkeeping is ordinary
 * heap memory, counted for leaks.
 */
#ifndef KSHIM_CUSTOM_ALLOC_H
#define KSHIM_CUSTOM_ALLOC_H

#include "../dup/mm_types.h"

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

#endif
