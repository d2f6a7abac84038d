/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Everything the kernel files see instead of the kernel's own headers.
 * Each include/linux/<name>.h shim includes this; only the real headers the
 * map/unmap path needs (iommu.h, io-pgtable.h) are made visible beside it,
 * so a new dependency of a future kernel fails to compile, loudly.
 */
#ifndef KSHIM_H
#define KSHIM_H

#include <string.h>

#include "kshim/types.h"
#include "kshim/errno.h"
#include "kshim/compiler.h"
#include "kshim/bitops.h"
#include "kshim/bug.h"
#include "kshim/list.h"
#include "kshim/locks.h"
#include "kshim/mm.h"
#include "kshim/dma.h"
#include "kshim/device.h"
#include "kshim/trace.h"

#endif
