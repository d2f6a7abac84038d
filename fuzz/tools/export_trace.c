// SPDX-License-Identifier: GPL-2.0-only
/*
 * The readable trace: one line per operation with what each side saw (the
 * kernel stack's return value, the API contract's expectation, the
 * device's translation), and under it the events the operation caused in
 * the kernel code, the driver glue and the simulated IOTLB.
 */
#include <inttypes.h>

#include "export.h"
#include "iotlb.h"
#include "kstack.h"

static void prot_text(unsigned int prot, char buf[3])
{
	buf[0] = (prot & HW_PERM_READ) ? 'r' : '-';
	buf[1] = (prot & HW_PERM_WRITE) ? 'w' : '-';
	buf[2] = 0;
}

static void print_expectation(FILE *f, const struct prog_op *op,
			      const struct op_trace *t)
{
	char prot[3];

	switch (op->kind) {
	case OP_MAP:
		if (t->expect == TRACE_EXPECT_EXACT && t->expected)
			fprintf(f, " | contract: %d (read-only, on a nesting "
				   "parent)",
				(int)t->expected);
		else if (t->expect == TRACE_EXPECT_EXACT)
			fprintf(f, " | contract: 0 (a free range)");
		else if (!op->size)
			fprintf(f, " | contract: 0, or refused (no bytes)");
		else
			fprintf(f, " | contract: left to the driver (maps over "
				   "a live mapping)");
		break;
	case OP_UNMAP:
	case OP_UNMAP_FAST:
		if (t->expect == TRACE_EXPECT_EXACT)
			fprintf(f, " | contract: 0x%" PRIx64 "%s", t->expected,
				t->expected ? "" : " (nothing mapped)");
		else
			fprintf(f, " | contract: left to the driver (cuts into "
				   "a mapping or spans holes)");
		break;
	case OP_IOVA_TO_PHYS:
		fprintf(f, " | contract: 0x%" PRIx64 "%s", t->expected,
			t->expected ? "" : " (not mapped)");
		break;
	case OP_ACCESS:
	case OP_PREFETCH:
		fprintf(f, " | contract: ");
		if (t->view_mapped) {
			prot_text(t->view_prot, prot);
			fprintf(f, "0x%" PRIx64 " %s", t->view_pa, prot);
		} else {
			fprintf(f, "not mapped");
		}
		if (t->nr_stale)
			fprintf(f,
				", %u old translation%s still legal until "
				"the unmap completes",
				t->nr_stale, t->nr_stale > 1 ? "s" : "");
		if (t->fault_legal && t->view_mapped)
			fprintf(f, ", a fault is legal");
		else if (!t->fault_legal)
			fprintf(f, ", a fault is not legal");
		break;
	default:
		break;
	}
}

static void print_kernel_side(FILE *f, const struct prog_op *op,
			      const struct op_trace *t)
{
	char prot[3];

	if (!t->finished) {
		fprintf(f, " | kernel: did not return (BUG)");
		return;
	}
	switch (op->kind) {
	case OP_MAP:
		fprintf(f, " | kernel: %" PRId64, t->ret);
		break;
	case OP_UNMAP:
	case OP_UNMAP_FAST:
	case OP_IOVA_TO_PHYS:
		fprintf(f, " | kernel: 0x%" PRIx64, (uint64_t)t->ret);
		break;
	case OP_ACCESS:
	case OP_PREFETCH:
		fprintf(f, " | device: ");
		if (t->access_status == XLATE_OK) {
			prot_text(t->access_perm, prot);
			fprintf(f, "0x%" PRIx64 " %s", t->access_pa, prot);
		} else {
			fprintf(f, "%s",
				xlate_status_name(
					(enum xlate_status)t->access_status));
		}
		fprintf(f, " (%s)", t->access_hit ? "IOTLB hit" : "walked");
		break;
	default:
		break;
	}
}

static void print_events(FILE *f, const struct run_trace *t,
			 const struct op_trace *ot)
{
	/* cut short by a BUG: its events run to the end of the log */
	size_t end = ot->finished ? ot->end_event : t->log->n;
	size_t all = end;

	if (end > EVENT_LOG_CAPACITY)
		end = EVENT_LOG_CAPACITY;
	for (size_t i = ot->first_event; i < end; i++)
		if (t->log->ev[i].kind != EV_OP)
			event_print(f, &t->log->ev[i]);
	if (all > EVENT_LOG_CAPACITY)
		fprintf(f, "     (%zu more events not kept)\n", all - end);
}

void export_trace(FILE *f, const struct reproducer *r)
{
	const struct run_outcome *o = &r->out;
	const struct run_trace *t = &r->trace;
	char line[256];
	struct prog_config cfg = r->prog.cfg;

	fprintf(f, "iotlbfuzz trace of %s, kernel %s, driver %s\n", r->name,
		kstack_kernel_release(), t->driver_name ? t->driver_name : "?");
	if (t->started) {
		cfg.pgsize_bitmap = t->pgsize_bitmap;
		cfg.ias = t->ias;
		cfg.oas = t->oas;
	}
	program_format_config(&cfg, line, sizeof(line));
	fprintf(f, "config: %s\n", line);
	if (o->result == RUN_DIVERGENCE || o->result == RUN_SUPPRESSED) {
		char where[32];

		reproducer_where(r, where, sizeof(where));
		fprintf(f, "outcome: %s%s%s at %s: %s\n", run_outcome_label(o),
			o->result == RUN_SUPPRESSED ? " by " : "",
			o->result == RUN_SUPPRESSED ? o->suppressed_by : "",
			where, o->msg);
	} else {
		fprintf(f, "outcome: %s%s%s\n", run_outcome_label(o),
			o->msg[0] ? ": " : "", o->msg);
	}
	if (r->prog.cfg.nr_also_run_on)
		fprintf(f,
			"(the cross-driver check also ran it on %zu more "
			"driver%s; the trace is of %s)\n",
			r->prog.cfg.nr_also_run_on,
			r->prog.cfg.nr_also_run_on > 1 ? "s" : "",
			t->driver_name ? t->driver_name : "?");
	if (!t->started) {
		fprintf(f, "(no operation ran)\n");
		return;
	}
	fprintf(f, "\n");
	for (size_t i = 0; i < r->prog.nr_ops; i++) {
		const struct prog_op *op = &r->prog.ops[i];
		const struct op_trace *ot = &t->ops[i];

		program_format_op(op, line, sizeof(line));
		fprintf(f, "#%-3zu %s", i, line);
		if (!ot->ran) {
			fprintf(f, " | not run\n");
			continue;
		}
		print_kernel_side(f, op, ot);
		print_expectation(f, op, ot);
		if ((o->result == RUN_DIVERGENCE ||
		     o->result == RUN_SUPPRESSED) &&
		    o->op == i)
			fprintf(f, " <== %s", run_outcome_label(o));
		fprintf(f, "\n");
		print_events(f, t, ot);
	}
	if ((o->result == RUN_DIVERGENCE || o->result == RUN_SUPPRESSED) &&
	    o->op >= r->prog.nr_ops)
		fprintf(f, "teardown <== %s: %s\n", run_outcome_label(o),
			o->msg);
}
