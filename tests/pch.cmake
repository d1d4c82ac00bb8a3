# Shared headers (a precompiled header per group of files with the same
# leading lines): the report, the warnings and the cache entries are the same
# byte for byte with and without --no-shared-headers (tests/pch/run.sh, on
# the project tests/pch/proj). About 5 s.
find_program(BASH_PROGRAM bash REQUIRED)
add_test(NAME pch.identical
         COMMAND ${BASH_PROGRAM} ${CMAKE_CURRENT_SOURCE_DIR}/pch/run.sh $<TARGET_FILE:alloccheck>)
set_tests_properties(pch.identical PROPERTIES LABELS pch FAIL_REGULAR_EXPRESSION "^FAIL ")
