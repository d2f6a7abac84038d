#!/bin/bash -eu
# SPDX-License-Identifier: GPL-2.0-only
# The OSS-Fuzz build, shared (docs/oss-fuzz.md).
exec bash -eu "$SRC/iotlbfuzz/ci/oss-fuzz/build.sh"
