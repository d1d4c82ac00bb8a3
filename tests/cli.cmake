# CLI checks: every check_NAME function in tests/cli.sh becomes the CTest test
# cli.NAME, run against the built alloccheck in a temporary directory.
find_program(BASH_PROGRAM bash REQUIRED)
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/cli.sh CLI_CHECK_LINES REGEX "^check_[a-z0-9_]+\\(\\)")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cli.sh)
foreach(line IN LISTS CLI_CHECK_LINES)
  string(REGEX MATCH "^check_([a-z0-9_]+)" _ "${line}")
  set(check ${CMAKE_MATCH_1})
  add_test(NAME cli.${check}
           COMMAND ${BASH_PROGRAM} ${CMAKE_CURRENT_SOURCE_DIR}/cli.sh $<TARGET_FILE:alloccheck> ${check})
  set_tests_properties(cli.${check} PROPERTIES
    ENVIRONMENT "AC_EXPECT_VERSION=${PROJECT_VERSION}"
    FAIL_REGULAR_EXPRESSION "^FAIL ")
endforeach()
