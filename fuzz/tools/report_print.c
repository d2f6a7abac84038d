// SPDX-License-Identifier: GPL-2.0-only
/*
 * The report goes first; the "ASSERTION FAILURE" line follows it, from
 * here when the run goes on, from the run itself when it aborts (the
 * fuzz targets), so that it is printed once and a crash always has it.
 */
#include <stdio.h>

#include "divergence.h"
#include "kstack.h"
#include "report_model.h"
#include "report_print.h"
#include "run_view.h"
#include "runner.h"

/* A fatal run prints it itself as it aborts (divergence_raise()). */
static void assertion_line(const struct report_printer *p,
			   const struct run_options *opt,
			   const struct run_outcome *out)
{
	if (!opt->fatal)
		divergence_print(p->out, out->cls, out->msg);
}

static void print_verdict(void *ctx, const struct run_view *v)
{
	struct report_printer *p = ctx;

	report_divergence(p->out, v);
	assertion_line(p, run_view_options(v), run_view_outcome(v));
}

static void print_setup_verdict(void *ctx, const struct run_view *v)
{
	struct report_printer *p = ctx;
	const struct run_outcome *out = run_view_outcome(v);

	fprintf(p->out,
		"\n==== iotlbfuzz: %s at setup (kernel %s) ====\n  %s\n====\n",
		divergence_name(out->cls), kstack_kernel_release(), out->msg);
	assertion_line(p, run_view_options(v), out);
}

static void print_cross_verdict(void *ctx, const struct program *prog,
				const struct run_options *opt,
				const struct run_outcome *out)
{
	struct report_printer *p = ctx;

	report_cross_driver(p->out, prog, opt, out);
	assertion_line(p, opt, out);
}

static const struct run_observer_ops printer_ops = {
	.every_driver = true,
	.verdict = print_verdict,
	.setup_verdict = print_setup_verdict,
	.cross_verdict = print_cross_verdict,
};

struct run_observer *report_printer_init(struct report_printer *p, FILE *out)
{
	p->out = out;
	p->obs.ops = &printer_ops;
	p->obs.ctx = p;
	p->obs.next = NULL;
	return &p->obs;
}
