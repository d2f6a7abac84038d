# SPDX-License-Identifier: GPL-2.0-only
#
# Kernel trees are read at build time, never committed. A tree is either a
# directory (a kernel checkout) or a Debian linux-source tarball; from a
# tarball only the files the stack compiles are unpacked, into the build
# directory or a directory builds share (IOTLBFUZZ_UNPACK_CACHE), and never
# written to afterwards. Only the real headers the map/unmap path needs are
# made visible to the compiler (in the build's kernels/<id>-visible), next
# to our shims.

set(IOTLBFUZZ_KERNEL_FILES
    drivers/iommu/iommu.c
    drivers/iommu/io-pgtable.c
    drivers/iommu/io-pgtable-arm.c
    drivers/iommu/io-pgtable-arm-selftests.c
    drivers/iommu/io-pgtable-arm.h
    drivers/iommu/io-pgtable-arm-v7s.c
    drivers/iommu/io-pgtable-dart.c
    drivers/iommu/iommu-pages.h
    drivers/iommu/iommu-pages.c
    include/linux/iommu.h
    include/linux/io-pgtable.h
    include/uapi/linux/iommu.h
    include/uapi/linux/iommufd.h
    include/linux/generic_pt/common.h
    include/linux/generic_pt/iommu.h
    include/linux/args.h
    Makefile)

# Folders read whole, at any depth: generic_pt's engine and its formats
# (fmt/iommu_<fmt>.c), whatever a tree names them.
set(IOTLBFUZZ_KERNEL_DIRS drivers/iommu/generic_pt)

set(IOTLBFUZZ_VISIBLE_HEADERS
    include/linux/iommu.h
    include/linux/io-pgtable.h
    include/uapi/linux/iommu.h
    include/uapi/linux/iommufd.h
    include/linux/generic_pt/common.h
    include/linux/generic_pt/iommu.h
    include/linux/args.h)

# The files of @tree this build reads: IOTLBFUZZ_KERNEL_FILES it has, and
# everything under IOTLBFUZZ_KERNEL_DIRS (relative paths).
function(iotlbfuzz_tree_files tree out_var)
  set(files "")
  foreach(f IN LISTS IOTLBFUZZ_KERNEL_FILES)
    if(EXISTS "${tree}/${f}")
      list(APPEND files "${f}")
    endif()
  endforeach()
  foreach(d IN LISTS IOTLBFUZZ_KERNEL_DIRS)
    file(GLOB_RECURSE found RELATIVE "${tree}" "${tree}/${d}/*")
    list(SORT found)
    list(APPEND files ${found})
  endforeach()
  set(${out_var} "${files}" PARENT_SCOPE)
endfunction()

# Is @f (relative) a file this build reads, or would read once created?
function(iotlbfuzz_is_kernel_file f out_var)
  set(yes FALSE)
  if(f IN_LIST IOTLBFUZZ_KERNEL_FILES)
    set(yes TRUE)
  endif()
  foreach(d IN LISTS IOTLBFUZZ_KERNEL_DIRS)
    string(FIND "${f}" "${d}/" at)
    if(at EQUAL 0)
      set(yes TRUE)
    endif()
  endforeach()
  set(${out_var} ${yes} PARENT_SCOPE)
endfunction()

# A tree spec is "<source>[+<patch>...]": a directory or tarball, then
# patches to apply to the extracted copy (a path, or the name of a fixture
# in patches/ without its .diff). One build = one tree + optional patches.
# iotlbfuzz_parse_tree_spec(<spec> <source_var> <patches_var> <suffix_var>)
function(iotlbfuzz_parse_tree_spec spec source_var patches_var suffix_var)
  string(REPLACE "+" ";" parts "${spec}")
  list(POP_FRONT parts source)
  set(patches "")
  set(suffix "")
  foreach(p IN LISTS parts)
    if(EXISTS "${p}")
      get_filename_component(path "${p}" ABSOLUTE)
    elseif(EXISTS "${CMAKE_SOURCE_DIR}/patches/${p}.diff")
      set(path "${CMAKE_SOURCE_DIR}/patches/${p}.diff")
    else()
      message(FATAL_ERROR "patch ${p} not found (a path, or a fixture name in patches/)")
    endif()
    get_filename_component(stem "${path}" NAME_WE)
    list(APPEND patches "${path}")
    string(APPEND suffix "+${stem}")
  endforeach()
  set(${source_var} "${source}" PARENT_SCOPE)
  set(${patches_var} "${patches}" PARENT_SCOPE)
  set(${suffix_var} "${suffix}" PARENT_SCOPE)
endfunction()

