// SPDX-License-Identifier: GPL-2.0-only
/*
 * The HTML report: one self-contained file (inline CSS, no scripts, no
 * external assets), well-formed enough for an XML parser to read, so that
 * it opens anywhere and tools can check it.
 */
#include "report_sink.h"

static void esc(FILE *f, const char *t)
{
	for (; *t; t++) {
		switch (*t) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			/* no control characters in a document */
			if ((unsigned char)*t < 0x20 && *t != '\t')
				fputc(' ', f);
			else
				fputc(*t, f);
		}
	}
}

static const char *style_class(enum report_style st)
{
	switch (st) {
	case RS_DIVERGENT:
		return "div";
	case RS_NEW:
		return "new";
	case RS_GONE:
		return "gone";
	case RS_MUTED:
		return "muted";
	case RS_OP:
		return "op";
	case RS_SYNC:
		return "sync";
	default:
		return NULL;
	}
}

static const char css[] =
	"body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;"
	"padding:0 1em;color:#1b1b1b;line-height:1.4}"
	"h1{font-size:1.5em;border-bottom:2px solid #b00;padding-bottom:.2em}"
	"h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}"
	"h3{font-size:1.05em;margin-top:1.5em}"
	"table{border-collapse:collapse;margin:.5em 0}"
	"th,td{border:1px solid #ccc;padding:.15em .5em;text-align:left;"
	"vertical-align:top;font-family:ui-monospace,monospace;font-size:.9em}"
	"th{background:#f0f0f0;font-family:system-ui,sans-serif}"
	"table.kv td:first-child{font-family:system-ui,sans-serif;"
	"background:#f7f7f7;white-space:nowrap}"
	"pre{background:#f7f7f7;border:1px solid #ddd;padding:.5em;"
	"overflow-x:auto;font-size:.85em}"
	".div{background:#fdd;font-weight:bold}"
	".new{background:#dfd}"
	".gone{background:#eee;text-decoration:line-through}"
	".muted{color:#888}"
	".op{color:#005;font-weight:bold}"
	".sync{color:#850}";

static void begin(struct report_sink *s, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\"/>\n<title>",
	      s->f);
	esc(s->f, title);
	fprintf(s->f, "</title>\n<style>%s</style>\n</head>\n<body>\n", css);
}

static void heading(struct report_sink *s, int level, const char *text,
		    const char *id)
{
	fprintf(s->f, "<h%d", level);
	if (id) {
		fputs(" id=\"", s->f);
		esc(s->f, id);
		fputs("\"", s->f);
	}
	fputs(">", s->f);
	esc(s->f, text);
	fprintf(s->f, "</h%d>\n", level);
}

static void para(struct report_sink *s, const char *text)
{
	fputs("<p>", s->f);
	esc(s->f, text);
	fputs("</p>\n", s->f);
}

static void table_begin(struct report_sink *s, int ncols,
			const char *const *headers)
{
	bool any = false;

	s->ncols = ncols;
	for (int i = 0; i < ncols; i++)
		any = any || headers[i][0];
	/* a table without headers is a list of facts: key, value */
	fprintf(s->f, "<table%s>\n", any ? "" : " class=\"kv\"");
	if (!any)
		return;
	fputs("<tr>", s->f);
	for (int i = 0; i < ncols; i++) {
		fputs("<th>", s->f);
		esc(s->f, headers[i]);
		fputs("</th>", s->f);
	}
	fputs("</tr>\n", s->f);
}

static void table_row(struct report_sink *s, const char *const *cells,
		      enum report_style st)
{
	const char *cls = style_class(st);

	if (cls)
		fprintf(s->f, "<tr class=\"%s\">", cls);
	else
		fputs("<tr>", s->f);
	for (int i = 0; i < s->ncols; i++) {
		fputs("<td>", s->f);
		esc(s->f, cells[i]);
		fputs("</td>", s->f);
	}
	fputs("</tr>\n", s->f);
}

static void pre_line(struct report_sink *s, const char *line,
		     enum report_style st)
{
	const char *cls = style_class(st);

	if (cls)
		fprintf(s->f, "<span class=\"%s\">", cls);
	esc(s->f, line);
	if (cls)
		fputs("</span>", s->f);
	fputs("\n", s->f);
}

static const struct report_format html = {
	.end = "</body>\n</html>\n",
	.table_end = "</table>\n",
	.pre_begin = "<pre>",
	.pre_end = "</pre>\n",
	.begin = begin,
	.heading = heading,
	.para = para,
	.table_begin = table_begin,
	.table_row = table_row,
	.pre_line = pre_line,
};

int report_render_html(FILE *f, const struct report_model *m)
{
	return report_render(f, &html, m);
}
