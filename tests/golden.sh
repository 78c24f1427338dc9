#!/bin/bash
# Golden-text screens: each tests/golden/NAME.keys holds "SIZE FILE" on its
# first line and a key script after it; the screens printed by
#   ftui --headless=SIZE --keys=@script FILE
# must equal tests/golden/NAME.txt; each tests/golden/NAME.cmd holds ftui's
# arguments (e.g. "dump timeline --width 90 FILE") and the output must equal
# NAME.txt too.  UPDATE=1 rewrites the .txt files.
# Usage: tests/golden.sh BUILD_DIR
set -u
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8

compare() {	# name
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "tests/golden/$1.txt"
		echo "PASS golden $1 (updated)"
	elif cmp -s "$tmp/out" "tests/golden/$1.txt"; then
		echo "PASS golden $1"
	else
		echo "FAIL golden $1"
		diff "tests/golden/$1.txt" "$tmp/out" | head -10 | sed 's/^/  /'
	fi
}

for c in tests/golden/*.cmd; do
	name=$(basename "$c" .cmd)
	if grep -q '\.\./shared' "$c" && [ ! -d ../shared ]; then
		echo "SKIP golden $name: ../shared is absent"
		continue
	fi
	# shellcheck disable=SC2046
	if ! "$build/ftui" $(cat "$c") > "$tmp/out" 2> "$tmp/err"; then
		echo "FAIL golden $name (exit: $(head -1 "$tmp/err"))"
		continue
	fi
	compare "$name"
done

for k in tests/golden/*.keys; do
	name=$(basename "$k" .keys)
	read -r size file opts < "$k"
	tail -n +2 "$k" > "$tmp/script"
	# shellcheck disable=SC2086
	if ! "$build/ftui" --headless="$size" --keys=@"$tmp/script" $opts "$file" > "$tmp/out" 2> "$tmp/err"; then
		echo "FAIL golden $name (exit $?: $(head -1 "$tmp/err"))"
		continue
	fi
	compare "$name"
done
