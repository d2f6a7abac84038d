// SPDX-License-Identifier: GPL-2.0-only
/*
 * ASan defaults for the fuzz targets (a campaign process runs millions of
 * programs). ASAN_OPTIONS from the environment, and so ClusterFuzz's own
 * settings and the [asan] section of the targets' .options, still win.
 *
 * quarantine_size_mb: ASan keeps freed memory out of reuse up to this
 * much, 256 MB by default. Every program builds and frees its kernel
 * stack, so a campaign filled all of it: 500 MB of RSS and a page fault
 * per fresh page for the first 256 MB. A use after free inside one
 * program is caught as long as that program's frees are still
 * quarantined, and a program frees far less than 32 MB (a few hundred
 * KB at the work budget). docs/benchmarks.md, "Memory".
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define IOTLBFUZZ_ASAN 1
#endif
#endif
#if !defined(IOTLBFUZZ_ASAN) && defined(__SANITIZE_ADDRESS__)
#define IOTLBFUZZ_ASAN 1
#endif

#ifdef IOTLBFUZZ_ASAN
const char *__asan_default_options(void);

const char *__asan_default_options(void)
{
	return "quarantine_size_mb=32";
}
#else
/* ISO C wants something in a translation unit */
typedef int iotlbfuzz_no_asan_defaults;
#endif
