# Deep nesting must neither overflow the stack nor stop the TU: left-deep
# operator chains (the parser builds them with no limit) are lowered
# iteratively and stay reliable; a ?: chain deeper than the lowering's
# recursion limit is cut off and its function marked unreliable.
# Variables: ALLOCCHECK, WORK.
file(MAKE_DIRECTORY ${WORK})
string(REPEAT " + n" 30000 _sum)
string(REPEAT " && n" 20000 _and)
string(REPEAT " || n == 1" 5000 _or)
string(REPEAT "n ? 1 : " 3000 _ternary)
file(WRITE ${WORK}/deep.c
  "int sum(int n) { return n${_sum}; }\n"
  "int conj(int n) { return n${_and}; }\n"
  "int disj(int n) { if (n${_or}) return 1; return 0; }\n"
  "int ternary(int n) { return ${_ternary}0; }\n")
execute_process(
  COMMAND ${ALLOCCHECK} --dump-cfg deep.c
  WORKING_DIRECTORY ${WORK}
  OUTPUT_VARIABLE _out
  ERROR_VARIABLE _err
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "alloccheck --dump-cfg deep.c exited with ${_rc}:\n${_err}")
endif()
foreach(_f sum conj disj)
  if(NOT _out MATCHES "\nfunc ${_f} @deep.c:[0-9:-]+\n" AND NOT _out MATCHES "^func ${_f} @deep.c:[0-9:-]+\n")
    message(FATAL_ERROR "${_f}: missing, or marked unreliable")
  endif()
endforeach()
if(NOT _out MATCHES "\nfunc ternary @deep.c:[0-9:-]+ unreliable\n")
  message(FATAL_ERROR "ternary: not marked unreliable")
endif()
