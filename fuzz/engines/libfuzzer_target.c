// SPDX-License-Identifier: GPL-2.0-only
/*
 * The libFuzzer entry point: the same runner as `iotlbfuzz replay`, with
 * every divergence aborting through its class function (options from the
 * environment: fuzz_env.h). Which rejected inputs stay out of the corpus:
 * rejected().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cost_memo.h"
#include "forget_coverage.h"
#include "fuzz_env.h"
#include "kstack.h"
#include "runner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * What libFuzzer keeps of a rejected program. -1 keeps an input out of the
 * corpus from LLVM 15 on; clang 14's libFuzzer (Debian bookworm) ignores
 * it and kept every rejected program that reached new edges. Zeroing the
 * counters (forget_coverage()) drops it with any libFuzzer:
 * - over the work budget: always dropped, its mutants cost as much (15 ms
 *   each) and are rejected too;
 * - the structured target: every program that decodes is dropped; they
 *   were 8% of a 20,000-run corpus and the mutator needs no stepping
 *   stones to reach valid programs (docs/benchmarks.md, "Where the time
 *   goes");
 * - the plain target keeps the others (returns 0, so newer libFuzzers
 *   keep them too): byte mutation reaches a valid program through
 *   rejected ones, and without them the bounded seed-bug test missed 4 of
 *   its 14 cases within their budgets.
 * Bytes that do not decode keep their edges in both: the first input of a
 * campaign from nothing is such, and libFuzzer stops a campaign whose
 * first inputs bring no feature at all.
 */
static int rejected(const struct run_options *opt,
		    const struct run_outcome *out)
{
	bool drop = opt->work_budget && out->work > opt->work_budget;

#ifdef IOTLBFUZZ_STRUCTURED
	drop = drop || !out->undecoded;
#endif
	if (!drop)
		return out->undecoded ? -1 : 0;
	forget_coverage();
	return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run_options opt;
	static bool ready;
	struct run_outcome out;

	forget_coverage_begin();
	if (!ready) {
		fuzz_options_from_env(&opt);
		/* the tree's probes run once, before any input is in flight */
		(void)kstack_tree_traits();
		ready = true;
	}
	enum run_result res = run_input(data, size, &opt, &out);

#ifdef IOTLBFUZZ_STRUCTURED
	cost_memo_note(data, size, out.work);
#endif
	switch (res) {
	case RUN_REJECTED:
		return rejected(&opt, &out);
	case RUN_SUPPRESSED:
		/* a known finding: worth nothing more once it is known */
		if (out.msg[0] &&
		    !strncmp(out.msg, "configuration not run", 21)) {
			forget_coverage();
			return -1;
		}
		return 0;
	default:
		return 0;
	}
}
