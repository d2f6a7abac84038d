/* SPDX-License-Identifier: GPL-2.0-only */
/* Linked statically: no symbol exports, no module metadata. */
#ifndef KSHIM_STUBS_MODULE_H
#define KSHIM_STUBS_MODULE_H

#define EXPORT_SYMBOL(s)
#define EXPORT_SYMBOL_GPL(s)
#define EXPORT_SYMBOL_NS_GPL(s, ns)
#define MODULE_LICENSE(s)
#define MODULE_DESCRIPTION(s)
#define MODULE_AUTHOR(s)
#define MODULE_IMPORT_NS(ns)

#endif
