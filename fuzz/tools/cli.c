// SPDX-License-Identifier: GPL-2.0-only
/*
 * iotlbfuzz: replay, print and list. Replay's exit status is the worst
 * outcome over its files: 1 for a divergence, 2 for a rejected input,
 * 0 when everything ran clean (or, with --check-expect, as expected).
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytecode.h"
#include "check_patch_exec.h"
#include "cli_help.h"
#include "cli_repro.h"
#include "expectation.h"
#include "fuzz_env.h"
#include "kshim_runtime.h"
#include "kstack.h"
#include "not_compared.h"
#include "program_formats.h"
#include "program_text.h"
#include "report_cmd.h"
#include "report_print.h"
#include "runner.h"
#include "textproto.h"
#include "watchdog.h"

static int usage_help(bool help)
{
	fprintf(cli_usage_stream(help),
		"usage: iotlbfuzz replay [--driver NAME] [--warn-fatal] [--abort] [--quiet] [--verbose]\n"
		"                        [--no-suppress | --unsuppress F4,F9] [--no-over-invalidation]\n"
		"                        [--no-excess-sync] [--check-expect | --digest] FILE...\n"
		"       iotlbfuzz report [-o FILE.html] [--markdown FILE.md] [flags as replay] FILE\n"
		"       iotlbfuzz print FILE\n"
		"       iotlbfuzz list [--mutator-env]\n"
		"       iotlbfuzz help | --help | SUBCOMMAND --help\n"
		"       iotlbfuzz minimize [-o OUT] [--patches LIST] [replay's --driver and outcome flags] FILE\n"
		"       iotlbfuzz export --format text|trace|c|kunit [-o OUT] [--name NAME]\n"
		"                        [--patches LIST] [replay's --driver and outcome flags] FILE\n"
		"       iotlbfuzz check-patch --kernel DIR [--patch FILE]... [--seconds N]\n"
		"                             [--jobs J] [--out DIR] [--drivers LIST] [--corpus-only]\n"
		"                             (docs/check-patch.md)\n"
		"\n"
		"replay, minimize, export and report also take --watchdog SECONDS: the CPU\n"
		"time one program may take (default %u, 0: none; IOTLBFUZZ_WATCHDOG too).\n"
		"Past it the command names the operation it was in and exits 124.\n"
		"\n"
		"replay: exit 0 clean, 1 divergence, 2 rejected input.\n"
		"  --check-expect  compare each file's '# expect: <class>' line\n"
		"                  (clean, rejected or a divergence class; its\n"
		"                  '# expect-if <trait>:' lines on trees with that\n"
		"                  trait, see list) instead;\n"
		"                  exit 0 only if every file behaves as expected.\n"
		"  --digest        one line per file with every observable of its run\n"
		"                  (outcome, op, message, findings, WARNs, work,\n"
		"                  event counts): the determinism test compares them.\n"
		"minimize: the smallest program with the same divergence class, as\n"
		"          text with corpus headers (docs/reproducers.md).\n"
		"export:   the program as corpus text, a per-op trace, a C regression\n"
		"          test or a KUnit test case body (docs/reproducers.md).\n"
		"FILE is a binary iotlbfuzz.Program, its byte form or its text form (.textproto).\n",
		WATCHDOG_DEFAULT_SECONDS);
	return cli_usage_status(help);
}

static int usage(void)
{
	return usage_help(false);
}

static bool show_events;

static void print_event_counts(const struct run_outcome *out)
{
	printf("  events:");
	for (int k = EV_OP + 1; k < EV_NR_KINDS; k++)
		if (out->events[k])
			printf(" %s %llu;", event_kind_name((enum event_kind)k),
			       (unsigned long long)out->events[k]);
	printf("\n");
}

static bool print_digest;

/* Everything a run let us observe, on one line. */
static void print_outcome_digest(const char *path,
				 const struct run_outcome *out)
{
	printf("%s: %s op %zu finding %s noted %s warns %llu work %llu events",
	       path, run_outcome_label(out), out->op,
	       out->suppressed_by ? out->suppressed_by : "-",
	       out->noted_finding ? out->noted_finding : "-",
	       (unsigned long long)out->warns, (unsigned long long)out->work);
	for (int k = 0; k < EV_NR_KINDS; k++)
		printf(" %llu", (unsigned long long)out->events[k]);
	printf(" msg %s\n", out->msg);
}