# Where tarballs are unpacked: into the build directory, unless
# IOTLBFUZZ_UNPACK_CACHE (a cache variable, or else the environment
# variable) names a directory several builds share. Unpacking a tarball
# reads all of it (8-10 s each); CI's presets, check-patch's builds and the
# OSS-Fuzz build test unpack the same few tarballs once that way.
if(NOT DEFINED IOTLBFUZZ_UNPACK_CACHE AND DEFINED ENV{IOTLBFUZZ_UNPACK_CACHE})
  set(IOTLBFUZZ_UNPACK_CACHE "$ENV{IOTLBFUZZ_UNPACK_CACHE}")
endif()
set(IOTLBFUZZ_UNPACK_CACHE "${IOTLBFUZZ_UNPACK_CACHE}" CACHE PATH
    "Directory of unpacked kernel tarballs shared between builds (empty: the build's own)")

function(iotlbfuzz_unpack_tarball source dir_var)
  # The key names the tarball by what it is, not only by its path (a link
  # such as linux-source-7.tar.xz moves to a newer release), and holds the
  # file list: a list grown for a newer tree unpacks afresh instead of
  # reusing an older, incomplete unpack.
  get_filename_component(real "${source}" REALPATH)
  file(SIZE "${real}" size)
  file(TIMESTAMP "${real}" mtime "%s" UTC)
  string(MD5 key "${real};${size};${mtime};${IOTLBFUZZ_KERNEL_FILES};${IOTLBFUZZ_KERNEL_DIRS}")
  set(top "${CMAKE_BINARY_DIR}/kernels")
  if(IOTLBFUZZ_UNPACK_CACHE)
    set(top "${IOTLBFUZZ_UNPACK_CACHE}")
  endif()
  set(dir "${top}/pristine-${key}")
  if(NOT EXISTS "${dir}/.unpacked-from")
    message(STATUS "iotlbfuzz: unpacking the map/unmap files of ${source}")
    # into a directory of this configure's own, renamed into place when
    # complete: builds that share the cache may unpack the same tarball
    # at the same time, and a reader must never see half a tree
    string(RANDOM LENGTH 12 tag)
    set(tmp "${dir}.unpacking-${tag}")
    file(REMOVE_RECURSE "${tmp}")
    file(MAKE_DIRECTORY "${tmp}")
    set(patterns "")
    foreach(f IN LISTS IOTLBFUZZ_KERNEL_FILES)
      list(APPEND patterns "*/${f}")
    endforeach()
    # --no-wildcards-match-slash: one pattern per depth
    foreach(d IN LISTS IOTLBFUZZ_KERNEL_DIRS)
      list(APPEND patterns "*/${d}/*" "*/${d}/*/*" "*/${d}/*/*/*")
    endforeach()
    # a file missing from an older tree (uapi iommu.h, iommu-pages.c) is
    # not an error
    execute_process(
      COMMAND tar -xf "${source}" -C "${tmp}" --strip-components=1 --wildcards
              --no-wildcards-match-slash ${patterns}
      RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT EXISTS "${tmp}/drivers/iommu/io-pgtable-arm.c")
      file(REMOVE_RECURSE "${tmp}")
      message(FATAL_ERROR "could not unpack ${source}: ${err}")
    endif()
    file(WRITE "${tmp}/.unpacked-from" "${real}\n")
    # left from an unpack that was interrupted before its stamp
    if(EXISTS "${dir}" AND NOT EXISTS "${dir}/.unpacked-from")
      file(REMOVE_RECURSE "${dir}")
    endif()
    # rename(2) will not put a directory over one that has files: if
    # another build put the same files there first, this copy goes (not
    # NO_REPLACE: overlay filesystems refuse the renameat2 flag it needs)
    file(RENAME "${tmp}" "${dir}" RESULT moved)
    if(NOT moved EQUAL 0)
      file(REMOVE_RECURSE "${tmp}")
    endif()
  endif()
  set(${dir_var} "${dir}" PARENT_SCOPE)
endfunction()

