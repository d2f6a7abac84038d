// SPDX-License-Identifier: GPL-2.0-only
/*
 * The gather and completion contract on its own: each rule broken once and
 * kept once, fed the way the runner feeds it (op begin, the core's unmaps
 * and syncs, completed invalidations, op end).
 */
#include <string.h>

#include "check.h"
#include "gather_contract.h"

#define CALLER_GATHERS 4
#define CORE CALLER_GATHERS

struct verdicts {
	unsigned int n;
	enum contract_rule rule[4];
	uint64_t iova[4];
	char msg[512];
	bool stop;
};

static bool note(void *arg, enum contract_rule rule, uint64_t iova,
		 const char *msg)
{
	struct verdicts *v = arg;

	if (v->n < 4) {
		v->rule[v->n] = rule;
		v->iova[v->n] = iova;
	}
	v->n++;
	strncpy(v->msg, msg, sizeof(v->msg) - 1);
	return v->stop;
}

static const struct gather_rules all_rules = {
	.sync_needs_nonempty_gather = true,
	.judge_overinvalidation = true,
	.sync_covers_range = true,
};

/* iommu_unmap(): unmaps into the core's gather and syncs it */
static const struct contract_op strict_unmap = {
	.name = "unmap",
	.unmaps_into = CORE,
	.finishes = CORE,
	.completes = COMPLETES_ITS_UNMAPS,
};

static struct contract_op unmap_fast(int gather)
{
	return (struct contract_op){
		.name = "unmap_fast", .unmaps_into = gather, .finishes = -1};
}

static struct contract_op sync_of(int gather)
{
	return (struct contract_op){.name = "sync",
				    .unmaps_into = CORE,
				    .finishes = gather,
				    .completes = COMPLETES_GATHER};
}

/* iommu_unmap() of [0x10000, 0x12000) whose sync ends at @sync_last */
static void strict_unmap_synced_to(struct gather_contract *c,
				   uint64_t sync_last)
{
	gather_contract_op_begin(c, &strict_unmap);
	gather_contract_unmapped(c, 0x10000, 0x2000);
	gather_contract_synced(c, 0x10000, sync_last, 0x1000, -1, false);
}

/* a caller's sync of gather 1, which was given nothing */
static void sync_of_empty_gather(struct gather_contract *c)
{
	struct contract_op op = sync_of(1);

	gather_contract_op_begin(c, &op);
	gather_contract_synced(c, UINT64_MAX, 0, 0, 1, false);
}

static void test_covering_sync_is_clean(void)
{
	struct gather_contract c;
	struct verdicts v = {0};

	gather_contract_init(&c, &all_rules, CALLER_GATHERS);
	strict_unmap_synced_to(&c, 0x11fff);
	CHECK(!gather_contract_op_end(&c, note, &v));
	CHECK_EQ_U64(v.n, 0);
	CHECK_EQ_U64(c.syncs[0].gather, CORE);
	/* the finished gather starts again empty */
	CHECK(rangeset_empty(&c.gathers[CORE].unmapped));
	gather_contract_release(&c);
}

static void test_short_sync_leaves_coverage_gap(void)
{
	struct gather_contract c;
	struct verdicts v = {0};

	gather_contract_init(&c, &all_rules, CALLER_GATHERS);
	strict_unmap_synced_to(&c, 0x10fff);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 1);
	CHECK_EQ_U64(v.rule[0], RULE_GATHER_COVERAGE);
	CHECK_EQ_U64(v.iova[0], 0x11000);

	/* the same without the rule: the driver's sync ignores the range */
	struct gather_rules no_range = all_rules;

	no_range.sync_covers_range = false;
	memset(&v, 0, sizeof(v));
	gather_contract_release(&c);
	gather_contract_init(&c, &no_range, CALLER_GATHERS);
	strict_unmap_synced_to(&c, 0x10fff);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 0);
	gather_contract_release(&c);
}

static void test_completed_invalidation_needs_no_cover(void)
{
	struct gather_contract c;
	struct verdicts v = {0};

	gather_contract_init(&c, &all_rules, CALLER_GATHERS);
	strict_unmap_synced_to(&c, 0x10fff);
	gather_contract_completed(&c, false, 0x11000, 0x1000);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 0);

	/* a full invalidation completes every gather's pending pages */
	gather_contract_op_begin(&c, &strict_unmap);
	gather_contract_unmapped(&c, 0x40000, 0x1000);
	gather_contract_completed(&c, true, 0, 0);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 0);
	gather_contract_release(&c);
}

