/* SPDX-License-Identifier: GPL-2.0-only */
/* Nothing sleeps and nothing is locked: the checks have nothing to check. */
#ifndef KSHIM_STUBS_SCHED_H
#define KSHIM_STUBS_SCHED_H

#define might_sleep() do { } while (0)
#define might_sleep_if(cond) do { (void)(cond); } while (0)
#define lockdep_assert_held(l) do { (void)(l); } while (0)
#define cond_resched() do { } while (0)

#endif
