// SPDX-License-Identifier: GPL-2.0-only
/*
 * The standalone C regression test: the program as an initializer of
 * struct program, replayed by run_program() with the options that define
 * its outcome, checking that outcome. The comment block's "expect:" and
 * "patches:" lines are read by the build (tests/repro/CMakeLists.txt) to
 * pick the kernel tree it links.
 */
#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include "export.h"
#include "kstack.h"
#include "program_text.h"

/* Text inside a C comment: nothing may close it early. */
static void comment_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		fputc(*s, f);
		if (*s == '*' && s[1] == '/')
			fputc(' ', f);
	}
}

static const char *const pt_format_ids[PT_NR_FORMATS] = {
	[PT_ARM_32_LPAE_S1] = "PT_ARM_32_LPAE_S1",
	[PT_ARM_32_LPAE_S2] = "PT_ARM_32_LPAE_S2",
	[PT_ARM_64_LPAE_S1] = "PT_ARM_64_LPAE_S1",
	[PT_ARM_64_LPAE_S2] = "PT_ARM_64_LPAE_S2",
	[PT_ARM_V7S] = "PT_ARM_V7S",
	[PT_APPLE_DART] = "PT_APPLE_DART",
	[PT_APPLE_DART2] = "PT_APPLE_DART2",
	[PT_AMD_V1] = "PT_AMD_V1",
	[PT_VTD_SS] = "PT_VTD_SS",
	[PT_X86_64] = "PT_X86_64",
	[PT_RISCV] = "PT_RISCV",
};

static const char *const op_kind_ids[] = {
	[OP_MAP] = "OP_MAP",
	[OP_UNMAP] = "OP_UNMAP",
	[OP_UNMAP_FAST] = "OP_UNMAP_FAST",
	[OP_SYNC] = "OP_SYNC",
	[OP_FLUSH_ALL] = "OP_FLUSH_ALL",
	[OP_IOVA_TO_PHYS] = "OP_IOVA_TO_PHYS",
	[OP_ACCESS] = "OP_ACCESS",
	[OP_PREFETCH] = "OP_PREFETCH",
};

static void driver_id(FILE *f, int driver)
{
	const char *name = program_driver_proto_name(driver);

	if (name)
		fprintf(f, "IOTLBFUZZ__DRIVER__%s", name);
	else
		fprintf(f, "%d", driver);
}

/* "stale-translation" -> DIV_STALE_TRANSLATION */
static void class_id(FILE *f, enum divergence_class cls)
{
	fprintf(f, "DIV_");
	for (const char *s = divergence_name(cls); *s; s++)
		fputc(*s == '-' ? '_' : toupper((unsigned char)*s), f);
}

static const char *result_id(enum run_result r)
{
	switch (r) {
	case RUN_CLEAN:
		return "RUN_CLEAN";
	case RUN_DIVERGENCE:
		return "RUN_DIVERGENCE";
	case RUN_SUPPRESSED:
		return "RUN_SUPPRESSED";
	default:
		return "RUN_REJECTED";
	}
}

static void write_config(FILE *f, const struct prog_config *c)
{
	fprintf(f, "\t.cfg = {\n");
	fprintf(f, "\t\t.fmt = %s,\n", pt_format_ids[c->fmt]);
	fprintf(f, "\t\t.pgsize_bitmap = 0x%lxUL,\n", c->pgsize_bitmap);
	fprintf(f, "\t\t.ias = %u,\n\t\t.oas = %u,\n", c->ias, c->oas);
	fprintf(f, "\t\t.quirks = 0x%lxUL,\n", c->quirks);
	fprintf(f, "\t\t.coherent_walk = %s,\n",
		c->coherent_walk ? "true" : "false");
	fprintf(f, "\t\t.deferred = %s,\n", c->deferred ? "true" : "false");
	fprintf(f, "\t\t.walk_cache = %s,\n", c->walk_cache ? "true" : "false");
	fprintf(f, "\t\t.cache_not_present = %s,\n",
		c->cache_not_present ? "true" : "false");
	/* only when set, so that older reproducers export as they did */
	if (c->iotlb_entries)
		fprintf(f, "\t\t.iotlb_entries = %d,\n", c->iotlb_entries);
	if (c->range_invalidation)
		fprintf(f, "\t\t.range_invalidation = true,\n");
	fprintf(f, "\t\t.driver = ");
	driver_id(f, c->driver);
	fprintf(f, ",\n");
	if (c->nr_also_run_on) {
		fprintf(f, "\t\t.also_run_on = { ");
		for (size_t i = 0; i < c->nr_also_run_on; i++) {
			driver_id(f, c->also_run_on[i]);
			fprintf(f, "%s",
				i + 1 < c->nr_also_run_on ? ", " : " ");
		}
		fprintf(f, "},\n\t\t.nr_also_run_on = %zu,\n",
			c->nr_also_run_on);
	}
	if (c->fail_alloc)
		fprintf(f, "\t\t.fail_alloc = %u,\n", c->fail_alloc);
	if (c->fail_sync_map)
		fprintf(f, "\t\t.fail_sync_map = %u,\n", c->fail_sync_map);
	if (c->table_base)
		fprintf(f, "\t\t.table_base = 0x%" PRIx64 "ULL,\n",
			c->table_base);
	fprintf(f, "\t},\n");
}

