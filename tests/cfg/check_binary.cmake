# A file with NUL bytes is refused with one tool error line and exit status 2
# (the frontend's input check): the alloccheck executable itself, copied to
# WORK/binary.c, is such a file. Variables: ALLOCCHECK, WORK.
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} -E copy ${ALLOCCHECK} ${WORK}/binary.c)
execute_process(
  COMMAND ${ALLOCCHECK} --dump-cfg binary.c
  WORKING_DIRECTORY ${WORK}
  OUTPUT_VARIABLE _out
  ERROR_VARIABLE _err
  RESULT_VARIABLE _rc)
set(_want "alloccheck: error: binary.c: not a C source file (binary data)\n")
if(NOT _rc EQUAL 2 OR NOT _err STREQUAL _want OR NOT _out STREQUAL "")
  message(FATAL_ERROR "want exit 2 and stderr '${_want}', got exit ${_rc}, stderr '${_err}', stdout '${_out}'")
endif()