static void test_empty_gather_sync(void)
{
	struct gather_contract c;
	struct verdicts v = {0};

	gather_contract_init(&c, &all_rules, CALLER_GATHERS);
	sync_of_empty_gather(&c);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 1);
	CHECK_EQ_U64(v.rule[0], RULE_EMPTY_GATHER_SYNC);
	CHECK(strstr(v.msg, "end - start + 1 = 0x2 bytes") != NULL);

	/* drivers that do not compute a length from it may be handed one */
	struct gather_rules lenient = all_rules;

	lenient.sync_needs_nonempty_gather = false;
	memset(&v, 0, sizeof(v));
	gather_contract_release(&c);
	gather_contract_init(&c, &lenient, CALLER_GATHERS);
	sync_of_empty_gather(&c);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 0);
	gather_contract_release(&c);
}

static void test_over_invalidation_across_ops(void)
{
	struct gather_contract c;
	struct contract_op op = unmap_fast(2);
	struct verdicts v = {0};

	gather_contract_init(&c, &all_rules, CALLER_GATHERS);
	/* two disjoint unmaps into gather 2, then a sync of their hull */
	gather_contract_op_begin(&c, &op);
	gather_contract_unmapped(&c, 0x0, 0x1000);
	gather_contract_op_end(&c, note, &v);
	gather_contract_op_begin(&c, &op);
	gather_contract_unmapped(&c, 0x8000, 0x1000);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 0);
	op = sync_of(2);
	gather_contract_op_begin(&c, &op);
	gather_contract_synced(&c, 0x0, 0x8fff, 0x1000, 2, false);
	v.stop = true;
	CHECK(gather_contract_op_end(&c, note, &v));
	CHECK_EQ_U64(v.n, 1);
	CHECK_EQ_U64(v.rule[0], RULE_OVER_INVALIDATION);
	CHECK_EQ_U64(v.iova[0], 0x1000);
	gather_contract_release(&c);
}

static void test_queued_unmap_is_not_pending(void)
{
	struct gather_contract c;
	struct contract_op queued = strict_unmap;
	struct verdicts v = {0};

	queued.queued = true;
	queued.completes = COMPLETES_NOTHING;
	gather_contract_init(&c, &all_rules, CALLER_GATHERS);
	gather_contract_op_begin(&c, &queued);
	gather_contract_unmapped(&c, 0x10000, 0x1000);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 0);
	gather_contract_release(&c);
}

static void test_posted_invalidation_left_in_flight(void)
{
	struct gather_contract c;
	struct verdicts v = {0};
	struct contract_posted other = {false, 0x90000, 0x1000};
	struct contract_posted mine = {false, 0x10800, 0x100};
	struct contract_posted all = {true, 0, 0};

	gather_contract_init(&c, &all_rules, CALLER_GATHERS);
	gather_contract_op_begin(&c, &strict_unmap);
	gather_contract_unmapped(&c, 0x10000, 0x1000);
	/* another range may stay posted */
	CHECK(!gather_contract_check_posted(&c, &other, 1, note, &v));
	CHECK_EQ_U64(v.n, 0);
	gather_contract_check_posted(&c, &mine, 1, note, &v);
	CHECK_EQ_U64(v.n, 1);
	CHECK_EQ_U64(v.rule[0], RULE_COMPLETION);
	CHECK_EQ_U64(v.iova[0], 0x10800);
	CHECK(strstr(v.msg, "unmap returned with a posted invalidation") !=
	      NULL);
	gather_contract_check_posted(&c, &all, 1, note, &v);
	CHECK_EQ_U64(v.n, 2);

	/* an op that completes nothing may leave anything posted */
	struct contract_op fast = unmap_fast(0);

	gather_contract_op_begin(&c, &fast);
	gather_contract_unmapped(&c, 0x10000, 0x1000);
	gather_contract_check_posted(&c, &mine, 1, note, &v);
	CHECK_EQ_U64(v.n, 2);
	gather_contract_release(&c);
}

/*
 * unmap_fast of a 2M block and a 4K page into gather 0, the driver given
 * both pages (@sync_between: it syncs the block first, as
 * iommu_iotlb_gather_add_page() does when the size changes), then the
 * caller's sync with the gather's pgsize @pgsize.
 */
static void mixed_pages_then_sync(struct gather_contract *c, bool sync_between,
				  uint64_t pgsize, struct verdicts *v)
{
	struct contract_op fast = unmap_fast(0), sync = sync_of(0);

	gather_contract_op_begin(c, &fast);
	gather_contract_unmapped(c, 0x200000, 0x201000);
	gather_contract_page_added(c, 0, 0x200000, 0x200000);
	if (sync_between)
		gather_contract_synced(c, 0x200000, 0x3fffff, 0x200000, 0, false);
	gather_contract_page_added(c, 0, 0x400000, 0x1000);
	gather_contract_op_end(c, note, v);
	gather_contract_op_begin(c, &sync);
	gather_contract_synced(c, sync_between ? 0x400000 : 0x200000, 0x400fff,
			       pgsize, 0, false);
	gather_contract_op_end(c, note, v);
}

