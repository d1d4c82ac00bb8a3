# json.fixtures: see tests/json.cmake. Inputs: ALLOCCHECK, PYTHON, SRC, SCHEMA,
# VALIDATE, WORK (a scratch directory, emptied first).
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# The fixture directories as tests/fixtures.cmake picks them, at test time so
# a new rule's directory is covered without reconfiguring.
file(GLOB _entries RELATIVE ${SRC}/fixtures ${SRC}/fixtures/*)
set(_dirs "")
foreach(_d IN LISTS _entries)
  set(_p ${SRC}/fixtures/${_d})
  if(NOT IS_DIRECTORY ${_p} OR _d STREQUAL "include"
     OR EXISTS ${_p}/compile_commands.json OR EXISTS ${_p}/CMakeLists.txt OR EXISTS ${_p}/Makefile)
    continue()
  endif()
  file(GLOB_RECURSE _c RELATIVE ${_p} ${_p}/*.c)
  if(_c)
    list(APPEND _dirs fixtures/${_d})
  endif()
endforeach()
list(SORT _dirs)
set(_args --format json ${_dirs} -- -I fixtures/include)

run_alloccheck(${WORK}/rules.txt 0 ${SRC} --list-rules)

# Two copies of the fixture directories (and of fixtures/include), made from
# one read of each file: WORK/orig as they are, WORK/shifted with 5 lines
# prepended to each .c file. Both runs go from their copy's root, so every
# path reads the same, and an edit to a fixture during the test cannot make
# them differ.
set(_shift "\n\n\n\n\n")
foreach(_d IN LISTS _dirs ITEMS fixtures/include)
  file(GLOB_RECURSE _files RELATIVE ${SRC}/${_d} ${SRC}/${_d}/*)
  foreach(_f IN LISTS _files)
    file(READ ${SRC}/${_d}/${_f} _text)
    file(WRITE ${WORK}/orig/${_d}/${_f} "${_text}")
    if(_f MATCHES "\\.c$")
      set(_text "${_shift}${_text}")
    endif()
    file(WRITE ${WORK}/shifted/${_d}/${_f} "${_text}")
  endforeach()
endforeach()

# The document on standard output, and with -o (then nothing on stdout).
run_alloccheck(${WORK}/fixtures.json 1 ${WORK}/orig ${_args})
run_alloccheck(${WORK}/shifted.stdout 1 ${WORK}/shifted -o ${WORK}/shifted.json ${_args})
expect_empty(${WORK}/shifted.stdout)

validate(--schema ${SCHEMA} --rules ${WORK}/rules.txt ${WORK}/fixtures.json ${WORK}/shifted.json)
validate(--shifted ${WORK}/fixtures.json ${WORK}/shifted.json 5)
