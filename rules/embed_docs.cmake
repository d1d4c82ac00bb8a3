# Turns rules/<id>.md into a C table {id, text} so --explain needs no data files.
# Run as: cmake -DOUT=<file.c> -DDIR=<rules directory> -P embed_docs.cmake
# The script globs DIR itself: a list of paths passed on the command line
# would have to survive the spaces a clone's path may contain.
file(GLOB DOCS "${DIR}/*.md")
set(body "/* Generated from rules/<id>.md by rules/embed_docs.cmake. Do not edit. */\n#include <stddef.h>\n#include \"rule_docs.h\"\n\nconst AcRuleDoc ac_rule_docs[] = {\n")
list(SORT DOCS)
foreach(doc IN LISTS DOCS)
  get_filename_component(id "${doc}" NAME_WE)
  file(READ "${doc}" text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n\"\n\t\"" text "${text}")
  string(APPEND body "\t{\"${id}\",\n\t\"${text}\"},\n")
endforeach()
string(APPEND body "};\nconst size_t ac_nrule_docs = sizeof ac_rule_docs / sizeof ac_rule_docs[0];\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