static void test_gather_page_size(void)
{
	struct gather_rules rules = all_rules;
	struct gather_contract c;
	struct verdicts v = {0};

	rules.sync_reads_pgsize = true;
	/* the driver synced when the size changed: each sync sees one size */
	gather_contract_init(&c, &rules, CALLER_GATHERS);
	mixed_pages_then_sync(&c, true, 0x1000, &v);
	CHECK_EQ_U64(v.n, 0);
	gather_contract_release(&c);

	/* it did not: the caller's sync sees 2M and 4K pages, pgsize 4K */
	memset(&v, 0, sizeof(v));
	gather_contract_init(&c, &rules, CALLER_GATHERS);
	mixed_pages_then_sync(&c, false, 0x1000, &v);
	CHECK_EQ_U64(v.n, 1);
	CHECK_EQ_U64(v.rule[0], RULE_GATHER_PGSIZE);
	CHECK_EQ_U64(v.iova[0], 0x200000); /* the page pgsize does not name */
	gather_contract_release(&c);

	/* one size, but not the one the gather says */
	struct contract_op fast = unmap_fast(1), sync = sync_of(1);

	memset(&v, 0, sizeof(v));
	gather_contract_init(&c, &rules, CALLER_GATHERS);
	gather_contract_op_begin(&c, &fast);
	gather_contract_unmapped(&c, 0x200000, 0x200000);
	gather_contract_page_added(&c, 1, 0x200000, 0x200000);
	gather_contract_op_end(&c, note, &v);
	gather_contract_op_begin(&c, &sync);
	gather_contract_synced(&c, 0x200000, 0x3fffff, 0x1000, 1, false);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 1);
	CHECK_EQ_U64(v.rule[0], RULE_GATHER_PGSIZE);
	CHECK_EQ_U64(v.iova[0], 0x200000);
	gather_contract_release(&c);

	/* a driver that does not read pgsize is not held to it */
	memset(&v, 0, sizeof(v));
	gather_contract_init(&c, &all_rules, CALLER_GATHERS);
	mixed_pages_then_sync(&c, false, 0x1000, &v);
	CHECK_EQ_U64(v.n, 0);
	gather_contract_release(&c);
}

/*
 * iommu_unmap() of two 4K pages at 0x10000 and @second; the driver syncs
 * before adding the second if @sync_between, and the core syncs at the end.
 */
static void two_page_unmap(struct gather_contract *c, uint64_t second,
			   uint64_t second_size, bool sync_between,
			   struct verdicts *v)
{
	gather_contract_op_begin(c, &strict_unmap);
	gather_contract_unmapped(c, 0x10000, 0x1000);
	gather_contract_page_added(c, -1, 0x10000, 0x1000);
	if (sync_between)
		gather_contract_synced(c, 0x10000, 0x10fff, 0x1000, -1, false);
	gather_contract_unmapped(c, second, second_size);
	gather_contract_page_added(c, -1, second, second_size);
	if (sync_between)
		gather_contract_synced(c, second, second + second_size - 1,
				       second_size, -1, false);
	else
		gather_contract_synced(c, 0x10000, second + second_size - 1,
				       0x1000, -1, false);
	gather_contract_op_end(c, note, v);
}

static void test_excess_syncs(void)
{
	struct gather_rules rules = all_rules;
	struct gather_contract c;
	struct verdicts v = {0};

	rules.judge_excess_syncs = true;
	rules.judge_overinvalidation = false;
	/* adjacent pages of one size: one sync, the core's */
	gather_contract_init(&c, &rules, CALLER_GATHERS);
	two_page_unmap(&c, 0x11000, 0x1000, false, &v);
	CHECK_EQ_U64(v.n, 0);
	/* a disjoint page forces a sync in between */
	two_page_unmap(&c, 0x30000, 0x1000, true, &v);
	CHECK_EQ_U64(v.n, 0);
	/* so does another page size */
	two_page_unmap(&c, 0x200000, 0x200000, true, &v);
	CHECK_EQ_U64(v.n, 0);
	/* an adjacent page of the same size does not */
	two_page_unmap(&c, 0x11000, 0x1000, true, &v);
	CHECK_EQ_U64(v.n, 1);
	CHECK_EQ_U64(v.rule[0], RULE_EXCESS_SYNC);
	CHECK_EQ_U64(v.iova[0], 0x10000); /* the sync that was not needed */
	gather_contract_release(&c);

	/*
	 * unmap_fast finishes nothing: a sync needs the page after it, and
	 * the first one counts (a disjoint page, then pages up to the range
	 * synced: AMD's add_range)
	 */
	struct contract_op fast = unmap_fast(1);

	memset(&v, 0, sizeof(v));
	gather_contract_init(&c, &rules, CALLER_GATHERS);
	gather_contract_op_begin(&c, &fast);
	gather_contract_synced(&c, 0x10000, 0x10fff, 0x1000, 1, false);
	gather_contract_page_added(&c, 1, 0x3000, 0x1000);
	gather_contract_page_added(&c, 1, 0x4000, 0xc000);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 0);
	gather_contract_op_begin(&c, &fast);
	gather_contract_synced(&c, 0x3000, 0xffff, 0, 1, false);
	gather_contract_page_added(&c, 1, 0x10000, 0x1000);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 1);
	CHECK_EQ_U64(v.rule[0], RULE_EXCESS_SYNC);
	gather_contract_release(&c);

	/* a page ending at the top of the space is adjacent to the one below */
	memset(&v, 0, sizeof(v));
	gather_contract_init(&c, &rules, CALLER_GATHERS);
	gather_contract_op_begin(&c, &fast);
	gather_contract_synced(&c, UINT64_MAX - 0xfff, UINT64_MAX, 0x1000, 1,
			       false);
	gather_contract_page_added(&c, 1, UINT64_MAX - 0x1fff, 0x1000);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 1);
	gather_contract_release(&c);

	/* off: not judged */
	memset(&v, 0, sizeof(v));
	gather_contract_init(&c, &all_rules, CALLER_GATHERS);
	two_page_unmap(&c, 0x11000, 0x1000, true, &v);
	CHECK_EQ_U64(v.n, 0);
	gather_contract_release(&c);
}

