// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AFL++ target: the same runner and options as the libFuzzer target
 * (fuzz_env.h), so a divergence aborts through its class function and
 * afl-fuzz files it as a crash.
 *
 * Built by afl-clang-fast/-lto it is a persistent-mode target that reads
 * its inputs from AFL++'s shared memory: a fork per input would cost more
 * than most programs take to run. Given files it replays them instead,
 * with the same options, printing one line per file as `iotlbfuzz replay
 * --quiet` does; built by a plain compiler it only replays (files, or one
 * input on stdin), which is how the target is tested without afl-fuzz.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bytecode.h"
#include "fuzz_env.h"
#include "kstack.h"
#include "runner.h"
#include "textproto.h"

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT();
#endif

/* AFL++'s own limit for a test case; larger inputs are cut, as there */
#define MAX_INPUT (1u << 20)

static struct run_options opt;

static int report(const char *what, const struct run_outcome *out)
{
	switch (out->result) {
	case RUN_REJECTED:
		printf("%s: rejected: %s\n", what, out->msg);
		return 2;
	case RUN_SUPPRESSED:
		printf("%s: suppressed: known finding %s (docs/findings.md): %s\n",
		       what, out->suppressed_by, out->msg);
		return 0;
	case RUN_DIVERGENCE:
		/* only if options stop being fatal; the class is on stderr */
		printf("%s: %s at op #%zu: %s\n", what,
		       divergence_name(out->cls), out->op, out->msg);
		return 1;
	default:
		printf("%s: clean (%llu WARNs)\n", what,
		       (unsigned long long)out->warns);
		return 0;
	}
}

static int replay_file(const char *path)
{
	struct run_outcome out;
	char why[512];
	uint8_t *data;
	size_t len;
	int rc;

	/* binary as the fuzzer writes it, or text from the corpus */
	if (program_file_read(path, &data, &len, why, sizeof(why))) {
		printf("%s: rejected: %s\n", path, why);
		return 2;
	}
	/* the name first: a divergence aborts before report() prints it */
	fprintf(stderr, "%s:\n", path);
	run_input(data, len, &opt, &out);
	rc = report(path, &out);
	free(data);
	fflush(stdout);
	return rc;
}

#ifndef __AFL_HAVE_MANUAL_CONTROL
static int replay_stdin(void)
{
	static uint8_t buf[MAX_INPUT];
	struct run_outcome out;
	size_t len = fread(buf, 1, sizeof(buf), stdin);

	run_input(buf, len, &opt, &out);
	return report("<stdin>", &out);
}
#else

/*
 * First-use set-up (the page-table arena is mapped on the first run) is
 * done once here, before the fork server starts: otherwise every child
 * would pay for it and its first input would cover more than the rest,
 * which AFL++ reports as instability. One byte of the byte form is a
 * program without operations.
 */
static void warm_up(void)
{
	static const uint8_t empty_program[] = {BYTECODE_MAGIC};
	struct run_options quiet = opt;
	struct run_outcome out;

	quiet.fatal = false;
	quiet.observers = NULL; /* no report */
	run_input(empty_program, sizeof(empty_program), &quiet, &out);
}

static void fuzz(void)
{
	const uint8_t *buf;
	struct run_outcome out;

	warm_up();
	/* probed in the fork server, so no child forks its own probes */
	(void)kstack_tree_traits();
	__AFL_INIT();
	buf = __AFL_FUZZ_TESTCASE_BUF;
	/*
	 * A fresh child now and then bounds what state a run could leave
	 * behind by mistake; the runner itself starts every input afresh.
	 */
	while (__AFL_LOOP(10000))
		run_input(buf, __AFL_FUZZ_TESTCASE_LEN, &opt, &out);
}
#endif

int main(int argc, char **argv)
{
	int i, status = 0;

	fuzz_options_from_env(&opt);
	if (argc < 2) {
#ifdef __AFL_HAVE_MANUAL_CONTROL
		/* under afl-fuzz; outside it __AFL_LOOP runs stdin once */
		fuzz();
		return 0;
#else
		return replay_stdin();
#endif
	}
	for (i = 1; i < argc; i++) {
		int rc = replay_file(argv[i]);

		/* rejected (2) unless something diverged (1, not fatal) */
		if (rc == 1 || (rc == 2 && status == 0))
			status = rc;
	}
	return status;
}
