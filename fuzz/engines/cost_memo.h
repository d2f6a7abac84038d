/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What each recent input cost to run (hw_work units), by its bytes: the
 * cost signal the structured target's mutator reads for the input it is
 * about to mutate (docs/mutator.md, "Cost"). A direct-mapped table: an
 * input pushed out, or never run in this process, is simply unknown.
 */
#ifndef IOTLBFUZZ_COST_MEMO_H
#define IOTLBFUZZ_COST_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void cost_memo_note(const uint8_t *data, size_t size, uint64_t work);
bool cost_memo_get(const uint8_t *data, size_t size, uint64_t *work);

#endif
