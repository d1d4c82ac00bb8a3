# Turns rules/families/*.json into a C table {name, text} of AcFamilySource
# (rules/family_texts.h), so the built-in families need no data files.
# Run as: cmake -DOUT=<file.c> -DDIR=<rules/families> -P embed_families.cmake
# (the script globs DIR itself, so paths with spaces need no quoting).
file(GLOB FILES "${DIR}/*.json")
list(SORT FILES)
set(body "/* Generated from the JSON files of rules/families/ by rules/embed_families.cmake. Do not edit. */\n#include \"family_texts.h\"\n\nconst AcFamilySource ac_family_texts[] = {\n")
foreach(file IN LISTS FILES)
  get_filename_component(name "${file}" NAME)
  file(READ "${file}" text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n\"\n\t\"" text "${text}")
  string(APPEND body "\t{\"rules/families/${name}\",\n\t\"${text}\"},\n")
endforeach()
string(APPEND body "};\nconst size_t ac_nfamily_texts = sizeof ac_family_texts / sizeof ac_family_texts[0];\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
