// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a device may see: pending unmaps under gathers and the flush queue,
 * their completion, the stale/missing/wrong/permission classification of
 * single accesses, the permission rules per format, and the check of the
 * implementation's own tables.
 */
#include "check.h"
#include "oracle_test_util.h"

#define A 0x10000ull
#define P1 0x80000000ull
#define P2 0x90000000ull
#define P3 0xa0000000ull

static void test_pending_gather_then_sync(void)
{
	struct oracle *o = oracle_new();
	struct oracle_view v;

	oracle_map_ok(o, A, P1, SZ_4K, RW);
	CHECK(do_unmap(o, A, SZ_4K, SZ_4K, 0) == ORACLE_OK);
	CHECK_EQ_U64(oracle_nr_pending(o, 0), 1);
	CHECK_EQ_U64(oracle_nr_pending(o, 1), 0);
	CHECK_EQ_U64(oracle_nr_pending(o, ORACLE_TAG_ALL), 1);

	oracle_view(o, A + 0x10, &v);
	CHECK(!v.mapped);
	CHECK(v.none_allowed);
	CHECK_EQ_U64(v.nr_stale, 1);
	CHECK_EQ_U64(v.stale[0].pa, P1);
	CHECK_EQ_U64(v.stale[0].prot, RW);

	/* Old or none until the gather is synced. */
	CHECK(do_access(o, A + 0x10, P_R, obs_ok(P1 + 0x10, P_RW)) ==
	      ORACLE_OK);
	CHECK(do_access(o, A, P_W, obs_fault()) == ORACLE_OK);
	/* The tables must already be updated. */
	CHECK(do_state(o, A, true, P1) == ORACLE_STALE);
	CHECK(do_state(o, A, false, 0) == ORACLE_OK);

	/* Another gather's sync completes nothing here. */
	oracle_sync(o, 1);
	CHECK_EQ_U64(oracle_nr_pending(o, 0), 1);
	CHECK(do_access(o, A, P_R, obs_ok(P1, P_RW)) == ORACLE_OK);

	oracle_sync(o, 0);
	CHECK_EQ_U64(oracle_nr_pending(o, ORACLE_TAG_ALL), 0);
	oracle_view(o, A, &v);
	CHECK_EQ_U64(v.nr_stale, 0);
	CHECK(do_access(o, A + 0x10, P_R, obs_ok(P1 + 0x10, P_RW)) ==
	      ORACLE_STALE);
	CHECK(why_has("pa 0x80000010"));
	CHECK(do_access(o, A, P_R, obs_fault()) == ORACLE_OK);
	oracle_destroy(o);
}

static void test_pending_fq_then_flush_all(void)
{
	struct oracle *o = oracle_new();

	oracle_map_ok(o, A, P1, SZ_4K, RW);
	oracle_map_ok(o, A + SZ_4K, P2, SZ_4K, RW);
	oracle_map_ok(o, A + SZ_8K, P3, SZ_4K, RW);
	CHECK(do_unmap(o, A, SZ_4K, SZ_4K, 2) == ORACLE_OK);
	CHECK(do_unmap(o, A + SZ_4K, SZ_4K, SZ_4K, ORACLE_TAG_FQ) ==
	      ORACLE_OK);
	CHECK(do_unmap(o, A + SZ_8K, SZ_4K, SZ_4K, 7) == ORACLE_OK);
	CHECK_EQ_U64(oracle_nr_pending(o, 2), 1);
	CHECK_EQ_U64(oracle_nr_pending(o, ORACLE_TAG_FQ), 1);
	CHECK_EQ_U64(oracle_nr_pending(o, 7), 1);
	CHECK_EQ_U64(oracle_nr_pending(o, ORACLE_TAG_ALL), 3);

	/* A gather sync does not complete the flush queue. */
	oracle_sync(o, 2);
	CHECK(do_access(o, A, P_R, obs_ok(P1, P_RW)) == ORACLE_STALE);
	CHECK(do_access(o, A + SZ_4K, P_R, obs_ok(P2, P_RW)) == ORACLE_OK);

	/* flush_all completes the queue and every gather. */
	oracle_flush_all(o);
	CHECK_EQ_U64(oracle_nr_pending(o, ORACLE_TAG_ALL), 0);
	CHECK(do_access(o, A + SZ_4K, P_R, obs_ok(P2, P_RW)) == ORACLE_STALE);
	CHECK(do_access(o, A + SZ_8K, P_W, obs_ok(P3, P_RW)) == ORACLE_STALE);
	oracle_destroy(o);
}

