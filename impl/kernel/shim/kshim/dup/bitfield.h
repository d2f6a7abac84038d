/* SPDX-License-Identifier: GPL-2.0-only */
/* linux/bitfield.h: FIELD_PREP, FIELD_GET and friends. */
#ifndef KSHIM_DUP_BITFIELD_H
#define KSHIM_DUP_BITFIELD_H

#define __bf_shf(x) (__builtin_ffsll(x) - 1)
#define FIELD_PREP(mask, val)                                                 \
	((__typeof__(mask))(((__typeof__(mask))(val) << __bf_shf(mask)) &    \
			    (mask)))
#define FIELD_GET(mask, reg)                                                  \
	((__typeof__(mask))(((reg) & (mask)) >> __bf_shf(mask)))
#define FIELD_MAX(mask) ((__typeof__(mask))((mask) >> __bf_shf(mask)))
#define FIELD_FIT(mask, val)                                                  \
	(!((((__typeof__(mask))(val)) << __bf_shf(mask)) & ~(mask)))

#endif
