# SPDX-License-Identifier: GPL-2.0-only
# Sourced by finds-seed-bugs.sh and bench/seed-bug-detection.sh: the tree
# names of seed-bug-cases as suffixes of the default release's binaries.
tree() { # E | FIX | V1 | NP | -
	case $1 in
	E) echo +90c5def10bea-empty-gather ;;
	FIX) echo +90c5def10bea-empty-gather+7e0548525abd-core-fill ;;
	V1) echo +90c5def10bea-empty-gather+jgg-always-fill-v1 ;;
	NP) echo +lpae-map-last-entry-lost ;;
	*) echo "" ;;
	esac
}