static void test_pending_spanning_extents(void)
{
	struct oracle *o = oracle_new();

	/* One unmap over three map() calls, one of them contiguous. */
	oracle_map_ok(o, 0, P1, SZ_4K, RW);
	oracle_map_ok(o, SZ_4K, P1 + SZ_4K, SZ_4K, RW);
	oracle_map_ok(o, SZ_8K, P3, SZ_4K, RO);
	CHECK(do_unmap(o, 0, 0x3000, 0x3000, 4) == ORACLE_OK);
	/* Pieces continuing each other are one pending extent. */
	CHECK_EQ_U64(oracle_nr_pending(o, 4), 2);
	CHECK(do_access(o, SZ_4K, P_W, obs_ok(P1 + SZ_4K, P_RW)) == ORACLE_OK);
	CHECK(do_access(o, SZ_8K, P_R, obs_ok(P3, P_R)) == ORACLE_OK);
	/* A pending read-only translation must not grant write either. */
	CHECK(do_access(o, SZ_8K, P_R, obs_ok(P3, P_RW)) == ORACLE_PERMISSION);
	oracle_destroy(o);
}

static void test_reuse_before_sync(void)
{
	struct oracle *o = oracle_new();
	struct oracle_view v;

	oracle_map_ok(o, A, P1, SZ_4K, RW);
	CHECK(do_unmap(o, A, SZ_4K, SZ_4K, 0) == ORACLE_OK);
	oracle_map_ok(o, A, P2, SZ_4K, RW);

	oracle_view(o, A, &v);
	CHECK(v.mapped);
	CHECK(!v.none_allowed);
	CHECK_EQ_U64(v.current.pa, P2);
	CHECK_EQ_U64(v.nr_stale, 1);
	CHECK_EQ_U64(v.stale[0].pa, P1);

	CHECK(do_access(o, A, P_R, obs_ok(P1, P_RW)) == ORACLE_OK);
	CHECK(do_access(o, A, P_R, obs_ok(P2, P_RW)) == ORACLE_OK);
	CHECK(do_access(o, A, P_R, obs_fault()) == ORACLE_MISSING);
	CHECK(do_access(o, A, P_R, obs_ok(P3, P_RW)) == ORACLE_WRONG);

	oracle_sync(o, 0);
	CHECK(do_access(o, A, P_R, obs_ok(P1, P_RW)) == ORACLE_STALE);
	CHECK(do_access(o, A, P_R, obs_ok(P2, P_RW)) == ORACLE_OK);
	CHECK(do_access(o, A, P_R, obs_ok(P3, P_RW)) == ORACLE_WRONG);
	oracle_destroy(o);
}

static void test_classification(void)
{
	struct oracle *o = oracle_new();

	oracle_map_ok(o, A, P1, SZ_4K, RW);
	CHECK(do_unmap(o, A, SZ_4K, SZ_4K, ORACLE_TAG_STRICT) == ORACLE_OK);

	/* Only "none" is legal: any translation is stale. */
	CHECK(do_access(o, A, P_R, obs_ok(P1, P_RW)) == ORACLE_STALE);
	CHECK(why_one_line());
	CHECK(strcmp(last_why,
		     "iova 0x10000: device read saw pa 0x80000000 (rw), legal: none") == 0);
	CHECK(do_access(o, A, P_R, obs_ok(P3, P_RW)) == ORACLE_STALE);
	CHECK(do_access(o, A, P_R, obs_fault()) == ORACLE_OK);
	CHECK(do_access(o, A, P_W, obs_perm_fault()) == ORACLE_OK);
	/* Never mapped at all. */
	CHECK(do_access(o, 0x7000, P_R, obs_ok(P3, P_R)) == ORACLE_STALE);

	/* A new mapping: the old one is stale, others are wrong. */
	oracle_map_ok(o, A, P2, SZ_4K, RW);
	CHECK(do_access(o, A + 8, P_R, obs_ok(P1 + 8, P_RW)) == ORACLE_STALE);
	CHECK(do_access(o, A + 8, P_R, obs_ok(P3 + 8, P_RW)) == ORACLE_WRONG);
	CHECK(strcmp(last_why,
		     "iova 0x10008: device read saw pa 0xa0000008 (rw), legal: pa 0x90000008 rw") == 0);
	/* Off by one byte is wrong, not right. */
	CHECK(do_access(o, A + 8, P_R, obs_ok(P2 + 9, P_RW)) == ORACLE_WRONG);
	CHECK(do_access(o, A, P_R, obs_fault()) == ORACLE_MISSING);
	CHECK(why_has("translation fault"));
	CHECK(do_access(o, A, P_R, obs_ok(P2, P_R)) == ORACLE_PERMISSION);
	CHECK(do_access(o, A, P_W, obs_perm_fault()) == ORACLE_PERMISSION);
	CHECK(do_access(o, A, P_W, obs_ok(P2, P_RW)) == ORACLE_OK);

	/* A translation replaced by map() over it is stale too. */
	oracle_map_ok(o, 0x40000, P1, SZ_2M, RW);
	oracle_map_ok(o, 0x40000, P3, SZ_2M, RW);
	CHECK(do_access(o, 0x41000, P_R, obs_ok(P1 + 0x1000, P_RW)) ==
	      ORACLE_STALE);
	CHECK(do_access(o, 0x41000, P_R, obs_ok(P3 + 0x1000, P_RW)) ==
	      ORACLE_OK);
	oracle_destroy(o);
}

