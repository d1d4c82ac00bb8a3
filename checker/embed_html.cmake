# Turns checker/report_html.css and checker/report_html.js into two C strings
# (ac_html_css, ac_html_js) so the HTML report needs no data files.
# Run as: cmake -DOUT=<file.c> -DDIR=<checker directory> -P embed_html.cmake
set(body "/* Generated from checker/report_html.css and .js by checker/embed_html.cmake. Do not edit. */\n")
foreach(name IN ITEMS css js)
  file(READ "${DIR}/report_html.${name}" text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "?" "\\?" text "${text}") # no trigraphs in any C mode
  string(REPLACE "\n" "\\n\"\n\t\"" text "${text}")
  string(APPEND body "const char ac_html_${name}[] =\n\t\"${text}\";\n")
endforeach()
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