static int replay_one(const char *path, const struct run_options *opt,
		      bool check_expect, struct run_outcome *out)
{
	uint8_t *data;
	size_t len;
	char why[512];

	if (program_file_read(path, &data, &len, why, sizeof(why))) {
		memset(out, 0, sizeof(*out));
		out->result = RUN_REJECTED;
		snprintf(out->msg, sizeof(out->msg), "%s", why);
	} else {
		watchdog_set_input(path);
		run_input(data, len, opt, out);
		free(data);
	}

	const char *got = run_outcome_label(out);

	if (show_events)
		print_event_counts(out);
	if (print_digest) {
		print_outcome_digest(path, out);
		return out->result == RUN_DIVERGENCE ? 1 :
		       out->result == RUN_REJECTED   ? 2 :
						       0;
	}

	if (check_expect) {
		char want[64];

		switch (program_file_expectation(path, kstack_tree_traits(),
						 kstack_absent_tree_traits(),
						 kstack_unknown_tree_traits(),
						 want, sizeof(want))) {
		case EXPECTATION_FOUND:
			break;
		case EXPECTATION_UNDECIDED:
			printf("NOTE %s: got %s%s%s, not judged: its expectation depends on trait '%s', which this tree's probes could not decide (iotlbfuzz list)\n",
			       path, got, out->msg[0] ? ": " : "", out->msg,
			       want);
			return 0;
		case EXPECTATION_UNKNOWN_TRAIT:
			printf("FAIL %s: expect-if names '%s', not a trait (iotlbfuzz list)\n",
			       path, want);
			return 1;
		case EXPECTATION_UNREADABLE:
			printf("FAIL %s: cannot read it (got %s)\n", path, got);
			return 1;
		case EXPECTATION_MISSING:
			printf("FAIL %s: no '# expect:' line (got %s)\n", path,
			       got);
			return 1;
		}
		if (strcmp(want, got)) {
			printf("FAIL %s: expected %s, got %s%s%s\n", path, want,
			       got, out->msg[0] ? ": " : "", out->msg);
			return 1;
		}
		printf("PASS %s: %s\n", path, got);
		return 0;
	}
	if (out->result == RUN_REJECTED)
		printf("%s: rejected: %s\n", path, out->msg);
	else if (out->result == RUN_SUPPRESSED && out->cls == DIV_NONE)
		printf("%s: suppressed: known finding %s (docs/findings.md): %s\n",
		       path, out->suppressed_by, out->msg);
	else if (out->result == RUN_SUPPRESSED)
		printf("%s: suppressed: known finding %s (docs/findings.md); %s at op #%zu: %s\n",
		       path, out->suppressed_by, divergence_name(out->cls),
		       out->op, out->msg);
	else if (out->result == RUN_DIVERGENCE)
		printf("%s: %s at op #%zu: %s\n", path, got, out->op,
		       out->msg);
	else
		printf("%s: clean (%llu WARNs)\n", path,
		       (unsigned long long)out->warns);
	return out->result == RUN_DIVERGENCE ? 1 :
	       out->result == RUN_REJECTED   ? 2 :
					       0;
}

static int cmd_replay(int argc, char **argv)
{
	static struct report_printer printer;
	struct run_options opt;
	bool check_expect = false, quiet = false;
	int i, status = 0, failures = 0, files = 0;

	run_options_default(&opt);
	opt.allow_mutants = true; /* the regression corpus demonstrates them */
	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--driver") && i + 1 < argc) {
			opt.driver_override = kstack_driver_by_name(argv[++i]);
			if (opt.driver_override < 0) {
				fprintf(stderr, "unknown driver %s (see 'iotlbfuzz list')\n",
					argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--warn-fatal")) {
			opt.warn_fatal = true;
		} else if (!strcmp(argv[i], "--abort")) {
			opt.fatal = true;
		} else if (!strcmp(argv[i], "--verbose")) {
			kshim_set_verbose(true);
			show_events = true;
		} else if (!strcmp(argv[i], "--no-over-invalidation")) {
			opt.no_over_invalidation = true;
		} else if (!strcmp(argv[i], "--no-excess-sync")) {
			opt.no_excess_sync = true;
		} else if (!strcmp(argv[i], "--no-suppress")) {
			opt.no_suppress = true;
		} else if (!strcmp(argv[i], "--unsuppress") && i + 1 < argc) {
			opt.unsuppress = argv[++i];
		} else if (!strcmp(argv[i], "--quiet")) {
			quiet = true;
		} else if (!strcmp(argv[i], "--digest")) {
			print_digest = true;
			quiet = true;
		} else if (!strcmp(argv[i], "--check-expect")) {
			check_expect = true;
			quiet = true;
		} else {
			return usage();
		}
	}
	if (i == argc)
		return usage();
	if (!quiet)
		opt.observers = report_printer_init(&printer, stderr);
	for (; i < argc; i++) {
		struct run_outcome out;
		int rc = replay_one(argv[i], &opt, check_expect, &out);

		files++;
		if (check_expect) {
			failures += rc != 0;
			continue;
		}
		/* worst first: divergence (1) over rejection (2) over clean */
		if (rc == 1 || (rc == 2 && status == 0))
			status = rc;
	}
	if (check_expect) {
		printf("%d passed, %d failed\n", files - failures, failures);
		return failures ? 1 : 0;
	}
	return status;
}

