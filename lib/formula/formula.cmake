# The formula room: embed data/rules/builtin.formulas into the library as a string constant
# (builtin_formula_rules_text()). Included from lib/CMakeLists.txt after caizheng_objects.
# Editing the rules file re-runs the configure step, which regenerates the constant.
set(CAIZHENG_BUILTIN_FORMULAS_FILE ${PROJECT_SOURCE_DIR}/data/rules/builtin.formulas)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CAIZHENG_BUILTIN_FORMULAS_FILE})
file(READ ${CAIZHENG_BUILTIN_FORMULAS_FILE} CAIZHENG_BUILTIN_FORMULAS_TEXT)
string(FIND "${CAIZHENG_BUILTIN_FORMULAS_TEXT}" ")czrules\"" _caizheng_bad_delimiter)
if(NOT _caizheng_bad_delimiter EQUAL -1)
  message(FATAL_ERROR "data/rules/builtin.formulas must not contain the text )czrules\"")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/builtin_formulas.inc.in
               ${CMAKE_CURRENT_BINARY_DIR}/generated/builtin_formulas.inc @ONLY)
target_include_directories(caizheng_objects PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/generated)
target_sources(caizheng_objects PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/parse.cpp
  ${CMAKE_CURRENT_LIST_DIR}/evaluate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_data.cpp)
# C API façade of the room
target_sources(caizheng_objects PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../capi/formula.cpp)
