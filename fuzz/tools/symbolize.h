/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Function names for code addresses of this process's own executable,
 * static functions included: the ELF symbol table of /proc/self/exe, placed
 * at the load address the dynamic loader chose. For reports only (it reads
 * the whole symbol table once, on first use).
 */
#ifndef IOTLBFUZZ_SYMBOLIZE_H
#define IOTLBFUZZ_SYMBOLIZE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The name of the function that contains @addr, without the suffixes the
 * compiler gives its clones (".constprop.0", ".isra.0", ".llvm.123"), in
 * @buf. False (and the address in hex) if no symbol covers it.
 */
bool symbolize_function(const void *addr, char *buf, size_t len);

#endif
