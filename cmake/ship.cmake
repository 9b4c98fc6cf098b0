# Shipping: install/export rules, the ABI guard, the generated C API docs, fuzz targets and the
# tests that check all of it. Included once, at the end of the top-level CMakeLists.txt.
#
#   cmake --build build/dev --target abi-update   # after a deliberate C API / ABI change:
#                                                 # rewrites lib/caizheng.symbols and the
#                                                 # generated parts of docs/ (or ./build.sh abi-update)
option(CAIZHENG_FUZZ "Build the libFuzzer targets (clang; see the fuzz preset)" OFF)

include(${CMAKE_CURRENT_LIST_DIR}/install.cmake)

find_program(CAIZHENG_DOC_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
set(CAIZHENG_SYMBOLS_FILE ${PROJECT_SOURCE_DIR}/lib/caizheng.symbols)

# The one command for a deliberate ABI change: new symbol list + regenerated C API docs.
add_custom_target(abi-update
  COMMAND ${PROJECT_SOURCE_DIR}/tools/abi_check.sh --update $<TARGET_FILE:caizheng> ${CAIZHENG_SYMBOLS_FILE}
  COMMAND ${CAIZHENG_DOC_PYTHON} ${PROJECT_SOURCE_DIR}/tools/gen_capi_docs.py --write ${PROJECT_SOURCE_DIR}
  DEPENDS caizheng
  COMMENT "Updating lib/caizheng.symbols, docs/api-c.md, docs/thread-safety.md and doc snippets"
  VERBATIM)

# libFuzzer targets (fuzz preset) or, in ordinary test builds, replay drivers that run the
# committed corpora and regression inputs through the same LLVMFuzzerTestOneInput.
if(CAIZHENG_FUZZ OR CAIZHENG_BUILD_TESTS)
  add_subdirectory(${PROJECT_SOURCE_DIR}/fuzz ${PROJECT_BINARY_DIR}/fuzz)
endif()

if(NOT CAIZHENG_BUILD_TESTS)
  return()
endif()

# ---- ABI guard: exported dynamic symbols (names + versions) == lib/caizheng.symbols ---------
add_test(NAME abi_symbols
  COMMAND ${PROJECT_SOURCE_DIR}/tools/abi_check.sh $<TARGET_FILE:caizheng> ${CAIZHENG_SYMBOLS_FILE})
set_tests_properties(abi_symbols PROPERTIES LABELS "abi")

# ---- docs/api-c.md, the table in docs/thread-safety.md and the programs shown in docs/ are
#      up to date with the headers and examples/ -----------------------------------------------
add_test(NAME docs_generated_current
  COMMAND ${CAIZHENG_DOC_PYTHON} ${PROJECT_SOURCE_DIR}/tools/gen_capi_docs.py --check
          ${PROJECT_SOURCE_DIR} --symbols ${CAIZHENG_SYMBOLS_FILE})
set_tests_properties(docs_generated_current PROPERTIES LABELS "docs")

# ---- C API from many threads at once (also the tsan preset's only test) ---------------------
add_executable(capi_threads_test ${PROJECT_SOURCE_DIR}/tests/c/capi_threads_test.c)
find_package(Threads REQUIRED)
target_link_libraries(capi_threads_test PRIVATE caizheng Threads::Threads caizheng_warnings)
target_compile_definitions(capi_threads_test PRIVATE CAIZHENG_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data")
add_test(NAME capi_threads_test COMMAND capi_threads_test)
set_tests_properties(capi_threads_test PROPERTIES LABELS "c;threads")

# ---- The getting-started programs of docs/getting-started.md, run exactly as shown ----------
if(CAIZHENG_BUILD_EXAMPLES)
  add_test(NAME example_getting_started_cpp COMMAND getting_started_cpp)
  add_test(NAME example_getting_started_c COMMAND getting_started_c)
  set_tests_properties(example_getting_started_cpp example_getting_started_c PROPERTIES
    LABELS "example"
    PASS_REGULAR_EXPRESSION "1,227\\.61")
  if(CAIZHENG_PYTHON_TESTS)
    add_test(NAME example_getting_started_py
      COMMAND ${CAIZHENG_DOC_PYTHON} ${PROJECT_SOURCE_DIR}/examples/getting_started.py)
    set_tests_properties(example_getting_started_py PROPERTIES
      LABELS "example;python"
      PASS_REGULAR_EXPRESSION "1,227\\.61"
      ENVIRONMENT "CAIZHENG_LIBRARY=$<TARGET_FILE:caizheng>;PYTHONPATH=${PROJECT_SOURCE_DIR}/bindings/python")
  endif()
endif()

# ---- Install to a temporary prefix; consume with CMake and pkg-config; pip install ----------
# Not under sanitizers: the consumers would need the sanitizer runtime too.
if(NOT CAIZHENG_SANITIZE)
  add_test(NAME install_consumers
    COMMAND ${PROJECT_SOURCE_DIR}/tests/install/run.sh
            ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR} ${PROJECT_BINARY_DIR}/install-test
            ${CMAKE_COMMAND} ${CMAKE_C_COMPILER} ${CMAKE_CXX_COMPILER})
  set_tests_properties(install_consumers PROPERTIES LABELS "install" TIMEOUT 600)
  if(CAIZHENG_PYTHON_TESTS)
    add_test(NAME python_installed
      COMMAND ${PROJECT_SOURCE_DIR}/tests/install/python.sh
              ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR} ${PROJECT_BINARY_DIR}/python-install-test
              ${CMAKE_COMMAND} ${CAIZHENG_DOC_PYTHON})
    set_tests_properties(python_installed PROPERTIES LABELS "install;python" TIMEOUT 600)
  endif()
endif()
