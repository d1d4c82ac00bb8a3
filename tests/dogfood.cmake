# Dogfooding: alloccheck's own sources (checker/*.c, rules/*.c) analysed by
# alloccheck itself and by two other analysers, each with the flags of the
# build's compile_commands.json; any report fails (tests/dogfood/dogfood.cmake
# says which categories count for the other two).  dogfood.clang_analyzer and
# dogfood.cppcheck skip only when their tool is not installed; .ci/run
# installs both, so CI always runs them.
# clang-19 by name only: the analyzer's verdict changes between versions
# (Debian 12's plain "clang" is clang 14, which reports checker/state.c's
# compute_hash unless it sees the asserts), so the test is pinned to the
# clang-19 that .ci/run installs, and skipped without it.
find_program(DOGFOOD_CLANG NAMES clang-19)
find_program(DOGFOOD_CPPCHECK cppcheck)
# The two other analysers judge the sources, not the build: they are
# registered in the plain builds only (not the sanitizer or fuzzing ones;
# dogfood.cmake drops -DNDEBUG, so a Release build's run sees the asserts
# too). They take minutes and their verdict depends on the tool's exact
# version, so they carry the label "slow": the README's test command leaves
# them out, .ci/run (with Debian 12's clang-19 and cppcheck) runs them.
set(_dogfood "self|$<TARGET_FILE:alloccheck>")
if(NOT ALLOCCHECK_SANITIZE AND NOT ALLOCCHECK_FUZZ)
  list(APPEND _dogfood "clang_analyzer|${DOGFOOD_CLANG}" "cppcheck|${DOGFOOD_CPPCHECK}")
endif()
# clang --analyze takes minutes over all our sources: its test is split
# into shards that ctest -j runs side by side.
set(DOGFOOD_SHARDS 4)
foreach(t IN LISTS _dogfood)
  string(REPLACE "|" ";" t "${t}")
  list(GET t 0 name)
  list(GET t 1 tool)
  if(NOT tool)
    set(tool "")
  endif()
  string(REPLACE "clang_analyzer" "analyzer" mode "${name}")
  set(shards 1)
  if(name STREQUAL "clang_analyzer")
    set(shards ${DOGFOOD_SHARDS})
  endif()
  math(EXPR last "${shards} - 1")
  foreach(k RANGE ${last})
    set(test dogfood.${name})
    set(shard_args "")
    if(shards GREATER 1)
      set(test dogfood.${name}.${k})
      set(shard_args -DSHARD=${k} -DSHARDS=${shards})
    endif()
    add_test(NAME ${test}
      COMMAND ${CMAKE_COMMAND} -DMODE=${mode} -DTOOL=${tool} ${shard_args}
        -DBUILD_DIR=${PROJECT_BINARY_DIR} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
        -P ${CMAKE_CURRENT_SOURCE_DIR}/dogfood/dogfood.cmake)
    set(labels dogfood)
    if(NOT name STREQUAL "self")
      list(APPEND labels slow)
    endif()
    set_tests_properties(${test} PROPERTIES LABELS "${labels}" SKIP_RETURN_CODE 77 TIMEOUT 1800
      ENVIRONMENT ALLOCCHECK_NO_CACHE=1)
  endforeach()
endforeach()
