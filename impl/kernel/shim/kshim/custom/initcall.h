/* SPDX-License-Identifier: GPL-2.0-only */
/* Initcalls become callable entry points for the selftest runner. */
#ifndef KSHIM_CUSTOM_INITCALL_H
#define KSHIM_CUSTOM_INITCALL_H

#define subsys_initcall(fn)                                                   \
	int kshim_initcall_##fn(void)                                         \
	{                                                                     \
		return fn();                                                  \
	}
#define subsys_initcall_sync(fn) subsys_initcall(fn)
#define module_init(fn) subsys_initcall(fn)
#define module_exit(fn)

#endif
