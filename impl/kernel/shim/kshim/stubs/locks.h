/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The harness is single threaded: locks are empty, barriers compiler
 * barriers, atomics plain.
 */
#ifndef KSHIM_STUBS_LOCKS_H
#define KSHIM_STUBS_LOCKS_H

#include "../dup/compiler.h"
#include "../dup/types.h"

typedef struct {
	int unused;
} spinlock_t;
typedef struct {
	int unused;
} raw_spinlock_t;
struct mutex {
	int unused;
};
struct rw_semaphore {
	int unused;
};
struct completion {
	int done;
};

#define DEFINE_SPINLOCK(x) spinlock_t x
#define DEFINE_MUTEX(x) struct mutex x
#define spin_lock_init(l) ((void)(l))
#define spin_lock(l) ((void)(l))
#define spin_unlock(l) ((void)(l))
#define spin_lock_irqsave(l, flags) ((void)(l), (flags) = 0)
#define spin_unlock_irqrestore(l, flags) ((void)(l), (void)(flags))
#define mutex_init(m) ((void)(m))
#define mutex_lock(m) ((void)(m))
#define mutex_unlock(m) ((void)(m))

#define wmb() barrier()
#define rmb() barrier()
#define mb() barrier()
#define dma_wmb() barrier()
#define dma_rmb() barrier()
#define smp_wmb() barrier()
#define smp_rmb() barrier()
#define smp_mb() barrier()

/* Single threaded: a compare-and-exchange is a plain read-modify-write. */
#define cmpxchg_relaxed(ptr, old, new)                                        \
	({                                                                    \
		__typeof__(*(ptr)) cmpxchg_cur_ = *(ptr);                     \
		if (cmpxchg_cur_ == (old))                                    \
			*(ptr) = (new);                                       \
		cmpxchg_cur_;                                                 \
	})
#define cmpxchg64_relaxed(ptr, old, new) cmpxchg_relaxed(ptr, old, new)
#define cmpxchg(ptr, old, new) cmpxchg_relaxed(ptr, old, new)
#define cmpxchg64(ptr, old, new) cmpxchg_relaxed(ptr, old, new)
#define xchg_relaxed(ptr, new)                                                \
	({                                                                    \
		__typeof__(*(ptr)) xchg_old_ = *(ptr);                        \
		*(ptr) = (new);                                               \
		xchg_old_;                                                    \
	})
#define xchg(ptr, new) xchg_relaxed(ptr, new)
#define try_cmpxchg64_relaxed(ptr, oldp, new)                                 \
	({                                                                    \
		__typeof__(*(ptr)) tc_cur_ = *(ptr);                          \
		bool tc_ok_ = tc_cur_ == *(oldp);                             \
		if (tc_ok_)                                                   \
			*(ptr) = (new);                                       \
		else                                                          \
			*(oldp) = tc_cur_;                                    \
		tc_ok_;                                                       \
	})

/* One thread: every ordering variant is the relaxed one. */
#define try_cmpxchg64_release(ptr, oldp, new) \
	try_cmpxchg64_relaxed(ptr, oldp, new)
#define try_cmpxchg64(ptr, oldp, new) try_cmpxchg64_relaxed(ptr, oldp, new)
#define try_cmpxchg_relaxed(ptr, oldp, new) \
	try_cmpxchg64_relaxed(ptr, oldp, new)
#define try_cmpxchg_release(ptr, oldp, new) \
	try_cmpxchg64_relaxed(ptr, oldp, new)
#define try_cmpxchg(ptr, oldp, new) try_cmpxchg64_relaxed(ptr, oldp, new)

static inline int atomic_read(const atomic_t *v)
{
	return v->counter;
}
static inline void atomic_set(atomic_t *v, int i)
{
	v->counter = i;
}
static inline void atomic_inc(atomic_t *v)
{
	v->counter++;
}
static inline void atomic_dec(atomic_t *v)
{
	v->counter--;
}

#endif
