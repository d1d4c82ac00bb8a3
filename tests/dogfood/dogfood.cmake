# Dogfooding: analyses alloccheck's own sources (checker/*.c, rules/*.c, each
# with its flags from the build's compile_commands.json) and fails on any
# report.  cmake -P with:
#   -DMODE=self      alloccheck -p BUILD_DIR: must report nothing, exit 0
#   -DMODE=analyzer  clang --analyze; fails on a warning of a memory checker
#   -DMODE=cppcheck  cppcheck; fails on a report of a memory category
#   -DTOOL=program  -DBUILD_DIR=build tree  -DSOURCE_DIR=source tree
#   -DSHARD=k -DSHARDS=n (analyzer, cppcheck; optional): only every n-th of
#   our sources, starting at the k-th, so that n tests share the work under
#   ctest -j (clang --analyze takes minutes over all of them)
# A missing tool is exit 77, which the tests declare as SKIP_RETURN_CODE.
foreach(v MODE TOOL BUILD_DIR SOURCE_DIR)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "dogfood.cmake: -D${v}=... missing")
  endif()
endforeach()
if(NOT TOOL OR NOT EXISTS "${TOOL}")
  message("dogfood ${MODE}: tool not installed; skipped")
  cmake_language(EXIT 77)
endif()
set(db ${BUILD_DIR}/compile_commands.json)
if(NOT EXISTS ${db})
  message(FATAL_ERROR "${db} missing (CMAKE_EXPORT_COMPILE_COMMANDS is on in the top-level CMakeLists.txt)")
endif()

if(MODE STREQUAL "self")
  execute_process(COMMAND ${TOOL} -p ${BUILD_DIR} --color never
                          ${SOURCE_DIR}/checker ${SOURCE_DIR}/rules
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR out MATCHES "warning:")
    message(FATAL_ERROR "alloccheck on its own sources exited ${rc}:\n${out}${err}")
  endif()
  return()
endif()

# Our translation units and their compile commands.
file(READ ${db} json)
string(JSON n LENGTH "${json}")
math(EXPR last "${n} - 1")
set(units "")
foreach(i RANGE ${last})
  string(JSON file GET "${json}" ${i} file)
  # A prefix test, not a regex: the source path may hold any character.
  string(FIND "${file}" "${SOURCE_DIR}/" pos)
  if(NOT pos EQUAL 0)
    continue()
  endif()
  string(LENGTH "${SOURCE_DIR}/" plen)
  string(SUBSTRING "${file}" ${plen} -1 rel)
  if(NOT rel MATCHES "^(checker|rules)/[^/]+\\.c$")
    continue()
  endif()
  string(JSON cmd GET "${json}" ${i} command)
  separate_arguments(argv UNIX_COMMAND "${cmd}")
  # Keep what shapes the program (-D, -I, -isystem, -std); drop the compiler,
  # the warning flags (-Werror would turn an analyzer note into an error),
  # the outputs, and -DNDEBUG: the assertions state the invariants the
  # analysers need (the same sources are judged in Debug and Release builds).
  set(flags "")
  set(take_next OFF)
  foreach(a IN LISTS argv)
    if(a STREQUAL "-DNDEBUG")
      continue()
    elseif(take_next)
      list(APPEND flags "${a}")
      set(take_next OFF)
    elseif(a MATCHES "^-(D|I|std=)")
      list(APPEND flags "${a}")
      if(a STREQUAL "-I" OR a STREQUAL "-D")
        set(take_next ON)
      endif()
    elseif(a STREQUAL "-isystem")
      list(APPEND flags "${a}")
      set(take_next ON)
    endif()
  endforeach()
  list(APPEND units "${file}")
  set(flags_${file} "${flags}")
  # cppcheck takes -D and -I only (no -std=, no -isystem: it need not read
  # libclang's headers to judge our code, and they would only slow it down).
  string(REGEX REPLACE "(^|;)-std=[^;]*" "" cflags "${flags}")
  string(REGEX REPLACE "(^|;)-isystem;[^;]*" "" cflags "${cflags}")
  set(cppflags_${file} "${cflags}")
endforeach()
list(LENGTH units nunits)
if(nunits LESS 10)
  message(FATAL_ERROR "only ${nunits} of our sources in ${db}")
