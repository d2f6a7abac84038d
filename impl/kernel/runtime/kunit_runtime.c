// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs the kernel's KUnit suites compiled under the shim
 * (shim/kshim/custom/kunit.h): one line per case in KTAP's spirit
 * ("ok", "not ok", "# SKIP"), and the number of failed cases.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kunit/test.h>

#include "kunit_runtime.h"

#define MAX_SUITES 16

static struct kunit_suite *registered[MAX_SUITES];
static size_t nr_registered;
static struct kshim_kunit_totals totals;
static const char *left_out; /* a case name not to run, or NULL */

void kshim_kunit_leave_out(const char *case_name)
{
	left_out = case_name;
}

void kshim_kunit_register(struct kunit_suite *const *suites, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (nr_registered == MAX_SUITES) {
			fprintf(stderr, "kunit: more than %d suites\n",
				MAX_SUITES);
			abort();
		}
		registered[nr_registered++] = suites[i];
	}
}

void kshim_kunit_fail(struct kunit *test, bool stop, const char *file,
		      int line, const char *fmt, ...)
{
	va_list ap;

	test->status = KUNIT_FAILURE;
	fprintf(stderr, "    # %s: %s at %s:%d: ", test->name,
		stop ? "ASSERTION FAILED" : "EXPECTATION FAILED", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (stop)
		longjmp(test->stop, 1);
}

void kshim_kunit_skip(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	test->status = KUNIT_SKIPPED;
	fprintf(stderr, "    # %s: skipped: ", test->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	longjmp(test->stop, 1);
}

void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	(void)gfp;
	for (size_t i = 0; i < KSHIM_KUNIT_MAX_ALLOCS; i++) {
		if (!test->allocs[i]) {
			test->allocs[i] = calloc(1, size);
			return test->allocs[i];
		}
	}
	return NULL;
}

void kunit_kfree(struct kunit *test, const void *ptr)
{
	for (size_t i = 0; ptr && i < KSHIM_KUNIT_MAX_ALLOCS; i++) {
		if (test->allocs[i] == ptr) {
			free(test->allocs[i]);
			test->allocs[i] = NULL;
			return;
		}
	}
}

/*
 * One case (one parameter of it): init, the case, exit, each stopped by
 * its own assertions. A failed init fails the case unless it skipped.
 */
static enum kunit_status run_one(struct kunit_suite *suite,
				 struct kunit_case *c, const void *param,
				 const char *desc)
{
	static struct kunit test; /* static: longjmp leaves no clobbers */
	char name[256];

	snprintf(name, sizeof(name), "%s%s%s", c->name, desc ? "/" : "",
		 desc ? desc : "");
	memset(&test, 0, sizeof(test));
	test.name = name;
	test.param_value = param;
	if (!setjmp(test.stop)) {
		int ret = suite->init ? suite->init(&test) : 0;

		if (ret) {
			if (test.status != KUNIT_SKIPPED)
				kshim_kunit_fail(&test, false, __FILE__,
						 __LINE__,
						 "suite init returned %d\n",
						 ret);
		} else {
			c->run_case(&test);
		}
	}
	if (suite->exit && !setjmp(test.stop))
		suite->exit(&test);
	for (size_t i = 0; i < KSHIM_KUNIT_MAX_ALLOCS; i++)
		free(test.allocs[i]);
	printf("    %s %s%s\n", test.status == KUNIT_FAILURE ? "not ok" : "ok",
	       name, test.status == KUNIT_SKIPPED ? " # SKIP" : "");
	return test.status;
}

int kshim_kunit_run_suite(struct kunit_suite *suite)
{
	int failed = 0;

	printf("# suite %s\n", suite->name);
	if (suite->suite_init && suite->suite_init(suite)) {
		printf("not ok %s: suite_init failed\n", suite->name);
		totals.failed++;
		return 1;
	}
	for (struct kunit_case *c = suite->test_cases; c->run_case; c++) {
		const void *param = NULL;
		char desc[KUNIT_PARAM_DESC_SIZE];
		enum kunit_status st;

		if (left_out && !strcmp(c->name, left_out)) {
			printf("    ok %s # SKIP left out by the caller\n",
			       c->name);
			totals.skipped++;
			continue;
		}
		do {
			if (c->generate_params) {
				struct kunit gen = { .name = c->name };

				desc[0] = 0;
				param = c->generate_params(&gen, param, desc);
				if (!param)
					break;
			}
			st = run_one(suite, c, param,
				     c->generate_params ? desc : NULL);
			if (st == KUNIT_FAILURE) {
				failed++;
				totals.failed++;
			} else if (st == KUNIT_SKIPPED) {
				totals.skipped++;
			} else {
				totals.passed++;
			}
		} while (c->generate_params);
	}
	if (suite->suite_exit)
		suite->suite_exit(suite);
	printf("%s %s\n", failed ? "not ok" : "ok", suite->name);
	return failed;
}

int kshim_kunit_run_all(const char *filter)
{
	int failed = 0, ran = 0;

	for (size_t i = 0; i < nr_registered; i++) {
		if (filter && !strstr(registered[i]->name, filter))
			continue;
		ran++;
		failed += kshim_kunit_run_suite(registered[i]) != 0;
	}
	return ran ? failed : -1;
}

struct kshim_kunit_totals kshim_kunit_totals(void)
{
	return totals;
}
