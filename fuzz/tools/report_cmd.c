// SPDX-License-Identifier: GPL-2.0-only
/*
 * iotlbfuzz report CRASH [-o FILE.html] [--markdown FILE.md] [--driver NAME]
 *                        [--no-suppress | --unsuppress F4,F9] [--warn-fatal]
 *                        [--no-over-invalidation] [--no-excess-sync]
 */
#define _DEFAULT_SOURCE
#include "report_cmd.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bytecode.h"
#include "cli_help.h"
#include "kstack.h"
#include "report_model.h"
#include "textproto.h"
#include "watchdog.h"

struct report_args {
	const char *input, *html, *markdown, *driver, *unsuppress;
	bool no_suppress, warn_fatal, no_over_invalidation, no_excess_sync;
};

static int usage_help(bool help)
{
	fprintf(cli_usage_stream(help),
		"usage: iotlbfuzz report [-o FILE.html] [--markdown FILE.md] "
		"[--driver NAME]\n"
		"                        [--no-suppress | --unsuppress F4,F9] "
		"[--warn-fatal]\n"
		"                        [--no-over-invalidation] "
		"[--no-excess-sync] CRASH\n"
		"\n"
		"Writes a self-contained HTML report (default: CRASH's name + "
		".html, in the\n"
		"current directory) and, with --markdown, a markdown one ('-': "
		"stdout) of a\n"
		"divergent program (binary, byte form or .textproto).\n"
		"Exit 0 report written, 1 nothing to report (clean or "
		"suppressed),\n"
		"2 rejected input, 3 the divergence did not repeat.\n");
	return cli_usage_status(help);
}

static int usage(void)
{
	return usage_help(false);
}

static int parse(int argc, char **argv, struct report_args *a)
{
	memset(a, 0, sizeof(*a));
	for (int i = 0; i < argc; i++) {
		bool has_value = i + 1 < argc;

		if (!strcmp(argv[i], "-o") && has_value)
			a->html = argv[++i];
		else if (!strcmp(argv[i], "--markdown") && has_value)
			a->markdown = argv[++i];
		else if (!strcmp(argv[i], "--driver") && has_value)
			a->driver = argv[++i];
		else if (!strcmp(argv[i], "--unsuppress") && has_value)
			a->unsuppress = argv[++i];
		else if (!strcmp(argv[i], "--no-suppress"))
			a->no_suppress = true;
		else if (!strcmp(argv[i], "--warn-fatal"))
			a->warn_fatal = true;
		else if (!strcmp(argv[i], "--no-over-invalidation"))
			a->no_over_invalidation = true;
		else if (!strcmp(argv[i], "--no-excess-sync"))
			a->no_excess_sync = true;
		else if (argv[i][0] == '-' || a->input)
			return -1;
		else
			a->input = argv[i];
	}
	return a->input ? 0 : -1;
}

/* @s, quoted for a POSIX shell if it needs it. */
static void shell_word(char *buf, size_t len, const char *s)
{
	size_t at = 0;

	if (s[0] && !s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS"
				 "TUVWXYZ0123456789_-+./,:=@%")]) {
		snprintf(buf, len, "%s", s);
		return;
	}
	if (len < 3) {
		buf[0] = 0;
		return;
	}
	buf[at++] = '\'';
	for (; *s && at + 5 < len; s++) {
		if (*s == '\'') {
			memcpy(buf + at, "'\\''", 4);
			at += 4;
		} else {
			buf[at++] = *s;
		}
	}
	buf[at++] = '\'';
	buf[at] = 0;
}

static __attribute__((format(printf, 2, 3))) void repro(struct report_model *m,
							const char *fmt, ...)
{
	va_list ap;

	if (m->nr_repro >= REPORT_MAX_REPRO)
		return;
	va_start(ap, fmt);
	vsnprintf(m->repro[m->nr_repro++], sizeof(m->repro[0]), fmt, ap);
	va_end(ap);
}

static void add_repro(struct report_model *m, const struct report_args *a,
		      const char *self, bool binary_input)
{
	char exe[300], file[300], flags[300] = "", word[200];
	const char *plus = strchr(m->kernel_release, '+');

	shell_word(exe, sizeof(exe), self);
	shell_word(file, sizeof(file), a->input);
	if (a->driver) {
		shell_word(word, sizeof(word), a->driver);
		snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags),
			 " --driver %s", word);
	}
	if (a->no_suppress)
		strcat(flags, " --no-suppress");
	if (a->unsuppress) {
		shell_word(word, sizeof(word), a->unsuppress);
		snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags),
			 " --unsuppress %s", word);
	}
	if (a->warn_fatal)
		strcat(flags, " --warn-fatal");
	if (a->no_over_invalidation)
		strcat(flags, " --no-over-invalidation");
	if (a->no_excess_sync)
		strcat(flags, " --no-excess-sync");

	repro(m, "# the divergence and its text report (exit status 1):");
	repro(m, "%s replay%s %s", exe, flags, file);
	repro(m, "# the program's text form, and this report again:");
	repro(m, "%s print %s", exe, file);
	repro(m, "%s report%s %s", exe, flags, file);
	if (plus) {
		char patches[200];

		/* "6.12.117+a+b": patches a;b, in IOTLBFUZZ_PATCHES's syntax */
		snprintf(patches, sizeof(patches), "%s", plus + 1);
		for (char *c = patches; *c; c++)
			if (*c == '+')
				*c = ';';
		repro(m,
		      "# kernel %s: a build with its patches, e.g. cmake "
		      "--preset asan -DIOTLBFUZZ_PATCHES=\"%s\" (the presets "
		      "build it as iotlbfuzz-%s)",
		      m->kernel_release, patches, m->kernel_release);
	} else
		repro(m, "# kernel %s (kstack_kernel_release of this build)",
		      m->kernel_release);
	if (binary_input)
		repro(m, "# the fuzz target: iotlbfuzz_fuzzer %s", file);
}

