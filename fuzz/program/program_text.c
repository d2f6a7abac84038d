// SPDX-License-Identifier: GPL-2.0-only
#include "program_text.h"

#include <inttypes.h>

#include "program.pb-c.h"
#include "program_formats.h"

static const char *enum_name(const ProtobufCEnumDescriptor *d, int value)
{
	const ProtobufCEnumValue *v =
		protobuf_c_enum_descriptor_get_value(d, value);

	return v ? v->name : NULL;
}

const char *program_format_proto_name(enum pt_format fmt)
{
	for (int i = 0; i < PT_NR_FORMATS; i++)
		if (program_format_of_proto(i) == fmt)
			return enum_name(&iotlbfuzz__format__descriptor, i);
	return NULL;
}

const char *program_driver_proto_name(int driver)
{
	return enum_name(&iotlbfuzz__driver__descriptor, driver);
}

/* An enum value without a name cannot come from the decoder; still, say it. */
static void write_enum(FILE *f, const char *field, const char *name, int v)
{
	if (name)
		fprintf(f, " %s: %s", field, name);
	else
		fprintf(f, " %s: %d", field, v);
}

/* The quirks by name, as a comment the text format skips. */
static void write_quirk_names(FILE *f, unsigned long quirks)
{
	char names[160];

	program_quirk_names(quirks, names, sizeof(names));
	if (names[0])
		fprintf(f, " # quirks: %s", names);
}

static void write_config(FILE *f, const struct prog_config *c)
{
	const struct format_defaults *d = program_format_defaults(c->fmt);

	fprintf(f, "config {");
	write_enum(f, "format", program_format_proto_name(c->fmt), (int)c->fmt);
	if (c->pgsize_bitmap != d->pgsize_bitmap)
		fprintf(f, " pgsize_bitmap: 0x%lx", c->pgsize_bitmap);
	if (c->ias != d->ias)
		fprintf(f, " ias: %u", c->ias);
	if (c->oas != d->oas)
		fprintf(f, " oas: %u", c->oas);
	if (c->quirks)
		fprintf(f, " quirks: 0x%lx", c->quirks);
	if (!c->coherent_walk)
		fprintf(f, " coherent_walk: false");
	if (c->deferred)
		fprintf(f, " unmap_mode: DEFERRED");
	if (!c->walk_cache || c->cache_not_present || c->iotlb_entries ||
	    c->range_invalidation) {
		static const char *const entries[] = {"WHOLE", "SPLINTERED",
						      "MIXED"};

		fprintf(f, " iotlb {");
		if (!c->walk_cache)
			fprintf(f, " walk_cache: false");
		if (c->cache_not_present)
			fprintf(f, " cache_not_present: true");
		if (c->iotlb_entries > 0 && c->iotlb_entries < 3)
			fprintf(f, " entries: %s", entries[c->iotlb_entries]);
		if (c->range_invalidation)
			fprintf(f, " range_invalidation: true");
		fprintf(f, " }");
	}
	write_enum(f, "driver", program_driver_proto_name(c->driver),
		   c->driver);
	for (size_t i = 0; i < c->nr_also_run_on; i++)
		write_enum(f, "also_run_on",
			   program_driver_proto_name(c->also_run_on[i]),
			   c->also_run_on[i]);
	if (c->fail_alloc)
		fprintf(f, " fail_alloc: %u", c->fail_alloc);
	if (c->fail_sync_map)
		fprintf(f, " fail_sync_map: %u", c->fail_sync_map);
	if (c->table_base)
		fprintf(f, " table_base: 0x%" PRIx64, c->table_base);
	fprintf(f, " }");
	write_quirk_names(f, c->quirks);
	fprintf(f, "\n");
}

static void write_op(FILE *f, const struct prog_op *op)
{
	fprintf(f, "ops { ");
	switch (op->kind) {
	case OP_MAP:
		fprintf(f,
			"map { iova: 0x%" PRIx64 " paddr: 0x%" PRIx64
			" size: 0x%" PRIx64 " prot: %u }",
			op->iova, op->paddr, op->size, op->prot);
		break;
	case OP_UNMAP:
		fprintf(f, "unmap { iova: 0x%" PRIx64 " size: 0x%" PRIx64 " }",
			op->iova, op->size);
		break;
	case OP_UNMAP_FAST:
		fprintf(f,
			"unmap_fast { iova: 0x%" PRIx64 " size: 0x%" PRIx64
			" gather: %u }",
			op->iova, op->size, op->gather);
		break;
	case OP_SYNC:
		fprintf(f, "sync { gather: %u }", op->gather);
		break;
	case OP_FLUSH_ALL:
		fprintf(f, "flush_all { }");
		break;
	case OP_IOVA_TO_PHYS:
		fprintf(f, "iova_to_phys { iova: 0x%" PRIx64 " }", op->iova);
		break;
	case OP_ACCESS:
		fprintf(f, "access { iova: 0x%" PRIx64 " access: %s }",
			op->iova,
			op->access == HW_PERM_WRITE ? "WRITE" : "READ");
		break;
	case OP_PREFETCH:
		fprintf(f, "prefetch { iova: 0x%" PRIx64 " }", op->iova);
		break;
	}
	fprintf(f, " }\n");
}

void program_write_text(FILE *f, const struct program *p)
{
	write_config(f, &p->cfg);
	for (size_t i = 0; i < p->nr_ops; i++)
		write_op(f, &p->ops[i]);
}
