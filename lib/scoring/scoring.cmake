# The scoring room: sources, and the built-in profiles data/scoring/*.json embedded into the
# library as string constants (builtin_profile()). Included from lib/CMakeLists.txt after
# caizheng_objects. Editing a profile re-runs the configure step, which regenerates them.
# "central" comes first; the others follow in file-name order.
file(GLOB _cz_scoring_profiles ${PROJECT_SOURCE_DIR}/data/scoring/*.json)
list(SORT _cz_scoring_profiles)
list(FIND _cz_scoring_profiles ${PROJECT_SOURCE_DIR}/data/scoring/central.json _cz_central_at)
if(_cz_central_at EQUAL -1)
  message(FATAL_ERROR "data/scoring/central.json is missing")
endif()
list(REMOVE_ITEM _cz_scoring_profiles ${PROJECT_SOURCE_DIR}/data/scoring/central.json)
list(PREPEND _cz_scoring_profiles ${PROJECT_SOURCE_DIR}/data/scoring/central.json)
set(CAIZHENG_SCORING_PROFILE_ENTRIES "")
foreach(_f IN LISTS _cz_scoring_profiles)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_f})
  get_filename_component(_name ${_f} NAME_WE)
  file(READ ${_f} _text)
  string(FIND "${_text}" ")czprofile\"" _bad)
  if(NOT _bad EQUAL -1)
    message(FATAL_ERROR "${_f} must not contain the text )czprofile\"")
  endif()
  string(APPEND CAIZHENG_SCORING_PROFILE_ENTRIES
    "{\"${_name}\", R\"czprofile(${_text})czprofile\"},\n")
endforeach()
configure_file(${CMAKE_CURRENT_LIST_DIR}/profiles.inc.in
               ${CMAKE_CURRENT_BINARY_DIR}/generated/scoring_profiles.inc @ONLY)
target_include_directories(caizheng_objects PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/generated)
target_sources(caizheng_objects PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/indicator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scoring.cpp
  ${CMAKE_CURRENT_LIST_DIR}/profile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/check.cpp)
