// SPDX-License-Identifier: GPL-2.0-only
/*
 * Recording the per-operation trace (run_trace.h). The contract's
 * expectation is taken from the oracle before the operation changes it, so
 * at the divergent operation it is what the API says, not what the kernel
 * did.
 */
#include "run_trace.h"

#include <string.h>

#include "runner_priv.h"

static struct run_trace *trace_of(const struct runner *r)
{
	return r->opt->trace;
}

void run_trace_begin(struct runner *r)
{
	struct run_trace *t = trace_of(r);

	if (!t)
		return;
	t->started = true;
	t->log = r->log;
	t->pgsize_bitmap = r->prog->cfg.pgsize_bitmap;
	t->ias = r->prog->cfg.ias;
	t->oas = r->prog->cfg.oas;
	t->driver_name = kstack_driver_name(r->ks);
	t->deferred = r->prog->cfg.deferred;
}

struct overlap {
	uint64_t start, last; /* inclusive: a range may end at 2^64 */
	bool found;
};

static void note_overlap(void *arg, uint64_t iova, uint64_t size, uint64_t pa,
			 unsigned int prot)
{
	struct overlap *q = arg;

	(void)pa;
	(void)prot;
	if (iova <= q->last && iova + (size - 1) >= q->start)
		q->found = true;
}

static bool anything_mapped(const struct runner *r, uint64_t iova,
			    uint64_t size)
{
	struct overlap q = {iova, iova + (size - 1), false};

	if (!size)
		return false;

	oracle_for_each_extent_in(r->orc, q.start, q.last, note_overlap, &q);
	return q.found;
}

void run_trace_before_op(struct runner *r, const struct prog_op *op)
{
	struct run_trace *t = trace_of(r);
	struct op_trace *ot;
	struct oracle_view v;

	if (!t)
		return;
	ot = &t->ops[r->op];
	memset(ot, 0, sizeof(*ot));
	ot->ran = true;
	ot->first_event = r->log->n;
	switch (op->kind) {
	case OP_MAP:
		/* a map of a free range must succeed */
		ot->expect = anything_mapped(r, op->iova, op->size)
				     ? TRACE_EXPECT_DRIVER
				     : TRACE_EXPECT_EXACT;
		ot->expected = 0;
		break;
	case OP_UNMAP:
	case OP_UNMAP_FAST:
		/*
		 * Unambiguous unmaps cover whole mappings without holes, or
		 * nothing at all.
		 */
		if (oracle_unmap_is_ambiguous(r->orc, op->iova, op->size)) {
			ot->expect = TRACE_EXPECT_DRIVER;
		} else {
			ot->expect = TRACE_EXPECT_EXACT;
			ot->expected = anything_mapped(r, op->iova, op->size)
					       ? op->size
					       : 0;
		}
		break;
	case OP_IOVA_TO_PHYS:
		oracle_view(r->orc, op->iova, &v);
		ot->expect = TRACE_EXPECT_EXACT;
		ot->expected =
			v.mapped ? v.current.pa + (op->iova & (r->min_page - 1))
				 : 0;
		break;
	case OP_ACCESS:
	case OP_PREFETCH:
		oracle_view(r->orc, op->iova, &v);
		ot->view_mapped = v.mapped;
		ot->view_pa =
			v.mapped ? v.current.pa + (op->iova & (r->min_page - 1))
				 : 0;
		ot->view_prot = v.mapped ? v.current.prot : 0;
		ot->fault_legal = v.none_allowed;
		ot->nr_stale = v.nr_stale;
		break;
	default:
		break;
	}
}

void run_trace_result(struct runner *r, int64_t ret)
{
	struct run_trace *t = trace_of(r);

	if (t)
		t->ops[r->op].ret = ret;
}

void run_trace_access(struct runner *r, const struct xlate_result *x)
{
	struct run_trace *t = trace_of(r);

	if (!t)
		return;
	t->ops[r->op].access_status = (int)x->status;
	t->ops[r->op].access_pa = x->pa;
	t->ops[r->op].access_perm = x->perm;
	t->ops[r->op].access_hit = x->hit;
}

void run_trace_after_op(struct runner *r)
{
	struct run_trace *t = trace_of(r);
	const struct prog_op *op;

	if (!t)
		return;
	op = &r->prog->ops[r->op];
	/* a pure lookup: asking again changes nothing */
	if (op->kind == OP_IOVA_TO_PHYS && r->ks)
		t->ops[r->op].ret =
			(int64_t)kstack_iova_to_phys(r->ks, op->iova);
	t->ops[r->op].finished = true;
	t->ops[r->op].end_event = r->log->n;
}