endif()
if(DEFINED SHARDS AND SHARDS GREATER 1)
  set(all_units "${units}")
  set(units "")
  set(i 0)
  foreach(f IN LISTS all_units)
    math(EXPR k "${i} % ${SHARDS}")
    if(k EQUAL SHARD)
      list(APPEND units "${f}")
    endif()
    math(EXPR i "${i} + 1")
  endforeach()
  list(LENGTH units nunits)
  set(MODE_NAME "${MODE} (shard ${SHARD} of ${SHARDS})")
else()
  set(MODE_NAME "${MODE}")
endif()

set(reports "")
if(MODE STREQUAL "analyzer")
  # The memory-related checkers: leaks, double free and use after free,
  # mismatched deallocators, bad malloc sizes, NULL passed where a pointer is
  # required, NULL dereference, uninitialised reads and returned stack
  # addresses.  The default set (core, unix, deadcode, security, ...) runs;
  # only these categories fail the test.
  set(memory_re "\\[(unix\\.(Malloc|MallocSizeof|MismatchedDeallocator|cstring\\.[A-Za-z]+|API)|core\\.(NullDereference|NonNullParamChecker|CallAndMessage|StackAddressEscape|uninitialized\\.[A-Za-z]+|UndefinedBinaryOperatorResult)|optin\\.portability\\.UnixAPI)\\]")
  foreach(f IN LISTS units)
    execute_process(COMMAND ${TOOL} --analyze -o /dev/null ${flags_${f}}
                      -Xclang -analyzer-checker=unix.Malloc,unix.MallocSizeof,unix.MismatchedDeallocator,unix.cstring.NullArg,unix.cstring.BadSizeArg,core.NullDereference,core.NonNullParamChecker,optin.portability.UnixAPI
                      ${f}
                    WORKING_DIRECTORY ${BUILD_DIR}
                    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "clang --analyze ${f} exited ${rc}:\n${err}")
    endif()
    string(REGEX MATCHALL "[^\n]*warning: [^\n]*" lines "${err}")
    foreach(l IN LISTS lines)
      if(l MATCHES "${memory_re}")
        list(APPEND reports "${l}")
      endif()
    endforeach()
  endforeach()
elseif(MODE STREQUAL "cppcheck")
  # The memory categories of cppcheck's checks: leaks (memleak, memleakOnRealloc,
  # resourceLeak, leakReturnValNotUsed, leakNoVarFunctionCall), frees
  # (doubleFree, deallocuse, deallocret, mismatchAllocDealloc, autovarInvalidDeallocation),
  # NULL (nullPointer*, ctunullpointer), uninitialised data (uninitvar, uninitdata,
  # uninitMemberVar) and dangling pointers (danglingLifetime, returnDanglingLifetime,
  # invalidLifetime, autoVariables).  Reported as ID lines and counted here.
  set(memory_re "^(memleak[A-Za-z]*|resourceLeak|leak[A-Za-z]*|doubleFree|deallocuse|deallocret|mismatchAllocDealloc|autovarInvalidDeallocation|nullPointer[A-Za-z]*|ctunullpointer|uninitvar|uninitdata|uninitStructMember|danglingLifetime|returnDanglingLifetime|invalidLifetime|autoVariables|bufferAccessOutOfBounds|arrayIndexOutOfBounds|pointerOutOfBounds) ")
  foreach(f IN LISTS units)
    execute_process(COMMAND ${TOOL} --quiet --enable=warning --inconclusive
                      --std=c11 --library=posix --suppress=missingIncludeSystem
                      --template={id}\ {file}:{line}:{column}:\ {severity}:\ {message}
                      --suppress=missingInclude
                      ${cppflags_${f}} ${f}
                    WORKING_DIRECTORY ${BUILD_DIR}
                    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "cppcheck ${f} exited ${rc}:\n${out}${err}")
    endif()
    string(REPLACE "\n" ";" lines "${err}")
    foreach(l IN LISTS lines)
      if(l MATCHES "${memory_re}")
        list(APPEND reports "${l}")
      endif()
    endforeach()
  endforeach()
else()
  message(FATAL_ERROR "dogfood.cmake: unknown MODE '${MODE}'")
endif()

list(LENGTH reports nreports)
if(nreports)
  list(JOIN reports "\n" text)
  message(FATAL_ERROR "${MODE_NAME}: ${nreports} report(s) in the memory categories on our ${nunits} sources:\n${text}")
endif()
message(STATUS "${MODE_NAME}: ${nunits} sources, no report in the memory categories")
