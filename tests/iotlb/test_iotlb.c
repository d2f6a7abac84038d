// SPDX-License-Identifier: GPL-2.0-only
/*
 * IOTLB tests over a small stage-1 LPAE context (4K granule, 32-bit IOVA:
 * levels 1 to 3). Tables live in separate fake-memory regions so each can
 * be freed on its own.
 */
#include <string.h>

#include "check.h"
#include "fake_phys.h"
#include "iotlb.h"

#define TABLE 3ull
#define PAGE 3ull
#define BLOCK 1ull
#define AF (1ull << 10)
#define RDONLY (1ull << 7)

#define L1 0x100000ull
#define L2 0x200000ull
#define L3 0x300000ull

#define R HW_PERM_READ
#define W HW_PERM_WRITE

struct env {
	struct fake_phys *fp;
	struct phys_reader mem;
	struct hw_context hw;
	struct iotlb *tlb;
};

/* IOVA [0, 2M) goes through L3; nothing else is mapped. */
static void env_init(struct env *env, bool walk_cache, bool negative)
{
	struct iotlb_config cfg = {
		.walk_cache = walk_cache,
		.cache_not_present = negative,
	};

	env->fp = fake_phys_create();
	env->mem = fake_phys_reader(env->fp);
	env->hw = (struct hw_context){
		.fmt = PT_ARM_64_LPAE_S1,
		.ias = 32,
		.oas = 48,
		.pgsize_bitmap = 0x1000 | 0x200000 | 0x40000000,
		.s1 = { .ttbr = L1, .tsz = 32, .tg = 0, .ips = 5 },
	};
	fake_phys_add(env->fp, L1, 0x1000);
	fake_phys_add(env->fp, L2, 0x1000);
	fake_phys_add(env->fp, L3, 0x1000);
	fake_phys_write64(env->fp, L1, L2 | TABLE);
	fake_phys_write64(env->fp, L2, L3 | TABLE);
	env->tlb = iotlb_create(&cfg, &env->hw, &env->mem);
}

static void env_fini(struct env *env)
{
	iotlb_destroy(env->tlb);
	fake_phys_destroy(env->fp);
}

static void set_page(struct env *env, uint64_t iova, uint64_t desc)
{
	fake_phys_write64(env->fp, L3 + ((iova >> 12) & 0x1ff) * 8, desc);
}

static void test_hit_after_fill(void)
{
	struct env env;
	struct xlate_result x;
	const struct iotlb_stats *st;

	env_init(&env, false, false);
	set_page(&env, 0x5000, 0x88885000ull | AF | PAGE);

	x = iotlb_access(env.tlb, 0x5123, R);
	CHECK_EQ_U64(x.status, XLATE_OK);
	CHECK(!x.hit);
	CHECK_EQ_U64(x.pa, 0x88885123ull);
	CHECK_EQ_U64(x.perm, R | W);
	CHECK_EQ_U64(x.entry.iova, 0x5000);
	CHECK_EQ_U64(x.entry.size, 0x1000);
	CHECK_EQ_U64(x.entry.pa, 0x88885000ull);
	CHECK(!x.entry.negative);
	CHECK_EQ_U64(x.entry.fill_seq, 1);

	x = iotlb_access(env.tlb, 0x5fff, W);
	CHECK_EQ_U64(x.status, XLATE_OK);
	CHECK(x.hit);
	CHECK_EQ_U64(x.pa, 0x88885fffull);
	CHECK_EQ_U64(x.entry.fill_seq, 1);

	st = iotlb_stats(env.tlb);
	CHECK_EQ_U64(st->accesses, 2);
	CHECK_EQ_U64(st->hits, 1);
	CHECK_EQ_U64(st->walks, 1);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 0);
	env_fini(&env);
}