/* dma-iommu's unmap with a flush queue: a queued gather, never synced */
static const struct contract_op queued_unmap = {
	.name = "unmap",
	.unmaps_into = CORE,
	.queued = true,
	.finishes = -1,
};

static void test_flush_queue(void)
{
	struct contract_op flush = {.name = "flush_all",
				    .unmaps_into = CORE,
				    .finishes = -1,
				    .completes = COMPLETES_ALL};
	struct gather_contract c;
	struct verdicts v = {0};

	/* a queued unmap that only frees a table (walk invalidation): clean */
	gather_contract_init(&c, &all_rules, CALLER_GATHERS);
	gather_contract_op_begin(&c, &queued_unmap);
	gather_contract_unmapped(&c, 0x200000, 0x200000);
	gather_contract_completed(&c, false, 0x200000, 0x200000);
	CHECK(!gather_contract_op_end(&c, note, &v));
	CHECK_EQ_U64(v.n, 0);

	/* one that posts a leaf invalidation does the queue's work */
	gather_contract_op_begin(&c, &queued_unmap);
	gather_contract_unmapped(&c, 0x10000, 0x1000);
	gather_contract_leaf_issued(&c, 0x10000, 0x1000);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 1);
	CHECK_EQ_U64(v.rule[0], RULE_QUEUED_INVALIDATION);
	CHECK_EQ_U64(v.iova[0], 0x10000);

	/* and so does one that syncs */
	gather_contract_op_begin(&c, &queued_unmap);
	gather_contract_unmapped(&c, 0x20000, 0x1000);
	gather_contract_synced(&c, 0x20000, 0x20fff, 0x1000, -1, false);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 2);
	CHECK_EQ_U64(v.rule[1], RULE_QUEUED_INVALIDATION);

	/* the queue's flush must complete what is still queued */
	gather_contract_op_begin(&c, &flush);
	gather_contract_queue_flushed(&c);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 3);
	CHECK_EQ_U64(v.rule[2], RULE_COMPLETION);
	gather_contract_release(&c);

	/* a flush that invalidates everything does */
	memset(&v, 0, sizeof(v));
	gather_contract_init(&c, &all_rules, CALLER_GATHERS);
	gather_contract_op_begin(&c, &queued_unmap);
	gather_contract_unmapped(&c, 0x10000, 0x1000);
	gather_contract_op_end(&c, note, &v);
	gather_contract_op_begin(&c, &flush);
	gather_contract_queue_flushed(&c);
	gather_contract_completed(&c, true, 0, 0);
	gather_contract_op_end(&c, note, &v);
	CHECK_EQ_U64(v.n, 0);
	gather_contract_release(&c);
}

int main(void)
{
	RUN_TEST(test_covering_sync_is_clean);
	RUN_TEST(test_short_sync_leaves_coverage_gap);
	RUN_TEST(test_completed_invalidation_needs_no_cover);
	RUN_TEST(test_empty_gather_sync);
	RUN_TEST(test_over_invalidation_across_ops);
	RUN_TEST(test_queued_unmap_is_not_pending);
	RUN_TEST(test_posted_invalidation_left_in_flight);
	RUN_TEST(test_gather_page_size);
	RUN_TEST(test_excess_syncs);
	RUN_TEST(test_flush_queue);
	return check_summary();
}
