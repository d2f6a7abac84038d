// SPDX-License-Identifier: GPL-2.0-only
/* The read-only view of a run (run_view.h). */
#include "run_view.h"

#include "runner_priv.h"

static const struct runner *runner_of(const struct run_view *v)
{
	return (const struct runner *)v;
}

const struct run_view *run_view_of(const struct runner *r)
{
	return (const struct run_view *)r;
}

const struct program *run_view_program(const struct run_view *v)
{
	return runner_of(v)->prog;
}

const struct run_options *run_view_options(const struct run_view *v)
{
	return runner_of(v)->opt;
}

const struct run_outcome *run_view_outcome(const struct run_view *v)
{
	return runner_of(v)->out;
}

size_t run_view_op(const struct run_view *v)
{
	return runner_of(v)->op;
}

bool run_view_stopped(const struct run_view *v)
{
	return runner_of(v)->diverged;
}

size_t run_view_op_first_event(const struct run_view *v, size_t op)
{
	return runner_of(v)->op_first_event[op];
}

const struct event_log *run_view_log(const struct run_view *v)
{
	return runner_of(v)->log;
}

struct kstack *run_view_kstack(const struct run_view *v)
{
	return runner_of(v)->ks;
}

const struct oracle *run_view_oracle(const struct run_view *v)
{
	return runner_of(v)->orc;
}

const struct iotlb *run_view_iotlb(const struct run_view *v)
{
	return runner_of(v)->tlb;
}

const struct sim_device *run_view_device(const struct run_view *v)
{
	return &runner_of(v)->dev;
}

const struct gather_contract *run_view_contract(const struct run_view *v)
{
	return &runner_of(v)->contract;
}

const struct hw_context *run_view_tables(const struct run_view *v)
{
	return &runner_of(v)->hw_tables;
}

const struct phys_reader *run_view_memory(const struct run_view *v)
{
	return &runner_of(v)->mem;
}

const struct op_record *run_view_record(const struct run_view *v)
{
	return &runner_of(v)->rec;
}

uint64_t run_view_min_page(const struct run_view *v)
{
	return runner_of(v)->min_page;
}

uint64_t run_view_focus_iova(const struct run_view *v)
{
	return runner_of(v)->focus_iova;
}