static void test_stale_until_invalidated(void)
{
	struct env env;
	struct xlate_result x;

	env_init(&env, false, false);
	set_page(&env, 0x5000, 0x88885000ull | AF | PAGE);
	iotlb_access(env.tlb, 0x5000, R);

	/* Remapped without invalidation: the device keeps the old page. */
	set_page(&env, 0x5000, 0x99995000ull | AF | PAGE);
	x = iotlb_access(env.tlb, 0x5010, R);
	CHECK(x.hit);
	CHECK_EQ_U64(x.pa, 0x88885010ull);
	iotlb_inv_leaf(env.tlb, 0x5000, 0x1000);
	x = iotlb_access(env.tlb, 0x5010, R);
	CHECK(!x.hit);
	CHECK_EQ_U64(x.pa, 0x99995010ull);

	/* Unmapped: still translates until invalidated. */
	set_page(&env, 0x5000, 0);
	x = iotlb_access(env.tlb, 0x5010, R);
	CHECK_EQ_U64(x.status, XLATE_OK);
	CHECK_EQ_U64(x.pa, 0x99995010ull);
	iotlb_inv_all(env.tlb);
	x = iotlb_access(env.tlb, 0x5010, R);
	CHECK_EQ_U64(x.status, XLATE_FAULT_TRANSLATION);
	CHECK(!x.hit);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);
	env_fini(&env);
}

static void test_invalidation_scopes(void)
{
	struct env env;
	const struct iotlb_stats *st;

	env_init(&env, true, false);
	set_page(&env, 0x5000, 0x88885000ull | AF | PAGE);
	iotlb_access(env.tlb, 0x5000, R);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	/* The level-1 ([0, 1G)) and level-2 ([0, 2M)) table descriptors. */
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 2);

	/* Ranges that only touch the page's neighbours. */
	iotlb_inv_leaf(env.tlb, 0x6000, 0x1000);
	iotlb_inv_leaf(env.tlb, 0x4000, 0x1000);
	iotlb_inv_range(env.tlb, 0x4000, 0x1000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 0);

	/* Leaf invalidation keeps table descriptors. */
	iotlb_inv_all(env.tlb);
	iotlb_access(env.tlb, 0x5000, R);
	iotlb_inv_leaf(env.tlb, 0x5fff, 1);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 2);

	/* A range outside [0, 2M) but inside [0, 1G). */
	iotlb_access(env.tlb, 0x5000, R);
	iotlb_inv_range(env.tlb, 0x1000000, 0x1000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 1);
	iotlb_inv_range(env.tlb, 0x5000, 0x1000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 0);

	iotlb_access(env.tlb, 0x5000, R);
	iotlb_inv_all(env.tlb);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 0);

	st = iotlb_stats(env.tlb);
	CHECK_EQ_U64(st->inv_leaf, 3);
	CHECK_EQ_U64(st->inv_range, 3);
	CHECK_EQ_U64(st->inv_all, 2);
	env_fini(&env);
}

/*
 * The table holding [0, 2M) is unlinked and freed, but only a leaf
 * invalidation follows: a walk cache still points into the freed table.
 */
static void unlink_and_free_l3(struct env *env)
{
	fake_phys_write64(env->fp, L2, 0);
	fake_phys_free(env->fp, L3);
	iotlb_inv_leaf(env->tlb, 0, 0x200000);
}

static void test_walk_cache_sees_freed_table(void)
{
	struct env env;
	struct xlate_result x;

	env_init(&env, true, true);
	set_page(&env, 0x5000, 0x88885000ull | AF | PAGE);
	iotlb_access(env.tlb, 0x5000, R);
	unlink_and_free_l3(&env);

	x = iotlb_access(env.tlb, 0x5000, R);
	CHECK_EQ_U64(x.status, XLATE_WALK_FREED);
	CHECK(!x.hit);
	CHECK_EQ_U64(iotlb_stats(env.tlb)->walk_cache_hits, 1);
	/* Never cached, not even as a negative entry. */
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);
	CHECK_EQ_U64(iotlb_access(env.tlb, 0x5000, R).status,
		     XLATE_WALK_FREED);

	iotlb_inv_range(env.tlb, 0, 0x200000);
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 0);
	x = iotlb_access(env.tlb, 0x5000, R);
	CHECK_EQ_U64(x.status, XLATE_FAULT_TRANSLATION);
	env_fini(&env);

	/* Without a walk cache the leaf invalidation was enough. */
	env_init(&env, false, false);
	set_page(&env, 0x5000, 0x88885000ull | AF | PAGE);
	iotlb_access(env.tlb, 0x5000, R);
	unlink_and_free_l3(&env);
	CHECK_EQ_U64(iotlb_access(env.tlb, 0x5000, R).status,
		     XLATE_FAULT_TRANSLATION);
	env_fini(&env);
}

