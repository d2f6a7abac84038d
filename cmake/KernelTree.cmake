# SPDX-License-Identifier: GPL-2.0-only
#
# Kernel trees are read at build time, never committed. A tree is either a
# directory (a kernel checkout) or a Debian linux-source tarball; from a
# tarball only the files the stack compiles are unpacked into the build
# directory. Only the real headers the map/unmap path needs are made
# visible to the compiler (in <tree>/visible), next to our shims.

set(IOTLBFUZZ_KERNEL_FILES
    drivers/iommu/iommu.c
    drivers/iommu/io-pgtable.c
    drivers/iommu/io-pgtable-arm.c
    drivers/iommu/io-pgtable-arm.h
    drivers/iommu/io-pgtable-arm-v7s.c
    drivers/iommu/io-pgtable-dart.c
    drivers/iommu/iommu-pages.h
    include/linux/iommu.h
    include/linux/io-pgtable.h
    include/uapi/linux/iommu.h
    Makefile)

set(IOTLBFUZZ_VISIBLE_HEADERS
    include/linux/iommu.h
    include/linux/io-pgtable.h
    include/uapi/linux/iommu.h)

# iotlbfuzz_prepare_kernel(<id> <source> <dir_var> <release_var>)
function(iotlbfuzz_prepare_kernel id source dir_var release_var)
  if(IS_DIRECTORY "${source}")
    get_filename_component(dir "${source}" ABSOLUTE)
    if(NOT EXISTS "${dir}/drivers/iommu/io-pgtable-arm.c")
      message(FATAL_ERROR "${source} is not a kernel tree (no drivers/iommu/io-pgtable-arm.c)")
    endif()
  elseif(EXISTS "${source}")
    set(dir "${CMAKE_BINARY_DIR}/kernels/${id}")
    set(stamp "${dir}/.unpacked-from")
    set(previous "")
    if(EXISTS "${stamp}")
      file(READ "${stamp}" previous)
    endif()
    if(NOT previous STREQUAL "${source}")
      message(STATUS "iotlbfuzz: unpacking the map/unmap files of ${source}")
      file(REMOVE_RECURSE "${dir}")
      file(MAKE_DIRECTORY "${dir}")
      set(patterns "")
      foreach(f IN LISTS IOTLBFUZZ_KERNEL_FILES)
        list(APPEND patterns "*/${f}")
      endforeach()
      execute_process(
        COMMAND tar -xf "${source}" -C "${dir}" --strip-components=1 --wildcards ${patterns}
        RESULT_VARIABLE rc ERROR_VARIABLE err)
      # a file missing from an older tree (uapi iommu.h) is not an error
      if(NOT EXISTS "${dir}/drivers/iommu/io-pgtable-arm.c")
        message(FATAL_ERROR "could not unpack ${source}: ${err}")
      endif()
      file(WRITE "${stamp}" "${source}")
    endif()
  else()
    message(FATAL_ERROR "kernel source ${source} not found. Run ci/setup.sh (installs linux-source-6.12) or pass -DIOTLBFUZZ_KERNEL_SRC=<tree or tarball>.")
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
