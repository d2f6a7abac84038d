// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hooks -finstrument-functions calls on kernel function entry and exit
 * (ktrace.h). They are never instrumented themselves (that would recurse),
 * and with tracing off they must cost next to nothing: the fuzz targets
 * run them on every kernel call.
 */
#include "ktrace.h"

#define KTRACE_HOOK __attribute__((no_instrument_function))
#if defined(__clang__)
/* not a coverage edge either: the fuzzer learns nothing from them */
#define KTRACE_HOT KTRACE_HOOK __attribute__((no_sanitize("coverage")))
#else
#define KTRACE_HOT KTRACE_HOOK
#endif

bool ktrace_enabled;

static struct ktrace_call calls[KTRACE_CAPACITY];
static size_t nr_calls, nr_dropped;
static unsigned int depth;

void __cyg_profile_func_enter(void *fn, void *call_site);
void __cyg_profile_func_exit(void *fn, void *call_site);

KTRACE_HOOK void ktrace_reset(void)
{
	nr_calls = 0;
	nr_dropped = 0;
	depth = 0;
}

KTRACE_HOOK __attribute__((noinline, cold)) static void record_entry(void *fn)
{
	if (nr_calls < KTRACE_CAPACITY)
		calls[nr_calls++] = (struct ktrace_call){fn, depth};
	else
		nr_dropped++;
	depth++;
}

KTRACE_HOT void __cyg_profile_func_enter(void *fn, void *call_site)
{
	(void)call_site;
	if (__builtin_expect(ktrace_enabled, 0))
		record_entry(fn);
}

KTRACE_HOT void __cyg_profile_func_exit(void *fn, void *call_site)
{
	(void)fn;
	(void)call_site;
	/* tracing may have been switched on inside a call: no underflow */
	if (__builtin_expect(ktrace_enabled, 0) && depth)
		depth--;
}

KTRACE_HOOK size_t ktrace_nr(void)
{
	return nr_calls;
}

KTRACE_HOOK const struct ktrace_call *ktrace_calls(void)
{
	return calls;
}

KTRACE_HOOK size_t ktrace_dropped(void)
{
	return nr_dropped;
}
