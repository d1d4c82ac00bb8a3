# Runs alloccheck under valgrind over every fixture directory (text), and
# over the tutorial fixtures as JSON; valgrind's own errors make it exit 99,
# alloccheck's findings exit 1.
foreach(run "text;${FIXTURES}" "json;${FIXTURES}/tutorial")
  list(GET run 0 format)
  list(GET run 1 inputs)
  execute_process(
    COMMAND ${VALGRIND} -q --leak-check=full --errors-for-leak-kinds=definite,indirect
            --error-exitcode=99 ${ALLOCCHECK} --format ${format} ${inputs} -- -I${FIXTURES}/include
    OUTPUT_QUIET ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "alloccheck --format ${format} under valgrind exited ${rc} (expected 1):\n${err}")
  endif()
endforeach()
