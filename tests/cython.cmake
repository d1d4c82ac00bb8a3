# Cython end-to-end tests (tests/cython/*.pyx): cythonized with and without
# --line-directives and analysed against the `# expect:` comments in the .pyx.
# Needs Debian's cython3 and python3-dev (.ci/run installs them); without
# them the test is not registered.
find_program(CYTHON_EXECUTABLE NAMES cython3 cython)
find_package(Python3 COMPONENTS Interpreter Development)
if(CYTHON_EXECUTABLE AND Python3_Interpreter_FOUND AND Python3_Development_FOUND)
  add_test(NAME cython.modules
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/cython/run_cython.py
      $<TARGET_FILE:alloccheck> ${CYTHON_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/cython
      ${CMAKE_CURRENT_BINARY_DIR}/cython_work)
  set_tests_properties(cython.modules PROPERTIES LABELS cython)
else()
  message(STATUS "cython3 or python3-dev not found: the Cython tests are skipped")
endif()
