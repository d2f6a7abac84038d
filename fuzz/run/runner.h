/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Runs one program through the kernel-extracted stack (with the simulated
 * IOTLB behind its driver glue) and the oracle, checking after every
 * operation: the translations the device sees, the map/unmap results,
 * iova_to_phys, the page tables as the hardware reads them, and at
 * teardown the page-table memory. The first divergence ends the run.
 */
#ifndef IOTLBFUZZ_RUNNER_H
#define IOTLBFUZZ_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "divergence.h"
#include "events.h"
#include "program.h"

struct run_observer;
struct cross_run;

struct run_options {
	bool fatal; /* abort through the class function (fuzzing) */
	bool warn_fatal; /* a kernel WARN is a divergence */
	bool no_suppress; /* report known findings too */
	const char *unsuppress; /* "F4,F9": report these findings too */
	bool allow_mutants; /* run the deliberately broken test glues */
	bool allow_experimental; /* run models whose device side is unchecked */
	bool no_over_invalidation; /* a performance class: may be turned off */
	bool no_excess_sync; /* likewise */
	/*
	 * Internal to the cross-driver check: if set, the run records there
	 * what that comparison reads (compare/cross_driver.h).
	 */
	struct cross_run *cross;
	int driver_override; /* -1: the program's own driver */
	/* a partner's run in the cross-driver check (run_cross.c) */
	bool partner;
	/* ignore config.also_run_on: a campaign pinned to one model */
	bool single_driver;
	/*
	 * Work an input may cost, all its runs together (hw_work: table
	 * descriptor reads and driver calls); past it, the input is rejected
	 * at that op. 0: no limit.
	 */
	uint64_t work_budget;
	/*
	 * Steps the kernel code may take through table memory in one run
	 * (kshim_steps()); past them a loop is reported as not ending
	 * (no-progress). 0: no limit.
	 */
	uint64_t max_kernel_steps;
	/*
	 * Who watches the run (run_observer.h): the export trace, the report
	 * capture, the before/after differential, the report printer
	 * (report_print.h; without it a run prints nothing).
	 */
	struct run_observer *observers;
};

enum run_result {
	RUN_CLEAN,
	RUN_DIVERGENCE,
	RUN_REJECTED,
	RUN_SUPPRESSED, /* a divergence a known finding explains */
};

struct run_outcome {
	enum run_result result;
	enum divergence_class cls;
	size_t op; /* first divergent op; nr_ops means teardown */
	char msg[512]; /* the divergence, or why the input was rejected */
	const char *suppressed_by; /* finding id, for RUN_SUPPRESSED */
	/* a driver model took the path of this finding (clean runs too) */
	const char *noted_finding;
	uint64_t warns;
	uint64_t events[EV_NR_KINDS]; /* what the kernel and glue did */
	uint64_t work; /* hw_work() units the input cost */
	/* RUN_REJECTED before anything ran: not a program (bytes, fields) */
	bool undecoded;
	int driver; /* the driver model of the run the outcome is from */
	int other_driver; /* cross-driver: the model that disagreed; or -1 */
};

/*
 * The default work budget: calibrated so that no input takes over 25 ms on
 * the ASan+UBSan build (docs/benchmarks.md, "Work per input").
 */
#define RUN_WORK_BUDGET 150000
/*
 * Far past what an input within the work budget can need (its table
 * memory is at most the arena's 65,536 pages, each allocated, stepped
 * through and freed a few times), so only a loop that does not end
 * reaches it: a no-progress divergence, not an expensive input.
 */
#define RUN_MAX_KERNEL_STEPS 4000000

void run_options_default(struct run_options *o);

/* Decode and run a binary protobuf input. */
enum run_result run_input(const uint8_t *data, size_t len,
			  const struct run_options *o, struct run_outcome *out);
enum run_result run_program(const struct program *p,
			    const struct run_options *o,
			    struct run_outcome *out);

/* One run of one driver model (run_program() adds the cross-driver runs). */
enum run_result run_one(const struct program *prog,
			const struct run_options *opt, struct run_outcome *out);

/*
 * Does the cross-driver check run @prog on @driver as a partner of
 * @base_driver (one of config.also_run_on that is neither the program's
 * own driver nor a broken glue)? The bare benchmark target counts kernel
 * stacks with it.
 */
bool run_cross_partner(int base_driver, int driver);

/*
 * The one map of a free range the contract requires to fail (a fact of
 * the vtdss format, docs/generic-pt.md): on a VT-d second stage set up
 * as a nesting parent (Q_VTDSS_NEST_PARENT, 7.3's
 * PT_FEAT_VTDSS_FORCE_WRITEABLE) a map without IOMMU_WRITE must return
 * -EINVAL and change nothing. @gpt: the domain's generic_pt format, or
 * NULL.
 */
bool run_map_refused_as_read_only(const struct program *p, const char *gpt,
				  const struct prog_op *op);

const char *run_result_name(enum run_result r);
/* "clean", "rejected", "suppressed" or the divergence class's name */
const char *run_outcome_label(const struct run_outcome *o);

#endif