static void test_negative_caching(void)
{
	struct env env;
	struct xlate_result x;

	env_init(&env, false, true);
	x = iotlb_access(env.tlb, 0x7abc, W);
	CHECK_EQ_U64(x.status, XLATE_FAULT_TRANSLATION);
	CHECK(!x.hit);
	CHECK(x.entry.negative);
	CHECK_EQ_U64(x.entry.iova, 0x7000);
	CHECK_EQ_U64(x.entry.size, 0x1000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);

	/* A new mapping is hidden by the cached fault... */
	set_page(&env, 0x7000, 0x77777000ull | AF | PAGE);
	x = iotlb_access(env.tlb, 0x7000, R);
	CHECK_EQ_U64(x.status, XLATE_FAULT_TRANSLATION);
	CHECK(x.hit);
	/* ...but not its neighbour's. */
	set_page(&env, 0x8000, 0x77778000ull | AF | PAGE);
	CHECK_EQ_U64(iotlb_access(env.tlb, 0x8000, R).status, XLATE_OK);
	iotlb_inv_leaf(env.tlb, 0x7000, 0x1000);
	x = iotlb_access(env.tlb, 0x7000, R);
	CHECK_EQ_U64(x.status, XLATE_OK);
	CHECK_EQ_U64(x.pa, 0x77777000ull);

	/* Address-size faults are about the context, not the tables. */
	x = iotlb_access(env.tlb, 1ull << 32, R);
	CHECK_EQ_U64(x.status, XLATE_FAULT_ADDRESS_SIZE);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 2);
	env_fini(&env);

	env_init(&env, false, false);
	x = iotlb_access(env.tlb, 0x7abc, W);
	CHECK_EQ_U64(x.status, XLATE_FAULT_TRANSLATION);
	CHECK(!x.entry.negative);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);
	set_page(&env, 0x7000, 0x77777000ull | AF | PAGE);
	CHECK_EQ_U64(iotlb_access(env.tlb, 0x7000, R).status, XLATE_OK);
	env_fini(&env);
}

