// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building a report model: the runner's text report at a divergence, and
 * for `iotlbfuzz report` capture runs of the program, which repeat the
 * divergent run (runs are deterministic) with the state before the
 * divergent op and the kernel function trace taken as well.
 */
#include <stdlib.h>
#include <string.h>

#include "ktrace.h"
#include "report_model.h"
#include "kstack.h"
#include "oracle.h"
#include "run_observer.h"
#include "run_view.h"
#include "runner.h"
#include "symbolize.h"

static struct report_model *model_alloc(void)
{
	struct report_model *m = calloc(1, sizeof(*m));

	if (!m) {
		perror("iotlbfuzz: report");
		abort();
	}
	m->kernel_release = kstack_kernel_release();
	return m;
}

static void model_head(struct report_model *m, const struct program *prog,
		       const struct run_outcome *out)
{
	m->cls = out->cls;
	m->op = out->op;
	snprintf(m->msg, sizeof(m->msg), "%s", out->msg);
	m->prog = *prog;
}

void report_divergence(FILE *f, const struct run_view *r)
{
	struct report_model *m = model_alloc();

	model_head(m, run_view_program(r), run_view_outcome(r));
	m->op = run_view_op(r);
	m->nr_impls = 1;
	report_collect_impl(r, &m->impl[0]);
	report_render_text(f, m);
	report_model_free(m);
}

/*
 * Run @prog on @driver alone, capturing op @op into @impl. True if the
 * capture was taken; @out says how the run ended.
 */
static bool capture_run(const struct program *prog, int driver, size_t op,
			const struct run_options *opt, struct report_impl *impl,
			struct run_outcome *out)
{
	struct program *q = malloc(sizeof(*q));
	struct run_options o = *opt;
	struct report_capture c = {
		.op = op,
		.first_op =
			op >= REPORT_OPS_BEFORE ? op - REPORT_OPS_BEFORE : 0,
		.impl = impl,
	};
	struct run_observer watch;

	if (!q) {
		perror("iotlbfuzz: report");
		abort();
	}
	*q = *prog;
	q->cfg.driver = driver;
	q->cfg.nr_also_run_on = 0;
	o.fatal = false;
	o.driver_override = -1;
	o.cross = NULL;
	report_capture_observer(&c, &watch);
	o.observers = &watch;
	/* a rerun of a run that stayed within its budget */
	o.work_budget = 0;
	hw_work_set_limit(0);
	run_one(q, &o, out);
	ktrace_set(false);
	free(q);
	return c.done;
}

static bool cross_model(struct report_model *m, const struct program *prog,
			const struct run_options *opt,
			const struct run_outcome *out)
{
	struct run_outcome o2;
	int drivers[2] = {out->driver, out->other_driver};

	for (int i = 0; i < 2; i++)
		if (!capture_run(prog, drivers[i], out->op, opt, &m->impl[i],
				 &o2))
			return false;
	m->nr_impls = 2;
	return true;
}

void report_cross_driver(FILE *f, const struct program *prog,
			 const struct run_options *opt,
			 const struct run_outcome *out)
{
	struct report_model *m = model_alloc();

	model_head(m, prog, out);
	if (!cross_model(m, prog, opt, out))
		m->nr_impls = 0; /* the header and message still help */
	report_render_text(f, m);
	report_model_free(m);
}

struct report_model *report_model_build(const struct program *prog,
					const struct run_options *opt,
					struct run_outcome *out)
{
	struct run_options o = *opt;
	struct run_outcome again;
	struct report_model *m;

	o.fatal = false;
	o.observers = NULL;
	if (run_program(prog, &o, out) != RUN_DIVERGENCE)
		return NULL;
	m = model_alloc();
	model_head(m, prog, out);
	if (opt->driver_override >= 0)
		m->prog.cfg.driver = opt->driver_override;
	if (out->cls == DIV_CROSS_DRIVER) {
		if (cross_model(m, prog, opt, out))
			return m;
	} else if (capture_run(prog, out->driver, out->op, opt, &m->impl[0],
			       &again) &&
		   again.result == RUN_DIVERGENCE && again.cls == out->cls &&
		   again.op == out->op) {
		m->nr_impls = 1;
		return m;
	}
	/* @out still says RUN_DIVERGENCE: the caller tells it apart */
	report_model_free(m);
	return NULL;
}

static void state_free(struct report_state *s)
{
	free(s->tlb);
	free(s->posted);
	free(s->mapped);
	for (int g = 0; g <= PROG_MAX_GATHERS; g++) {
		free(s->unmapped[g].v);
		free(s->pending[g].v);
	}
}

void report_model_free(struct report_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < REPORT_MAX_IMPLS; i++) {
		struct report_impl *impl = &m->impl[i];

		state_free(&impl->before);
		state_free(&impl->after);
		free(impl->syncs);
		free(impl->unmaps);
		free(impl->events);
		free(impl->calls);
	}
	free(m->program_text);
	free(m);
}

void report_symbolize(struct report_model *m)
{
	for (size_t i = 0; i < m->nr_impls; i++)
		for (size_t k = 0; k < m->impl[i].nr_calls; k++)
			symbolize_function(m->impl[i].calls[k].fn,
					   m->impl[i].calls[k].name,
					   sizeof(m->impl[i].calls[k].name));
}
