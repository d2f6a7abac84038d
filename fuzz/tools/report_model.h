/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The divergence report as data: everything a report shows about one
 * divergent program, collected once from the runner and rendered as text
 * (printed on every divergence), HTML or markdown (iotlbfuzz report).
 *
 * The runner's own report is collected at the moment of the divergence.
 * `iotlbfuzz report` runs the program again with a capture (struct
 * report_capture) that also takes the state before the divergent operation
 * and the kernel function trace of the operations around it, and for a
 * cross-driver divergence runs each of the two driver models on its own.
 */
#ifndef IOTLBFUZZ_REPORT_MODEL_H
#define IOTLBFUZZ_REPORT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "events.h"
#include "iotlb.h"
#include "kstack.h"
#include "oracle.h"
#include "program.h"
#include "rangeset.h"
#include "runner.h"

/* The operations before the divergent one whose events and calls we show. */
#define REPORT_OPS_BEFORE 2
/* Two driver models for a cross-driver divergence, one otherwise. */
#define REPORT_MAX_IMPLS 2
#define REPORT_MAX_REPRO 8

struct report_extent {
	uint64_t iova, size, pa;
	unsigned int prot; /* ORACLE_PROT_* */
};

struct report_ranges {
	struct range_item *v;
	size_t nr;
};

/* The kernel stack, the IOTLB and the oracle at one moment. */
struct report_state {
	bool taken;
	/* the simulated IOTLB: leaf and negative entries, by IOVA */
	struct iotlb_entry *tlb;
	size_t nr_tlb, nr_walk_entries;
	/* the kernel's iommu_iotlb_gather of each of the program's gathers */
	bool have_gathers;
	struct kstack_gather gathers[KSTACK_MAX_GATHERS];
	/*
	 * The runner's bookkeeping per gather (the program's, then
	 * iommu_unmap()'s own): unmapped into it since its last sync, and of
	 * that, not yet covered by an iotlb_sync.
	 */
	struct report_ranges unmapped[PROG_MAX_GATHERS + 1];
	struct report_ranges pending[PROG_MAX_GATHERS + 1];
	/* invalidations the driver posted and has not waited for */
	struct sim_posted *posted;
	size_t nr_posted;
	/* the oracle: what is mapped, as the API promises it */
	struct report_extent *mapped;
	size_t nr_mapped;
	size_t nr_pending_unmaps; /* unmapped, not yet synced or flushed */
};

/* An iotlb_sync of the divergent operation, with the gather it synced. */
struct report_sync {
	uint64_t start, end, pgsize;
	int gather; /* PROG_MAX_GATHERS: iommu_unmap()'s own */
};

/* A kernel function call of the trace. */
struct report_call {
	size_t op; /* the operation it ran in; nr_ops: teardown */
	unsigned int depth;
	const void *fn;
	char name[64]; /* filled by report_symbolize() */
};

/* One run of the kernel-extracted stack with one driver model. */
struct report_impl {
	int driver; /* the program's Driver value */
	char driver_name[64];
	char config[256]; /* as io-pgtable settled it */
	/* how this run ended (a cross-driver run is clean on its own) */
	enum run_result result;
	enum divergence_class cls;
	size_t op;
	char msg[512];
	struct report_state before, after; /* the divergent op */
	/* at the divergence: the oracle, the tables and the kernel's answer */
	uint64_t focus_iova;
	bool have_view;
	struct oracle_view view;
	uint64_t min_page;
	bool have_walk;
	struct walk_result walk;
	bool have_iova_to_phys;
	uint64_t iova_to_phys;
	/* the iotlb_sync calls of the divergent op */
	struct report_sync *syncs;
	size_t nr_syncs;
	/* what the core's trace point says the divergent op unmapped */
	struct report_unmap {
		uint64_t iova, unmapped;
	} * unmaps;
	size_t nr_unmaps;
	/* the event log of ops first_op..op */
	size_t first_op;
	struct event *events;
	size_t nr_events;
	size_t op_events[REPORT_OPS_BEFORE + 1]; /* where each op's start */
	bool events_cut; /* the log was full */
	/* the kernel functions that ran in ops first_op..op */
	bool traced;
	struct report_call *calls;
	size_t nr_calls, calls_dropped;
};

struct report_model {
	enum divergence_class cls;
	size_t op; /* first divergent op; nr_ops: teardown */
	char msg[512];
	const char *kernel_release;
	struct program prog; /* as run (driver override applied) */
	struct report_impl impl[REPORT_MAX_IMPLS];
	size_t nr_impls;
	/* filled by the report command */
	const char *input_path;
	char *program_text; /* the text form (protoc), malloc'd */
	char repro[REPORT_MAX_REPRO][640];
	size_t nr_repro;
};

/*
 * What a capture run should take: the state at the start and at the end
 * (or the divergence) of op @op, and the trace of ops @first_op..@op.
 */
struct report_capture {
	size_t op, first_op;
	struct report_impl *impl;
	/* internal: where each op's calls start in the trace; done */
	size_t call_start[REPORT_OPS_BEFORE + 1];
	bool done;
};

struct run_view;

/*
 * @o watches a run for @c (put it in run_options.observers): at the start
 * and the end of each op in its window (teardown too), and at a divergence
 * before the run unwinds.
 */
struct run_observer;
void report_capture_observer(struct report_capture *c, struct run_observer *o);

/* Everything the runner knows at this moment, into @impl (its "after"). */
void report_collect_impl(const struct run_view *r, struct report_impl *impl);

/*
 * Run @prog for its report: a plain run first, then capture runs of the
 * driver model(s) involved. NULL when the program does not diverge (@out
 * says how it ran), or when a capture run did not repeat the divergence
 * (@out still says RUN_DIVERGENCE).
 */
struct report_model *report_model_build(const struct program *prog,
					const struct run_options *opt,
					struct run_outcome *out);
void report_model_free(struct report_model *m);

/* Function names for the trace's addresses. */
void report_symbolize(struct report_model *m);

/* The renderers. */
void report_render_text(FILE *f, const struct report_model *m);
int report_render_html(FILE *f, const struct report_model *m);
int report_render_markdown(FILE *f, const struct report_model *m);

/* Helpers the renderers share. */
void report_format_entry(const struct iotlb_entry *e, char *buf, size_t len);
/* Is @e (or a state's entries) in @s? For the before/after comparison. */
bool report_state_has_entry(const struct report_state *s,
			    const struct iotlb_entry *e);
/*
 * The calls of op @op as a call tree with repeats folded: consecutive
 * sibling calls with identical subtrees become one line with a count.
 * Fills @lines (at most @max) and returns how many there are in all.
 */
struct report_call_line {
	unsigned int depth;
	const char *name;
	size_t repeat; /* 1: once */
};
size_t report_call_tree(const struct report_impl *impl, size_t op,
			struct report_call_line *lines, size_t max);

/* Write the human-readable divergence report. */
void report_divergence(FILE *f, const struct run_view *r);
/*
 * The same for a cross-driver divergence (@out names the two drivers):
 * both models run again, each on its own, for what they map after the op.
 */
void report_cross_driver(FILE *f, const struct program *prog,
			 const struct run_options *opt,
			 const struct run_outcome *out);

#endif