/* Negative entries cover the context's smallest page: 16K on this DART. */
static void test_negative_entry_size(void)
{
	struct fake_phys *fp = fake_phys_create();
	struct phys_reader mem = fake_phys_reader(fp);
	struct hw_context hw = {
		.fmt = PT_APPLE_DART,
		.ias = 36,
		.oas = 36,
		.pgsize_bitmap = 0x4000,
		.dart = { .ttbr = { 0x100000 }, .n_ttbrs = 1 },
	};
	struct iotlb_config cfg = { .cache_not_present = true };
	struct iotlb *tlb;
	struct xlate_result x;

	fake_phys_add(fp, 0x100000, 0x4000);
	tlb = iotlb_create(&cfg, &hw, &mem);
	x = iotlb_access(tlb, 0x12345678ull, R);
	CHECK_EQ_U64(x.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(x.entry.iova, 0x12344000ull);
	CHECK_EQ_U64(x.entry.size, 0x4000);
	CHECK(iotlb_access(tlb, 0x12347fffull, R).hit);
	CHECK(!iotlb_access(tlb, 0x12348000ull, R).hit);
	iotlb_destroy(tlb);
	fake_phys_destroy(fp);
}

static void test_oldest_entry_wins(void)
{
	struct env env;
	struct xlate_result x;

	env_init(&env, false, true);
	set_page(&env, 0x5000, 0x88885000ull | AF | PAGE);
	x = iotlb_access(env.tlb, 0x5000, R);
	CHECK_EQ_U64(x.entry.fill_seq, 1);
	/* Negative entry at 0x7000, filled second. */
	CHECK_EQ_U64(iotlb_access(env.tlb, 0x7000, R).status,
		     XLATE_FAULT_TRANSLATION);

	/* The range becomes a 2M block; a third access caches it. */
	fake_phys_write64(env.fp, L2, 0x40000000ull | AF | BLOCK);
	x = iotlb_access(env.tlb, 0x6000, R);
	CHECK(!x.hit);
	CHECK_EQ_U64(x.pa, 0x40006000ull);
	CHECK_EQ_U64(x.entry.size, 0x200000);
	CHECK_EQ_U64(x.entry.fill_seq, 3);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 3);

	/* Where entries overlap, the older one answers. */
	x = iotlb_access(env.tlb, 0x5004, R);
	CHECK(x.hit);
	CHECK_EQ_U64(x.pa, 0x88885004ull);
	CHECK_EQ_U64(x.entry.size, 0x1000);
	CHECK_EQ_U64(x.entry.fill_seq, 1);
	x = iotlb_access(env.tlb, 0x7004, R);
	CHECK(x.hit);
	CHECK_EQ_U64(x.status, XLATE_FAULT_TRANSLATION);
	CHECK_EQ_U64(x.entry.fill_seq, 2);

	/* Invalidating the page also takes the block overlapping it. */
	iotlb_inv_leaf(env.tlb, 0x5000, 0x1000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	x = iotlb_access(env.tlb, 0x5004, R);
	CHECK(!x.hit);
	CHECK_EQ_U64(x.pa, 0x40005004ull);
	/* The old negative entry still shadows the new block. */
	CHECK_EQ_U64(iotlb_access(env.tlb, 0x7004, R).status,
		     XLATE_FAULT_TRANSLATION);
	env_fini(&env);
}

static void test_permission_fault_keeps_entry(void)
{
	struct env env;
	struct xlate_result x;

	env_init(&env, false, false);
	set_page(&env, 0x5000, 0x88885000ull | AF | RDONLY | PAGE);
	x = iotlb_access(env.tlb, 0x5008, W);
	CHECK_EQ_U64(x.status, XLATE_FAULT_PERMISSION);
	CHECK(!x.hit);
	CHECK_EQ_U64(x.perm, R);
	CHECK_EQ_U64(x.pa, 0x88885008ull);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);

	x = iotlb_access(env.tlb, 0x5008, R);
	CHECK_EQ_U64(x.status, XLATE_OK);
	CHECK(x.hit);
	x = iotlb_access(env.tlb, 0x5008, W);
	CHECK_EQ_U64(x.status, XLATE_FAULT_PERMISSION);
	CHECK(x.hit);
	env_fini(&env);
}

static void test_prefetch(void)
{
	struct env env;
	struct xlate_result x;
	const struct iotlb_stats *st;

	env_init(&env, true, false);
	set_page(&env, 0x5000, 0x88885000ull | AF | RDONLY | PAGE);
	iotlb_prefetch(env.tlb, 0x5000);
	st = iotlb_stats(env.tlb);
	CHECK_EQ_U64(st->accesses, 0);
	CHECK_EQ_U64(st->walks, 1);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 2);

	/* Already cached: no second walk. */
	iotlb_prefetch(env.tlb, 0x5800);
	CHECK_EQ_U64(st->walks, 1);

	x = iotlb_access(env.tlb, 0x5000, W);
	CHECK(x.hit);
	CHECK_EQ_U64(x.status, XLATE_FAULT_PERMISSION);
	CHECK_EQ_U64(x.entry.fill_seq, 1);

	/* Faults are not cached without negative caching. */
	iotlb_prefetch(env.tlb, 0x9000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	env_fini(&env);

	env_init(&env, true, true);
	iotlb_prefetch(env.tlb, 0x9000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	x = iotlb_access(env.tlb, 0x9000, R);
	CHECK(x.hit);
	CHECK(x.entry.negative);

	/* A walk into a freed table fills nothing. */
	fake_phys_free(env.fp, L3);
	iotlb_prefetch(env.tlb, 0xa000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK_EQ_U64(iotlb_access(env.tlb, 0xa000, R).status,
		     XLATE_WALK_FREED);
	env_fini(&env);
}

static void test_unbacked_not_cached(void)
{
	struct env env;
	struct xlate_result x;

	env_init(&env, true, true);
	fake_phys_write64(env.fp, L2 + 8, 0x7000000ull | TABLE);
	x = iotlb_access(env.tlb, 0x200000, R);
	CHECK_EQ_U64(x.status, XLATE_WALK_UNBACKED);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);
	/* The table descriptor pointing there was valid, so it is cached. */
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 2);
	env_fini(&env);
}

