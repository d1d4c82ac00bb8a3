# Runs `alloccheck --dump-cfg NAME.c` in DIR (so the dump names the file
# relative to it) and fails with a unified diff unless standard output equals
# DIR/NAME.cfg. Variables: ALLOCCHECK, DIR, NAME, ACTUAL (where the output
# is kept for inspection).
foreach(_var ALLOCCHECK DIR NAME ACTUAL)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "check_dump.cmake: ${_var} is not set")
  endif()
endforeach()
execute_process(
  COMMAND ${ALLOCCHECK} --dump-cfg ${NAME}.c
  WORKING_DIRECTORY ${DIR}
  OUTPUT_VARIABLE _out
  ERROR_VARIABLE _err
  RESULT_VARIABLE _rc)
file(WRITE ${ACTUAL} "${_out}")
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "alloccheck --dump-cfg ${NAME}.c exited with ${_rc}:\n${_err}")
endif()
file(READ ${DIR}/${NAME}.cfg _expected)
if(NOT _out STREQUAL _expected)
  execute_process(COMMAND diff -u ${DIR}/${NAME}.cfg ${ACTUAL})
  message(FATAL_ERROR "${NAME}.c: the CFG dump differs from ${NAME}.cfg (actual: ${ACTUAL}); "
                      "if the change is intended, run tests/cfg/bless.sh and review the diff")
endif()
