// SPDX-License-Identifier: GPL-2.0-only
/*
 * Recording the per-operation trace (run_trace.h). The contract's
 * expectation is taken from the oracle before the operation changes it, so
 * at the divergent operation it is what the API says, not what the kernel
 * did.
 */
#include "run_trace.h"

#include <errno.h>
#include <string.h>

#include "iotlb.h"
#include "kstack.h"
#include "op_record.h"
#include "oracle.h"
#include "run_observer.h"
#include "run_view.h"
#include "runner.h"

static void trace_begin(void *ctx, const struct run_view *r)
{
	struct run_trace *t = ctx;

	t->started = true;
	t->log = run_view_log(r);
	t->pgsize_bitmap = run_view_program(r)->cfg.pgsize_bitmap;
	t->ias = run_view_program(r)->cfg.ias;
	t->oas = run_view_program(r)->cfg.oas;
	t->driver_name = kstack_driver_name(run_view_kstack(r));
	t->generic_pt = kstack_generic_pt_format(run_view_kstack(r));
	t->deferred = run_view_program(r)->cfg.deferred;
}

/* Ranges are checked not to wrap before a program runs. */
static bool anything_mapped(const struct run_view *r, uint64_t iova,
			    uint64_t size)
{
	return size && oracle_maps_any_in(run_view_oracle(r), iova,
					  iova + (size - 1));
}

static void trace_before_op(void *ctx, const struct run_view *r)
{
	struct run_trace *t = ctx;
	const struct prog_op *op = &run_view_program(r)->ops[run_view_op(r)];
	struct op_trace *ot;
	struct oracle_view v;

	ot = &t->ops[run_view_op(r)];
	memset(ot, 0, sizeof(*ot));
	ot->ran = true;
	ot->first_event = run_view_log(r)->n;
	switch (op->kind) {
	case OP_MAP:
		/*
		 * a map of a free range must succeed; one of no bytes may
		 * also be refused (generic_pt's map_range(): -EINVAL)
		 */
		ot->expect = !op->size || anything_mapped(r, op->iova, op->size)
				     ? TRACE_EXPECT_DRIVER
				     : TRACE_EXPECT_EXACT;
		ot->expected = 0;
		/* ...but for the one the contract refuses, wherever it is */
		if (run_map_refused_as_read_only(
			    run_view_program(r),
			    kstack_generic_pt_format(run_view_kstack(r)), op)) {
			ot->expect = TRACE_EXPECT_EXACT;
			ot->expected = (uint64_t)-EINVAL;
		}
		break;
	case OP_UNMAP:
	case OP_UNMAP_FAST:
		/*
		 * Unambiguous unmaps cover whole mappings without holes, or
		 * nothing at all.
		 */
		if (oracle_unmap_is_ambiguous(run_view_oracle(r), op->iova,
					      op->size)) {
			ot->expect = TRACE_EXPECT_DRIVER;
		} else {
			ot->expect = TRACE_EXPECT_EXACT;
			ot->expected = anything_mapped(r, op->iova, op->size)
					       ? op->size
					       : 0;
		}
		break;
	case OP_IOVA_TO_PHYS:
		oracle_view(run_view_oracle(r), op->iova, &v);
		ot->expect = TRACE_EXPECT_EXACT;
		ot->expected =
			v.mapped ? v.current.pa + (op->iova &
						   (run_view_min_page(r) - 1))
				 : 0;
		break;
	case OP_ACCESS:
	case OP_PREFETCH:
		oracle_view(run_view_oracle(r), op->iova, &v);
		ot->view_mapped = v.mapped;
		ot->view_pa =
			v.mapped ? v.current.pa + (op->iova &
						   (run_view_min_page(r) - 1))
				 : 0;
		ot->view_prot = v.mapped ? v.current.prot : 0;
		ot->fault_legal = v.none_allowed;
		ot->nr_stale = v.nr_stale;
		break;
	default:
		break;
	}
}

/* What the op returned and what the device saw, so far as it got. */
static void trace_record(void *ctx, const struct run_view *r)
{
	struct op_trace *ot = &((struct run_trace *)ctx)->ops[run_view_op(r)];
	const struct op_record *rec = run_view_record(r);

	if (rec->has_result)
		ot->ret = rec->result;
	if (rec->has_access) {
		ot->access_status = (int)rec->access.status;
		ot->access_pa = rec->access.pa;
		ot->access_perm = rec->access.perm;
		ot->access_hit = rec->access.hit;
	}
}

static void trace_after_op(void *ctx, const struct run_view *r)
{
	struct run_trace *t = ctx;
	const struct prog_op *op;

	trace_record(ctx, r);
	op = &run_view_program(r)->ops[run_view_op(r)];
	/* a pure lookup: asking again changes nothing */
	if (op->kind == OP_IOVA_TO_PHYS && run_view_kstack(r))
		t->ops[run_view_op(r)].ret = (int64_t)kstack_iova_to_phys(
			run_view_kstack(r), op->iova);
	t->ops[run_view_op(r)].finished = true;
	t->ops[run_view_op(r)].end_event = run_view_log(r)->n;
}

static const struct run_observer_ops trace_ops = {
	.run_begin = trace_begin,
	.op_begin = trace_before_op,
	.op_end = trace_after_op,
	.op_abandoned = trace_record,
};

void run_trace_observer(struct run_trace *t, struct run_observer *o)
{
	*o = (struct run_observer){.ops = &trace_ops, .ctx = t};
}
