// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cached IOTLB entries of any size against many extents, and failed maps
 * judged through a probe of a fake implementation.
 */
#include "check.h"
#include "oracle_test_util.h"

#define BASE 0x40000000ull
#define PBASE 0x100000000ull

/* 512 separate 2M map() calls forming one linear 1G range. */
static struct oracle *oracle_with_1g_of_2m(void)
{
	struct oracle *o = oracle_new();

	for (uint64_t i = 0; i < 512; i++)
		oracle_map_ok(o, BASE + i * SZ_2M, PBASE + i * SZ_2M, SZ_2M,
			      RW);
	return o;
}

static void test_entry_spanning_many_extents(void)
{
	struct oracle *o = oracle_with_1g_of_2m();

	CHECK_EQ_U64(oracle_nr_extents(o), 1);
	CHECK(do_entry(o, BASE, SZ_1G, PBASE, P_RW, false) == ORACLE_OK);
	/* A block-sized entry in the middle. */
	CHECK(do_entry(o, BASE + 7 * SZ_2M, SZ_2M, PBASE + 7 * SZ_2M, P_RW,
		       false) == ORACLE_OK);
	/* Whole entry off by one page. */
	CHECK(do_entry(o, BASE, SZ_1G, PBASE + SZ_4K, P_RW, false) ==
	      ORACLE_WRONG);
	CHECK(why_has("iova 0x40000000:"));
	/* Permissions disagreeing everywhere. */
	CHECK(do_entry(o, BASE, SZ_1G, PBASE, P_R, false) ==
	      ORACLE_PERMISSION);
	CHECK(why_has("iova 0x40000000:"));
	/* A negative entry where pages are mapped. */
	CHECK(do_entry(o, BASE, SZ_1G, 0, 0, true) == ORACLE_MISSING);
	CHECK(why_has("iova 0x40000000:"));
	/* A negative entry over nothing is fine, even a huge one. */
	CHECK(do_entry(o, 0, SZ_1G, 0, 0, true) == ORACLE_OK);
	CHECK(do_entry(o, 1ull << 40, 1ull << 40, 0, 0, true) == ORACLE_OK);
	oracle_destroy(o);
}

static void test_entry_first_offender(void)
{
	struct oracle *o = oracle_with_1g_of_2m();

	/* One block remapped elsewhere: the entry holds its old PA. */
	oracle_map_ok(o, BASE + 300 * SZ_2M, 0x900000000, SZ_2M, RW);
	CHECK(do_entry(o, BASE, SZ_1G, PBASE, P_RW, false) == ORACLE_STALE);
	CHECK(why_has("iova 0x65800000:"));
	CHECK(why_one_line());

	/* One block unmapped strictly, earlier in the range. */
	CHECK(do_unmap(o, BASE + 100 * SZ_2M, SZ_2M, SZ_2M,
		       ORACLE_TAG_STRICT) == ORACLE_OK);
	CHECK(do_entry(o, BASE, SZ_1G, PBASE, P_RW, false) == ORACLE_STALE);
	CHECK(why_has("iova 0x4c800000:"));
	/* Negative entries are fine over the hole, not next to it. */
	CHECK(do_entry(o, BASE + 100 * SZ_2M, SZ_2M, 0, 0, true) == ORACLE_OK);
	CHECK(do_entry(o, BASE + 100 * SZ_2M, SZ_4M, 0, 0, true) ==
	      ORACLE_MISSING);
	CHECK(why_has("iova 0x4ca00000:"));
	oracle_destroy(o);
}

static void test_entry_with_pending(void)
{
	struct oracle *o = oracle_with_1g_of_2m();

	/* A 4K piece of one block unmapped under a gather (a split). */
	CHECK(do_unmap(o, BASE + 200 * SZ_2M + SZ_4K, SZ_4K, SZ_4K, 3) ==
	      ORACLE_OK);
	CHECK(do_entry(o, BASE, SZ_1G, PBASE, P_RW, false) == ORACLE_OK);
	/* A negative entry over the pending page is legal too. */
	CHECK(do_entry(o, BASE + 200 * SZ_2M + SZ_4K, SZ_4K, 0, 0, true) ==
	      ORACLE_OK);
	oracle_sync(o, 3);
	CHECK(do_entry(o, BASE, SZ_1G, PBASE, P_RW, false) == ORACLE_STALE);
	CHECK(why_has("iova 0x59001000:"));
	oracle_destroy(o);
}

