# Reporter goldens: tests/golden/NAME.c analysed, text output compared with
# tests/golden/NAME.txt byte for byte (carets, notes and their order).
file(GLOB _golden_inputs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/golden/*.c)
foreach(_input IN LISTS _golden_inputs)
  get_filename_component(_name ${_input} NAME_WE)
  add_test(NAME golden.${_name}
    COMMAND ${CMAKE_COMMAND}
      -DALLOCCHECK=$<TARGET_FILE:alloccheck>
      -DDIR=${CMAKE_CURRENT_SOURCE_DIR}/golden
      -DNAME=${_name}
      -DACTUAL=${CMAKE_CURRENT_BINARY_DIR}/golden.${_name}.actual
      -P ${CMAKE_CURRENT_SOURCE_DIR}/golden/check_text.cmake)
  set_tests_properties(golden.${_name} PROPERTIES LABELS golden)
endforeach()