# iotlbfuzz_prepare_kernel(<id> <source> <patches> <dir_var> <release_var>)
function(iotlbfuzz_prepare_kernel id source patches dir_var release_var)
  if(IS_DIRECTORY "${source}")
    get_filename_component(tree "${source}" ABSOLUTE)
    if(NOT EXISTS "${tree}/drivers/iommu/io-pgtable-arm.c")
      message(FATAL_ERROR "${source} is not a kernel tree (no drivers/iommu/io-pgtable-arm.c)")
    endif()
  elseif(EXISTS "${source}")
    iotlbfuzz_unpack_tarball("${source}" tree)
  else()
    message(FATAL_ERROR "kernel source ${source} not found. Run ci/setup.sh (installs linux-source-6.12) or pass -DIOTLBFUZZ_KERNEL_SRC=<tree or tarball>.")
  endif()

  set(dir "${tree}")
  if(patches)
    # patched: a copy of the files, never the user's tree or the pristine
    # one. Patched afresh in a staging copy at every configure, then copied
    # over only where a file changed, so a re-configure rebuilds nothing.
    set(dir "${CMAKE_BINARY_DIR}/kernels/${id}")
    set(staging "${CMAKE_BINARY_DIR}/kernels/${id}-staging")
    file(REMOVE_RECURSE "${staging}")
    iotlbfuzz_tree_files("${tree}" pristine_files)
    foreach(f IN LISTS pristine_files)
      configure_file("${tree}/${f}" "${staging}/${f}" COPYONLY)
    endforeach()
    # A patch is applied to the files this build reads and to nothing else:
    # one that also changes a driver applies its core and io-pgtable part
    # (the driver's side is its model's, docs/drivers.md). Exactly, without
    # fuzz: a hunk that only applies by ignoring context may land in the
    # wrong place (a check the tree already has, added twice).
    set(n 0)
    foreach(p IN LISTS patches)
      math(EXPR n "${n} + 1")
      execute_process(COMMAND lsdiff --strip=1 "${p}"
                      RESULT_VARIABLE rc OUTPUT_VARIABLE touched ERROR_VARIABLE err)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "patch ${p}: not a patch lsdiff can read:\n${err}")
      endif()
      string(REGEX REPLACE "\n$" "" touched "${touched}")
      string(REPLACE "\n" ";" touched "${touched}")
      set(kept "")
      set(left_out "")
      set(filter "")
      foreach(f IN LISTS touched)
        iotlbfuzz_is_kernel_file("${f}" reads)
        if(reads)
          list(APPEND kept "${f}")
          list(APPEND filter -i "${f}")
        else()
          list(APPEND left_out "${f}")
        endif()
      endforeach()
      if(NOT kept)
        string(REPLACE ";" ", " touched "${touched}")
        message(FATAL_ERROR "patch ${p} changes none of the kernel files iotlbfuzz compiles (docs/shim.md), only: ${touched}")
      endif()
      set(part "${staging}-patch-${n}.diff")
      execute_process(COMMAND filterdiff -p1 ${filter} "${p}" OUTPUT_FILE "${part}"
                      RESULT_VARIABLE rc ERROR_VARIABLE err)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "patch ${p}: filterdiff failed:\n${err}")
      endif()
      execute_process(COMMAND patch -p1 --forward --batch --fuzz=0 -d "${staging}" -i "${part}"
                      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
      file(REMOVE "${part}")
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "patch ${p} does not apply to ${source}:\n${out}")
      endif()
      message(STATUS "iotlbfuzz: applied ${p}")
      if(left_out)
        string(REPLACE ";" ", " left_out "${left_out}")
        message(STATUS "iotlbfuzz: ${p}: left out, not compiled here: ${left_out}")
      endif()
    endforeach()
    # what the patches left, created or deleted included
    iotlbfuzz_tree_files("${staging}" patched_files)
    if(EXISTS "${dir}")
      iotlbfuzz_tree_files("${dir}" old_files)
    else()
      set(old_files "")
    endif()
    foreach(f IN LISTS old_files)
      if(NOT f IN_LIST patched_files)
        file(REMOVE "${dir}/${f}")
      endif()
    endforeach()
    foreach(f IN LISTS patched_files)
      get_filename_component(d "${dir}/${f}" DIRECTORY)
      file(MAKE_DIRECTORY "${d}")
      file(COPY_FILE "${staging}/${f}" "${dir}/${f}" ONLY_IF_DIFFERENT)
    endforeach()
    file(REMOVE_RECURSE "${staging}")
  endif()

  file(STRINGS "${dir}/Makefile" mk REGEX "^(VERSION|PATCHLEVEL|SUBLEVEL) =")
  set(release "")
  foreach(line IN LISTS mk)
    string(REGEX REPLACE "^[A-Z]+ = *" "" v "${line}")
    if(release STREQUAL "")
      set(release "${v}")
    else()
      set(release "${release}.${v}")
    endif()
  endforeach()

  set(visible "${CMAKE_BINARY_DIR}/kernels/${id}-visible")
  foreach(h IN LISTS IOTLBFUZZ_VISIBLE_HEADERS)
    if(EXISTS "${dir}/${h}")
      string(REPLACE "include/" "" rel "${h}")
      configure_file("${dir}/${h}" "${visible}/${rel}" COPYONLY)
    endif()
  endforeach()

  set(${dir_var} "${dir}" PARENT_SCOPE)
  set(${release_var} "${release}" PARENT_SCOPE)
endfunction()
