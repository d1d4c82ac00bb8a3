# Recall and precision on generated programs in the shape of the standard
# suites (tests/recall/gen_cases.py): every bad function's flaw found, every
# good twin silent, but the known gaps run.py lists with their reasons.
# About 3 s of CPU; `run.py ALLOCCHECK DIR --full --report` prints the table
# of the larger corpus. recall.lifetime (tests/recall/lifetime_suite.py, about
# 1.5 s) does the same for the lifetime rules.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME recall.suite_shaped
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/recall/run.py
      $<TARGET_FILE:alloccheck> ${CMAKE_CURRENT_BINARY_DIR}/recall_cases)
  set_tests_properties(recall.suite_shaped PROPERTIES LABELS recall)
  add_test(NAME recall.lifetime
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/recall/lifetime_suite.py
                   $<TARGET_FILE:alloccheck>)
  set_tests_properties(recall.lifetime PROPERTIES LABELS recall FAIL_REGULAR_EXPRESSION "^FAIL " TIMEOUT 300)
else()
  message(STATUS "python3 not found: the recall test is skipped")
endif()
