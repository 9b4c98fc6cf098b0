# The reconciliation room: rule families, the engine, the renderers, its C API façade.
# Included from lib/CMakeLists.txt after caizheng_objects.
target_sources(caizheng_objects PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/engine.cpp
  ${CMAKE_CURRENT_LIST_DIR}/catalog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rules_formula.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rules_codes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rules_document.cpp
  ${CMAKE_CURRENT_LIST_DIR}/causes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/render_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/render_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/render_html.cpp)
# C API façade of the room
target_sources(caizheng_objects PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../capi/reconcile.cpp)
