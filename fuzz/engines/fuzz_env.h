/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The run options of the fuzz targets (libFuzzer and AFL++), read from the
 * environment: a fuzzing engine passes no arguments through to the target,
 * and both targets must judge an input alike, so that a crash one engine
 * finds replays the same way under the other.
 *
 *   IOTLBFUZZ_DRIVER=<name>       every program on this driver model only
 *                                 (config.also_run_on is ignored; an
 *                                 experimental model too: naming it opts in)
 *   IOTLBFUZZ_WARN_FATAL          a kernel WARN is a divergence
 *   IOTLBFUZZ_NO_SUPPRESS         report the known findings too
 *   IOTLBFUZZ_UNSUPPRESS=F4,F9    report these findings too
 *   IOTLBFUZZ_NO_OVER_INVALIDATION  no over-invalidation class
 *   IOTLBFUZZ_NO_EXCESS_SYNC        no excess-sync class
 *   IOTLBFUZZ_ALLOW_MUTANTS       run the deliberately broken glues (only
 *                                 for replaying the regression corpus
 *                                 through a target, as the CLI does)
 *   IOTLBFUZZ_WATCHDOG=<seconds>  CPU time per program before it aborts as
 *                                 no-progress (default 5; 0: no watchdog)
 */
#ifndef IOTLBFUZZ_FUZZ_ENV_H
#define IOTLBFUZZ_FUZZ_ENV_H

#include "runner.h"

/*
 * Fills @o for fuzzing (every divergence aborts through its class
 * function). An unknown IOTLBFUZZ_DRIVER aborts: a campaign that silently
 * ran the programs' own drivers would measure the wrong thing.
 */
void fuzz_options_from_env(struct run_options *o);

/*
 * The structure-aware mutator's pin for IOTLBFUZZ_DRIVER: the formats
 * (BIT(pt_format)) and page sizes that model drives (0: any). False if no
 * model is named. The AFL++ mutator library, which has no kernel stack to
 * ask, gets them as IOTLBFUZZ_MUTATOR_FORMATS / IOTLBFUZZ_MUTATOR_PGSIZES
 * (`iotlbfuzz list --mutator-env`).
 */
bool fuzz_mutator_pin(unsigned int *formats, uint64_t *pgsize_mask);

#endif
