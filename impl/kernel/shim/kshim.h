/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Everything the kernel files see instead of the kernel's own headers.
 * Each include/linux/<name>.h shim includes this; only the real headers the
 * map/unmap path needs (iommu.h, io-pgtable.h) are made visible beside it,
 * so a new dependency of a future kernel fails to compile, loudly.
 *
 * Sorted by kind, as the kernel's tools/testing/vma sorts its own: dup/
 * holds what is copied in meaning from the kernel (types, error numbers,
 * bit helpers, lists, struct page), stubs/ what is empty or trivial here,
 * custom/ where the harness hooks in (WARN and BUG, allocation over the
 * arena with fault injection, the DMA API and its mask, trace points, the
 * initcall and KUnit entry points).
 */
#ifndef KSHIM_H
#define KSHIM_H

#include <string.h>

/* declarations and definitions duplicated from the kernel */
#include "kshim/dup/types.h"
#include "kshim/dup/errno.h"
#include "kshim/dup/compiler.h"
#include "kshim/dup/bitops.h"
#include "kshim/dup/bitfield.h"
#include "kshim/dup/sizes.h"
#include "kshim/dup/printk.h"
#include "kshim/dup/list.h"
#include "kshim/dup/err.h"
#include "kshim/dup/mm_types.h"
#include "kshim/dup/device.h"
#include "kshim/dup/string.h"
#include "kshim/dup/maple_tree.h"

/* what does nothing here: one thread, one program, statically linked */
#include "kshim/stubs/init.h"
#include "kshim/stubs/module.h"
#include "kshim/stubs/locks.h"
#include "kshim/stubs/sched.h"
#include "kshim/stubs/mm.h"
#include "kshim/stubs/device.h"
#include "kshim/stubs/random.h"

/* what the harness makes of the kernel's services (docs/shim.md) */
#include "kshim/custom/bug.h"
#include "kshim/custom/alloc.h"
#include "kshim/custom/dma.h"
#include "kshim/custom/trace.h"
#include "kshim/custom/initcall.h"

#endif
