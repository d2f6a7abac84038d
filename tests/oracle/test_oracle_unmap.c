// SPDX-License-Identifier: GPL-2.0-only
/*
 * The oracle's API state under map and unmap: views, maximal extents, and
 * every rule for judging an unmap() return value, including 64-bit edges.
 */
#include "check.h"
#include "oracle_test_util.h"

static void test_map_and_view(void)
{
	struct oracle *o = oracle_new();
	struct oracle_view v;

	oracle_map_ok(o, 0x10000, 0x80000000, 0x3000, RW);

	oracle_view(o, 0x11234, &v);
	CHECK(v.mapped);
	CHECK(!v.none_allowed);
	CHECK_EQ_U64(v.current.pa, 0x80001000);
	CHECK_EQ_U64(v.current.prot, RW);
	CHECK_EQ_U64(v.nr_stale, 0);
	CHECK_EQ_U64(v.region_start, 0x10000);
	CHECK_EQ_U64(v.region_end, 0x12fff);

	oracle_view(o, 0x13000, &v);
	CHECK(!v.mapped);
	CHECK(v.none_allowed);
	oracle_view(o, 0xffff, &v);
	CHECK(!v.mapped);

	CHECK_EQ_U64(oracle_nr_extents(o), 1);
	oracle_destroy(o);
}

static void test_for_each_extent_merges(void)
{
	struct oracle *o = oracle_new();
	struct extent_log log;

	/* Two map() calls continuing each other: one maximal extent. */
	oracle_map_ok(o, 0x0, 0x100000, SZ_4K, RW);
	oracle_map_ok(o, 0x1000, 0x101000, SZ_4K, RW);
	/* Contiguous PA, other prot: separate. */
	oracle_map_ok(o, 0x2000, 0x102000, SZ_4K, RO);
	/* Same prot, PA not contiguous: separate. */
	oracle_map_ok(o, 0x3000, 0x200000, SZ_4K, RO);
	/* Contiguous PA and prot, but a hole in IOVA: separate. */
	oracle_map_ok(o, 0x5000, 0x202000, SZ_4K, RO);

	log = collect_extents(o);
	CHECK_EQ_U64(log.n, 4);
	CHECK_EQ_U64(oracle_nr_extents(o), 4);
	CHECK_EQ_U64(log.v[0].iova, 0x0);
	CHECK_EQ_U64(log.v[0].size, 0x2000);
	CHECK_EQ_U64(log.v[0].pa, 0x100000);
	CHECK_EQ_U64(log.v[0].prot, RW);
	CHECK_EQ_U64(log.v[1].iova, 0x2000);
	CHECK_EQ_U64(log.v[1].size, 0x1000);
	CHECK_EQ_U64(log.v[1].prot, RO);
	CHECK_EQ_U64(log.v[2].iova, 0x3000);
	CHECK_EQ_U64(log.v[2].pa, 0x200000);
	CHECK_EQ_U64(log.v[3].iova, 0x5000);

	/* A split and refilled extent is reported whole again. */
	CHECK(do_unmap(o, 0x1000, SZ_4K, SZ_4K, ORACLE_TAG_STRICT) ==
	      ORACLE_OK);
	log = collect_extents(o);
	CHECK_EQ_U64(log.n, 4);
	CHECK_EQ_U64(log.v[0].size, 0x1000);
	oracle_map_ok(o, 0x1000, 0x101000, SZ_4K, RW);
	log = collect_extents(o);
	CHECK_EQ_U64(log.n, 4);
	CHECK_EQ_U64(log.v[0].size, 0x2000);

	/* Mapping over everything replaces it. */
	oracle_map_ok(o, 0x0, 0x900000, 0x6000, RW);
	log = collect_extents(o);
	CHECK_EQ_U64(log.n, 1);
	CHECK_EQ_U64(log.v[0].iova, 0);
	CHECK_EQ_U64(log.v[0].size, 0x6000);
	CHECK_EQ_U64(log.v[0].pa, 0x900000);
	oracle_destroy(o);
}

static void test_unmap_exact(void)
{
	struct oracle *o = oracle_new();
	struct oracle_view v;

	oracle_map_ok(o, SZ_2M, 0x40000000, SZ_2M, RW);
	CHECK(do_unmap(o, SZ_2M, SZ_2M, SZ_2M, ORACLE_TAG_STRICT) ==
	      ORACLE_OK);
	oracle_view(o, SZ_2M, &v);
	CHECK(!v.mapped && v.none_allowed && v.nr_stale == 0);
	CHECK_EQ_U64(oracle_nr_pending(o, ORACLE_TAG_ALL), 0);
	CHECK_EQ_U64(oracle_nr_extents(o), 0);
	oracle_destroy(o);
}

