# alloccheck is a memory-safety tool: its own run must be clean under
# valgrind memcheck (no invalid access, no leak of any kind; only libclang's
# own blocks are suppressed, by tests/valgrind/libclang.supp).  Two tests so
# that ctest -j runs them side by side (valgrind on libclang is slow):
# valgrind.fixtures (every fixture, -j2) and valgrind.paths (JSON, SARIF, the
# compiler wrapper, merge).  Runs only where valgrind is installed (.ci/run
# installs it), and not in the sanitizer build.
find_program(VALGRIND_EXECUTABLE valgrind)
if(VALGRIND_EXECUTABLE AND NOT ALLOCCHECK_SANITIZE)
  foreach(mode fixtures paths)
    add_test(NAME valgrind.${mode}
      COMMAND ${CMAKE_COMMAND}
        -DMODE=${mode}
        -DVALGRIND=${VALGRIND_EXECUTABLE}
        -DALLOCCHECK=$<TARGET_FILE:alloccheck>
        -DWRAPPER=$<TARGET_FILE:alloccheck-cc>
        -DCC=${CMAKE_C_COMPILER}
        -DFIXTURES=${PROJECT_SOURCE_DIR}/fixtures
        -DSUPP=${CMAKE_CURRENT_SOURCE_DIR}/valgrind/libclang.supp
        -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/valgrind-${mode}
        -P ${CMAKE_CURRENT_SOURCE_DIR}/valgrind/check_valgrind.cmake)
    set_tests_properties(valgrind.${mode} PROPERTIES LABELS "valgrind;slow" TIMEOUT 900)
  endforeach()
endif()
