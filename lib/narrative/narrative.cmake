# The narrative room: claim extraction from the 情况说明 and the 自评报告 prose, and its checks.
# Included from lib/CMakeLists.txt after caizheng_objects.
target_sources(caizheng_objects PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/extract.cpp
  ${CMAKE_CURRENT_LIST_DIR}/check.cpp
  ${CMAKE_CURRENT_LIST_DIR}/projects.cpp)