static void test_partial_unmap_split_or_refused(void)
{
	struct oracle *split = oracle_new(), *refused = oracle_new();
	struct oracle_view v;

	/* 6.12 splits the block and unmaps the page. */
	oracle_map_ok(split, 0, 0x80000000, SZ_2M, RW);
	CHECK(do_unmap(split, 0x1000, SZ_4K, SZ_4K, ORACLE_TAG_STRICT) ==
	      ORACLE_OK);
	oracle_view(split, 0x1000, &v);
	CHECK(!v.mapped);
	oracle_view(split, 0x0, &v);
	CHECK(v.mapped && v.current.pa == 0x80000000);
	oracle_view(split, 0x2000, &v);
	CHECK(v.mapped && v.current.pa == 0x80002000);
	/* The pieces still remember the map() call that made them. */
	CHECK_EQ_U64(v.region_start, 0);
	CHECK_EQ_U64(v.region_end, SZ_2M - 1);
	CHECK(do_state(split, 0x1000, false, 0) == ORACLE_OK);
	CHECK(do_state(split, 0x2fff, true, 0x80002fff) == ORACLE_OK);
	/* The rest of the split block is unmapped normally. */
	CHECK(do_unmap(split, 0x2000, SZ_2M - 0x2000, SZ_2M - 0x2000,
		       ORACLE_TAG_STRICT) == ORACLE_OK);
	CHECK_EQ_U64(oracle_nr_extents(split), 1);

	/* Newer kernels refuse: 0 and nothing changes. */
	oracle_map_ok(refused, 0, 0x80000000, SZ_2M, RW);
	CHECK(do_unmap(refused, 0x1000, SZ_4K, 0, ORACLE_TAG_STRICT) ==
	      ORACLE_OK);
	oracle_view(refused, 0x1000, &v);
	CHECK(v.mapped && v.current.pa == 0x80001000);
	/* Refusing a request that starts at the block but ends inside it. */
	CHECK(do_unmap(refused, 0, SZ_4K, 0, ORACLE_TAG_STRICT) == ORACLE_OK);
	/* A request covering one block and cutting into the next. */
	oracle_map_ok(refused, SZ_2M, 0x90000000, SZ_2M, RW);
	CHECK(do_unmap(refused, 0, SZ_2M + SZ_4K, SZ_2M, ORACLE_TAG_STRICT) ==
	      ORACLE_OK);
	oracle_view(refused, 0, &v);
	CHECK(!v.mapped);
	oracle_view(refused, SZ_2M, &v);
	CHECK(v.mapped);
	/* A request starting inside a block, refused at its start. */
	CHECK(do_unmap(refused, SZ_2M + SZ_1M, SZ_2M, 0, ORACLE_TAG_STRICT) ==
	      ORACLE_OK);

	oracle_destroy(split);
	oracle_destroy(refused);
}

static void test_early_stop_at_hole(void)
{
	struct oracle *o = oracle_new();
	struct oracle_view v;

	oracle_map_ok(o, 0, 0x80000000, SZ_8K, RW);
	oracle_map_ok(o, 0x3000, 0x90000000, SZ_4K, RW);
	/* io-pgtable stops at the hole at 0x2000. */
	CHECK(do_unmap(o, 0, SZ_16K, SZ_8K, ORACLE_TAG_STRICT) == ORACLE_OK);
	oracle_view(o, 0x1000, &v);
	CHECK(!v.mapped);
	oracle_view(o, 0x3000, &v);
	CHECK(v.mapped);
	/* A request starting at a hole may unmap nothing. */
	CHECK(do_unmap(o, 0x2000, SZ_8K, 0, ORACLE_TAG_STRICT) == ORACLE_OK);
	/* Drivers where holes succeed report the whole request. */
	CHECK(do_unmap(o, 0x2000, SZ_8K, SZ_8K, ORACLE_TAG_STRICT) ==
	      ORACLE_OK);
	CHECK_EQ_U64(oracle_nr_extents(o), 0);
	/* Nothing mapped at all. */
	CHECK(do_unmap(o, 0x5000, SZ_4K, 0, ORACLE_TAG_STRICT) == ORACLE_OK);
	oracle_destroy(o);
}

