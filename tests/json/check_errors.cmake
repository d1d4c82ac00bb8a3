# json.errors: see tests/json.cmake. Inputs: ALLOCCHECK, PYTHON, SRC, SCHEMA,
# VALIDATE, WORK (a scratch directory, emptied first).
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/empty)
file(WRITE ${WORK}/empty/README "no C here\n")
# A binary file named like a C file: the frontend refuses it.
execute_process(COMMAND ${CMAKE_COMMAND} -E copy ${ALLOCCHECK} ${WORK}/binary.c)
file(COPY ${SRC}/tests/golden/paths.c DESTINATION ${WORK})

# Findings and errors: exit 1, the document alone on standard output.
run_alloccheck(${WORK}/mixed.json 1 ${WORK} --format json nope.c empty paths.c binary.c)
validate(--schema ${SCHEMA} --min-errors 3
  --error "nope.c=No such file or directory"
  --error "empty/=no C source files found"
  --error "binary.c=could not be loaded (see the error above)"
  ${WORK}/mixed.json)
foreach(_line "nope.c: No such file or directory" "empty/: no C source files found" "binary.c: not a C source file")
  string(FIND "${ac_stderr}" "alloccheck: error: ${_line}" _at)
  if(_at EQUAL -1)
    message(FATAL_ERROR "standard error lacks 'alloccheck: error: ${_line}':\n${ac_stderr}")
  endif()
endforeach()

# Nothing analysed, written with -o: exit 2, standard output empty.
run_alloccheck(${WORK}/none.stdout 2 ${WORK} --format json -o none.json nope.c)
expect_empty(${WORK}/none.stdout)
validate(--schema ${SCHEMA} --error "nope.c=No such file or directory" ${WORK}/none.json)

# Nothing found: exit 0, an empty findings array.
file(WRITE ${WORK}/clean.c "int f(int x)\n{\n\treturn x + 1;\n}\n")
run_alloccheck(${WORK}/clean.json 0 ${WORK} --format json clean.c)
validate(--schema ${SCHEMA} --findings 0 ${WORK}/clean.json)

# A compile database: stats.skipped is valid against the schema (a C++ entry
# and a duplicate counted).
file(WRITE ${WORK}/x.cpp "int main() { return 0; }\n")
file(WRITE ${WORK}/compile_commands.json "[
 {\"directory\": \"${WORK}\", \"file\": \"clean.c\", \"arguments\": [\"cc\", \"-c\", \"clean.c\"]},
 {\"directory\": \"${WORK}\", \"file\": \"clean.c\", \"arguments\": [\"cc\", \"-O2\", \"-c\", \"clean.c\"]},
 {\"directory\": \"${WORK}\", \"file\": \"x.cpp\", \"arguments\": [\"c++\", \"-c\", \"x.cpp\"]}
]\n")
run_alloccheck(${WORK}/compdb.json 0 ${WORK} --format json -p .)
validate(--schema ${SCHEMA} --findings 0 ${WORK}/compdb.json)
file(READ ${WORK}/compdb.json _doc)
string(JSON _cxx GET "${_doc}" stats skipped cxx)
string(JSON _dup GET "${_doc}" stats skipped duplicates)
if(NOT _cxx EQUAL 1 OR NOT _dup EQUAL 1)
  message(FATAL_ERROR "stats.skipped: want 1 C++ and 1 duplicate:\n${_doc}")
endif()
