# Runs alloccheck on DIR/NAME.c (from DIR, so paths are relative) and compares
# its text output byte for byte with DIR/NAME.txt. Regenerate with
# tests/golden/bless.sh and review the diff like code.
execute_process(COMMAND ${ALLOCCHECK} --color never ${NAME}.c
  WORKING_DIRECTORY ${DIR} OUTPUT_FILE ${ACTUAL} ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "alloccheck exited with ${rc} (expected 1, findings): ${err}")
endif()
file(READ ${ACTUAL} actual)
file(READ ${DIR}/${NAME}.txt expected)
if(NOT actual STREQUAL expected)
  execute_process(COMMAND diff -u ${DIR}/${NAME}.txt ${ACTUAL})
  message(FATAL_ERROR "text output of ${NAME}.c differs from ${NAME}.txt")
endif()
