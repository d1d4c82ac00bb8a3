# Real builds (tests/build/run.sh): a small CMake and Makefile project with a
# known leak, built through alloccheck-cc (CC=, CMAKE_C_COMPILER_LAUNCHER, a
# compiler-named symlink) and analysed through compile_commands.json from
# CMake and from bear. Each check_NAME is the CTest test build.NAME; bear's
# test is skipped (77) when bear is not installed.
find_program(BASH_PROGRAM bash REQUIRED)
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/build/run.sh BUILD_CHECK_LINES REGEX "^check_[a-z0-9_]+\\(\\)")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/build/run.sh)
foreach(line IN LISTS BUILD_CHECK_LINES)
  string(REGEX MATCH "^check_([a-z0-9_]+)" _ "${line}")
  set(check ${CMAKE_MATCH_1})
  add_test(NAME build.${check}
           COMMAND ${BASH_PROGRAM} ${CMAKE_CURRENT_SOURCE_DIR}/build/run.sh
                   $<TARGET_FILE:alloccheck> $<TARGET_FILE:alloccheck-cc> ${check})
  set_tests_properties(build.${check} PROPERTIES
    FAIL_REGULAR_EXPRESSION "^FAIL " SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()
