# The HTML report (issue 18, checker/report_html.c):
#   html.report   the page read by Python's HTML parser: escaping of hostile
#                 paths and lines, nothing loaded from outside, every finding
#                 present, merge through alloccheck-cc, deterministic output;
#   html.browser  the page in headless chromium over the DevTools protocol:
#                 no JavaScript error, bubbles in order at their lines and
#                 columns, filters, sorting, keys, JavaScript off; its
#                 screenshots (html/*.png in the build tree) are the artifacts.
#                 Skipped (77) only when chromium is not installed;
#   html.bench    a big run's report: its size, and its load time printed (label slow).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME html.report
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/html/report.py
      $<TARGET_FILE:alloccheck> $<TARGET_FILE:alloccheck-cc> ${PROJECT_SOURCE_DIR}
      ${CMAKE_CURRENT_BINARY_DIR}/html-report)
  add_test(NAME html.browser
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/html/browser.py
      $<TARGET_FILE:alloccheck> ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/html)
  set_tests_properties(html.report html.browser PROPERTIES
    LABELS html TIMEOUT 300 FAIL_REGULAR_EXPRESSION "^FAIL ")
  set_tests_properties(html.browser PROPERTIES SKIP_RETURN_CODE 77)
  # html.bench: a run of 5,000 findings over 500 generated files; the report
  # must stay under 25 MB and show every row (tests/html/bench.py prints the
  # load and click times the README quotes, and judges them only when asked
  # to with --max-load). Half a minute of CPU: slow.
  add_test(NAME html.bench
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/html/bench.py
      $<TARGET_FILE:alloccheck> ${CMAKE_CURRENT_BINARY_DIR}/html-bench)
  set_tests_properties(html.bench PROPERTIES
    LABELS "html;slow" TIMEOUT 900 SKIP_RETURN_CODE 77 FAIL_REGULAR_EXPRESSION "^FAIL ")
else()
  message(STATUS "python3 not found: the HTML report tests are skipped")
endif()
