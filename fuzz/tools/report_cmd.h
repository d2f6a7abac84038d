/* SPDX-License-Identifier: GPL-2.0-only */
/* `iotlbfuzz report`: the HTML and markdown report of a divergent program. */
#ifndef IOTLBFUZZ_REPORT_CMD_H
#define IOTLBFUZZ_REPORT_CMD_H

/*
 * @argv: the command's own arguments; @self: how the CLI was invoked, for
 * the reproduction commands. Exit status: 0 report written, 1 nothing to
 * report (clean or suppressed), 2 rejected input or bad usage, 3 the
 * divergence did not repeat.
 */
int cmd_report(int argc, char **argv, const char *self);

#endif
