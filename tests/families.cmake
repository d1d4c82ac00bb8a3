# Allocator families from --allocators files and from attributes declared in
# the code: each check runs alloccheck in tests/families (inputs there) through
# tests/families/check.cmake, which documents the variables.
function(families_check name)
  cmake_parse_arguments(PARSE_ARGV 1 F "" "STATUS;STDERR" "ARGS;OUT_HAS;OUT_LACKS;ERR_HAS;ERR_LACKS")
  set(_defs -DALLOCCHECK=$<TARGET_FILE:alloccheck> -DDIR=${CMAKE_CURRENT_SOURCE_DIR}/families -DSTATUS=${F_STATUS})
  foreach(_v ARGS OUT_HAS OUT_LACKS ERR_HAS ERR_LACKS)
    if(DEFINED F_${_v})
      string(REPLACE ";" "\\;" _list "${F_${_v}}")
      list(APPEND _defs "-D${_v}=${_list}")
    endif()
  endforeach()
  if(DEFINED F_STDERR)
    list(APPEND _defs "-DSTDERR=${F_STDERR}")
  endif()
  add_test(NAME families.${name}
           COMMAND ${CMAKE_COMMAND} ${_defs} -P ${CMAKE_CURRENT_SOURCE_DIR}/families/check.cmake)
  set_tests_properties(families.${name} PROPERTIES LABELS families)
endfunction()

# A Redis-like zmalloc is unknown without the file, an allocator with it.
families_check(without_file ARGS redis.c STATUS 0 OUT_LACKS "[leak]")
families_check(with_file ARGS --allocators redis.json redis.c STATUS 1
  OUT_HAS "redis.c:14:3: warning: memory allocated by 'zmalloc'" "[leak]" OUT_LACKS "[unchecked-alloc]")
families_check(with_file_equals ARGS --allocators=redis.json redis.c STATUS 1 OUT_HAS "[leak]")
# Later files win: zmalloc may fail only when redis_can_fail.json comes last.
families_check(later_file_wins ARGS --allocators redis.json --allocators redis_can_fail.json redis.c STATUS 1
  OUT_HAS "redis.c:12:2: warning: 'p' from 'zmalloc' may be NULL" "[leak]")
families_check(earlier_file_loses ARGS --allocators redis_can_fail.json --allocators redis.json redis.c STATUS 1
  OUT_HAS "[leak]" OUT_LACKS "[unchecked-alloc]")

# A bad file is a usage error: exit 2, one line naming the file and the JSON path.
families_check(bad_size_arg ARGS --allocators bad_size_arg.json redis.c STATUS 2
  STDERR "alloccheck: error: bad_size_arg.json: families[0].allocators[2].size_arg: expected a positive integer")
# 1e999 is infinity to cJSON (found by tests/fuzz/fuzz_families.c).
families_check(huge_size_arg ARGS --allocators huge_size_arg.json redis.c STATUS 2
  STDERR "alloccheck: error: huge_size_arg.json: families[0].allocators[0].size_arg: argument numbers above 32 are not supported")
families_check(not_json ARGS --allocators not_json.json redis.c STATUS 2
  STDERR "alloccheck: error: not_json.json: not valid JSON near line 3")
families_check(unknown_key ARGS --allocators unknown_key.json redis.c STATUS 2
  STDERR "alloccheck: error: unknown_key.json: families[0].deallocators[0].ptr: unknown key (expected name, aliases, ptr_arg, nonnull, reads, partial, fixed or comment)")
families_check(missing_file ARGS --allocators nope.json redis.c STATUS 2
  STDERR "alloccheck: error: nope.json: No such file or directory")
families_check(directory ARGS --allocators . redis.c STATUS 2
  STDERR "alloccheck: error: .: is a directory")
families_check(second_file_bad ARGS --allocators redis.json --allocators not_json.json redis.c STATUS 2
  STDERR "alloccheck: error: not_json.json: not valid JSON near line 3")
families_check(no_file_name ARGS --allocators= redis.c STATUS 2
  ERR_HAS "alloccheck: error: option '--allocators' requires a file name")
families_check(help ARGS --help STATUS 0 OUT_HAS "--allocators FILE")

# Families declared in the code.
families_check(attr_malloc ARGS attr_malloc.c STATUS 1
  OUT_HAS "attr_malloc.c:16:3: warning: memory allocated by 'my_alloc'" "[leak]"
          "attr_malloc.c:24:2: warning: memory allocated by 'my_alloc' (family attr:my_free) is released by 'free' (family libc) [dealloc-mismatch]"
  OUT_LACKS "attr_malloc.c:29" ERR_LACKS "error")
families_check(attr_ownership ARGS attr_ownership.c STATUS 1
  OUT_HAS "attr_ownership.c:15:3: warning: memory allocated by 'pool_get'" "[leak]"
  OUT_LACKS "attr_ownership.c:2" ERR_LACKS "error")
families_check(attr_macro ARGS -v attr_macro.c STATUS 1
  OUT_HAS "attr_macro.c:17:1: warning: memory allocated by 'box_new'" "attr_macro.c:26:2: warning: memory allocated by 'pool_get'"
  OUT_LACKS "attr_macro.c:21" "attr_macro.c:31"
  ERR_HAS "alloccheck: warning: attr_macro.c:10:36: ignoring an attribute of 'odd': 'malloc(42)' is malformed")
# Attributes clang rejects: one warning naming the declaration, the attribute
# ignored, the rest of the file analysed (no parse error counted).
families_check(attr_bad ARGS attr_bad.c STATUS 1
  OUT_HAS "attr_bad.c:22:2: warning: 'p' from 'malloc' may be NULL" OUT_LACKS "attr_bad.c:15" "attr_bad.c:28"
  ERR_HAS "alloccheck: warning: attr_bad.c:9:6: ignoring an attribute of 'out_of_range': 'nonnull' attribute parameter 1 is out of bounds"
          "alloccheck: warning: attr_bad.c:10:7: ignoring an attribute of 'odd_open': use of undeclared identifier 'nosuchfunc'"
  ERR_LACKS "error" "parsing")
