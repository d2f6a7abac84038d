/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CLI's help convention: any subcommand given --help (or -h) prints
 * its usage to stdout and exits 0; a usage error prints it to stderr and
 * exits 2.
 */
#ifndef IOTLBFUZZ_CLI_HELP_H
#define IOTLBFUZZ_CLI_HELP_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Options come before the files; "--" ends them. */
static inline bool cli_wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

static inline FILE *cli_usage_stream(bool help)
{
	return help ? stdout : stderr;
}

static inline int cli_usage_status(bool help)
{
	return help ? 0 : 2;
}

#endif