static void test_wrap_around_ranges(void)
{
	struct env env;

	env_init(&env, true, false);
	set_page(&env, 0x5000, 0x88885000ull | AF | PAGE);
	iotlb_access(env.tlb, 0x5000, R);

	/* Runs off the top: stops there, does not wrap to 0. */
	iotlb_inv_range(env.tlb, 0xfffffffffffff000ull, 0x2000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 2);

	/* Everything from 0x6000 up: the page survives, its tables do not. */
	iotlb_inv_range(env.tlb, 0x6000, UINT64_MAX);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 0);

	/* An empty range is nothing. */
	iotlb_inv_leaf(env.tlb, 0x5000, 0);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);

	iotlb_inv_leaf(env.tlb, 0x5fff, UINT64_MAX);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);

	/* The whole address space in one go. */
	iotlb_access(env.tlb, 0x5000, R);
	iotlb_inv_range(env.tlb, 0, UINT64_MAX);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);
	CHECK_EQ_U64(iotlb_nr_walk_entries(env.tlb), 0);
	env_fini(&env);
}

struct tally {
	unsigned int n;
	uint64_t bytes;
};

static void tally_entry(void *arg, const struct iotlb_entry *e)
{
	struct tally *t = arg;

	t->n++;
	t->bytes += e->size;
}

static void test_for_each_and_growth(void)
{
	struct env env;
	struct tally t = { 0 };
	uint64_t i;

	env_init(&env, false, true);
	/* Enough entries to grow the arrays a few times. */
	for (i = 0; i < 0x100; i += 2)
		set_page(&env, i << 12,
			 (0x10000000ull + (i << 12)) | AF | PAGE);
	for (i = 0; i < 0x100; i++)
		iotlb_access(env.tlb, i << 12, R);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0x100);
	iotlb_for_each(env.tlb, tally_entry, &t);
	CHECK_EQ_U64(t.n, 0x100);
	CHECK_EQ_U64(t.bytes, 0x100000);
	CHECK_EQ_U64(iotlb_access(env.tlb, 0x42000, R).pa, 0x10042000ull);
	CHECK_EQ_U64(iotlb_access(env.tlb, 0x43000, R).status,
		     XLATE_FAULT_TRANSLATION);

	iotlb_inv_leaf(env.tlb, 0x10000, 0x10000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0xf0);
	env_fini(&env);
	iotlb_destroy(NULL);
}

/* The 2M block at IOVA [2M, 4M), output 0x40000000, beside the L3 table. */
#define BLK_IOVA 0x200000ull
#define BLK_PA 0x40000000ull

static void env_init_policy(struct env *env, enum iotlb_entry_policy policy)
{
	struct iotlb_config cfg = {.entries = policy};

	env_init(env, false, false);
	iotlb_destroy(env->tlb);
	env->tlb = iotlb_create(&cfg, &env->hw, &env->mem);
	fake_phys_write64(env->fp, L2 + 8, BLK_PA | AF | BLOCK);
}

