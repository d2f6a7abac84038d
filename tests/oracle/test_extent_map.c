// SPDX-License-Identifier: GPL-2.0-only
/*
 * The oracle's building blocks on their own: the sorted extent map (split,
 * remove, merge only within one map() call) and the list of removed
 * translations (folding, tag moves, bounded history).
 */
#include "check.h"
#include "extent_map.h"
#include "xlate_list.h"

static struct extent ext(uint64_t first, uint64_t last, uint64_t pa,
			 uint64_t region_first, uint64_t region_last)
{
	struct extent e = {
		.first = first,
		.last = last,
		.pa = pa,
		.prot = 3,
		.region_first = region_first,
		.region_last = region_last,
	};

	return e;
}

struct piece_log {
	struct extent v[8];
	size_t n;
};

static void log_piece(void *arg, const struct extent *piece)
{
	struct piece_log *log = arg;

	if (log->n < 8)
		log->v[log->n] = *piece;
	log->n++;
}

static void test_remove_splits_and_reports(void)
{
	struct extent_map m;
	struct piece_log log = { .n = 0 };
	struct extent e;

	extent_map_init(&m);
	e = ext(0x0000, 0x3fff, 0x100000, 0x0000, 0x3fff);
	extent_map_insert(&m, &e);
	e = ext(0x5000, 0x5fff, 0x200000, 0x5000, 0x5fff);
	extent_map_insert(&m, &e);
	e = ext(0x6000, 0x9fff, 0x300000, 0x6000, 0x9fff);
	extent_map_insert(&m, &e);
	CHECK_EQ_U64(m.nr, 3);

	/* Cut the first at 0x2000 and the last at 0x7000. */
	extent_map_remove(&m, 0x2000, 0x6fff, log_piece, &log);
	CHECK_EQ_U64(log.n, 3);
	CHECK_EQ_U64(log.v[0].first, 0x2000);
	CHECK_EQ_U64(log.v[0].last, 0x3fff);
	CHECK_EQ_U64(log.v[0].pa, 0x102000);
	CHECK_EQ_U64(log.v[1].first, 0x5000);
	CHECK_EQ_U64(log.v[2].first, 0x6000);
	CHECK_EQ_U64(log.v[2].last, 0x6fff);
	CHECK_EQ_U64(log.v[2].pa, 0x300000);

	CHECK_EQ_U64(m.nr, 2);
	CHECK_EQ_U64(m.v[0].first, 0x0000);
	CHECK_EQ_U64(m.v[0].last, 0x1fff);
	CHECK_EQ_U64(m.v[1].first, 0x7000);
	CHECK_EQ_U64(m.v[1].pa, 0x301000);
	/* The remainders keep their map() call. */
	CHECK_EQ_U64(m.v[1].region_first, 0x6000);

	/* A hole in the middle of one extent makes two. */
	log.n = 0;
	extent_map_remove(&m, 0x8000, 0x8fff, log_piece, &log);
	CHECK_EQ_U64(log.n, 1);
	CHECK_EQ_U64(m.nr, 3);
	CHECK_EQ_U64(m.v[2].first, 0x9000);
	CHECK_EQ_U64(m.v[2].pa, 0x303000);
	CHECK(extent_map_find(&m, 0x8000) == NULL);
	CHECK(extent_map_find(&m, 0x7fff) == &m.v[1]);

	/* Removing nothing mapped reports nothing. */
	log.n = 0;
	extent_map_remove(&m, 0x4000, 0x4fff, log_piece, &log);
	CHECK_EQ_U64(log.n, 0);
	CHECK_EQ_U64(m.nr, 3);
	extent_map_release(&m);
}

