# Unit tests: one program per tests/unit/test_*.c, each a CTest test named
# unit.<name>. They link the core library, of which the linker takes only the
# modules a test uses (arena, vec, intern, mem, finding...).
file(GLOB UNIT_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_*.c)
foreach(src IN LISTS UNIT_TEST_SOURCES)
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/unit)
  target_link_libraries(${name} PRIVATE alloccheck_core)
  target_compile_definitions(${name} PRIVATE AC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  string(REGEX REPLACE "^test_" "" short ${name})
  add_test(NAME unit.${short} COMMAND ${name})
endforeach()
