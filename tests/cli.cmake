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

# alloccheck on its own sources must report nothing: no finding, no warning.
add_test(NAME cli.self_check
         COMMAND $<TARGET_FILE:alloccheck> checker rules tests/unit tests/run_fixtures.c
                 -- -Ichecker -Irules -Itests/unit -I${LIBCLANG_INCLUDE_DIR} -I${PROJECT_BINARY_DIR}/generated "-DAC_VERSION=\"${PROJECT_VERSION}\""
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.self_check PROPERTIES FAIL_REGULAR_EXPRESSION "warning|error")
