# SPDX-License-Identifier: GPL-2.0-only
# Source-based coverage (llvm-cov) of everything, kernel files included: the
# benchmark compares what fuzzing reaches in the extracted kernel code with
# what the kernel's own selftests reach (bench/kernel-coverage.sh).
option(IOTLBFUZZ_COVERAGE "Build with clang source-based coverage" OFF)

if(IOTLBFUZZ_COVERAGE)
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "IOTLBFUZZ_COVERAGE needs clang")
  endif()
  add_compile_options(-fprofile-instr-generate -fcoverage-mapping)
  add_link_options(-fprofile-instr-generate)
endif()
