# Fixture suite: fixtures/<dir>/*.c carry their expected findings inline
# (`// expect: RULE`, `/* xfail: RULE -- reason */`); tests/run_fixtures.c runs
# alloccheck on each file and compares.  One CTest test per fixture directory:
# fixtures.leak, fixtures.unchecked-alloc, fixtures.clean, fixtures.tutorial,
# fixtures.examples, ... -- a new fixtures/<dir>/ with .c files gets its test at
# the next build (the glob is CONFIGURE_DEPENDS).  Skipped: fixtures/include/
# (headers) and directories that hold a project for the integration tests
# (with a compile_commands.json, CMakeLists.txt or Makefile).
#
# By hand:  build/tests/run_fixtures -I fixtures/include build/alloccheck fixtures/leak
#           build/tests/run_fixtures build/alloccheck fixtures/leak/scope.c

add_executable(run_fixtures ${CMAKE_CURRENT_LIST_DIR}/run_fixtures.c)

# The runner's own parsers, checked on canned text; needs no alloccheck.
add_test(NAME fixtures.runner COMMAND run_fixtures --self-test)
set_tests_properties(fixtures.runner PROPERTIES LABELS fixtures)

set(_fx_root ${PROJECT_SOURCE_DIR}/fixtures)
file(GLOB_RECURSE _fx_files CONFIGURE_DEPENDS RELATIVE ${_fx_root} ${_fx_root}/*.c)
set(_fx_dirs "")
foreach(_f IN LISTS _fx_files)
  string(REGEX MATCH "^[^/]+/" _d "${_f}")
  if(_d)
    string(REGEX REPLACE "/$" "" _d "${_d}")
    list(APPEND _fx_dirs ${_d})
  endif()
endforeach()
list(REMOVE_DUPLICATES _fx_dirs)
list(SORT _fx_dirs)

if(TARGET alloccheck)
  foreach(_d IN LISTS _fx_dirs)
    if(_d STREQUAL "include"
       OR EXISTS ${_fx_root}/${_d}/compile_commands.json
       OR EXISTS ${_fx_root}/${_d}/CMakeLists.txt
       OR EXISTS ${_fx_root}/${_d}/Makefile)
      continue()
    endif()
    # Run from the source dir with relative paths so reports read
    # "FAIL fixtures/leak/scope.c".
    add_test(NAME fixtures.${_d}
             COMMAND run_fixtures -I fixtures/include $<TARGET_FILE:alloccheck> fixtures/${_d}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(fixtures.${_d} PROPERTIES LABELS fixtures TIMEOUT 900)
  endforeach()
endif()