static void test_splintered_fill(void)
{
	struct env env;
	struct xlate_result x;

	env_init_policy(&env, IOTLB_ENTRIES_SPLINTERED);
	x = iotlb_access(env.tlb, BLK_IOVA + 0x1234, R);
	CHECK_EQ_U64(x.status, XLATE_OK);
	CHECK_EQ_U64(x.pa, BLK_PA + 0x1234);
	CHECK_EQ_U64(x.entry.iova, BLK_IOVA + 0x1000);
	CHECK_EQ_U64(x.entry.size, 0x1000);
	CHECK_EQ_U64(x.entry.pa, BLK_PA + 0x1000);
	CHECK_EQ_U64(x.entry.leaf_iova, BLK_IOVA);
	CHECK_EQ_U64(x.entry.leaf_size, 0x200000);

	/* another page of the block is a miss, and a splinter of its own */
	x = iotlb_access(env.tlb, BLK_IOVA + 0x1ff000, R);
	CHECK(!x.hit);
	CHECK_EQ_U64(x.pa, BLK_PA + 0x1ff000);
	CHECK(iotlb_access(env.tlb, BLK_IOVA + 0x1fff, R).hit);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 2);
	CHECK_EQ_U64(iotlb_stats(env.tlb)->splinters, 2);

	/* a page is never splintered: it is the smallest size already */
	set_page(&env, 0x5000, 0x88885000ull | AF | PAGE);
	x = iotlb_access(env.tlb, 0x5000, R);
	CHECK_EQ_U64(x.entry.size, 0x1000);
	CHECK_EQ_U64(x.entry.leaf_size, 0x1000);
	CHECK_EQ_U64(iotlb_stats(env.tlb)->splinters, 2);
	CHECK(!strcmp(iotlb_entry_policy_name(IOTLB_ENTRIES_SPLINTERED),
		      "splintered"));
	CHECK(!strcmp(iotlb_entry_policy_name(IOTLB_ENTRIES_NR), "?"));
	env_fini(&env);
}

/*
 * Arm ARM D8.17: splinters of a block are invalidated together, whichever
 * address of the block the command names.
 */
static void test_splinters_go_with_their_leaf(void)
{
	struct env env;

	env_init_policy(&env, IOTLB_ENTRIES_SPLINTERED);
	set_page(&env, 0x5000, 0x88885000ull | AF | PAGE);
	iotlb_access(env.tlb, 0x5000, R);
	iotlb_access(env.tlb, BLK_IOVA, R);
	iotlb_access(env.tlb, BLK_IOVA + 0x7000, R);
	iotlb_access(env.tlb, BLK_IOVA + 0x1ff000, R);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 4);

	/* no splinter holds 0x300000, yet all three go; the page stays */
	iotlb_inv_leaf(env.tlb, BLK_IOVA + 0x100000, 0x1000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK(iotlb_access(env.tlb, 0x5000, R).hit);
	env_fini(&env);
}

/* A mixed TLB holds some blocks whole and splinters others. */
static void test_mixed_entries(void)
{
	struct env env;
	struct xlate_result whole, splinter;

	env_init_policy(&env, IOTLB_ENTRIES_MIXED);
	whole = iotlb_access(env.tlb, BLK_IOVA + 0x3000, R);
	iotlb_inv_all(env.tlb);
	splinter = iotlb_access(env.tlb, BLK_IOVA + 0x3000, R);
	/* fill 1 and fill 2 of the same block differ, whichever is first */
	CHECK(whole.entry.size != splinter.entry.size);
	CHECK_EQ_U64(whole.pa, splinter.pa);
	CHECK_EQ_U64(whole.entry.leaf_size, 0x200000);
	CHECK_EQ_U64(splinter.entry.leaf_size, 0x200000);
	CHECK_EQ_U64(iotlb_stats(env.tlb)->splinters, 1);
	env_fini(&env);
}

/*
 * A command per step: a leaf between two steps stays (what a 4K page in
 * a gather stepped at 2M gets), a leaf a step lands in goes.
 */
