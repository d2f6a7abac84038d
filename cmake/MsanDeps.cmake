# SPDX-License-Identifier: GPL-2.0-only
#
# MemorySanitizer only knows what instrumented code wrote: a buffer filled
# by an uninstrumented library reads as uninitialised, and the reports are
# false. Our one third-party runtime library is libprotobuf-c (it unpacks
# every program), so MSan builds link a copy of it built with the same
# flags, from Debian's source package of the version installed (the
# headers then match protoc-c's generated code), into
# ${CMAKE_BINARY_DIR}/deps/protobuf-c. Only the runtime library is built:
# the protoc-c compiler is C++ against libprotobuf and runs as its own
# process, uninstrumented, like protoc.
#
# Defines the imported target protobuf_c_msan.

include(ExternalProject)

set(IOTLBFUZZ_PROTOBUF_C_SOURCE "" CACHE PATH
    "A protobuf-c source tree for the MSan build (default: Debian's source package of the installed libprotobuf-c-dev)")

set(deps "${CMAKE_BINARY_DIR}/deps")
set(prefix "${deps}/protobuf-c")

if(IOTLBFUZZ_PROTOBUF_C_SOURCE)
  get_filename_component(src "${IOTLBFUZZ_PROTOBUF_C_SOURCE}" ABSOLUTE)
  set(download "${CMAKE_COMMAND}" -E echo "protobuf-c from ${src}")
else()
  execute_process(COMMAND dpkg-query -W -f=\${source:Version} libprotobuf-c-dev
                  OUTPUT_VARIABLE version RESULT_VARIABLE rc ERROR_QUIET)
  if(NOT rc EQUAL 0 OR version STREQUAL "")
    message(FATAL_ERROR "MSan build: libprotobuf-c-dev is not installed (run ci/setup.sh), "
            "or pass -DIOTLBFUZZ_PROTOBUF_C_SOURCE=<a protobuf-c source tree>")
  endif()
  string(REGEX REPLACE "^[0-9]+:" "" upstream "${version}")
  string(REGEX REPLACE "-[^-]*$" "" upstream "${upstream}")
  set(src "${deps}/src/protobuf-c-${upstream}")
  set(download sh "${CMAKE_SOURCE_DIR}/cmake/deb-source.sh" protobuf-c "${version}" "${deps}/src")
  message(STATUS "iotlbfuzz: MSan build links protobuf-c ${version} built from Debian's source package")
endif()

# The flags of our own code that decide what MSan sees: the sanitizer and
# origin tracking. PIC because the executables may be PIE. Under OSS-Fuzz
# (FuzzingEngine.cmake) the infrastructure's flags, whole, as it builds
# every dependency.
if(DEFINED IOTLBFUZZ_MSAN_DEPS_CFLAGS)
  set(cflags "${IOTLBFUZZ_MSAN_DEPS_CFLAGS} -fPIC")
else()
  set(cflags "-fsanitize=memory -fno-omit-frame-pointer -g -O2 -fPIC")
  if(IOTLBFUZZ_MSAN_TRACK_ORIGINS)
    string(APPEND cflags " -fsanitize-memory-track-origins")
  endif()
endif()

find_program(IOTLBFUZZ_MAKE NAMES make gmake REQUIRED)
set(lib "${prefix}/lib/libprotobuf-c.a")
# The configure script is the build Debian itself uses; --disable-protoc
# leaves out the compiler and with it the C++ libprotobuf dependency.
ExternalProject_Add(protobuf_c_msan_build
  PREFIX "${deps}/protobuf-c-build"
  SOURCE_DIR "${src}"
  INSTALL_DIR "${prefix}"
  DOWNLOAD_COMMAND ${download}
  UPDATE_COMMAND ""
  CONFIGURE_COMMAND "${src}/configure" --quiet --prefix=<INSTALL_DIR>
                    --disable-protoc --disable-shared --enable-static
                    "CC=${CMAKE_C_COMPILER}" "CFLAGS=${cflags}"
  BUILD_COMMAND "${IOTLBFUZZ_MAKE}" -s
  INSTALL_COMMAND "${IOTLBFUZZ_MAKE}" -s install
  BUILD_BYPRODUCTS "${lib}"
  LOG_CONFIGURE ON
  LOG_BUILD ON
  LOG_INSTALL ON
  LOG_OUTPUT_ON_FAILURE ON)

# The include directory must exist when the imported target is used.
file(MAKE_DIRECTORY "${prefix}/include")
add_library(protobuf_c_msan STATIC IMPORTED GLOBAL)
set_target_properties(protobuf_c_msan PROPERTIES
  IMPORTED_LOCATION "${lib}"
  INTERFACE_INCLUDE_DIRECTORIES "${prefix}/include")
add_dependencies(protobuf_c_msan protobuf_c_msan_build)