/*
 * protoc prints config.quirks as a bare number: name its bits first, in
 * a comment that keeps the output a valid text program.
 */
static void print_quirk_names(const uint8_t *data, size_t len)
{
	static struct program p;
	char names[160], why[256];

	if (program_decode(data, len, &p, why, sizeof(why)))
		return;
	program_quirk_names(p.cfg.quirks, names, sizeof(names));
	if (names[0])
		printf("# quirks: %s\n", names);
}

static int cmd_print(int argc, char **argv)
{
	uint8_t *data;
	size_t len;
	char why[512];

	if (argc != 1)
		return usage();
	if (program_file_read(argv[0], &data, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", argv[0], why);
		return 2;
	}
	if (bytecode_is(data, len)) {
		/* the byte form: show the program it stands for */
		static struct program p;
		uint8_t *encoded;

		program_from_bytecode(data, len, &p);
		free(data);
		encoded = program_encode(&p, &len);
		if (!encoded)
			return 2;
		data = encoded;
	}
	print_quirk_names(data, len);
	if (program_print_text(data, len, stdout, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", argv[0], why);
		free(data);
		return 2;
	}
	free(data);
	return 0;
}

/*
 * For the AFL++ mutator library, which cannot ask the kernel stack:
 * IOTLBFUZZ_DRIVER's formats and page sizes as shell assignments.
 */
static int print_mutator_env(void)
{
	unsigned int formats;
	uint64_t pgsize_mask;

	if (!fuzz_mutator_pin(&formats, &pgsize_mask)) {
		fprintf(stderr, "list --mutator-env: set IOTLBFUZZ_DRIVER to a driver model\n");
		return 2;
	}
	printf("IOTLBFUZZ_MUTATOR_FORMATS=0x%x\nIOTLBFUZZ_MUTATOR_PGSIZES=0x%llx\n",
	       formats, (unsigned long long)pgsize_mask);
	return 0;
}

/* How each trait was decided: by running the tree, the source beside it. */
static void print_trait_decisions(void)
{
	static const char *const states[] = {
		[KSTACK_TRAIT_ABSENT] = "absent",
		[KSTACK_TRAIT_PRESENT] = "present",
		[KSTACK_TRAIT_UNKNOWN] = "undecided",
	};

	printf("trait decisions (by running this tree's code; the source reading is a cross-check):\n");
	for (unsigned int i = 0; i < kstack_nr_tree_traits(); i++) {
		const struct kstack_trait *t = kstack_tree_trait(i);
		const char *agree =
			t->state == KSTACK_TRAIT_UNKNOWN ||
					!strcmp(t->source, "unrecognised") ?
				"" :
			!strcmp(t->source, states[t->state]) ? ", agrees" :
							       ", DISAGREES";

		printf("  %-26s %-9s behaviour: %s\n  %-26s %-9s source reading: %s%s\n",
		       t->name, states[t->state], t->behaviour, "", "",
		       t->source, agree);
	}
}

static int cmd_list(int argc, char **argv)
{
	if (argc == 1 && !strcmp(argv[0], "--mutator-env"))
		return print_mutator_env();
	if (argc)
		return usage();
	printf("kernel tree: %s\n", kstack_kernel_release());
	printf("kernel traits: %s\nkernel traits absent: %s\nkernel traits undecided: %s\n",
	       kstack_tree_traits(), kstack_absent_tree_traits(),
	       kstack_unknown_tree_traits());
	print_trait_decisions();
	printf("\nformats:\n");
	/* only those a program can name: the walker-only ones are not yet */
	for (int f = 0; f < PT_NR_FORMATS; f++)
		if (program_format_proto_name((enum pt_format)f))
			printf("  %s\n", pt_format_name((enum pt_format)f));
	printf("\ngeneric_pt formats of this tree (KUnit: iotlbfuzz_kunit_<tree>): %s\n",
	       *kstack_generic_pt_formats() ? kstack_generic_pt_formats() :
					      "none (the tree has no generic_pt)");
	printf("\ndrivers:\n");
	for (unsigned int i = 0; i < kstack_nr_drivers(); i++) {
		const char *summary;
		int id;
		const char *name = kstack_driver_info(i, &id, &summary);

		printf("  %3d %-30s %s\n", id, name, summary);
	}
	printf("\ndivergence classes:\n");
	for (int c = DIV_NONE + 1; c < DIV_NR; c++)
		printf("  %-22s %s\n", divergence_name((enum divergence_class)c),
		       divergence_description((enum divergence_class)c));
	printf("\nnot compared (cross-driver, before/after; docs/run.md):\n");
	for (int n = 0; n < NC_NR; n++) {
		unsigned int scope =
			not_compared_scope((enum not_compared_rule)n);

		printf("  %-20s %-13s %s\n",
		       not_compared_name((enum not_compared_rule)n),
		       scope == (NC_CROSS | NC_BEFORE_AFTER) ? "both"
		       : scope == NC_CROSS		     ? "cross-driver"
							     : "before/after",
		       not_compared_why((enum not_compared_rule)n));
	}
	return 0;
}

/*
 * --watchdog SECONDS, wherever it stands among a subcommand's options:
 * taken out of argv here, so that every subcommand has it. -1 on a bad
 * value.
 */
static int take_watchdog_option(int *argc, char **argv, unsigned int *seconds)
{
	for (int i = 2; i < *argc && strcmp(argv[i], "--"); i++) {
		char *end;

		if (strcmp(argv[i], "--watchdog"))
			continue;
		if (i + 1 >= *argc)
			return -1;
		*seconds = (unsigned int)strtoul(argv[i + 1], &end, 10);
		if (!argv[i + 1][0] || *end)
			return -1;
		memmove(&argv[i], &argv[i + 2],
			(size_t)(*argc - i - 1) * sizeof(argv[0]));
		*argc -= 2;
		i--;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int watchdog = WATCHDOG_DEFAULT_SECONDS;

	/* whole lines reach a pipe even when the watchdog ends us */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		return usage();
	if (take_watchdog_option(&argc, argv, &watchdog)) {
		fprintf(stderr, "--watchdog needs a number of seconds\n");
		return usage();
	}
	watchdog_setup(watchdog, false);
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		/* "help SUBCOMMAND" is "SUBCOMMAND --help" */
		if (argc > 2 && strcmp(argv[2], "help")) {
			char *help_argv[] = { argv[0], argv[2], "--help", NULL };

			return main(3, help_argv);
		}
		return usage_help(true);
	}
	/* check-patch's script has its own usage */
	if (strcmp(argv[1], "check-patch") && strcmp(argv[1], "minimize") &&
	    strcmp(argv[1], "export") && strcmp(argv[1], "report") &&
	    cli_wants_help(argc - 2, argv + 2))
		return usage_help(true);
	if (!strcmp(argv[1], "replay"))
		return cmd_replay(argc - 2, argv + 2);
	if (!strcmp(argv[1], "report"))
		return cmd_report(argc - 2, argv + 2, argv[0]);
	if (!strcmp(argv[1], "print"))
		return cmd_print(argc - 2, argv + 2);
	if (!strcmp(argv[1], "list"))
		return cmd_list(argc - 2, argv + 2);
	if (!strcmp(argv[1], "minimize"))
		return cmd_minimize(argc - 2, argv + 2);
	if (!strcmp(argv[1], "export"))
		return cmd_export(argc - 2, argv + 2);
	if (!strcmp(argv[1], "check-patch"))
		return check_patch_exec(argc - 2, argv + 2);
	return usage();
}
