// SPDX-License-Identifier: GPL-2.0-only
/* The markdown report: the same sections as the HTML one (report_layout). */
#include "report_sink.h"

/* Table cells: no pipes or line breaks of their own. */
static void cell(FILE *f, const char *t)
{
	for (; *t; t++) {
		if (*t == '|')
			fputs("\\|", f);
		else if (*t == '\n')
			fputc(' ', f);
		else
			fputc(*t, f);
	}
}

static void heading(struct report_sink *s, int level, const char *text,
		    const char *id)
{
	(void)id;
	fprintf(s->f, "\n%.*s %s\n\n", level, "######", text);
}

static void para(struct report_sink *s, const char *text)
{
	fprintf(s->f, "%s\n\n", text);
}

static void table_begin(struct report_sink *s, int ncols,
			const char *const *headers)
{
	s->ncols = ncols;
	fputs("|", s->f);
	for (int i = 0; i < ncols; i++) {
		fputc(' ', s->f);
		cell(s->f, headers[i]);
		fputs(" |", s->f);
	}
	fputs("\n|", s->f);
	for (int i = 0; i < ncols; i++)
		fputs("---|", s->f);
	fputs("\n", s->f);
}

static void table_row(struct report_sink *s, const char *const *cells,
		      enum report_style st)
{
	fputs("|", s->f);
	for (int i = 0; i < s->ncols; i++) {
		/* the row a reader looks for first, in bold */
		bool bold = st == RS_DIVERGENT && cells[i][0];

		fputs(bold ? " **" : " ", s->f);
		cell(s->f, cells[i]);
		fputs(bold ? "** |" : " |", s->f);
	}
	fputs("\n", s->f);
}

static void pre_line(struct report_sink *s, const char *line,
		     enum report_style st)
{
	(void)st;
	fprintf(s->f, "%s\n", line);
}

static const struct report_format markdown = {
	.end = "",
	.table_end = "\n",
	.pre_begin = "```\n",
	.pre_end = "```\n\n",
	.heading = heading,
	.para = para,
	.table_begin = table_begin,
	.table_row = table_row,
	.pre_line = pre_line,
};

int report_render_markdown(FILE *f, const struct report_model *m)
{
	return report_render(f, &markdown, m);
}
