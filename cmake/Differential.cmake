# SPDX-License-Identifier: GPL-2.0-only
#
# The before/after differential (docs/check-patch.md): two kernel trees in
# one binary. Each tree's stack -- its kernel library with the glue, the
# driver models and the shim runtime, plus everything that holds per-run
# state or calls into it (runner, oracle, IOTLB, events, arena, decoding)
# -- is partially linked into one relocatable object, and every symbol that
# object defines gets the prefix t_<id>_. Undefined references (libc,
# libprotobuf-c, sanitizer and libFuzzer runtimes) stay as they are, so the
# final link resolves them once for both trees; the coverage sections of
# both merge there too. The only way into a tree is its entry table,
# t_<id>_diff_tree_api (fuzz/engines/differential/tree_api.h).

set(IOTLBFUZZ_DIFF_DIR "${CMAKE_SOURCE_DIR}/fuzz/engines/differential")

# iotlbfuzz_tree_object(<id>): build/differential/tree-<id>.o
function(iotlbfuzz_tree_object id)
  if(TARGET iotlbfuzz_tree_object_${id})
    return()
  endif()
  # The tree's entry table, compiled once: it only names tree-independent
  # functions, which the prefixing then binds to one tree.
  if(NOT TARGET iotlbfuzz_difftree)
    add_library(iotlbfuzz_difftree STATIC "${IOTLBFUZZ_DIFF_DIR}/tree_entry.c")
    target_include_directories(iotlbfuzz_difftree PRIVATE "${IOTLBFUZZ_DIFF_DIR}")
    target_link_libraries(iotlbfuzz_difftree PRIVATE iotlbfuzz_engine)
  endif()
  set(dir "${CMAKE_BINARY_DIR}/differential")
  set(libs iotlbfuzz_kernel_${id} iotlbfuzz_difftree iotlbfuzz_engine
      iotlbfuzz_tools iotlbfuzz_run iotlbfuzz_program iotlbfuzz_program_mutator
      iotlbfuzz_oracle iotlbfuzz_iotlb iotlbfuzz_events iotlbfuzz_arena
      iotlbfuzz_ktrace iotlbfuzz_proto pbm)
  set(files "")
  foreach(lib IN LISTS libs)
    list(APPEND files "$<TARGET_FILE:${lib}>")
  endforeach()
  add_custom_command(
    OUTPUT "${dir}/tree-${id}.o"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${dir}"
    COMMAND "${CMAKE_LINKER}" -r -o "${dir}/tree-${id}-whole.o"
            --whole-archive ${files} --no-whole-archive
    COMMAND sh "${CMAKE_SOURCE_DIR}/cmake/prefix-symbols.sh" "${CMAKE_NM}"
            "${CMAKE_OBJCOPY}" "t_${id}_" "${dir}/tree-${id}-whole.o"
            "${dir}/tree-${id}.o"
    DEPENDS ${libs} "${CMAKE_SOURCE_DIR}/cmake/prefix-symbols.sh"
    COMMENT "One relocatable object for kernel tree ${id}, symbols prefixed t_${id}_"
    VERBATIM)
  add_custom_target(iotlbfuzz_tree_object_${id} DEPENDS "${dir}/tree-${id}.o")
endfunction()

# iotlbfuzz_differential(<before id> <before spec> <after id> <after spec>
#                        <after release>): iotlbfuzz_differential-<release>,
# when both specs are the same source (a tree and that tree with patches).
function(iotlbfuzz_differential before_id before_spec after_id after_spec release)
  if(NOT IOTLBFUZZ_LIBFUZZER OR IOTLBFUZZ_AFL)
    return()
  endif()
  iotlbfuzz_parse_tree_spec("${before_spec}" before_source p1 s1)
  iotlbfuzz_parse_tree_spec("${after_spec}" after_source p2 s2)
  if(NOT before_source STREQUAL after_source)
    return()
  endif()
  iotlbfuzz_tree_object(${before_id})
  iotlbfuzz_tree_object(${after_id})
  set(dir "${CMAKE_BINARY_DIR}/differential")
  set(target iotlbfuzz_differential-${release})
  set(objects "${dir}/tree-${before_id}.o" "${dir}/tree-${after_id}.o")
  set_source_files_properties(${objects} PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
  # the fuzz target, and the minimizer of what it finds (a plain program)
  set(minimizer iotlbfuzz_differential_minimize-${release})
  add_executable(${target} "${IOTLBFUZZ_DIFF_DIR}/differential_target.c")
  add_executable(${minimizer} "${IOTLBFUZZ_DIFF_DIR}/differential_minimize.c")
  foreach(t ${target} ${minimizer})
    target_sources(${t} PRIVATE
      "${IOTLBFUZZ_DIFF_DIR}/diff_run.c"
      "${CMAKE_SOURCE_DIR}/fuzz/run/compare/before_after.c"
      "${CMAKE_SOURCE_DIR}/fuzz/run/compare/not_compared.c"
      "${CMAKE_SOURCE_DIR}/fuzz/run/divergence.c"
      "${CMAKE_SOURCE_DIR}/fuzz/run/crash_class.c"
      ${objects})
    add_dependencies(${t} iotlbfuzz_tree_object_${before_id}
                     iotlbfuzz_tree_object_${after_id})
    target_compile_definitions(${t} PRIVATE
      DIFF_BEFORE_API=t_${before_id}_diff_tree_api
      DIFF_AFTER_API=t_${after_id}_diff_tree_api)
    # headers only: the code of runner and kernel comes from the objects
    target_include_directories(${t} PRIVATE
      "${IOTLBFUZZ_DIFF_DIR}" "${CMAKE_SOURCE_DIR}/fuzz/program" "${CMAKE_SOURCE_DIR}/fuzz/run"
      "${CMAKE_SOURCE_DIR}/fuzz/run/compare" "${CMAKE_SOURCE_DIR}/fuzz/tools"
      "${CMAKE_SOURCE_DIR}/mutator/program" "${CMAKE_SOURCE_DIR}/mutator"
      "${IOTLBFUZZ_KERNEL_DIR}"
      "${CMAKE_SOURCE_DIR}/impl/iotlb" "${CMAKE_SOURCE_DIR}/impl/events"
      "${CMAKE_SOURCE_DIR}/impl/glue")
    target_link_libraries(${t} PRIVATE iotlbfuzz_protobuf_c m)
  endforeach()
  target_link_options(${target} PRIVATE -fsanitize=fuzzer)
  set_property(GLOBAL APPEND PROPERTY IOTLBFUZZ_DIFFERENTIAL_TARGETS "${target}")
endfunction()
