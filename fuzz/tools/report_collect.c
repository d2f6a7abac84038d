// SPDX-License-Identifier: GPL-2.0-only
/*
 * Collecting a report from the runner's state: at a divergence (the text
 * report every divergence prints), and in capture runs, before and after
 * the divergent operation, with the kernel function trace around it.
 */
#include <stdlib.h>
#include <string.h>

#include "ktrace.h"
#include "report_model.h"
#include "events.h"
#include "gather_contract.h"
#include "iotlb.h"
#include "kstack.h"
#include "oracle.h"
#include "sim_device.h"
#include "run_observer.h"
#include "run_view.h"
#include "runner.h"

static void *dup_array(const void *v, size_t n, size_t elem)
{
	void *copy;

	if (!n)
		return NULL;
	copy = malloc(n * elem);
	if (!copy) {
		perror("iotlbfuzz: report");
		abort();
	}
	memcpy(copy, v, n * elem);
	return copy;
}

/* A growing array of @elem-sized items. */
struct growing {
	void *v;
	size_t nr, cap, elem;
};

static void *grow_one(struct growing *g)
{
	if (g->nr == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 32;
		g->v = realloc(g->v, g->cap * g->elem);
		if (!g->v) {
			perror("iotlbfuzz: report");
			abort();
		}
	}
	return (char *)g->v + g->elem * g->nr++;
}

static void take_entry(void *arg, const struct iotlb_entry *e)
{
	*(struct iotlb_entry *)grow_one(arg) = *e;
}

static int entry_order(const void *a, const void *b)
{
	const struct iotlb_entry *x = a, *y = b;

	if (x->iova != y->iova)
		return x->iova < y->iova ? -1 : 1;
	return x->size < y->size ? -1 : x->size > y->size;
}

static void take_extent(void *arg, uint64_t iova, uint64_t size, uint64_t pa,
			unsigned int prot)
{
	*(struct report_extent *)grow_one(arg) =
		(struct report_extent){iova, size, pa, prot};
}

static void take_ranges(struct report_ranges *to, const struct rangeset *from)
{
	to->nr = from->nr;
	to->v = dup_array(from->v, from->nr, sizeof(*from->v));
}

static void take_state(const struct run_view *r, struct report_state *s)
{
	if (s->taken)
		return;
	s->taken = true;
	if (run_view_iotlb(r)) {
		struct growing g = {.elem = sizeof(struct iotlb_entry)};

		iotlb_for_each(run_view_iotlb(r), take_entry, &g);
		if (g.nr)
			qsort(g.v, g.nr, g.elem, entry_order);
		s->tlb = g.v;
		s->nr_tlb = g.nr;
		s->nr_walk_entries = iotlb_nr_walk_entries(run_view_iotlb(r));
	}
	if (run_view_kstack(r)) {
		s->have_gathers = true;
		for (unsigned int g = 0; g < KSTACK_MAX_GATHERS; g++)
			kstack_gather_state(run_view_kstack(r), g,
					    &s->gathers[g]);
	}
	for (int g = 0; g < PROG_MAX_GATHERS + 1; g++) {
		take_ranges(&s->unmapped[g],
			    &run_view_contract(r)->gathers[g].unmapped);
		take_ranges(&s->pending[g],
			    &run_view_contract(r)->gathers[g].pending);
	}
	s->nr_posted = run_view_device(r)->nr_posted;
	s->posted = dup_array(run_view_device(r)->posted,
			      run_view_device(r)->nr_posted,
			      sizeof(*run_view_device(r)->posted));
	if (run_view_oracle(r)) {
		struct growing g = {.elem = sizeof(struct report_extent)};

		oracle_for_each_extent(run_view_oracle(r), take_extent, &g);
		s->mapped = g.v;
		s->nr_mapped = g.nr;
		s->nr_pending_unmaps =
			oracle_nr_pending(run_view_oracle(r), ORACLE_TAG_ALL);
	}
}

/* The trace of ops c->first_op..c->op, each call tagged with its op. */
static void take_trace(const struct report_capture *c, struct report_impl *impl)
{
	const struct ktrace_call *calls = ktrace_calls();
	size_t n = ktrace_nr(), op = c->first_op;

	impl->traced = kstack_function_traced();
	impl->calls = calloc(n ? n : 1, sizeof(*impl->calls));
	if (!impl->calls) {
		perror("iotlbfuzz: report");
		abort();
	}
	for (size_t i = 0; i < n; i++) {
		while (op < c->op && i >= c->call_start[op + 1 - c->first_op])
			op++;
		impl->calls[i] = (struct report_call){
			.op = op, .depth = calls[i].depth, .fn = calls[i].fn};
	}
	impl->nr_calls = n;
	impl->calls_dropped = ktrace_dropped();
}

static const char *driver_name(int id)
{
	for (unsigned int i = 0; i < kstack_nr_drivers(); i++) {
		int each;
		const char *name = kstack_driver_info(i, &each, NULL);

		if (each == id)
			return name;
	}
	return "?";
}

