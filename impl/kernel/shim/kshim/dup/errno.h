/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel error numbers (the asm-generic values). Defined here because the C
 * library's <errno.h> would pull in <linux/errno.h>, which is our shim.
 */
#ifndef KSHIM_DUP_ERRNO_H
#define KSHIM_DUP_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define ENOSYS 38
#define EOVERFLOW 75
#define EOPNOTSUPP 95
#define EPROTOTYPE 91
#define EADDRINUSE 98
#define ETIMEDOUT 110
#define EALREADY 114
#define ENOTSUPP 524
#define EPROBE_DEFER 517

#endif
