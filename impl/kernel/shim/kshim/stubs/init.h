/* SPDX-License-Identifier: GPL-2.0-only */
/* Section placement: one program, nothing to discard after boot. */
#ifndef KSHIM_STUBS_INIT_H
#define KSHIM_STUBS_INIT_H

#define __init
#define __exit
#define __initdata
#define __initconst
#define __ro_after_init

#endif
