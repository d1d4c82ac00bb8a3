# The Debian package (tests/package/check_deb.sh): cpack -G DEB from this
# build, its computed dependencies (libclang1-19, libcjson1), its contents
# (the programs, the man pages, the rule docs), and the programs unpacked
# with dpkg -x run on the examples. Needs dpkg-dev (dpkg-shlibdeps), so it
# skips (77) without it; .ci/run also installs the package with apt. Label
# "slow": cpack copies and strips the whole install tree.
find_program(BASH_PROGRAM bash REQUIRED)
if(ALLOCCHECK_SANITIZE OR ALLOCCHECK_FUZZ)
  return()
endif()
add_test(NAME package.deb
         COMMAND ${BASH_PROGRAM} ${CMAKE_CURRENT_SOURCE_DIR}/package/check_deb.sh
                 ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/package_work)
set_tests_properties(package.deb PROPERTIES LABELS "package;slow" SKIP_RETURN_CODE 77 TIMEOUT 300
  FAIL_REGULAR_EXPRESSION "^FAIL ")
