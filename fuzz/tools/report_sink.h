/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The structure of the HTML and markdown reports, apart from their syntax:
 * report_layout() walks the model section by section and says what to
 * show through a sink; each format implements the sink. So both formats
 * always show the same things.
 */
#ifndef IOTLBFUZZ_REPORT_SINK_H
#define IOTLBFUZZ_REPORT_SINK_H

#include <stdio.h>

#include "report_model.h"

/* Row and line styles; a format may show them or not. */
enum report_style {
	RS_PLAIN,
	RS_DIVERGENT, /* the divergent op, the entry it is about */
	RS_NEW, /* appeared in the divergent op */
	RS_GONE, /* disappeared in the divergent op */
	RS_MUTED, /* context */
	RS_OP, /* an op header in a log */
	RS_SYNC, /* a sync or an invalidation in a log */
};

#define REPORT_MAX_COLS 6

struct report_sink;

/*
 * One format's syntax: each report format fills one of these. The markers
 * that never change are text; what depends on the content, callbacks.
 */
struct report_format {
	const char *end; /* after everything */
	const char *table_end;
	const char *pre_begin, *pre_end; /* around preformatted lines */
	/* NULL: nothing before the first heading */
	void (*begin)(struct report_sink *s, const char *title);
	/* @id: an anchor for the section, or NULL */
	void (*heading)(struct report_sink *s, int level, const char *text,
			const char *id);
	void (*para)(struct report_sink *s, const char *text);
	void (*table_begin)(struct report_sink *s, int ncols,
			    const char *const *headers);
	void (*table_row)(struct report_sink *s, const char *const *cells,
			  enum report_style style);
	void (*pre_line)(struct report_sink *s, const char *line,
			 enum report_style style);
};

struct report_sink {
	FILE *f;
	const struct report_format *fmt;
	int ncols; /* of the open table */
};

/* Write the report of @m to @f in @fmt; -1 on a write error. */
int report_render(FILE *f, const struct report_format *fmt,
		  const struct report_model *m);
void report_layout(struct report_sink *s, const struct report_model *m);

#endif
