// SPDX-License-Identifier: GPL-2.0-only
/*
 * iotlbfuzz minimize and export: a divergent program made small
 * (minimize.h) and written out as a reproducer (export.h). Both take the
 * replay flags that change a run's outcome, so a program is judged as
 * replay would judge it; --driver is written into the program, which then
 * stands on its own.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bytecode.h"
#include "cli_help.h"
#include "cli_repro.h"
#include "export.h"
#include "kstack.h"
#include "minimize.h"
#include "textproto.h"
#include "watchdog.h"

struct repro_args {
	struct run_options opt;
	char flags[256];
	int driver; /* -1: the program's own */
	const char *out;
	const char *patches;
	const char *name;
	const char *format;
	const char *input;
};

static int repro_usage_help(bool help)
{
	fprintf(cli_usage_stream(help),
		"usage: iotlbfuzz minimize [-o OUT] [--patches \"FIXTURE...\"] "
		"[RUN FLAGS] FILE\n"
		"       iotlbfuzz export --format text|trace|c|kunit [-o OUT] "
		"[--name NAME]\n"
		"                        [--patches \"FIXTURE...\"] [RUN "
		"FLAGS] FILE\n"
		"RUN FLAGS (as for replay): --driver NAME --warn-fatal "
		"--no-suppress\n"
		"          --unsuppress F4,F9 --no-over-invalidation "
		"--no-excess-sync\n");
	return cli_usage_status(help);
}

static int repro_usage(void)
{
	return repro_usage_help(false);
}

static void add_flag(struct repro_args *a, const char *flag, const char *arg)
{
	size_t n = strlen(a->flags);

	snprintf(a->flags + n, sizeof(a->flags) - n, "%s%s%s%s", n ? " " : "",
		 flag, arg ? " " : "", arg ? arg : "");
}

static int parse_args(int argc, char **argv, bool want_format,
		      struct repro_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	run_options_default(&a->opt);
	a->opt.allow_mutants = true; /* as replay: regressions use them */
	a->driver = -1;
	for (i = 0; i < argc; i++) {
		const char *arg = i + 1 < argc ? argv[i + 1] : NULL;

		if (argv[i][0] != '-') {
			if (a->input)
				return -1; /* one program at a time */
			a->input = argv[i];
		} else if (!strcmp(argv[i], "--driver") && arg) {
			a->driver = kstack_driver_by_name(arg);
			if (a->driver < 0) {
				fprintf(stderr,
					"unknown driver %s (see 'iotlbfuzz "
					"list')\n",
					arg);
				return -1;
			}
			i++;
		} else if (!strcmp(argv[i], "--warn-fatal")) {
			a->opt.warn_fatal = true;
			add_flag(a, argv[i], NULL);
		} else if (!strcmp(argv[i], "--no-suppress")) {
			a->opt.no_suppress = true;
			add_flag(a, argv[i], NULL);
		} else if (!strcmp(argv[i], "--unsuppress") && arg) {
			a->opt.unsuppress = arg;
			add_flag(a, argv[i], arg);
			i++;
		} else if (!strcmp(argv[i], "--no-over-invalidation")) {
			a->opt.no_over_invalidation = true;
			add_flag(a, argv[i], NULL);
		} else if (!strcmp(argv[i], "--no-excess-sync")) {
			a->opt.no_excess_sync = true;
			add_flag(a, argv[i], NULL);
		} else if (!strcmp(argv[i], "-o") && arg) {
			a->out = argv[++i];
		} else if (!strcmp(argv[i], "--patches") && arg) {
			a->patches = argv[++i];
		} else if (!strcmp(argv[i], "--name") && arg && want_format) {
			a->name = argv[++i];
		} else if (!strcmp(argv[i], "--format") && arg && want_format) {
			a->format = argv[++i];
		} else {
			return -1;
		}
	}
	return a->input ? 0 : -1;
}

/* The value of a "# key: value" header line of a text program, if any. */
static bool header_line(const char *path, const char *key, char *buf,
			size_t len)
{
	FILE *f = fopen(path, "r");
	char line[512];
	size_t klen = strlen(key);
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		if (line[0] != '#')
			break; /* the headers come first */
		if (line[1] != ' ' || strncmp(line + 2, key, klen) ||
		    line[2 + klen] != ':')
			continue;

		const char *v = line + 3 + klen;

		while (*v == ' ')
			v++;
		snprintf(buf, len, "%s", v);
		buf[strcspn(buf, "\r\n")] = 0;
		found = true;
	}
	fclose(f);
	return found;
}

/* "corpus/regressions/completion--x.textproto" -> "completion--x" */
static void name_from_path(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	char *dot;

	snprintf(buf, len, "%s", base ? base + 1 : path);
	dot = strrchr(buf, '.');
	if (dot && dot != buf)
		*dot = 0;
}

