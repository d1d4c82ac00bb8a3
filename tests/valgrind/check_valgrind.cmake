# Runs alloccheck under valgrind memcheck and fails on any valgrind error.
#
#   -DMODE=fixtures  every fixture file in one run with -j2 (text output), so
#                    the worker threads and every fixture's code paths are
#                    covered; then the fixtures that need --allocators.
#   -DMODE=paths     the JSON and SARIF writers on the tutorial fixtures, the
#                    compiler wrapper alloccheck-cc (its analysis runs in a
#                    forked child) and 'alloccheck merge' on what it wrote.
#
# Every leak kind counts as an error (--errors-for-leak-kinds=all): a block
# of ours still reachable at exit fails like a lost one, in the wrapper's
# forked analysis child too (it returns up through main).  Only the blocks
# libclang/LLVM itself keeps until exit are suppressed, by their allocation
# site (see libclang.supp).  Each process logs to its own file (%p), so the
# forked wrapper child is checked too; the test fails when any log reports an
# error, and prints that log.
foreach(v VALGRIND ALLOCCHECK WRAPPER CC FIXTURES SUPP WORKDIR MODE)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_valgrind.cmake: -D${v}=... missing")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR}/logs ${WORKDIR}/results)
set(vg ${VALGRIND} --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all
       --suppressions=${SUPP} --error-exitcode=99 --num-callers=40
       --log-file=${WORKDIR}/logs/vg.%p)
set(inc -I${FIXTURES}/include)

# run(NAME EXPECTED_RC COMMAND...): runs COMMAND under valgrind.
function(run name expect)
  execute_process(COMMAND ${vg} ${ARGN} OUTPUT_QUIET ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc STREQUAL "${expect}")
    message(FATAL_ERROR "${name}: exited ${rc} under valgrind (expected ${expect}; 99 = valgrind errors):\n${err}")
  endif()
  message(STATUS "${name}: ok")
endfunction()

if(MODE STREQUAL "fixtures")
  run("all fixtures, -j2" 1 ${ALLOCCHECK} -j2 --color never ${FIXTURES} -- ${inc})
  run("--allocators fixtures" 1 ${ALLOCCHECK} --allocators ${FIXTURES}/include/zmalloc.json
      ${FIXTURES}/dealloc-mismatch/user_family.c ${FIXTURES}/realloc-self-assign/user_family.c -- ${inc})
elseif(MODE STREQUAL "paths")
  run("json" 1 ${ALLOCCHECK} -j1 --format json -o ${WORKDIR}/out.json ${FIXTURES}/tutorial -- ${inc})
  run("sarif" 1 ${ALLOCCHECK} -j1 --format sarif -o ${WORKDIR}/out.sarif ${FIXTURES}/tutorial/some_memory_leak.c -- ${inc})
  # The wrapper's exit status is the compiler's: 0 even with findings.
  set(ENV{ALLOCCHECK_OUTPUT_DIR} ${WORKDIR}/results)
  run("alloccheck-cc" 0 ${WRAPPER} ${CC} ${inc} -c ${FIXTURES}/leak/scope.c -o ${WORKDIR}/scope.o)
  unset(ENV{ALLOCCHECK_OUTPUT_DIR})
  file(GLOB results ${WORKDIR}/results/*.json)
  if(NOT results)
    message(FATAL_ERROR "alloccheck-cc under valgrind wrote no result into ALLOCCHECK_OUTPUT_DIR")
  endif()
  run("merge" 1 ${ALLOCCHECK} merge --format sarif -o ${WORKDIR}/merged.sarif ${WORKDIR}/results)
else()
  message(FATAL_ERROR "check_valgrind.cmake: unknown MODE '${MODE}'")
endif()

# Valgrind's verdict from every process it watched (the wrapper's forked
# analysis child included, whose exit status the wrapper does not pass on).
file(GLOB logs ${WORKDIR}/logs/vg.*)
list(LENGTH logs nlogs)
foreach(log IN LISTS logs)
  file(READ ${log} text)
  # A log without a summary is a process that exec'd an untraced program
  # (the wrapper's fork for the real compiler).
  if(text MATCHES "ERROR SUMMARY: [1-9]")
    message(FATAL_ERROR "valgrind reported errors (${log}):\n${text}")
  endif()
endforeach()
message(STATUS "${nlogs} processes under valgrind, no errors")
