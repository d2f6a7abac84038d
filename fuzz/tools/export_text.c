// SPDX-License-Identifier: GPL-2.0-only
/*
 * The text form with the corpus headers (corpus/README.md), so that an
 * exported program can be dropped into corpus/regressions/ as it is.
 */
#include "export.h"
#include "kstack.h"
#include "program_text.h"

void export_text(FILE *f, const struct reproducer *r)
{
	const struct run_outcome *o = &r->out;

	fprintf(f, "# expect: %s\n", run_outcome_label(o));
	if (o->result == RUN_DIVERGENCE || o->result == RUN_SUPPRESSED) {
		char where[32];

		reproducer_where(r, where, sizeof(where));
		fprintf(f, "# %s at %s on %s (kernel %s): %s\n",
			o->cls ? divergence_name(o->cls) : "finding", where,
			r->trace.driver_name ? r->trace.driver_name : "?",
			kstack_kernel_release(), o->msg);
	} else
		fprintf(f, "# %s on kernel %s%s%s\n", run_outcome_label(o),
			kstack_kernel_release(), o->msg[0] ? ": " : "", o->msg);
	if (r->patches && r->patches[0])
		fprintf(f, "# patches: %s\n", r->patches);
	if (r->flags[0])
		fprintf(f, "# replay-flags: %s\n", r->flags);
	if (r->clean_on_reference)
		fprintf(f, "# clean-on: reference\n");
	program_write_text(f, &r->prog);
}