/*
 * The running binary's tree carries these patch fixtures (its release
 * ends in "+a+b"): an output's "# patches:" line must be true of the run
 * that wrote it.
 */
static bool built_with(const char *patches)
{
	const char *release = kstack_kernel_release();
	char want[300] = "";
	size_t n = 0;

	for (const char *p = patches; *p;) {
		size_t len;

		while (*p == ' ')
			p++;
		len = strcspn(p, " ");
		if (len)
			n += (size_t)snprintf(want + n, sizeof(want) - n,
					      "+%.*s", (int)len, p);
		if (n >= sizeof(want))
			return false;
		p += len;
	}
	return strlen(release) >= n &&
	       !strcmp(release + strlen(release) - n, want);
}

static int load(struct repro_args *a, struct reproducer *r, char *patches,
		size_t patches_len)
{
	uint8_t *data;
	size_t len;
	char why[512];

	if (program_file_read(a->input, &data, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", a->input, why);
		return -1;
	}
	watchdog_set_input(a->input);
	if (program_from_input(data, len, &r->prog, why, sizeof(why))) {
		fprintf(stderr, "%s: rejected: %s\n", a->input, why);
		free(data);
		return -1;
	}
	free(data);
	if (a->driver >= 0)
		r->prog.cfg.driver = a->driver;
	r->opt = a->opt;
	snprintf(r->flags, sizeof(r->flags), "%s", a->flags);
	if (a->patches)
		snprintf(patches, patches_len, "%s", a->patches);
	else if (!header_line(a->input, "patches", patches, patches_len))
		patches[0] = 0;
	r->patches = patches;
	if (!built_with(patches)) {
		fprintf(stderr,
			"%s: the program names patches '%s', but this binary "
			"is kernel %s: run the iotlbfuzz binary of that tree, "
			"or pass --patches '' to use this one\n",
			a->input, patches, kstack_kernel_release());
		return -1;
	}
	return 0;
}

static FILE *open_out(const char *path)
{
	FILE *f = path ? fopen(path, "w") : stdout;

	if (!f)
		fprintf(stderr, "cannot write %s\n", path);
	return f;
}

static int close_out(FILE *f, const char *path)
{
	if (f == stdout)
		return fflush(f) ? -1 : 0;
	if (fclose(f)) {
		fprintf(stderr, "cannot write %s\n", path);
		return -1;
	}
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_minimize(int argc, char **argv)
{
	static struct reproducer r;
	struct repro_args a;
	struct minimize_stats st;
	char patches[256], name[256], why[512], hint[300] = "";
	double t0;
	FILE *f;

	if (cli_wants_help(argc, argv))
		return repro_usage_help(true);
	if (parse_args(argc, argv, false, &a))
		return repro_usage();
	if (load(&a, &r, patches, sizeof(patches)))
		return 2;
	name_from_path(a.input, name, sizeof(name));
	r.name = name;
	t0 = now();
	if (program_minimize(&r.prog, &r.opt, &st, why, sizeof(why))) {
		char flags[200];

		if (header_line(a.input, "replay-flags", flags, sizeof(flags)))
			snprintf(hint, sizeof(hint),
				 " (its header names replay flags: %s)", flags);
		fprintf(stderr, "%s: %s%s\n", a.input, why, hint);
		return 2;
	}
	reproducer_run(&r);
	f = open_out(a.out);
	if (!f)
		return 2;
	export_text(f, &r);
	if (close_out(f, a.out))
		return 2;
	fprintf(stderr,
		"minimize: %s: %zu -> %zu ops, %.3f s, %lu runs, %u rounds, "
		"class %s\n",
		a.input, st.ops_before, st.ops_after, now() - t0, st.runs,
		st.rounds, divergence_name(st.cls));
	return 0;
}

int cmd_export(int argc, char **argv)
{
	static struct reproducer r;
	struct repro_args a;
	char patches[256], name[256];
	void (*write)(FILE *, const struct reproducer *);
	FILE *f;

	if (cli_wants_help(argc, argv))
		return repro_usage_help(true);
	if (parse_args(argc, argv, true, &a) || !a.format)
		return repro_usage();
	if (!strcmp(a.format, "text"))
		write = export_text;
	else if (!strcmp(a.format, "trace"))
		write = export_trace;
	else if (!strcmp(a.format, "c"))
		write = export_c;
	else if (!strcmp(a.format, "kunit"))
		write = export_kunit;
	else
		return repro_usage();
	if (load(&a, &r, patches, sizeof(patches)))
		return 2;
	name_from_path(a.input, name, sizeof(name));
	r.name = a.name ? a.name : name;
	reproducer_run(&r);
	f = open_out(a.out);
	if (!f)
		return 2;
	write(f, &r);
	return close_out(f, a.out) ? 2 : 0;
}
