#!/bin/bash
# Golden-text screens: each tests/golden/NAME.keys holds "SIZE FILE" on its
# first line and a key script after it; the screens printed by
#   ftui --headless=SIZE --keys=@script FILE
# must equal tests/golden/NAME.txt.  UPDATE=1 rewrites the .txt files.
# Usage: tests/golden.sh BUILD_DIR
set -u
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8

for k in tests/golden/*.keys; do
	name=$(basename "$k" .keys)
	read -r size file opts < "$k"
	tail -n +2 "$k" > "$tmp/script"
	# shellcheck disable=SC2086
	if ! "$build/ftui" --headless="$size" --keys=@"$tmp/script" $opts "$file" > "$tmp/out" 2> "$tmp/err"; then
		echo "FAIL golden $name (exit $?: $(head -1 "$tmp/err"))"
		continue
	fi
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "tests/golden/$name.txt"
		echo "PASS golden $name (updated)"
	elif cmp -s "$tmp/out" "tests/golden/$name.txt"; then
		echo "PASS golden $name"
	else
		echo "FAIL golden $name"
		diff "tests/golden/$name.txt" "$tmp/out" | head -10 | sed 's/^/  /'
	fi
done
