# json.golden.NAME: runs alloccheck --format json on DIR/NAME.c (from DIR, so
# paths are relative) and compares the output byte for byte with
# DIR/NAME.json after setting stats.elapsed_ms to 0, the one value that
# changes between runs. Regenerate with tests/golden/bless.sh and review the
# diff like code. Also validates the golden against the schema.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
run_alloccheck(${ACTUAL} 1 ${DIR} --format json ${NAME}.c)
file(READ ${ACTUAL} actual)
string(REGEX REPLACE "(\"elapsed_ms\":[ \t]*)[-+.eE0-9]+" "\\10" actual "${actual}")
file(WRITE ${ACTUAL} "${actual}")
file(READ ${DIR}/${NAME}.json expected)
if(NOT actual STREQUAL expected)
  execute_process(COMMAND diff -u ${DIR}/${NAME}.json ${ACTUAL})
  message(FATAL_ERROR "JSON output of ${NAME}.c differs from ${NAME}.json")
endif()
validate(--schema ${SCHEMA} ${DIR}/${NAME}.json)