static void test_stepped_invalidation(void)
{
	struct env env;

	env_init_policy(&env, IOTLB_ENTRIES_WHOLE);
	set_page(&env, 0x5000, 0x88885000ull | AF | PAGE);
	iotlb_access(env.tlb, 0x5000, R);
	iotlb_access(env.tlb, BLK_IOVA, R);

	/* steps at 0x4000 and 0x204000: the block, not the page */
	iotlb_inv_leaf_stepped(env.tlb, 0x4000, 0x3fc000, 0x200000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK(iotlb_access(env.tlb, 0x5000, R).hit);
	CHECK(!iotlb_access(env.tlb, BLK_IOVA, R).hit);

	/* the steps stop before the end of the range */
	iotlb_inv_leaf_stepped(env.tlb, 0x1ff000, 0x1000, 0x200000);
	CHECK(iotlb_access(env.tlb, BLK_IOVA, R).hit);
	/* a step of the page size reaches everything */
	iotlb_inv_leaf_stepped(env.tlb, 0x5000, 0x1fb000 + 0x1000, 0x1000);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);

	/* near the top, the next step would wrap: it is not there */
	iotlb_access(env.tlb, 0x5000, R);
	iotlb_inv_leaf_stepped(env.tlb, 0xfffffffffffff000ull, 0x1000,
			       0x200000);
	iotlb_inv_leaf_stepped(env.tlb, 0x6000, UINT64_MAX, 1ull << 63);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK_EQ_U64(iotlb_stats(env.tlb)->inv_stepped, 5);
	env_fini(&env);
}

/*
 * A level hint promises the size of every leaf in the range; the entries
 * of leaves of another size need not go (Arm ARM D8.17.5), so they stay.
 */
static void test_hinted_invalidation(void)
{
	struct env env;

	env_init_policy(&env, IOTLB_ENTRIES_SPLINTERED);
	set_page(&env, 0x5000, 0x88885000ull | AF | PAGE);
	iotlb_access(env.tlb, 0x5000, R);
	iotlb_access(env.tlb, BLK_IOVA, R);
	iotlb_access(env.tlb, BLK_IOVA + 0x10000, R);

	/* a 4K hint over the page and the 2M leaf: only the page goes */
	CHECK_EQ_U64(iotlb_inv_leaf_hinted(env.tlb, 0, 0x400000, 0x1000), 2);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 2);
	CHECK(!iotlb_access(env.tlb, 0x5000, R).hit);
	/* nor does a 4K hint over part of the block remove its splinters */
	CHECK_EQ_U64(iotlb_inv_leaf_hinted(env.tlb, BLK_IOVA, 0x1000, 0x1000),
		     2);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 3);
	/* the block's own level over part of it: both splinters go */
	CHECK_EQ_U64(iotlb_inv_leaf_hinted(env.tlb, BLK_IOVA + 0x1000, 0x1000,
					   0x200000),
		     0);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK_EQ_U64(iotlb_inv_leaf_hinted(env.tlb, 0x5000, 0x1000, 0x1000), 0);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);
	CHECK_EQ_U64(iotlb_inv_leaf_hinted(env.tlb, 0x5000, 0, 0x1000), 0);
	CHECK_EQ_U64(iotlb_stats(env.tlb)->inv_hinted, 5);
	env_fini(&env);

	/* a cached fault has no level: any hint removes it */
	env_init(&env, false, true);
	iotlb_access(env.tlb, 0x7000, R);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 1);
	CHECK_EQ_U64(iotlb_inv_leaf_hinted(env.tlb, 0x7000, 0x1000, 0x200000),
		     0);
	CHECK_EQ_U64(iotlb_nr_entries(env.tlb), 0);
	env_fini(&env);
}

int main(void)
{
	RUN_TEST(test_hit_after_fill);
	RUN_TEST(test_stale_until_invalidated);
	RUN_TEST(test_invalidation_scopes);
	RUN_TEST(test_walk_cache_sees_freed_table);
	RUN_TEST(test_negative_caching);
	RUN_TEST(test_negative_entry_size);
	RUN_TEST(test_oldest_entry_wins);
	RUN_TEST(test_permission_fault_keeps_entry);
	RUN_TEST(test_prefetch);
	RUN_TEST(test_unbacked_not_cached);
	RUN_TEST(test_wrap_around_ranges);
	RUN_TEST(test_for_each_and_growth);
	RUN_TEST(test_splintered_fill);
	RUN_TEST(test_splinters_go_with_their_leaf);
	RUN_TEST(test_mixed_entries);
	RUN_TEST(test_stepped_invalidation);
	RUN_TEST(test_hinted_invalidation);
	return check_summary();
}
