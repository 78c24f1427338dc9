#!/bin/bash
# The manual must list every action of the key table, with its keys and its
# help text, and every option of --help.
# Usage: tests/manual.sh BUILD_DIR
set -u
build=${1:-build}
man=$(MANWIDTH=200 man -l man/ftui.1 2>/dev/null || true)
if [ -z "$man" ]; then
	# no man(1): compare against the roff source with escapes removed
	man=$(sed -e 's/\\-/-/g' -e 's/\\f[BIR]//g' man/ftui.1)
fi
fail=0
while IFS=$'\t' read -r name keys help; do
	if grep -qF -- "$keys" <<<"$man" && grep -qF -- "$help" <<<"$man" && grep -qF -- "($name)" <<<"$man"; then
		echo "PASS manual key $name"
	else
		echo "FAIL manual key $name: \"$keys\" / \"$help\" not in man/ftui.1"
	fi
done < <("$build/ftui" --list-keys)
for opt in --ascii --mono --theme --headless --keys --mouse; do
	if grep -qF -- "$opt" <<<"$man" && "$build/ftui" --help | grep -qF -- "$opt"; then
		echo "PASS manual option $opt"
	else
		echo "FAIL manual option $opt: missing from the manual or --help"
	fi
done
for cmd in report stat convert dump live record; do
	if grep -qE -- "^ *$cmd" <<<"$man" || grep -qF -- "ftui $cmd" <<<"$man"; then
		echo "PASS manual command $cmd"
	else
		echo "FAIL manual command $cmd: not in man/ftui.1"
	fi
done
