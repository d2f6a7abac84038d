# SPDX-License-Identifier: GPL-2.0-only
#
# How the fuzz targets (iotlbfuzz_fuzzer, iotlbfuzz_fuzzer_structured) are
# linked. Two ways:
#
# * IOTLBFUZZ_LIBFUZZER (the presets): this build adds clang's libFuzzer
#   instrumentation and its sanitizers (Sanitizers.cmake) and links the
#   targets with -fsanitize=fuzzer.
# * IOTLBFUZZ_FUZZING_ENGINE (OSS-Fuzz, ClusterFuzzLite:
#   ci/oss-fuzz/build.sh): the infrastructure owns the flags. Its $CFLAGS
#   (CMAKE_C_FLAGS here) already carry the sanitizer and the coverage
#   instrumentation, for every file, kernel files included, and
#   $LIB_FUZZING_ENGINE is what a target links: -fsanitize=fuzzer for
#   libFuzzer, a driver library for AFL++. This build then adds no
#   sanitizer, coverage or engine flag of its own: a second copy would
#   fight the infrastructure's choice (its UBSan check set, its AFL++
#   instrumentation).
#
# Sets IOTLBFUZZ_FUZZ_TARGETS (build the fuzz targets), IOTLBFUZZ_FUZZ_LINK
# (what they link) and IOTLBFUZZ_SANCOV_CMP (libFuzzer's comparison tracing
# is on, see iotlbfuzz_harness_code in Sanitizers.cmake).
set(IOTLBFUZZ_FUZZING_ENGINE "" CACHE STRING
    "Link the fuzz targets with this (OSS-Fuzz's \$LIB_FUZZING_ENGINE); sanitizer and coverage flags then come from CMAKE_C_FLAGS alone")

set(IOTLBFUZZ_FUZZ_TARGETS OFF)
set(IOTLBFUZZ_FUZZ_LINK "")
set(IOTLBFUZZ_SANCOV_CMP OFF)

if(IOTLBFUZZ_FUZZING_ENGINE)
  if(IOTLBFUZZ_SANITIZERS OR IOTLBFUZZ_LIBFUZZER OR IOTLBFUZZ_COVERAGE)
    message(FATAL_ERROR "IOTLBFUZZ_FUZZING_ENGINE takes the sanitizer and coverage flags "
            "from CMAKE_C_FLAGS (\$CFLAGS): leave IOTLBFUZZ_SANITIZERS, IOTLBFUZZ_LIBFUZZER "
            "and IOTLBFUZZ_COVERAGE unset")
  endif()
  # a flag (-fsanitize=fuzzer), a library path, or several of them;
  # linked after the objects, where a driver library must come
  separate_arguments(IOTLBFUZZ_FUZZ_LINK UNIX_COMMAND "${IOTLBFUZZ_FUZZING_ENGINE}")
  set(IOTLBFUZZ_FUZZ_TARGETS ON)
  if(CMAKE_C_FLAGS MATCHES "-fsanitize=[^ ]*fuzzer-no-link")
    set(IOTLBFUZZ_SANCOV_CMP ON)
  endif()
  # MSan reports are only true when every library is instrumented: the
  # protobuf-c runtime is built with the infrastructure's flags too.
  # Otherwise the system's, but its static library: the targets run in
  # OSS-Fuzz's runner image, which has the C and C++ runtimes and no
  # libprotobuf-c.
  if(CMAKE_C_FLAGS MATCHES "-fsanitize=[^ ]*memory")
    set(IOTLBFUZZ_MSAN_DEPS_CFLAGS "${CMAKE_C_FLAGS}")
    include(${CMAKE_CURRENT_LIST_DIR}/MsanDeps.cmake)
  else()
    find_library(IOTLBFUZZ_PROTOBUF_C_STATIC NAMES libprotobuf-c.a REQUIRED)
    set(PROTOBUF_C_LIB "${IOTLBFUZZ_PROTOBUF_C_STATIC}" CACHE FILEPATH
        "protobuf-c, static for the OSS-Fuzz runner" FORCE)
  endif()
  message(STATUS "iotlbfuzz: fuzz targets link ${IOTLBFUZZ_FUZZING_ENGINE}; C flags: ${CMAKE_C_FLAGS}")
elseif(IOTLBFUZZ_LIBFUZZER)
  set(IOTLBFUZZ_FUZZ_TARGETS ON)
  set(IOTLBFUZZ_FUZZ_LINK -fsanitize=fuzzer)
  set(IOTLBFUZZ_SANCOV_CMP ON)
endif()

# AFL++'s compilers (the afl preset) instrument everything they compile,
# kernel files included; the AFL++ target is then a persistent-mode target.
get_filename_component(cc_name "${CMAKE_C_COMPILER}" NAME)
if(cc_name MATCHES "^afl-")
  set(IOTLBFUZZ_AFL ON CACHE INTERNAL "built by an AFL++ compiler")
else()
  set(IOTLBFUZZ_AFL OFF CACHE INTERNAL "built by an AFL++ compiler")
endif()
