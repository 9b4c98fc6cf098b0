# The embedded classification catalogs: generated at build time from data/classification/<year>/
# by tools/classification/gen_tables.py into <build>/lib/generated/classification_tables.cpp
# (never committed). Included from lib/CMakeLists.txt.
find_program(CAIZHENG_GEN_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)

set(_cz_class_dir ${PROJECT_SOURCE_DIR}/data/classification)
set(_cz_class_gen ${PROJECT_SOURCE_DIR}/tools/classification/gen_tables.py)
set(_cz_class_catalogs
  ${_cz_class_dir}/2024/functional.csv
  ${_cz_class_dir}/2024/economic_department.csv
  ${_cz_class_dir}/2024/economic_government.csv
  ${_cz_class_dir}/2024/revenue.csv)
set(_cz_class_corr ${_cz_class_dir}/2024/economic_correspondence.csv)
set(_cz_class_out ${CMAKE_CURRENT_BINARY_DIR}/generated/classification_tables.cpp)

add_custom_command(
  OUTPUT ${_cz_class_out}
  COMMAND ${CAIZHENG_GEN_PYTHON} ${_cz_class_gen} ${_cz_class_out} ${_cz_class_catalogs}
          --correspondence 2024:${_cz_class_corr}
  DEPENDS ${_cz_class_gen} ${_cz_class_catalogs} ${_cz_class_corr}
  COMMENT "Generating the embedded classification tables"
  VERBATIM)

target_sources(caizheng_objects PRIVATE
  classification/catalog.cpp
  classification/load.cpp
  ${_cz_class_out})
set_source_files_properties(${_cz_class_out} PROPERTIES
  INCLUDE_DIRECTORIES ${CMAKE_CURRENT_SOURCE_DIR}/classification)
