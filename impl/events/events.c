// SPDX-License-Identifier: GPL-2.0-only
#include "events.h"

#include <inttypes.h>
#include <string.h>

static const char *const kind_names[EV_NR_KINDS] = {
	[EV_OP] = "op",
	[EV_TLB_FLUSH_ALL] = "tlb_flush_all",
	[EV_TLB_FLUSH_WALK] = "tlb_flush_walk",
	[EV_TLB_ADD_PAGE] = "tlb_add_page",
	[EV_IOTLB_SYNC] = "iotlb_sync",
	[EV_FLUSH_IOTLB_ALL] = "flush_iotlb_all",
	[EV_SYNC_MAP] = "iotlb_sync_map",
	[EV_HW_INV_ALL] = "hw: invalidate all",
	[EV_HW_INV_LEAF] = "hw: invalidate leaf",
	[EV_HW_INV_RANGE] = "hw: invalidate range+walk",
	[EV_HW_POST] = "hw: post invalidation",
	[EV_HW_WAIT] = "hw: wait for posted invalidations",
	[EV_TRACE_MAP] = "trace map",
	[EV_TRACE_UNMAP] = "trace unmap",
	[EV_WARN] = "WARN",
	[EV_FQ_FLUSH] = "flush queue: flush",
	[EV_HW_INV_LEAF_STEPPED] = "hw: invalidate leaf, a command per step",
	[EV_HW_INV_LEAF_HINTED] = "hw: invalidate leaf range, level hinted",
};

void event_log_reset(struct event_log *log)
{
	log->n = 0;
	memset(log->count, 0, sizeof(log->count));
}

static struct event *next_slot(struct event_log *log, enum event_kind kind)
{
	log->count[kind]++;
	if (log->n++ >= EVENT_LOG_CAPACITY)
		return NULL;
	return &log->ev[log->n - 1];
}

void event_log_add(struct event_log *log, enum event_kind kind, uint64_t a,
		   uint64_t b, uint64_t c)
{
	struct event *e = next_slot(log, kind);

	if (e)
		*e = (struct event){ .kind = kind, .a = a, .b = b, .c = c };
}

void event_log_add_text(struct event_log *log, enum event_kind kind,
			const char *text, int line)
{
	struct event *e = next_slot(log, kind);

	if (e)
		*e = (struct event){ .kind = kind, .text = text, .line = line };
}

const char *event_kind_name(enum event_kind kind)
{
	return kind < EV_NR_KINDS ? kind_names[kind] : "?";
}

/* The line event_print() writes, without its indentation and newline. */
void event_format(const struct event *e, char *buf, size_t len)
{
	const char *name = event_kind_name(e->kind);

	switch (e->kind) {
	case EV_OP:
		snprintf(buf, len, "-- op #%" PRIu64, e->a);
		break;
	case EV_TLB_FLUSH_WALK:
		snprintf(buf, len,
			 "%s iova 0x%" PRIx64 " size 0x%" PRIx64
			 " granule 0x%" PRIx64,
			 name, e->a, e->b, e->c);
		break;
	case EV_TLB_ADD_PAGE:
		snprintf(buf, len, "%s iova 0x%" PRIx64 " granule 0x%" PRIx64,
			 name, e->a, e->b);
		break;
	case EV_IOTLB_SYNC:
		snprintf(buf, len,
			 "%s gather [0x%" PRIx64 ", 0x%" PRIx64
			 "] pgsize 0x%" PRIx64 "%s",
			 name, e->a, e->b, e->c, e->a > e->b ? " (empty)" : "");
		break;
	case EV_SYNC_MAP:
	case EV_HW_INV_LEAF:
	case EV_HW_INV_RANGE:
		snprintf(buf, len, "%s iova 0x%" PRIx64 " size 0x%" PRIx64,
			 name, e->a, e->b);
		break;
	case EV_HW_INV_LEAF_STEPPED:
	case EV_HW_INV_LEAF_HINTED:
		snprintf(buf, len,
			 "%s iova 0x%" PRIx64 " size 0x%" PRIx64
			 " %s 0x%" PRIx64,
			 name, e->a, e->b,
			 e->kind == EV_HW_INV_LEAF_STEPPED ? "step"
							   : "leaves of",
			 e->c);
		break;
	case EV_TRACE_MAP:
		snprintf(buf, len,
			 "%s iova 0x%" PRIx64 " pa 0x%" PRIx64 " size 0x%" PRIx64,
			 name, e->a, e->b, e->c);
		break;
	case EV_TRACE_UNMAP:
		snprintf(buf, len,
			 "%s iova 0x%" PRIx64 " size 0x%" PRIx64
			 " unmapped 0x%" PRIx64,
			 name, e->a, e->b, e->c);
		break;
	case EV_HW_POST:
		snprintf(buf, len, "%s (%s) iova 0x%" PRIx64 " size 0x%" PRIx64,
			 name,
			 e->a == 0 ? "all" :
			 e->a == 1 ? "leaf" :
				     "range+walk",
			 e->b, e->c);
		break;
	case EV_HW_WAIT:
		snprintf(buf, len, "%s (%" PRIu64 " completed)", name, e->a);
		break;
	case EV_WARN:
		snprintf(buf, len, "WARN at %s:%d", e->text, e->line);
		break;
	default:
		snprintf(buf, len, "%s", name);
		break;
	}
}

void event_print(FILE *out, const struct event *e)
{
	char line[512];

	event_format(e, line, sizeof(line));
	fprintf(out, "%s%s\n", e->kind == EV_OP ? "  " : "     ", line);
}
