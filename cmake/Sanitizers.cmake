# SPDX-License-Identifier: GPL-2.0-only
# Sanitizers apply to everything, kernel files included: that is the point.
set(IOTLBFUZZ_SANITIZERS "" CACHE STRING "Sanitizers, e.g. address,undefined or memory")
option(IOTLBFUZZ_LIBFUZZER "Build the libFuzzer target (clang only)" OFF)
# An MSan report names the use; the origin (which allocation or copy left
# the value uninitialised) is what makes it fixable, for up to twice the
# time (MSan's documentation).
option(IOTLBFUZZ_MSAN_TRACK_ORIGINS "With memory: report where uninitialised values come from" ON)

if(IOTLBFUZZ_SANITIZERS)
  add_compile_options(-fsanitize=${IOTLBFUZZ_SANITIZERS} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${IOTLBFUZZ_SANITIZERS} -fno-sanitize-recover=all)
endif()

string(REPLACE "," ";" sanitizer_list "${IOTLBFUZZ_SANITIZERS}")
if("memory" IN_LIST sanitizer_list)
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "IOTLBFUZZ_SANITIZERS=memory needs clang")
  endif()
  if(IOTLBFUZZ_MSAN_TRACK_ORIGINS)
    add_compile_options(-fsanitize-memory-track-origins)
    add_link_options(-fsanitize-memory-track-origins)
  endif()
  include(${CMAKE_CURRENT_LIST_DIR}/MsanDeps.cmake)
endif()

if(IOTLBFUZZ_LIBFUZZER)
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "IOTLBFUZZ_LIBFUZZER needs clang")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
  # Without a sanitizer runtime, the other instrumented programs (CLI,
  # tests, benches) need the coverage callbacks from libFuzzer's no-main
  # runtime (and the C++ library it is written in).
  if(NOT IOTLBFUZZ_SANITIZERS)
    execute_process(COMMAND ${CMAKE_C_COMPILER} --print-runtime-dir
                    OUTPUT_VARIABLE rtdir OUTPUT_STRIP_TRAILING_WHITESPACE)
    set(nomain "${rtdir}/libclang_rt.fuzzer_no_main-${CMAKE_SYSTEM_PROCESSOR}.a")
    if(NOT EXISTS "${nomain}")
      message(FATAL_ERROR "libFuzzer's no-main runtime not found at ${nomain}")
    endif()
    link_libraries("${nomain}" stdc++ m pthread)
  endif()
endif()

# iotlbfuzz_harness_code(<target>...): our own checking code (walkers,
# IOTLB, oracle, runner) keeps edge coverage but not libFuzzer's comparison
# tracing. The compare hooks there cost about half the time of a run and
# guide mutation towards our bookkeeping's constants, not the kernel's.
# Nor indirect-call tracing: it feeds only the value profile, and the
# callee there is always our own plumbing (the walkers' table reader, 2% of
# a structured run under ASan).
function(iotlbfuzz_harness_code)
  if(IOTLBFUZZ_SANCOV_CMP)
    foreach(t IN LISTS ARGN)
      target_compile_options(${t} PRIVATE -fno-sanitize-coverage=trace-cmp,indirect-calls)
    endforeach()
  endif()
endfunction()

# iotlbfuzz_bookkeeping_code(<target>...): the oracle, the runner, the
# event log and the arena get no coverage instrumentation, unless
# IOTLBFUZZ_HARNESS_EDGES=ON (then as iotlbfuzz_harness_code). Their edges
# were 56% of a target's counters and follow the program's shape rather
# than the kernel's or the device's state; without them a structured run
# costs about a quarter less CPU and the seed bugs are found in as few
# runs (docs/benchmarks.md, "Where the time goes"). The IOTLB and walkers
# keep theirs: a device access that hits a cached entry shows nowhere else.
# The same option covers the driver models with tables of their own
# (impl/CMakeLists.txt, table_models).
option(IOTLBFUZZ_HARNESS_EDGES
  "The oracle, runner, event log, arena and table models keep libFuzzer's edge coverage" OFF)
function(iotlbfuzz_bookkeeping_code)
  if(IOTLBFUZZ_HARNESS_EDGES)
    iotlbfuzz_harness_code(${ARGN})
  elseif(IOTLBFUZZ_SANCOV_CMP)
    foreach(t IN LISTS ARGN)
      target_compile_options(${t} PRIVATE ${IOTLBFUZZ_NO_SANCOV})
    endforeach()
  endif()
endfunction()

# iotlbfuzz_mutator_code(<target>...): the structure-aware mutator runs
# between inputs, never inside one, so its edges and comparisons are no
# feedback for libFuzzer (it clears the counters before each input) and
# their callbacks were a fifth of a structured campaign's time
# (docs/benchmarks.md, "Where the time goes"). No coverage instrumentation.
set(IOTLBFUZZ_NO_SANCOV
    -fno-sanitize-coverage=inline-8bit-counters,indirect-calls,trace-cmp,pc-table)
# A fuzz target's entry must not lower libFuzzer's stack mark before it
# notes where the input starts (forget_coverage.h); with it, an input's
# stack depth is what the code under test reached.
set(IOTLBFUZZ_NO_STACK_DEPTH -fno-sanitize-coverage=stack-depth)
function(iotlbfuzz_mutator_code)
  if(IOTLBFUZZ_SANCOV_CMP)
    foreach(t IN LISTS ARGN)
      target_compile_options(${t} PRIVATE ${IOTLBFUZZ_NO_SANCOV})
    endforeach()
  endif()
endfunction()
# iotlbfuzz_mutator_sources(<target> <source>...): the same for mutator
# sources compiled into an executable whose other sources keep coverage.
function(iotlbfuzz_mutator_sources target)
  if(IOTLBFUZZ_SANCOV_CMP)
    set_source_files_properties(${ARGN} TARGET_DIRECTORY ${target}
      PROPERTIES COMPILE_OPTIONS "${IOTLBFUZZ_NO_SANCOV}")
  endif()
endfunction()
