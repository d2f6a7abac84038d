// SPDX-License-Identifier: GPL-2.0-only
#include "cost_memo.h"

#include "fnv.h"

/* a campaign's corpus is a few thousand programs */
#define COST_MEMO_SLOTS 8192

static struct {
	uint64_t key; /* 0: empty */
	uint64_t work;
} memo[COST_MEMO_SLOTS];

static uint64_t key_of(const uint8_t *data, size_t size)
{
	uint64_t k = fnv1a_bytes(FNV_OFFSET, data, size);

	return k ? k : 1;
}

void cost_memo_note(const uint8_t *data, size_t size, uint64_t work)
{
	uint64_t k = key_of(data, size);

	memo[k % COST_MEMO_SLOTS].key = k;
	memo[k % COST_MEMO_SLOTS].work = work;
}

bool cost_memo_get(const uint8_t *data, size_t size, uint64_t *work)
{
	uint64_t k = key_of(data, size);

	if (memo[k % COST_MEMO_SLOTS].key != k)
		return false;
	*work = memo[k % COST_MEMO_SLOTS].work;
	return true;
}
