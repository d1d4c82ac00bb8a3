# The result cache (--cache DIR, --no-cache): every check_NAME function in
# tests/cache/run.sh becomes the CTest test cache.NAME (warm runs identical
# and all hits, a header edit re-analyses exactly its includers, the parts of
# the key, corrupt entries, concurrent runs, an unwritable directory, the
# default directory, alloccheck-cc, with an output directory too).
#
# The cache is on by default and lives in the user's home, which a test must
# never touch, and its counts would make JSON outputs differ between two
# ctest runs: every test of this directory runs with ALLOCCHECK_NO_CACHE=1.
# The cache checks name their directory with --cache, which still works.
find_program(BASH_PROGRAM bash REQUIRED)
find_program(PYTHON3_EXECUTABLE NAMES python3)
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/cache/run.sh _cache_checks REGEX "^check_[a-z0-9_]+\\(\\)")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cache/run.sh)
foreach(_line IN LISTS _cache_checks)
  string(REGEX MATCH "^check_([a-z0-9_]+)" _ "${_line}")
  add_test(NAME cache.${CMAKE_MATCH_1}
           COMMAND ${BASH_PROGRAM} ${CMAKE_CURRENT_SOURCE_DIR}/cache/run.sh $<TARGET_FILE:alloccheck> ${CMAKE_MATCH_1})
  set_tests_properties(cache.${CMAKE_MATCH_1} PROPERTIES
    LABELS cache
    ENVIRONMENT "PYTHON=${PYTHON3_EXECUTABLE};ALLOCCHECK_CC=$<TARGET_FILE:alloccheck-cc>;VALIDATE=${CMAKE_CURRENT_SOURCE_DIR}/json/validate.py;SCHEMA=${PROJECT_SOURCE_DIR}/docs/report.schema.json"
    FAIL_REGULAR_EXPRESSION "^FAIL ")
endforeach()

# Runs once every fragment has registered its tests (deferred to the end of
# this directory), so later fragments are covered too.
function(_alloccheck_tests_without_cache)
  get_property(_tests DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} PROPERTY TESTS)
  foreach(_t IN LISTS _tests)
    set_property(TEST ${_t} APPEND PROPERTY ENVIRONMENT "ALLOCCHECK_NO_CACHE=1")
  endforeach()
endfunction()
cmake_language(DEFER CALL _alloccheck_tests_without_cache)
