# Hostile inputs and budgets (tests/hostile/run.sh): unusual bytes in sources
# and file names, spaces and non-ASCII in paths, unreadable files, FIFOs,
# missing and self-including headers, relative compile-database directories,
# unwritable outputs, failed inputs in JSON and SARIF, generated big inputs
# (200k-line function, 10k-case switch, 5000-deep nesting, 20000-deep nesting
# that crashes clang itself, 100k gotos and
# labels, a macro expanding to megabytes), and the step and time budgets
# (-v notes, the warning line, JSON stats.budget, -j2, alloccheck-cc). Each
# check_NAME is the CTest test hostile.NAME; each run must end within
# AC_MAX_SECONDS: 60, or 180 in the ASan+UBSan build, which runs about three
# times slower. Checks that cannot run here exit 77 (skipped).
find_program(BASH_PROGRAM bash REQUIRED)
set(_hostile_max 60)
if(ALLOCCHECK_SANITIZE)
  set(_hostile_max 180)
endif()
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/hostile/run.sh HOSTILE_CHECK_LINES REGEX "^check_[a-z0-9_]+\\(\\)")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/hostile/run.sh)
foreach(line IN LISTS HOSTILE_CHECK_LINES)
  string(REGEX MATCH "^check_([a-z0-9_]+)" _ "${line}")
  set(check ${CMAKE_MATCH_1})
  add_test(NAME hostile.${check}
           COMMAND ${BASH_PROGRAM} ${CMAKE_CURRENT_SOURCE_DIR}/hostile/run.sh
                   $<TARGET_FILE:alloccheck> $<TARGET_FILE:alloccheck-cc> ${check})
  set_tests_properties(hostile.${check} PROPERTIES
    LABELS hostile FAIL_REGULAR_EXPRESSION "^FAIL " SKIP_RETURN_CODE 77 TIMEOUT 600
    ENVIRONMENT "AC_MAX_SECONDS=${_hostile_max}")
endforeach()
