# The README's option table names exactly the options of checker/cli.c's table,
# from which --help and the man pages are generated (tests/docs/check_options.sh).
find_program(BASH_PROGRAM bash REQUIRED)
add_test(NAME docs.options
         COMMAND ${BASH_PROGRAM} ${CMAKE_CURRENT_SOURCE_DIR}/docs/check_options.sh
                 $<TARGET_FILE:alloccheck> ${PROJECT_SOURCE_DIR}/README.md)
set_tests_properties(docs.options PROPERTIES LABELS docs FAIL_REGULAR_EXPRESSION "^FAIL ")
