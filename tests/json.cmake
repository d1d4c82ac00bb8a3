# JSON output (--format json), checked against docs/report.schema.json by
# tests/json/validate.py (Debian: python3-jsonschema):
#
#   json.fixtures  alloccheck on every fixtures/<dir>/ at once: the document is
#                  valid, every rule of --list-rules is in it with a CWE, the
#                  fingerprints are unique; then the same on copies of the
#                  fixtures with 5 lines prepended to each .c file, written with
#                  -o: the fingerprints must not change.
#   json.errors    missing paths, a directory without C files and a binary file:
#                  the errors array names each with its reason; nothing but the
#                  document on standard output, exit codes as with text; with
#                  -p, stats.skipped counts the C++ entry and the duplicate.
#   json.golden.NAME  tests/golden/NAME.c against tests/golden/NAME.json byte for
#                  byte, stats.elapsed_ms set to 0 first (tests/golden/bless.sh
#                  regenerates them).
find_program(PYTHON3_EXECUTABLE NAMES python3)
if(NOT PYTHON3_EXECUTABLE)
  set(PYTHON3_EXECUTABLE python3-NOTFOUND-apt-get-install-python3-jsonschema)
endif()

set(_json_args
  -DALLOCCHECK=$<TARGET_FILE:alloccheck>
  -DPYTHON=${PYTHON3_EXECUTABLE}
  -DSRC=${PROJECT_SOURCE_DIR}
  -DSCHEMA=${PROJECT_SOURCE_DIR}/docs/report.schema.json
  -DVALIDATE=${CMAKE_CURRENT_SOURCE_DIR}/json/validate.py)

foreach(_check fixtures errors)
  add_test(NAME json.${_check}
    COMMAND ${CMAKE_COMMAND} ${_json_args} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/json.${_check}
      -P ${CMAKE_CURRENT_SOURCE_DIR}/json/check_${_check}.cmake)
  set_tests_properties(json.${_check} PROPERTIES LABELS json TIMEOUT 900)
endforeach()

file(GLOB _json_goldens CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/golden/*.json)
foreach(_golden IN LISTS _json_goldens)
  get_filename_component(_name ${_golden} NAME_WE)
  add_test(NAME json.golden.${_name}
    COMMAND ${CMAKE_COMMAND} ${_json_args} -DNAME=${_name}
      -DDIR=${CMAKE_CURRENT_SOURCE_DIR}/golden
      -DACTUAL=${CMAKE_CURRENT_BINARY_DIR}/json.golden.${_name}.actual
      -P ${CMAKE_CURRENT_SOURCE_DIR}/json/check_golden.cmake)
  set_tests_properties(json.golden.${_name} PROPERTIES LABELS "json;golden")
endforeach()
