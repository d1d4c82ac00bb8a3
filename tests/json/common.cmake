# Helpers shared by the tests/json/check_*.cmake scripts.

# run_alloccheck(OUT_FILE EXPECTED_STATUS DIR ARGS...): runs alloccheck with
# ARGS from DIR, standard output into OUT_FILE, and fails unless it exits with
# EXPECTED_STATUS. Sets ac_stderr to what it printed on standard error.
function(run_alloccheck out expected dir)
  execute_process(COMMAND ${ALLOCCHECK} ${ARGN}
    WORKING_DIRECTORY ${dir} OUTPUT_FILE ${out} ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc STREQUAL "${expected}")
    message(FATAL_ERROR "alloccheck ${ARGN} (in ${dir}) exited with ${rc}, expected ${expected}:\n${err}")
  endif()
  set(ac_stderr "${err}" PARENT_SCOPE)
endfunction()

# validate(ARGS...): tests/json/validate.py ARGS, failing the test when it fails
# (it says why on standard output).
function(validate)
  execute_process(COMMAND ${PYTHON} ${VALIDATE} ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    string(JOIN " " args ${ARGN})
    message(FATAL_ERROR "validate.py ${args} failed (${rc}); see above. It needs python3 "
                        "with the jsonschema module: apt-get install python3-jsonschema")
  endif()
endfunction()

# expect_empty(FILE): FILE exists and is empty.
function(expect_empty file)
  file(SIZE ${file} size)
  if(NOT size EQUAL 0)
    file(READ ${file} text)
    message(FATAL_ERROR "${file} should be empty, has:\n${text}")
  endif()
endfunction()
