#!/bin/sh
# The record files (`files`) or folders (`dirs`) under records/ whose names make can
# carry, one per line, for the Makefile's prerequisites. A name holding a character
# make or the shell would split or read (docgen.deps.MAKE_UNSAFE) is left out here, and
# `docgen deps` refuses it by name, so make stops with a located error instead of
# building nothing.
case "$1" in
  files) find records \( -name '*.yaml' -o -name '*.yml' \) 2>/dev/null ;;
  dirs) find records -type d 2>/dev/null ;;
esac | grep -v "[[:space:][:cntrl:]\"'\$#%:;\\\\*?()|&<>=!{}\`~^[]" | grep -v ']'
exit 0