static void test_early_stop_without_reason(void)
{
	struct oracle *o = oracle_new();
	struct oracle_view v;

	oracle_map_ok(o, 0, 0x80000000, SZ_16K, RW);
	CHECK(do_unmap(o, 0, SZ_16K, SZ_8K, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);
	CHECK(why_one_line());
	CHECK(why_has("iova 0x2000"));
	CHECK(why_has("pa 0x80002000"));
	/* The claimed removal is applied anyway. */
	oracle_view(o, 0x1000, &v);
	CHECK(!v.mapped);
	oracle_view(o, 0x2000, &v);
	CHECK(v.mapped);

	/* 0 for a mapping the request fully covers. */
	oracle_map_ok(o, 0x10000, 0x90000000, SZ_8K, RW);
	CHECK(do_unmap(o, 0x10000, SZ_8K, 0, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);
	CHECK(why_has("iova 0x10000"));

	/* Stopping between two mappings both fully covered. */
	oracle_map_ok(o, 0x20000, 0xa0000000, SZ_8K, RW);
	oracle_map_ok(o, 0x22000, 0xb0000000, SZ_8K, RW);
	CHECK(do_unmap(o, 0x20000, SZ_16K, SZ_8K, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);
	CHECK(why_has("0x22000"));
	oracle_destroy(o);
}

static void test_unmap_result_format(void)
{
	struct oracle *o = oracle_new();
	struct oracle_view v;

	oracle_map_ok(o, 0, 0x80000000, SZ_16K, RW);
	/* Not a multiple of the page size. */
	CHECK(do_unmap(o, 0, SZ_16K, 0x1800, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);
	CHECK(why_has("page size"));
	/* ...and the page it touched is treated as removed. */
	oracle_view(o, 0x1000, &v);
	CHECK(!v.mapped);
	oracle_view(o, 0x2000, &v);
	CHECK(v.mapped);

	/* Size 0. */
	CHECK(do_unmap(o, 0x2000, 0, 0, ORACLE_TAG_STRICT) == ORACLE_OK);
	CHECK(do_unmap(o, 0x2000, 0, SZ_4K, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);

	/* Unaligned requests are rejected by the core. */
	oracle_map_ok(o, 0x10000, 0x90000000, SZ_16K, RW);
	CHECK(do_unmap(o, 0x10800, SZ_4K, 0, ORACLE_TAG_STRICT) == ORACLE_OK);
	CHECK(do_unmap(o, 0x10000, 0x800, 0, ORACLE_TAG_STRICT) == ORACLE_OK);
	CHECK(do_unmap(o, 0x10800, SZ_4K, SZ_4K, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);
	CHECK(why_has("not aligned"));

	/* Past the IOVA limit. */
	oracle_map_ok(o, (1ull << 48) - SZ_8K, 0xc0000000, SZ_8K, RW);
	CHECK(do_unmap(o, (1ull << 48) - SZ_8K, SZ_8K, SZ_16K,
		       ORACLE_TAG_STRICT) == ORACLE_BAD_RESULT);
	CHECK(why_has("last IOVA 0xffffffffffff"));
	oracle_destroy(o);
}

static void test_over_unmap(void)
{
	struct oracle *o = oracle_new();
	struct oracle_view v;

	/* Finishing the block the request cut into. */
	oracle_map_ok(o, 0, 0x80000000, SZ_2M, RW);
	CHECK(do_unmap(o, 0, SZ_4K, SZ_2M, ORACLE_TAG_STRICT) == ORACLE_OK);
	CHECK_EQ_U64(oracle_nr_extents(o), 0);

	/* Inside one large map() region, stopping anywhere in it is fine. */
	oracle_map_ok(o, 0, 0x80000000, SZ_4M, RW);
	CHECK(do_unmap(o, 0, SZ_2M + SZ_4K, SZ_4M, ORACLE_TAG_STRICT) ==
	      ORACLE_OK);
	oracle_map_ok(o, 0, 0x80000000, SZ_4M, RW);
	CHECK(do_unmap(o, 0, SZ_4K, SZ_8K, ORACLE_TAG_STRICT) == ORACLE_OK);
	CHECK(do_unmap(o, SZ_8K, SZ_4M - SZ_8K, SZ_4M - SZ_8K,
		       ORACLE_TAG_STRICT) == ORACLE_OK);

	/* The excess runs into the next map() call: rejected. */
	oracle_map_ok(o, 0, 0x80000000, SZ_2M, RW);
	oracle_map_ok(o, SZ_2M, 0x80200000, SZ_2M, RW);
	CHECK(do_unmap(o, 0, SZ_4K, SZ_4M, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);
	CHECK(why_has("excess iova 0x200000"));
	CHECK(why_one_line());
	/* ...and the claim is applied. */
	oracle_view(o, SZ_2M, &v);
	CHECK(!v.mapped);

	/* The last requested page is a hole. */
	oracle_map_ok(o, 0x1000, 0x80000000, SZ_4K, RW);
	CHECK(do_unmap(o, 0, SZ_4K, SZ_8K, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);
	CHECK(why_has("last requested page 0x0"));

	/* A hole in the excess (the block was split before). */
	oracle_map_ok(o, 0, 0x80000000, SZ_2M, RW);
	CHECK(do_unmap(o, SZ_1M, SZ_4K, SZ_4K, ORACLE_TAG_STRICT) ==
	      ORACLE_OK);
	CHECK(do_unmap(o, 0, SZ_4K, SZ_2M, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);
	CHECK(why_has("excess iova 0x100000 is not mapped"));

	/* A page of another map() call in the excess. */
	oracle_map_ok(o, 0, 0x80000000, SZ_2M, RW);
	oracle_map_ok(o, SZ_1M, 0x90000000, SZ_4K, RW);
	CHECK(do_unmap(o, 0, SZ_4K, SZ_2M, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);
	CHECK(why_has("excess iova 0x100000 belongs to map [0x100000"));
	oracle_destroy(o);
}

static void test_64bit_edges(void)
{
	struct oracle *o = oracle_new_full(SZ_4K, 0, true, true);
	const uint64_t top = UINT64_MAX - SZ_2M + 1;
	struct extent_log log;
	struct oracle_view v;

	oracle_map_ok(o, top, 0x80000000, SZ_2M, RW);
	oracle_view(o, UINT64_MAX, &v);
	CHECK(v.mapped);
	CHECK_EQ_U64(v.current.pa, 0x80000000 + SZ_2M - SZ_4K);
	CHECK_EQ_U64(v.region_start, top);
	CHECK_EQ_U64(v.region_end, UINT64_MAX);
	CHECK(do_state(o, UINT64_MAX, true, 0x80000000 + SZ_2M - 1) ==
	      ORACLE_OK);
	log = collect_extents(o);
	CHECK_EQ_U64(log.n, 1);
	CHECK_EQ_U64(log.v[0].iova, top);
	CHECK_EQ_U64(log.v[0].size, SZ_2M);

	/* A cached entry reaching 2^64 - 1. */
	CHECK(do_entry(o, top, SZ_2M, 0x80000000, P_RW, false) == ORACLE_OK);
	CHECK(do_entry(o, top, SZ_2M, 0x80001000, P_RW, false) != ORACLE_OK);

	/* Unmapping up to exactly 2^64 is fine, past it is not. */
	CHECK(do_unmap(o, UINT64_MAX - SZ_4K + 1, SZ_4K, SZ_8K,
		       ORACLE_TAG_STRICT) == ORACLE_BAD_RESULT);
	CHECK(why_has("2^64"));
	oracle_map_ok(o, top, 0x80000000, SZ_2M, RW);
	CHECK(do_unmap(o, top, SZ_2M, 0, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);
	/* A request wrapping past 2^64 may stop at 2^64. */
	CHECK(do_unmap(o, top, SZ_4M, SZ_2M, ORACLE_TAG_STRICT) == ORACLE_OK);
	CHECK_EQ_U64(oracle_nr_extents(o), 0);
	oracle_map_ok(o, top, 0x80000000, SZ_2M, RW);
	CHECK(do_unmap(o, top, SZ_2M, SZ_2M, ORACLE_TAG_FQ) == ORACLE_OK);
	oracle_view(o, UINT64_MAX, &v);
	CHECK(!v.mapped && v.nr_stale == 1);
	CHECK(do_access(o, UINT64_MAX, P_R,
			obs_ok(0x80000000 + SZ_2M - 1, P_RW)) == ORACLE_OK);
	oracle_flush_all(o);
	CHECK(do_access(o, UINT64_MAX, P_R,
			obs_ok(0x80000000 + SZ_2M - 1, P_RW)) == ORACLE_STALE);

	/* Two halves of the space, one linear run: 2^64 has no size. */
	oracle_map_ok(o, 0, 0, 1ull << 63, RW);
	oracle_map_ok(o, 1ull << 63, 1ull << 63, 1ull << 63, RW);
	log = collect_extents(o);
	CHECK_EQ_U64(log.n, 2);
	CHECK_EQ_U64(log.v[0].size, 1ull << 63);
	CHECK_EQ_U64(log.v[1].size, 1ull << 63);
	CHECK(do_entry(o, 0, UINT64_MAX, 0, P_RW, false) == ORACLE_OK);
	/* One page less, and it is one run again. */
	CHECK(do_unmap(o, UINT64_MAX - SZ_4K + 1, SZ_4K, SZ_4K,
		       ORACLE_TAG_STRICT) == ORACLE_OK);
	log = collect_extents(o);
	CHECK_EQ_U64(log.n, 1);
	CHECK_EQ_U64(log.v[0].size, UINT64_MAX - SZ_4K + 1);
	oracle_destroy(o);

	/* A 48-bit domain: nothing lives past the limit. */
	o = oracle_new();
	oracle_view(o, 1ull << 48, &v);
	CHECK(!v.mapped && v.none_allowed);
	CHECK(do_unmap(o, 1ull << 48, SZ_4K, 0, ORACLE_TAG_STRICT) ==
	      ORACLE_OK);
	CHECK(do_unmap(o, 1ull << 48, SZ_4K, SZ_4K, ORACLE_TAG_STRICT) ==
	      ORACLE_BAD_RESULT);
	oracle_destroy(o);
}

static void test_create_rejects_bad_config(void)
{
	CHECK(oracle_new_full(0, 0, true, true) == NULL);
	CHECK(oracle_new_full(0x3000, 0, true, true) == NULL);
	oracle_destroy(NULL);
}

/*
 * The ranged walk reports exactly the maximal extents of the whole walk
 * that overlap the range, each whole, even when the range starts inside
 * a run that two map() calls made.
 */
static void test_for_each_extent_in_range(void)
{
	struct oracle *o = oracle_new();
	struct extent_log all = {0}, part;

	oracle_map_ok(o, 0x0, 0x100000, SZ_4K, RW);
	oracle_map_ok(o, 0x1000, 0x101000, SZ_4K, RW);
	oracle_map_ok(o, 0x2000, 0x102000, SZ_4K, RO);
	oracle_map_ok(o, 0x5000, 0x202000, SZ_8K, RO);
	oracle_map_ok(o, 0x10000, 0x300000, SZ_4K, RW);
	oracle_for_each_extent(o, extent_log_add, &all);
	CHECK_EQ_U64(all.n, 4);

	for (uint64_t first = 0; first < 0x12000; first += 0x800) {
		for (uint64_t last = first; last < 0x12000; last += 0xc00) {
			size_t want = 0, k = 0;

			memset(&part, 0, sizeof(part));
			oracle_for_each_extent_in(o, first, last,
						  extent_log_add, &part);
			for (size_t i = 0; i < all.n; i++) {
				uint64_t end = all.v[i].iova + all.v[i].size - 1;

				if (all.v[i].iova > last || end < first)
					continue;
				want++;
				CHECK(k < part.n &&
				      part.v[k].iova == all.v[i].iova &&
				      part.v[k].size == all.v[i].size &&
				      part.v[k].pa == all.v[i].pa);
				k++;
			}
			CHECK_EQ_U64(part.n, want);
			CHECK_EQ_U64(oracle_maps_any_in(o, first, last),
				     want > 0);
		}
	}
	/* from inside the first run: it is reported from its start */
	memset(&part, 0, sizeof(part));
	oracle_for_each_extent_in(o, 0x1800, 0x1800, extent_log_add, &part);
	CHECK_EQ_U64(part.n, 1);
	CHECK_EQ_U64(part.v[0].iova, 0);
	CHECK_EQ_U64(part.v[0].size, 0x2000);
	oracle_destroy(o);
}

int main(void)
{
	RUN_TEST(test_map_and_view);
	RUN_TEST(test_for_each_extent_merges);
	RUN_TEST(test_for_each_extent_in_range);
	RUN_TEST(test_unmap_exact);
	RUN_TEST(test_partial_unmap_split_or_refused);
	RUN_TEST(test_early_stop_at_hole);
	RUN_TEST(test_early_stop_without_reason);
	RUN_TEST(test_unmap_result_format);
	RUN_TEST(test_over_unmap);
	RUN_TEST(test_64bit_edges);
	RUN_TEST(test_create_rejects_bad_config);
	return check_summary();
}
