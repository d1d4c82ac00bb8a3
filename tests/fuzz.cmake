# The libFuzzer targets (tests/fuzz/, built with -DALLOCCHECK_FUZZ=ON and clang):
# per target, one test replays the regression inputs (every crash fuzzing
# found) and the seed corpus, and one fuzzes for a short slice of time from
# the seeds through tests/fuzz/run.sh. Label "fuzz"; nothing is registered in the
# other builds.
if(NOT ALLOCCHECK_FUZZ)
  return()
endif()
set(AC_FUZZ_SLICE 20 CACHE STRING "Seconds each fuzz.*.run test fuzzes")
foreach(t families config compdb analyze ir)
  # The analyze target's seeds are the fixtures themselves (tests/fuzz/run.sh too).
  set(seeds ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${t})
  if(t STREQUAL analyze)
    list(APPEND seeds ${PROJECT_SOURCE_DIR}/fixtures)
  endif()
  add_test(NAME fuzz.${t}.replay
           COMMAND ${PROJECT_SOURCE_DIR}/tests/fuzz/replay.sh $<TARGET_FILE:fuzz_${t}>
                   ${PROJECT_SOURCE_DIR}/tests/fuzz/regressions/${t} ${seeds})
  add_test(NAME fuzz.${t}.run
           COMMAND ${PROJECT_SOURCE_DIR}/tests/fuzz/run.sh ${t} ${AC_FUZZ_SLICE} ${PROJECT_BINARY_DIR})
  set_tests_properties(fuzz.${t}.replay PROPERTIES LABELS "fuzz;slow" TIMEOUT 300)
  set_tests_properties(fuzz.${t}.run PROPERTIES LABELS "fuzz;slow" TIMEOUT 300)
endforeach()
