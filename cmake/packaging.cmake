# Installation and the Debian package:
#   cmake --install build            binary, man page, completions, templates
#   cd build && cpack -G DEB         changegate_<version>_<arch>.deb
# The man page and the completions are generated from the built binary's
# own --help (cmake/help_outline.sh), so they cannot drift from it.
include(GNUInstallDirs)

set(CHANGEGATE_GENERATED ${CMAKE_CURRENT_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${CHANGEGATE_GENERATED}/changegate.bash ${CHANGEGATE_GENERATED}/_changegate
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cmake/gen_completions.sh $<TARGET_FILE:changegate>
          ${CHANGEGATE_GENERATED}/changegate.bash ${CHANGEGATE_GENERATED}/_changegate
  DEPENDS changegate ${CMAKE_CURRENT_SOURCE_DIR}/cmake/gen_completions.sh
          ${CMAKE_CURRENT_SOURCE_DIR}/cmake/help_outline.sh
  COMMENT "Generating shell completions from changegate --help")
set(CHANGEGATE_GENERATED_FILES ${CHANGEGATE_GENERATED}/changegate.bash
                               ${CHANGEGATE_GENERATED}/_changegate)

find_program(HELP2MAN help2man)
if(HELP2MAN)
  add_custom_command(
    OUTPUT ${CHANGEGATE_GENERATED}/changegate.1
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cmake/gen_manpage.sh $<TARGET_FILE:changegate>
            ${CHANGEGATE_GENERATED}/changegate.1
    DEPENDS changegate ${CMAKE_CURRENT_SOURCE_DIR}/cmake/gen_manpage.sh
            ${CMAKE_CURRENT_SOURCE_DIR}/cmake/help_outline.sh
    COMMENT "Generating changegate.1 from changegate --help")
  list(APPEND CHANGEGATE_GENERATED_FILES ${CHANGEGATE_GENERATED}/changegate.1)
  install(FILES ${CHANGEGATE_GENERATED}/changegate.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found: no man page (apt-get install help2man)")
endif()
add_custom_target(generated_docs ALL DEPENDS ${CHANGEGATE_GENERATED_FILES})

install(TARGETS changegate RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The templates are compiled in; installed too as the starting point for
# --template-dir.
install(DIRECTORY templates/ DESTINATION ${CMAKE_INSTALL_DATADIR}/changegate/templates)
install(FILES ${CHANGEGATE_GENERATED}/changegate.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME changegate)
install(FILES ${CHANGEGATE_GENERATED}/_changegate
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

set(CPACK_PACKAGE_NAME changegate)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "changegate maintainers <changegate@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "change-management quality gate for CI")
set(CPACK_PACKAGE_DESCRIPTION
    "Evaluates a change record against gates declared in TOML (JUnit tests, review, SARIF, "
    "rollback plan, SLO error budget, golden datasets, structured logs) and renders an "
    "auditable risk and blast-radius report with exact exit codes.")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Linked libraries become dependencies through dpkg-shlibdeps. Anything
# loaded at run time rather than linked (dlopen by SONAME, a program run as a
# subprocess) must be listed here by hand: today, nothing.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CHANGEGATE_RUNTIME_DEPENDS "" CACHE STRING
    "Debian packages changegate loads at run time (dlopen, subprocesses), comma-separated")
if(CHANGEGATE_RUNTIME_DEPENDS)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS ${CHANGEGATE_RUNTIME_DEPENDS})
endif()
set(CPACK_STRIP_FILES ON)
include(CPack)