/* The program's text form, through protoc; or why there is none. */
static char *program_text(const struct program *p)
{
	size_t len, got;
	uint8_t *bin = program_encode(p, &len);
	FILE *tmp = tmpfile();
	char why[512] = "cannot encode the program", *text = NULL;

	if (bin && tmp &&
	    program_print_text(bin, len, tmp, why, sizeof(why)) == 0) {
		long n = ftell(tmp);

		if (n >= 0 && fseek(tmp, 0, SEEK_SET) == 0) {
			text = malloc((size_t)n + 1);
			got = text ? fread(text, 1, (size_t)n, tmp) : 0;
			if (text)
				text[got] = 0;
		}
	}
	free(bin);
	if (tmp)
		fclose(tmp);
	if (!text) {
		text = malloc(strlen(why) + 32);
		if (text)
			sprintf(text, "(no text form: %s)", why);
	}
	return text;
}

/* As program_file_read() tells them apart: text is printable. */
static bool is_text_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	int c, first = -1;
	bool text = true;

	if (!f)
		return false;
	while ((c = fgetc(f)) != EOF && text) {
		if (first < 0)
			first = c;
		text = c == '\n' || c == '\t' || c == '\r' ||
		       (c >= 0x20 && c <= 0x7e);
	}
	fclose(f);
	return text && first >= 0 && first != 0x0a && first != 0x12;
}

static int write_one(const char *path, const struct report_model *m,
		     int (*render)(FILE *, const struct report_model *))
{
	bool to_stdout = !strcmp(path, "-");
	FILE *f = to_stdout ? stdout : fopen(path, "w");
	int ret;

	if (!f) {
		fprintf(stderr, "iotlbfuzz report: cannot write %s\n", path);
		return -1;
	}
	ret = render(f, m);
	if (to_stdout)
		ret |= fflush(f);
	else
		ret |= fclose(f);
	if (ret)
		fprintf(stderr, "iotlbfuzz report: cannot write %s\n", path);
	return ret ? -1 : 0;
}

/* "crash-1234.textproto" -> "crash-1234.html", in the current directory */
static void default_html_path(const char *input, char *buf, size_t len)
{
	const char *base = strrchr(input, '/');
	const char *dot;

	base = base ? base + 1 : input;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		dot = base + strlen(base);
	snprintf(buf, len, "%.*s.html", (int)(dot - base), base);
}

static int nothing_to_report(const struct report_args *a,
			     const struct run_outcome *out)
{
	switch (out->result) {
	case RUN_CLEAN:
		printf("%s: clean (%llu WARNs): no divergence, no report\n",
		       a->input, (unsigned long long)out->warns);
		return 1;
	case RUN_SUPPRESSED:
		printf("%s: suppressed: known finding %s (docs/findings.md): "
		       "%s; no report (--no-suppress or --unsuppress %s "
		       "reports it)\n",
		       a->input, out->suppressed_by, out->msg,
		       out->suppressed_by);
		return 1;
	case RUN_REJECTED:
		printf("%s: rejected: %s\n", a->input, out->msg);
		return 2;
	default:
		printf("%s: %s at op #%zu, but the report's own run of the "
		       "program did not repeat it: no report\n",
		       a->input, divergence_name(out->cls), out->op);
		return 3;
	}
}

int cmd_report(int argc, char **argv, const char *self)
{
	static struct program p; /* 256 ops: off the stack */
	struct report_args a;
	struct run_options opt;
	struct run_outcome out;
	struct report_model *m;
	char why[512], html[512];
	uint8_t *data;
	size_t len;

	if (cli_wants_help(argc, argv))
		return usage_help(true);
	if (parse(argc, argv, &a))
		return usage();
	run_options_default(&opt);
	opt.allow_mutants = true; /* as replay: the regressions use them */
	opt.no_suppress = a.no_suppress;
	opt.unsuppress = a.unsuppress;
	opt.warn_fatal = a.warn_fatal;
	opt.no_over_invalidation = a.no_over_invalidation;
	opt.no_excess_sync = a.no_excess_sync;
	if (a.driver) {
		opt.driver_override = kstack_driver_by_name(a.driver);
		if (opt.driver_override < 0) {
			fprintf(stderr,
				"unknown driver %s (see 'iotlbfuzz list')\n",
				a.driver);
			return 2;
		}
	}
	if (program_file_read(a.input, &data, &len, why, sizeof(why))) {
		printf("%s: rejected: %s\n", a.input, why);
		return 2;
	}
	watchdog_set_input(a.input);
	if (program_from_input(data, len, &p, why, sizeof(why))) {
		free(data);
		printf("%s: rejected: %s\n", a.input, why);
		return 2;
	}

	free(data);
	m = report_model_build(&p, &opt, &out);
	if (!m)
		return nothing_to_report(&a, &out);
	m->input_path = a.input;
	m->program_text = program_text(&p);
	add_repro(m, &a, self, !is_text_file(a.input));
	report_symbolize(m);

	if (!a.html) {
		default_html_path(a.input, html, sizeof(html));
		a.html = html;
	}

	int failed = write_one(a.html, m, report_render_html);

	if (a.markdown)
		failed |= write_one(a.markdown, m, report_render_markdown);
	if (!failed)
		printf("%s: %s at op #%zu: report written to %s%s%s\n", a.input,
		       divergence_name(m->cls), m->op, a.html,
		       a.markdown ? " and " : "", a.markdown ? a.markdown : "");
	report_model_free(m);
	return failed ? 2 : 0;
}