static void test_entry_huge_is_not_per_page(void)
{
	/* 2^52 bytes is 2^40 pages: this only returns if done by extents. */
	struct oracle *o = oracle_new_full(SZ_4K, 1ull << 56, true, true);

	oracle_map_ok(o, 0, 1ull << 52, 1ull << 51, RW);
	oracle_map_ok(o, 1ull << 51, (1ull << 52) + (1ull << 51), 1ull << 51,
		      RW);
	CHECK(do_unmap(o, 1ull << 50, SZ_2M, SZ_2M, 5) == ORACLE_OK);
	CHECK(do_entry(o, 0, 1ull << 52, 1ull << 52, P_RW, false) ==
	      ORACLE_OK);
	oracle_sync(o, 5);
	CHECK(do_entry(o, 0, 1ull << 52, 1ull << 52, P_RW, false) ==
	      ORACLE_STALE);
	CHECK(why_has("iova 0x4000000000000:"));
	oracle_destroy(o);
}

/* A fake implementation's tables for map_failed probes. */
struct fake_range {
	uint64_t first, last, pa;
};

struct fake_impl {
	struct fake_range r[8];
	size_t n;
	size_t probes;
};

/* The answer holds up to the range's end or the next range's start. */
static void fake_probe(void *arg, uint64_t iova, bool *mapped, uint64_t *pa,
		       uint64_t *span)
{
	struct fake_impl *f = arg;
	uint64_t next = UINT64_MAX;

	f->probes++;
	*mapped = false;
	*pa = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (f->r[i].first <= iova && iova <= f->r[i].last) {
			*mapped = true;
			*pa = f->r[i].pa + (iova - f->r[i].first);
			*span = f->r[i].last - iova + 1;
			return;
		}
		if (f->r[i].first > iova && f->r[i].first < next)
			next = f->r[i].first;
	}
	*span = next == UINT64_MAX ? 1ull << 62 : next - iova;
}

static void fake_add(struct fake_impl *f, uint64_t first, uint64_t size,
		     uint64_t pa)
{
	f->r[f->n].first = first;
	f->r[f->n].last = first + size - 1;
	f->r[f->n].pa = pa;
	f->n++;
}

static bool last_tore_down;

static enum oracle_verdict do_map_failed(struct oracle *o, uint64_t iova,
					 uint64_t size, struct fake_impl *f)
{
	last_why[0] = '\0';
	f->probes = 0;
	return oracle_map_failed(o, iova, size, fake_probe, f, &last_tore_down,
				 last_why, sizeof(last_why));
}

static void test_map_failed_torn_down(void)
{
	struct oracle *o = oracle_new();
	struct fake_impl f = { .n = 0 };
	struct oracle_view v;

	oracle_map_ok(o, 0, 0x80000000, SZ_2M, RW);
	oracle_map_ok(o, SZ_2M, 0x90000000, SZ_2M, RW);
	/* map(0, R, 4M) failed after tearing down the first block. */
	fake_add(&f, SZ_2M, SZ_2M, 0x90000000);
	CHECK(do_map_failed(o, 0, SZ_4M, &f) == ORACLE_OK);
	CHECK(last_tore_down);
	CHECK(f.probes <= 3);
	oracle_view(o, 0x1000, &v);
	CHECK(!v.mapped && v.none_allowed && v.nr_stale == 0);
	oracle_view(o, SZ_2M, &v);
	CHECK(v.mapped && v.current.pa == 0x90000000);
	/* The unwind is strict: the torn-down translation is stale at once. */
	CHECK(do_access(o, 0x1000, P_R, obs_ok(0x80001000, P_RW)) ==
	      ORACLE_STALE);
	CHECK(do_state(o, 0x1000, false, 0) == ORACLE_OK);

	/* A partial teardown inside one extent splits it. */
	oracle_map_ok(o, 0, 0x80000000, SZ_2M, RW);
	f.n = 0;
	fake_add(&f, SZ_1M, SZ_1M, 0x80100000);
	fake_add(&f, SZ_2M, SZ_2M, 0x90000000);
	CHECK(do_map_failed(o, 0, SZ_4M, &f) == ORACLE_OK);
	oracle_view(o, 0x1000, &v);
	CHECK(!v.mapped);
	oracle_view(o, SZ_1M, &v);
	CHECK(v.mapped && v.current.pa == 0x80100000);

	/* Nothing changed at all. */
	CHECK(do_map_failed(o, 0, SZ_4M, &f) == ORACLE_OK);
	CHECK_EQ_U64(oracle_nr_extents(o), 2);
	oracle_destroy(o);
}

