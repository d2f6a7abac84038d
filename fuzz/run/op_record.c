// SPDX-License-Identifier: GPL-2.0-only
/* The per-operation record (op_record.h). */
#include "op_record.h"
#include "sorted_array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void op_record_begin(struct op_record *rec, size_t op, size_t first_event)
{
	rec->op = op;
	rec->first_event = first_event;
	rec->has_result = false;
	rec->has_access = false;
	rec->nr_probes = 0;
}

void op_record_release(struct op_record *rec)
{
	free(rec->probes);
	memset(rec, 0, sizeof(*rec));
}

void op_record_result(struct op_record *rec, int64_t value)
{
	rec->has_result = true;
	rec->result = value;
}

void op_record_access(struct op_record *rec, const struct xlate_result *x)
{
	rec->has_access = true;
	rec->access = *x;
}

static struct op_probe *new_probe(struct op_record *rec)
{
	rec->probes = array_grow(rec->probes, &rec->cap_probes,
				 rec->nr_probes + 1, sizeof(*rec->probes),
				 "op probes");
	return &rec->probes[rec->nr_probes++];
}

void op_record_walk(struct op_record *rec, uint64_t iova,
		    const struct walk_result *w)
{
	struct op_probe *p = new_probe(rec);

	*p = (struct op_probe){.kind = PROBE_WALK, .iova = iova, .walk = *w};
}

void op_record_lookup(struct op_record *rec, uint64_t iova, uint64_t pa)
{
	struct op_probe *p = new_probe(rec);

	*p = (struct op_probe){.kind = PROBE_LOOKUP, .iova = iova, .pa = pa};
}
