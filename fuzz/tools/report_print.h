/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The text report of a divergence, printed where it is found: an observer
 * (run_observer.h) that the CLI and the fuzz targets put in their run
 * options. A run without it prints nothing. It also follows the
 * cross-driver partners' runs, whose divergences are reported the same way.
 */
#ifndef IOTLBFUZZ_REPORT_PRINT_H
#define IOTLBFUZZ_REPORT_PRINT_H

#include <stdio.h>

#include "run_observer.h"

struct report_printer {
	struct run_observer obs;
	FILE *out;
};

/* @p, set up to print to @out; returns its observer, alone in its list */
struct run_observer *report_printer_init(struct report_printer *p, FILE *out);

#endif
