# CI formats, suppressions and baselines (issue 5): every check_NAME function
# of tests/ci_formats/ci.sh becomes the CTest test ci.NAME. A check that
# needs a tool that is not installed (the SARIF validator) exits 77 and is
# reported as skipped; CI installs them all (.ci/run).
find_program(BASH_PROGRAM bash REQUIRED)
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/ci_formats/ci.sh CI_CHECK_LINES REGEX "^check_[a-z0-9_]+\\(\\)")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/ci_formats/ci.sh)
foreach(line IN LISTS CI_CHECK_LINES)
  string(REGEX MATCH "^check_([a-z0-9_]+)" _ "${line}")
  set(check ${CMAKE_MATCH_1})
  add_test(NAME ci.${check}
           COMMAND ${BASH_PROGRAM} ${CMAKE_CURRENT_SOURCE_DIR}/ci_formats/ci.sh
                   $<TARGET_FILE:alloccheck> ${PROJECT_SOURCE_DIR} ${check})
  set_tests_properties(ci.${check} PROPERTIES
    LABELS ci SKIP_RETURN_CODE 77 TIMEOUT 600 FAIL_REGULAR_EXPRESSION "^FAIL ")
endforeach()