static void test_insert_merges_within_region_only(void)
{
	struct extent_map m;
	struct extent e;

	extent_map_init(&m);
	e = ext(0x0000, 0x0fff, 0x100000, 0x0000, 0x2fff);
	extent_map_insert(&m, &e);
	e = ext(0x2000, 0x2fff, 0x102000, 0x0000, 0x2fff);
	extent_map_insert(&m, &e);
	CHECK_EQ_U64(m.nr, 2);
	/* Filling the gap with the same map() call joins all three. */
	e = ext(0x1000, 0x1fff, 0x101000, 0x0000, 0x2fff);
	extent_map_insert(&m, &e);
	CHECK_EQ_U64(m.nr, 1);
	CHECK_EQ_U64(m.v[0].last, 0x2fff);

	/* Linear but from another map() call: kept apart. */
	e = ext(0x3000, 0x3fff, 0x103000, 0x3000, 0x3fff);
	extent_map_insert(&m, &e);
	CHECK_EQ_U64(m.nr, 2);

	/* Touching 2^64 - 1. */
	e = ext(UINT64_MAX - 0xfff, UINT64_MAX, 0x500000, UINT64_MAX - 0xfff,
		UINT64_MAX);
	extent_map_insert(&m, &e);
	CHECK(extent_map_find(&m, UINT64_MAX) != NULL);
	CHECK_EQ_U64(extent_map_lower_bound(&m, UINT64_MAX), 2);
	extent_map_remove(&m, UINT64_MAX - 0x7ff, UINT64_MAX, NULL, NULL);
	CHECK_EQ_U64(m.v[2].last, UINT64_MAX - 0x800);
	CHECK(extent_map_find(&m, UINT64_MAX) == NULL);
	extent_map_release(&m);
}

static struct past_xlate px(uint64_t first, uint64_t last, uint64_t pa,
			    int tag)
{
	struct past_xlate x = {
		.first = first, .last = last, .pa = pa, .prot = 1, .tag = tag
	};

	return x;
}

static void test_xlate_list(void)
{
	struct xlate_list pending, history;
	struct past_xlate x;

	xlate_list_init(&pending, 0);
	xlate_list_init(&history, 3);

	x = px(0x0000, 0x0fff, 0x100000, 0);
	xlate_list_add(&pending, &x);
	/* Continues the newest entry: folded. */
	x = px(0x1000, 0x1fff, 0x101000, 0);
	xlate_list_add(&pending, &x);
	CHECK_EQ_U64(pending.nr, 1);
	CHECK_EQ_U64(pending.v[0].last, 0x1fff);
	/* Other tag: not folded. */
	x = px(0x2000, 0x2fff, 0x102000, 1);
	xlate_list_add(&pending, &x);
	x = px(0x9000, 0x9fff, 0x900000, 0);
	xlate_list_add(&pending, &x);
	CHECK_EQ_U64(pending.nr, 3);
	CHECK_EQ_U64(xlate_list_count(&pending, false, 0), 2);
	CHECK_EQ_U64(xlate_list_count(&pending, true, 0), 3);

	xlate_list_move(&pending, &history, false, 0);
	CHECK_EQ_U64(pending.nr, 1);
	CHECK_EQ_U64(pending.v[0].tag, 1);
	CHECK_EQ_U64(history.nr, 2);
	CHECK_EQ_U64(history.v[0].first, 0x0000);

	/* The bounded history drops its oldest entries. */
	x = px(0x20000, 0x20fff, 0x700000, 2);
	xlate_list_add(&history, &x);
	x = px(0x30000, 0x30fff, 0x800000, 2);
	xlate_list_add(&history, &x);
	CHECK_EQ_U64(history.nr, 3);
	CHECK_EQ_U64(history.v[0].first, 0x9000);
	CHECK_EQ_U64(history.v[2].first, 0x30000);

	xlate_list_release(&pending);
	xlate_list_release(&history);
}

int main(void)
{
	RUN_TEST(test_remove_splits_and_reports);
	RUN_TEST(test_insert_merges_within_region_only);
	RUN_TEST(test_xlate_list);
	return check_summary();
}
