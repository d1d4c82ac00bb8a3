# Writes the man page PAGE(1) as the built alloccheck generates it from its
# option table (checker/cli.c, hidden --help-man): --help, the man pages and
# the README's option table (checked by the test docs.options) are one list.
# Run as: cmake -DTOOL=<alloccheck> -DPAGE=<alloccheck|alloccheck-cc> -DOUT=<file> -P man.cmake
execute_process(COMMAND "${TOOL}" --help-man "${PAGE}"
                OUTPUT_FILE "${OUT}.tmp" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TOOL} --help-man ${PAGE} exited ${rc}")
endif()
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