static void write_op(FILE *f, const struct prog_op *op)
{
	fprintf(f, "\t\t{ .kind = %s", op_kind_ids[op->kind]);
	switch (op->kind) {
	case OP_MAP:
		fprintf(f,
			", .iova = 0x%" PRIx64 ", .paddr = 0x%" PRIx64
			", .size = 0x%" PRIx64 ", .prot = 0x%x",
			op->iova, op->paddr, op->size, op->prot);
		break;
	case OP_UNMAP:
		fprintf(f, ", .iova = 0x%" PRIx64 ", .size = 0x%" PRIx64,
			op->iova, op->size);
		break;
	case OP_UNMAP_FAST:
		fprintf(f,
			", .iova = 0x%" PRIx64 ", .size = 0x%" PRIx64
			", .gather = %u",
			op->iova, op->size, op->gather);
		break;
	case OP_SYNC:
		fprintf(f, ", .gather = %u", op->gather);
		break;
	case OP_IOVA_TO_PHYS:
	case OP_PREFETCH:
		fprintf(f, ", .iova = 0x%" PRIx64, op->iova);
		break;
	case OP_ACCESS:
		fprintf(f, ", .iova = 0x%" PRIx64 ", .access = %s", op->iova,
			op->access == HW_PERM_WRITE ? "HW_PERM_WRITE"
						    : "HW_PERM_READ");
		break;
	default:
		break;
	}
	fprintf(f, " },\n");
}

static void write_options(FILE *f, const struct run_options *o)
{
	fprintf(f, "\trun_options_default(&opt);\n");
	fprintf(f, "\t/* a regression may demonstrate a broken glue or an "
		   "unchecked model */\n");
	fprintf(f, "\topt.allow_mutants = true;\n");
	fprintf(f, "\topt.allow_experimental = true;\n");
	if (o->warn_fatal)
		fprintf(f, "\topt.warn_fatal = true;\n");
	if (o->no_suppress)
		fprintf(f, "\topt.no_suppress = true;\n");
	if (o->unsuppress && o->unsuppress[0]) {
		fprintf(f, "\topt.unsuppress = \"");
		for (const char *s = o->unsuppress; *s; s++)
			if (isalnum((unsigned char)*s) || *s == ',')
				fputc(*s, f);
		fprintf(f, "\";\n");
	}
	if (o->no_over_invalidation)
		fprintf(f, "\topt.no_over_invalidation = true;\n");
	if (o->no_excess_sync)
		fprintf(f, "\topt.no_excess_sync = true;\n");
}

void export_c(FILE *f, const struct reproducer *r)
{
	const struct run_outcome *o = &r->out;
	const char *label = run_outcome_label(o);

	fprintf(f, "// SPDX-License-Identifier: GPL-2.0-only\n/*\n");
	fprintf(f, " * iotlbfuzz regression test ");
	comment_text(f, r->name);
	fprintf(f, ", written by `iotlbfuzz export --format c`:\n"
		   " * the program replayed through the iotlbfuzz library must "
		   "end as below.\n"
		   " * In corpus/regressions/ the test suite builds and runs "
		   "it on the tree\n"
		   " * its patches line names (tests/repro/CMakeLists.txt).\n "
		   "*\n");
	fprintf(f, " * expect: %s\n", label);
	if (r->patches && r->patches[0]) {
		fprintf(f, " * patches: ");
		comment_text(f, r->patches);
		fprintf(f, "\n");
	}
	if (r->flags[0]) {
		fprintf(f, " * replay-flags: ");
		comment_text(f, r->flags);
		fprintf(f, "\n");
	}
	fprintf(f, " * kernel %s: %s", kstack_kernel_release(), label);
	if (o->result == RUN_DIVERGENCE && o->op < r->prog.nr_ops)
		fprintf(f, " at op #%zu", o->op);
	else if (o->result == RUN_DIVERGENCE)
		fprintf(f, " at teardown");
	if (o->msg[0]) {
		fprintf(f, ": ");
		comment_text(f, o->msg);
	}
	fprintf(f, "\n */\n");
	fprintf(f, "#include <stdbool.h>\n#include <stdio.h>\n\n"
		   "#include \"program.pb-c.h\"\n#include \"runner.h\"\n\n");
	fprintf(f, "static const struct program program = {\n");
	write_config(f, &r->prog.cfg);
	fprintf(f, "\t.nr_ops = %zu,\n\t.ops = {\n", r->prog.nr_ops);
	for (size_t i = 0; i < r->prog.nr_ops; i++)
		write_op(f, &r->prog.ops[i]);
	fprintf(f, "\t},\n};\n\n");
	fprintf(f, "int main(void)\n{\n\tstruct run_options opt;\n"
		   "\tstruct run_outcome out;\n\n");
	write_options(f, &r->opt);
	fprintf(f, "\trun_program(&program, &opt, &out);\n");
	fprintf(f, "\tif (out.result != %s", result_id(o->result));
	if (o->result == RUN_DIVERGENCE) {
		fprintf(f, " || out.cls != ");
		class_id(f, o->cls);
	}
	fprintf(f,
		") {\n"
		"\t\tfprintf(stderr, \"FAIL: expected %s, got %%s (%%s) at op "
		"#%%zu: %%s\\n\",\n"
		"\t\t\trun_result_name(out.result), divergence_name(out.cls),\n"
		"\t\t\tout.op, out.msg);\n"
		"\t\treturn 1;\n\t}\n",
		label);
	fprintf(f,
		"\tprintf(\"PASS: %s at op #%%zu: %%s\\n\", out.op, "
		"out.msg);\n",
		label);
	fprintf(f, "\treturn 0;\n}\n");
}
