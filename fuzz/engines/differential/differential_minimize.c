// SPDX-License-Identifier: GPL-2.0-only
/*
 * iotlbfuzz_differential_minimize-<release>: the minimizer of check-patch's
 * before/after differential. A behaviour change is not a divergence of
 * either tree, so `iotlbfuzz minimize` cannot tell whether a candidate
 * keeps it; this tool runs the tree without the patches' structure-aware
 * minimizer (minimize.h) with the question the differential asks: does
 * the same driver model still change behaviour in the same way?
 *
 *   [IOTLBFUZZ_DRIVER=<model>] iotlbfuzz_differential_minimize-<release>
 *       [-o OUT] INPUT
 *
 * INPUT: a crash of the differential fuzz target (either form), under the
 * same environment. OUT (default INPUT.min): the minimized program, binary
 * protobuf, naming the model. Exit 0; 1 if INPUT shows no behaviour
 * change; 2 on a usage or I/O error.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diff_run.h"

#define MAX_INPUT (1u << 20)

struct same_change {
	enum change_kind kind;
	char driver[64];
};

static bool still_changes(const uint8_t *bytes, size_t len, void *ctx)
{
	const struct same_change *want = ctx;
	struct diff_result r;

	diff_run(bytes, len, &r);
	return r.changed && r.c.kind == want->kind &&
	       !strcmp(r.driver, want->driver);
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = f ? malloc(MAX_INPUT) : NULL;

	*len = buf ? fread(buf, 1, MAX_INPUT, f) : 0;
	if (buf && (ferror(f) || !feof(f))) {
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	return buf;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *in = NULL, *out_path = NULL;
	char default_out[4096], why[512];
	struct minimize_stats st;
	struct same_change want;
	struct minimize_goal goal = { still_changes, &want };
	struct diff_result r;
	uint8_t *data, *min;
	size_t len, min_len;
	double t0 = now();
	FILE *f;

	bool usage = false, written;

	for (int i = 1; i < argc && !usage; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out_path = argv[++i];
		else if (argv[i][0] != '-' && !in)
			in = argv[i];
		else
			usage = true;
	}
	if (usage || !in) {
		fprintf(stderr,
			"usage: [IOTLBFUZZ_DRIVER=<model>] %s [-o OUT] INPUT\n",
			argv[0]);
		return 2;
	}
	if (!out_path) {
		snprintf(default_out, sizeof(default_out), "%s.min", in);
		out_path = default_out;
	}
	data = read_file(in, &len);
	if (!data) {
		fprintf(stderr, "%s: cannot read it (or over %u bytes)\n", in,
			MAX_INPUT);
		return 2;
	}
	diff_run(data, len, &r);
	if (!r.changed) {
		fprintf(stderr,
			"%s: no behaviour change: nothing to minimize\n", in);
		free(data);
		return 1;
	}
	want.kind = r.c.kind;
	snprintf(want.driver, sizeof(want.driver), "%s", r.driver);
	if (DIFF_BEFORE_API.minimize(data, len, &goal, &min, &min_len, &st, why,
				     sizeof(why))) {
		fprintf(stderr, "%s: %s\n", in, why);
		free(data);
		return 1;
	}
	free(data);
	f = fopen(out_path, "wb");
	written = f && fwrite(min, 1, min_len, f) == min_len;
	if (f && fclose(f))
		written = false;
	if (!written) {
		fprintf(stderr, "cannot write %s\n", out_path);
		free(min);
		return 2;
	}
	free(min);
	fprintf(stderr,
		"minimize: %s: %zu -> %zu ops, %.3f s, %lu runs, %u rounds, "
		"behaviour change %s: %s\n",
		in, st.ops_before, st.ops_after, now() - t0, st.runs, st.rounds,
		want.driver, change_name(want.kind));
	return 0;
}