static void test_permissions_full_format(void)
{
	struct oracle *o = oracle_new_full(SZ_4K, 1ull << 48, true, true);

	oracle_map_ok(o, A, P1, SZ_4K, RO);
	CHECK(do_access(o, A, P_R, obs_ok(P1, P_R)) == ORACLE_OK);
	CHECK(do_access(o, A, P_R, obs_ok(P1, P_RW)) == ORACLE_PERMISSION);
	CHECK(do_access(o, A, P_W, obs_ok(P1, P_RW)) == ORACLE_PERMISSION);
	CHECK(do_access(o, A, P_W, obs_perm_fault()) == ORACLE_OK);
	CHECK(do_access(o, A, P_R, obs_perm_fault()) == ORACLE_PERMISSION);

	/* Write-only where the format can deny reads. */
	oracle_map_ok(o, A + SZ_4K, P2, SZ_4K, WO);
	CHECK(do_access(o, A + SZ_4K, P_W, obs_ok(P2, P_W)) == ORACLE_OK);
	CHECK(do_access(o, A + SZ_4K, P_W, obs_ok(P2, P_RW)) ==
	      ORACLE_PERMISSION);
	CHECK(do_access(o, A + SZ_4K, P_R, obs_perm_fault()) == ORACLE_OK);
	/* Translated, permissions agree, yet the access itself is not granted. */
	CHECK(do_access(o, A + SZ_4K, P_R, obs_ok(P2, P_W)) ==
	      ORACLE_PERMISSION);

	/* Read-write granting less than asked. */
	oracle_map_ok(o, A + SZ_8K, P3, SZ_4K, RW);
	CHECK(do_access(o, A + SZ_8K, P_R, obs_ok(P3, P_R)) ==
	      ORACLE_PERMISSION);
	CHECK(do_access(o, A + SZ_8K, P_R, obs_perm_fault()) ==
	      ORACLE_PERMISSION);

	/* A pending read-only old translation makes a write fault legal. */
	CHECK(do_unmap(o, A + SZ_8K, SZ_4K, SZ_4K, 0) == ORACLE_OK);
	oracle_map_ok(o, A + SZ_8K, P3, SZ_4K, RW);
	CHECK(do_access(o, A + SZ_8K, P_W, obs_perm_fault()) ==
	      ORACLE_PERMISSION);
	oracle_sync(o, 0);
	oracle_map_ok(o, A + SZ_8K, P3, SZ_4K, RO);
	CHECK(do_unmap(o, A + SZ_8K, SZ_4K, SZ_4K, 0) == ORACLE_OK);
	oracle_map_ok(o, A + SZ_8K, P3, SZ_4K, RW);
	CHECK(do_access(o, A + SZ_8K, P_W, obs_perm_fault()) == ORACLE_OK);
	oracle_destroy(o);
}