/* @c: the capture whose window the report shows, or NULL */
static void collect(const struct run_view *r, struct report_impl *impl,
		    const struct report_capture *c)
{
	bool tracing = ktrace_pause();
	const struct program *p = run_view_program(r);
	struct prog_config cfg = p->cfg;
	size_t first_op = run_view_op(r) >= REPORT_OPS_BEFORE
				  ? run_view_op(r) - REPORT_OPS_BEFORE
				  : 0;

	impl->driver = p->cfg.driver;
	snprintf(impl->driver_name, sizeof(impl->driver_name), "%s",
		 driver_name(p->cfg.driver));
	if (run_view_kstack(r)) /* what io-pgtable settled on */
		cfg.pgsize_bitmap = kstack_pgsize_bitmap(run_view_kstack(r));
	program_format_config(&cfg, impl->config, sizeof(impl->config));
	impl->result = run_view_outcome(r)->result;
	impl->cls = run_view_outcome(r)->cls;
	impl->op = run_view_op(r);
	snprintf(impl->msg, sizeof(impl->msg), "%s", run_view_outcome(r)->msg);
	take_state(r, &impl->after);

	/* a run of a cross-driver pair is clean: no IOVA to look at */
	bool focused = run_view_outcome(r)->result == RUN_DIVERGENCE;

	impl->focus_iova = run_view_focus_iova(r);
	impl->min_page = run_view_min_page(r);
	if (focused && run_view_oracle(r)) {
		impl->have_view = true;
		oracle_view(run_view_oracle(r), run_view_focus_iova(r),
			    &impl->view);
	}
	if (focused && run_view_iotlb(r)) {
		impl->have_walk = true;
		impl->walk = hw_walk(run_view_tables(r), run_view_memory(r),
				     NULL, run_view_focus_iova(r));
	}
	/*
	 * The kernel's own lookup follows the same descriptors: where they
	 * lead out of table memory (a truncated table address) or into a
	 * freed table, it would read wild memory, so it is not asked.
	 */
	if (focused && run_view_kstack(r) &&
	    !(impl->have_walk && (impl->walk.status == XLATE_WALK_UNBACKED ||
				  impl->walk.status == XLATE_WALK_FREED))) {
		impl->have_iova_to_phys = true;
		impl->iova_to_phys = kstack_iova_to_phys(
			run_view_kstack(r), run_view_focus_iova(r));
	}

	impl->nr_syncs = run_view_contract(r)->nr_syncs;
	impl->syncs = calloc(run_view_contract(r)->nr_syncs
				     ? run_view_contract(r)->nr_syncs
				     : 1,
			     sizeof(*impl->syncs));
	if (!impl->syncs) {
		perror("iotlbfuzz: report");
		abort();
	}
	for (size_t i = 0; i < run_view_contract(r)->nr_syncs; i++)
		impl->syncs[i] = (struct report_sync){
			run_view_contract(r)->syncs[i].start,
			run_view_contract(r)->syncs[i].end,
			run_view_contract(r)->syncs[i].pgsize,
			run_view_contract(r)->syncs[i].gather};

	impl->nr_unmaps = run_view_contract(r)->nr_unmaps;
	impl->unmaps = calloc(run_view_contract(r)->nr_unmaps
				      ? run_view_contract(r)->nr_unmaps
				      : 1,
			      sizeof(*impl->unmaps));
	if (!impl->unmaps) {
		perror("iotlbfuzz: report");
		abort();
	}
	for (size_t i = 0; i < run_view_contract(r)->nr_unmaps; i++)
		impl->unmaps[i] = (struct report_unmap){
			run_view_contract(r)->unmaps[i].iova,
			run_view_contract(r)->unmaps[i].unmapped};

	/* a capture names its window; the plain report shows two ops back */
	if (c && c->first_op <= run_view_op(r))
		first_op = c->first_op;
	impl->first_op = first_op;

	size_t to = run_view_log(r)->n < EVENT_LOG_CAPACITY
			    ? run_view_log(r)->n
			    : EVENT_LOG_CAPACITY;
	size_t from = run_view_op_first_event(r, first_op);

	from = from < to ? from : to;
	impl->events_cut = run_view_log(r)->n > EVENT_LOG_CAPACITY;
	impl->nr_events = to - from;
	impl->events = dup_array(&run_view_log(r)->ev[from], to - from,
				 sizeof(struct event));
	for (size_t op = first_op; op <= run_view_op(r); op++) {
		size_t at = run_view_op_first_event(r, op);

		at = at < to ? at : to;
		impl->op_events[op - first_op] = at - from;
	}
	ktrace_resume(tracing);
}

void report_collect_impl(const struct run_view *r, struct report_impl *impl)
{
	collect(r, impl, NULL);
}

static bool in_window(const struct report_capture *c, size_t op)
{
	return op >= c->first_op && op <= c->op;
}

static void capture_op_start(void *ctx, const struct run_view *r)
{
	struct report_capture *c = ctx;

	if (!in_window(c, run_view_op(r)) || c->done)
		return;
	if (run_view_op(r) == c->first_op)
		ktrace_reset();
	c->call_start[run_view_op(r) - c->first_op] = ktrace_nr();
	if (run_view_op(r) == c->op)
		take_state(r, &c->impl->before);
	ktrace_set(true);
}

/* The divergent op ended (or diverged): everything else, once. */
static void capture_finish(const struct run_view *r, struct report_capture *c)
{
	ktrace_set(false);
	if (c->done)
		return;
	c->done = true;
	collect(r, c->impl, c);
	take_trace(c, c->impl);
}

static void capture_op_end(void *ctx, const struct run_view *r)
{
	struct report_capture *c = ctx;

	if (!in_window(c, run_view_op(r)))
		return;
	ktrace_set(false);
	if (run_view_op(r) == c->op)
		capture_finish(r, c);
}

static void capture_divergence(void *ctx, const struct run_view *r)
{
	struct report_capture *c = ctx;

	if (run_view_op(r) == c->op)
		capture_finish(r, c);
	else
		ktrace_set(false); /* not the run we were told of */
}

static const struct run_observer_ops capture_ops = {
	.op_begin = capture_op_start,
	.op_end = capture_op_end,
	.verdict = capture_divergence,
	.teardown_begin = capture_op_start,
	.teardown_end = capture_op_end,
};

void report_capture_observer(struct report_capture *c, struct run_observer *o)
{
	*o = (struct run_observer){.ops = &capture_ops, .ctx = c};
}
