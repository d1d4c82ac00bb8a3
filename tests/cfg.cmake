# Lowering golden tests: each tests/cfg/NAME.c is dumped with the hidden
# --dump-cfg flag and compared byte for byte with tests/cfg/NAME.cfg (the
# goldens are the spec of the lowering; regenerate them with
# tests/cfg/bless.sh and review the diff like code).
file(GLOB _cfg_inputs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cfg/*.c)
foreach(_input IN LISTS _cfg_inputs)
  get_filename_component(_name ${_input} NAME_WE)
  add_test(NAME cfg.${_name}
    COMMAND ${CMAKE_COMMAND}
      -DALLOCCHECK=$<TARGET_FILE:alloccheck>
      -DDIR=${CMAKE_CURRENT_SOURCE_DIR}/cfg
      -DNAME=${_name}
      -DACTUAL=${CMAKE_CURRENT_BINARY_DIR}/cfg.${_name}.actual
      -P ${CMAKE_CURRENT_SOURCE_DIR}/cfg/check_dump.cmake)
  set_tests_properties(cfg.${_name} PROPERTIES LABELS cfg)
endforeach()

add_test(NAME cfg.binary_input
  COMMAND ${CMAKE_COMMAND}
    -DALLOCCHECK=$<TARGET_FILE:alloccheck>
    -DWORK=${CMAKE_CURRENT_BINARY_DIR}/cfg_binary
    -P ${CMAKE_CURRENT_SOURCE_DIR}/cfg/check_binary.cmake)
set_tests_properties(cfg.binary_input PROPERTIES LABELS cfg)

add_test(NAME cfg.deep_nesting
  COMMAND ${CMAKE_COMMAND}
    -DALLOCCHECK=$<TARGET_FILE:alloccheck>
    -DWORK=${CMAKE_CURRENT_BINARY_DIR}/cfg_deep
    -P ${CMAKE_CURRENT_SOURCE_DIR}/cfg/check_deep.cmake)
set_tests_properties(cfg.deep_nesting PROPERTIES LABELS cfg)
