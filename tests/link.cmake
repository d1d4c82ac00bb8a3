# alloccheck merge as the link step (tests/link/run.sh): a build through
# alloccheck-cc writes IR files, merge links them. Each check_NAME is the
# CTest test link.NAME; link.equal_direct_all (every program of the fixture
# suite, through the wrapper) is labelled slow.
find_program(BASH_PROGRAM bash REQUIRED)
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/link/run.sh LINK_CHECK_LINES REGEX "^check_[a-z0-9_]+\\(\\)")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/link/run.sh)
foreach(line IN LISTS LINK_CHECK_LINES)
  string(REGEX MATCH "^check_([a-z0-9_]+)" _ "${line}")
  set(check ${CMAKE_MATCH_1})
  add_test(NAME link.${check}
           COMMAND ${BASH_PROGRAM} ${CMAKE_CURRENT_SOURCE_DIR}/link/run.sh
                   $<TARGET_FILE:alloccheck> $<TARGET_FILE:alloccheck-cc> ${PROJECT_SOURCE_DIR} ${check})
  set_tests_properties(link.${check} PROPERTIES FAIL_REGULAR_EXPRESSION "^FAIL " TIMEOUT 300)
endforeach()
set_tests_properties(link.equal_direct_all PROPERTIES LABELS slow)
