# Install and export rules: headers, libcaizheng.so.0 + libcaizheng.a, the CMake package
# (find_package(caizheng CONFIG) → caizheng::caizheng, caizheng::caizheng_static) and
# caizheng.pc for pkg-config. Included once from the top-level CMakeLists.txt (via ship.cmake).
#
#   cmake --install build/dev --prefix /opt/caizheng
#
# A new library target of the project only needs adding to CAIZHENG_INSTALL_TARGETS below; new
# public headers under include/ are picked up by the directory rule.
include(CMakePackageConfigHelpers)

set(CAIZHENG_INSTALL_TARGETS caizheng caizheng_static)
set(CAIZHENG_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/caizheng
    CACHE STRING "Where the CMake package files are installed (relative to the prefix)")

# RUNPATH-free installed library: it needs only system libraries (libstdc++, Boost.JSON).
install(TARGETS ${CAIZHENG_INSTALL_TARGETS}
  EXPORT caizhengTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT development
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT development
  FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")

install(EXPORT caizhengTargets
  NAMESPACE caizheng::
  FILE caizhengTargets.cmake
  DESTINATION ${CAIZHENG_INSTALL_CMAKEDIR}
  COMPONENT development)

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/caizhengConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/caizhengConfig.cmake
  INSTALL_DESTINATION ${CAIZHENG_INSTALL_CMAKEDIR})
# Same major version = same ABI (SONAME libcaizheng.so.<major>)... while the major is 0 the
# minor breaks too, so 0.x packages only satisfy requests for the same 0.x.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_cz_compat SameMinorVersion)
else()
  set(_cz_compat SameMajorVersion)
endif()
write_basic_package_version_file(
  ${CMAKE_CURRENT_BINARY_DIR}/caizhengConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY ${_cz_compat})
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/caizhengConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/caizhengConfigVersion.cmake
  DESTINATION ${CAIZHENG_INSTALL_CMAKEDIR}
  COMPONENT development)

# pkg-config: `pkg-config --cflags --libs caizheng` (shared) or `--static` (static library).
# The prefix is computed from the .pc file's own place (${pcfiledir}), so the file is right for
# whatever --prefix `cmake --install` is given and the installed tree can be moved.
file(RELATIVE_PATH CAIZHENG_PC_TO_PREFIX
  /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" CAIZHENG_PC_TO_PREFIX "${CAIZHENG_PC_TO_PREFIX}")
set(CAIZHENG_PC_LIBDIR ${CMAKE_INSTALL_LIBDIR})
set(CAIZHENG_PC_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR})
set(CAIZHENG_PC_PDF_LIBS "")  # the static library's PDF import needs poppler-cpp (issue 8)
if(CAIZHENG_HAVE_PDF)
  set(CAIZHENG_PC_PDF_LIBS " -lpoppler-cpp")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/caizheng.pc.in ${CMAKE_CURRENT_BINARY_DIR}/caizheng.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/caizheng.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
  COMPONENT development)
