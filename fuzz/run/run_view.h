/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A run as its observers see it: read-only, through accessors, so that
 * the trace, the report capture and the before/after differential depend
 * on what a run shows rather than on how the runner keeps it (only the
 * run's own files include runner_priv.h).
 */
#ifndef IOTLBFUZZ_RUN_VIEW_H
#define IOTLBFUZZ_RUN_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct event_log;
struct gather_contract;
struct hw_context;
struct iotlb;
struct kstack;
struct op_record;
struct oracle;
struct phys_reader;
struct program;
struct run_options;
struct run_outcome;
struct sim_device;

struct run_view;

const struct program *run_view_program(const struct run_view *v);
const struct run_options *run_view_options(const struct run_view *v);
const struct run_outcome *run_view_outcome(const struct run_view *v);
/* the op being run; the program's nr_ops at teardown */
size_t run_view_op(const struct run_view *v);
/* the run ends at this op (a divergence or a rejection) */
bool run_view_stopped(const struct run_view *v);
/* where log events of @op begin */
size_t run_view_op_first_event(const struct run_view *v, size_t op);
const struct event_log *run_view_log(const struct run_view *v);
/* NULL before the domain exists and after its teardown */
struct kstack *run_view_kstack(const struct run_view *v);
const struct oracle *run_view_oracle(const struct run_view *v);
const struct iotlb *run_view_iotlb(const struct run_view *v);
const struct sim_device *run_view_device(const struct run_view *v);
const struct gather_contract *run_view_contract(const struct run_view *v);
/* what the current op did (op_record.h): kept for runs with observers */
const struct op_record *run_view_record(const struct run_view *v);
/* the page tables as io-pgtable describes them, and their memory */
const struct hw_context *run_view_tables(const struct run_view *v);
const struct phys_reader *run_view_memory(const struct run_view *v);
uint64_t run_view_min_page(const struct run_view *v);
/* the IOVA a divergence is about */
uint64_t run_view_focus_iova(const struct run_view *v);

#endif
