# PDF import (issue 8): poppler-cpp when CAIZHENG_WITH_PDF is ON and pkg-config finds
# `poppler-cpp`; otherwise a stub whose entry points fail with "caizheng was built without PDF
# support" (errc::unsupported / CZ_ERR_UNSUPPORTED). Included from lib/CMakeLists.txt.
option(CAIZHENG_WITH_PDF "Read PDF reports (needs poppler-cpp)" ON)

set(CAIZHENG_HAVE_PDF OFF)
if(CAIZHENG_WITH_PDF)
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(CAIZHENG_POPPLER QUIET IMPORTED_TARGET GLOBAL poppler-cpp)
  endif()
  if(CAIZHENG_POPPLER_FOUND)
    set(CAIZHENG_HAVE_PDF ON)
  else()
    message(WARNING "CAIZHENG_WITH_PDF: poppler-cpp not found (Debian: libpoppler-cpp-dev); "
                    "building without PDF support")
  endif()
endif()
set(CAIZHENG_HAVE_PDF ${CAIZHENG_HAVE_PDF} PARENT_SCOPE)
message(STATUS "caizheng PDF import: ${CAIZHENG_HAVE_PDF}")

target_sources(caizheng_objects PRIVATE import/pdf.cpp)
if(CAIZHENG_HAVE_PDF)
  target_sources(caizheng_objects PRIVATE import/pdf_poppler.cpp)
  target_link_libraries(caizheng_objects PRIVATE PkgConfig::CAIZHENG_POPPLER)
  # The shared and static libraries are defined after this file is included: link them to
  # poppler-cpp at the end of lib/CMakeLists.txt. The static library's consumers need
  # -lpoppler-cpp too (installed: by name, found by the linker).
  cmake_language(DEFER CALL target_link_libraries caizheng PRIVATE PkgConfig::CAIZHENG_POPPLER)
  cmake_language(DEFER CALL target_link_libraries caizheng_static PUBLIC
    $<BUILD_INTERFACE:PkgConfig::CAIZHENG_POPPLER> $<INSTALL_INTERFACE:poppler-cpp>)
else()
  target_sources(caizheng_objects PRIVATE import/pdf_stub.cpp)
endif()
