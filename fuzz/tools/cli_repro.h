/* SPDX-License-Identifier: GPL-2.0-only */
/* The reproducer subcommands of the CLI (fuzz/tools/cli_repro.c). */
#ifndef IOTLBFUZZ_CLI_REPRO_H
#define IOTLBFUZZ_CLI_REPRO_H

/* Exit 0, or 2 with the reason on stderr. */
int cmd_minimize(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
