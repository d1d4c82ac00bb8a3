# alloccheck is a memory-safety tool: its own run must be clean under
# valgrind (no invalid access, no definite or indirect leak). Runs only where
# valgrind is installed (.ci/run installs it).
find_program(VALGRIND_EXECUTABLE valgrind)
if(VALGRIND_EXECUTABLE AND NOT ALLOCCHECK_SANITIZE)
  add_test(NAME valgrind.fixtures
    COMMAND ${CMAKE_COMMAND}
      -DVALGRIND=${VALGRIND_EXECUTABLE}
      -DALLOCCHECK=$<TARGET_FILE:alloccheck>
      -DFIXTURES=${PROJECT_SOURCE_DIR}/fixtures
      -P ${CMAKE_CURRENT_SOURCE_DIR}/valgrind/check_valgrind.cmake)
  set_tests_properties(valgrind.fixtures PROPERTIES LABELS valgrind)
endif()
