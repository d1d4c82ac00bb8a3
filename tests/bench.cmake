# The benchmark script (tests/bench/bench.py) in its offline mode: two fixtures
# as the whole set, one repetition of samples of a few runs each (a short
# --min-sample), every row of the table (a peer that is not installed is
# skipped by the script), the callgrind instruction counts (with valgrind,
# on a build without sanitizers), the Markdown written, and --self-check
# failing the test on any tool failure, missing count or missing table. This keeps the script from
# rotting without downloading anything.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  # Instruction counts come from callgrind, which cannot run a sanitized
  # binary (valgrind exits at ASan's start-up) and may be absent.
  find_program(BENCH_VALGRIND valgrind)
  set(bench_instructions)
  if(BENCH_VALGRIND AND NOT ALLOCCHECK_SANITIZE AND NOT ALLOCCHECK_FUZZ)
    set(bench_instructions --instructions)
  endif()
  add_test(NAME bench.offline
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/bench/bench.py
      --alloccheck $<TARGET_FILE:alloccheck>
      --workdir ${CMAKE_CURRENT_BINARY_DIR}/bench_work
      --sources ${PROJECT_SOURCE_DIR}/fixtures/examples/leaky_parser.c
                ${PROJECT_SOURCE_DIR}/fixtures/leak/branches.c
      --reps 1 --min-sample 0.2 ${bench_instructions} --timeout 60
      --markdown ${CMAKE_CURRENT_BINARY_DIR}/bench_work/benchmark.md
      --self-check)
  set_tests_properties(bench.offline PROPERTIES LABELS "bench;slow" TIMEOUT 300)
else()
  message(STATUS "python3 not found: the benchmark script test is skipped")
endif()
