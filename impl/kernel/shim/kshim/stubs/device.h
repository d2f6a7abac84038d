/* SPDX-License-Identifier: GPL-2.0-only */
/* Driver-model calls iommu.h makes that the map/unmap path never reaches. */
#ifndef KSHIM_STUBS_DEVICE_H
#define KSHIM_STUBS_DEVICE_H

#include "../dup/errno.h"
#include "../dup/types.h"

struct iova_bitmap;
static inline void iova_bitmap_set(struct iova_bitmap *bitmap,
				   unsigned long iova, size_t length)
{
	(void)bitmap;
	(void)iova;
	(void)length;
}

static inline int copy_struct_from_user(void *dst, size_t ksize,
					const void *src, size_t usize)
{
	(void)dst;
	(void)ksize;
	(void)src;
	(void)usize;
	return -EFAULT;
}

#endif