static void test_map_failed_left_behind(void)
{
	struct oracle *o = oracle_new();
	struct fake_impl f = { .n = 0 };
	struct oracle_view v;

	/* A new page left mapped where nothing was before. */
	fake_add(&f, 0x3000, SZ_4K, 0xa0003000);
	CHECK(do_map_failed(o, 0, SZ_16K, &f) == ORACLE_BAD_RESULT);
	CHECK(!last_tore_down);
	CHECK(why_has("iova 0x3000 was unmapped before, now maps pa 0xa0003000"));
	CHECK(why_one_line());
	/* It is not adopted: the state check keeps complaining. */
	CHECK(do_state(o, 0x3000, true, 0xa0003000) == ORACLE_STALE);

	/* A mapped page changed to another PA, after a legal teardown. */
	oracle_map_ok(o, 0x10000, 0x80000000, SZ_16K, RW);
	f.n = 0;
	fake_add(&f, 0x12000, SZ_8K, 0xb0000000);
	CHECK(do_map_failed(o, 0x10000, SZ_16K, &f) == ORACLE_BAD_RESULT);
	CHECK(why_has("iova 0x12000 mapped pa 0x80002000 before, now maps pa 0xb0000000"));
	/* The teardown in front of it still happened. */
	oracle_view(o, 0x10000, &v);
	CHECK(!v.mapped);
	oracle_view(o, 0x12000, &v);
	CHECK(v.mapped && v.current.pa == 0x80002000);
	oracle_destroy(o);
}

static void test_map_failed_big_hole_few_probes(void)
{
	struct oracle *o = oracle_new();
	struct fake_impl f = { .n = 0 };

	CHECK(do_map_failed(o, 0, 1ull << 40, &f) == ORACLE_OK);
	CHECK_EQ_U64(f.probes, 1);
	/* Three extents, all unchanged: one probe each, one per gap. */
	oracle_map_ok(o, SZ_1G, 0x80000000, SZ_1G, RW);
	oracle_map_ok(o, 4 * SZ_1G, 0x80000000, SZ_2M, RW);
	oracle_map_ok(o, 8 * SZ_1G, 0x80000000, SZ_1G, RW);
	fake_add(&f, SZ_1G, SZ_1G, 0x80000000);
	fake_add(&f, 4 * SZ_1G, SZ_2M, 0x80000000);
	fake_add(&f, 8 * SZ_1G, SZ_1G, 0x80000000);
	CHECK(do_map_failed(o, 0, 1ull << 40, &f) == ORACLE_OK);
	CHECK(f.probes <= 7);
	CHECK_EQ_U64(oracle_nr_extents(o), 3);
	oracle_destroy(o);
}

static void test_map_failed_top_of_space(void)
{
	struct oracle *o = oracle_new_full(SZ_4K, 0, true, true);
	struct fake_impl f = { .n = 0 };
	struct oracle_view v;

	oracle_map_ok(o, UINT64_MAX - SZ_8K + 1, 0x80000000, SZ_8K, RW);
	fake_add(&f, UINT64_MAX - SZ_8K + 1, SZ_4K, 0x80000000);
	CHECK(do_map_failed(o, UINT64_MAX - SZ_8K + 1, SZ_8K, &f) ==
	      ORACLE_OK);
	oracle_view(o, UINT64_MAX, &v);
	CHECK(!v.mapped);
	oracle_view(o, UINT64_MAX - SZ_4K, &v);
	CHECK(v.mapped);
	oracle_destroy(o);
}

int main(void)
{
	RUN_TEST(test_entry_spanning_many_extents);
	RUN_TEST(test_entry_first_offender);
	RUN_TEST(test_entry_with_pending);
	RUN_TEST(test_entry_huge_is_not_per_page);
	RUN_TEST(test_map_failed_torn_down);
	RUN_TEST(test_map_failed_left_behind);
	RUN_TEST(test_map_failed_big_hole_few_probes);
	RUN_TEST(test_map_failed_top_of_space);
	return check_summary();
}