static void test_permissions_cannot_deny(void)
{
	/* No read-only encoding: write is granted to read-only mappings. */
	struct oracle *o = oracle_new_full(SZ_4K, 1ull << 48, false, true);

	oracle_map_ok(o, A, P1, SZ_4K, RO);
	CHECK(do_access(o, A, P_R, obs_ok(P1, P_RW)) == ORACLE_OK);
	CHECK(do_access(o, A, P_W, obs_ok(P1, P_RW)) == ORACLE_OK);
	/* Granting less is still fine where it was not asked for. */
	CHECK(do_access(o, A, P_R, obs_ok(P1, P_R)) == ORACLE_OK);
	CHECK(do_access(o, A, P_W, obs_perm_fault()) == ORACLE_OK);
	/* Read was asked for and must be granted. */
	CHECK(do_access(o, A, P_W, obs_ok(P1, P_W)) == ORACLE_PERMISSION);
	/* Reads of a write-only mapping still may not be granted. */
	oracle_map_ok(o, A + SZ_4K, P2, SZ_4K, WO);
	CHECK(do_access(o, A + SZ_4K, P_W, obs_ok(P2, P_RW)) ==
	      ORACLE_PERMISSION);
	oracle_destroy(o);

	/* No "no read" encoding: read is granted to write-only mappings. */
	o = oracle_new_full(SZ_4K, 1ull << 48, true, false);
	oracle_map_ok(o, A, P1, SZ_4K, WO);
	CHECK(do_access(o, A, P_R, obs_ok(P1, P_RW)) == ORACLE_OK);
	CHECK(do_access(o, A, P_W, obs_ok(P1, P_W)) == ORACLE_OK);
	oracle_map_ok(o, A + SZ_4K, P2, SZ_4K, RO);
	CHECK(do_access(o, A + SZ_4K, P_W, obs_ok(P2, P_RW)) ==
	      ORACLE_PERMISSION);
	oracle_destroy(o);
}

static void test_check_state(void)
{
	struct oracle *o = oracle_new();

	oracle_map_ok(o, A, P1, SZ_8K, RW);
	CHECK(do_state(o, A + 0x1123, true, P1 + 0x1123) == ORACLE_OK);
	CHECK(do_state(o, A + 0x1123, true, P1 + 0x1124) == ORACLE_WRONG);
	CHECK(why_has("pa 0x80001124"));
	CHECK(why_has("pa 0x80001123"));
	CHECK(why_one_line());
	CHECK(do_state(o, A, false, 0) == ORACLE_MISSING);
	CHECK(why_has("iova 0x10000"));
	CHECK(do_state(o, A + SZ_8K, true, P2) == ORACLE_STALE);
	CHECK(do_state(o, A + SZ_8K, false, 0) == ORACLE_OK);
	oracle_destroy(o);
}

static void test_stale_view_cap(void)
{
	struct oracle *o = oracle_new();
	struct oracle_view v;
	int i;

	/* Ten unsynced reuses of one IOVA, one gather each (FQ for 9,10). */
	for (i = 0; i < 10; i++) {
		oracle_map_ok(o, A, P1 + i * SZ_1M, SZ_4K, RW);
		CHECK(do_unmap(o, A, SZ_4K, SZ_4K,
			       i < ORACLE_MAX_GATHERS ? i : ORACLE_TAG_FQ) ==
		      ORACLE_OK);
	}
	oracle_view(o, A, &v);
	CHECK_EQ_U64(v.nr_stale, ORACLE_MAX_ALLOWED);
	CHECK_EQ_U64(v.stale[0].pa, P1 + 9 * SZ_1M);
	CHECK_EQ_U64(v.stale[ORACLE_MAX_ALLOWED - 1].pa, P1 + 2 * SZ_1M);
	/* The checks do not use the cap: the oldest is still legal. */
	CHECK(do_access(o, A, P_R, obs_ok(P1, P_RW)) == ORACLE_OK);
	oracle_sync(o, 0);
	CHECK(do_access(o, A, P_R, obs_ok(P1, P_RW)) == ORACLE_STALE);
	CHECK(why_has("more pending"));
	oracle_flush_all(o);

	/* The same translation pending twice is listed once. */
	oracle_map_ok(o, A, P2, SZ_4K, RW);
	CHECK(do_unmap(o, A, SZ_4K, SZ_4K, 0) == ORACLE_OK);
	oracle_map_ok(o, A, P2, SZ_4K, RW);
	CHECK(do_unmap(o, A, SZ_4K, SZ_4K, 1) == ORACLE_OK);
	oracle_view(o, A, &v);
	CHECK_EQ_U64(v.nr_stale, 1);
	oracle_destroy(o);
}

int main(void)
{
	RUN_TEST(test_pending_gather_then_sync);
	RUN_TEST(test_pending_fq_then_flush_all);
	RUN_TEST(test_pending_spanning_extents);
	RUN_TEST(test_reuse_before_sync);
	RUN_TEST(test_classification);
	RUN_TEST(test_permissions_full_format);
	RUN_TEST(test_permissions_cannot_deny);
	RUN_TEST(test_check_state);
	RUN_TEST(test_stale_view_cap);
	return check_summary();
}
