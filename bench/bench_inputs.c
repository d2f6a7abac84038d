// SPDX-License-Identifier: GPL-2.0-only
#define _DEFAULT_SOURCE
#include "bench_inputs.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "textproto.h"

int bench_inputs_read(struct bench_inputs *in, int n, char **paths)
{
	in->n = n;
	in->data = calloc((size_t)n, sizeof(*in->data));
	in->len = calloc((size_t)n, sizeof(*in->len));
	if (!in->data || !in->len)
		return -1;
	for (int i = 0; i < n; i++) {
		char why[256];

		if (program_file_read(paths[i], &in->data[i], &in->len[i], why,
				      sizeof(why))) {
			fprintf(stderr, "%s: %s\n", paths[i], why);
			return -1;
		}
	}
	return 0;
}

void bench_inputs_free(struct bench_inputs *in)
{
	for (int i = 0; i < in->n; i++)
		free(in->data[i]);
	free(in->data);
	free(in->len);
}

double bench_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

double bench_cpu_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
