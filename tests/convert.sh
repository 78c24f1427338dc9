#!/bin/bash
# `ftui convert` writes files that trace-cmd 3.1 and ftui read exactly as they
# read the original: every fixture, converted to v7 zstd, v7 none and v6, must
# give `trace-cmd report` output equal to that of the original (exit 0,
# nothing on stderr), and `ftui report` of the copy must equal it too.
# trace-cmd cannot read zlib: the v7 zlib copy is checked with ftui alone.
# An input trace-cmd cannot read (the zlib fixtures) is compared with
# `ftui report` of the input instead.  Then the same for a big-endian copy
# (--big-endian) of every fixture trace-cmd reads.
# Usage: tests/convert.sh BUILD_DIR
set -u
cd "$(dirname "$0")/.."
build=${1:-build}
ftui="$build/ftui"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

have_tc=1
command -v trace-cmd >/dev/null || have_tc=0

fail() {	# name, then files whose first lines explain
	local name=$1; shift
	echo "FAIL $name"
	for f in "$@"; do
		[ -s "$f" ] && head -4 "$f" | sed 's/^/  /'
	done
}

same() {	# name expected got [stderr-of-got]
	if cmp -s "$2" "$3" && { [ $# -lt 4 ] || [ ! -s "$4" ]; }; then
		echo "PASS $1"
	else
		echo "FAIL $1"
		diff "$2" "$3" | head -6 | sed 's/^/  /'
		[ $# -ge 4 ] && head -3 "$4" | sed 's/^/  stderr: /'
	fi
}

for f in tests/fixtures/*.dat; do
	base=$(basename "$f" .dat)
	# what the original reads as
	"$ftui" report "$f" >"$tmp/ftui.in" 2>/dev/null
	ref="$tmp/tc.in" ref_name="trace-cmd"
	if [ $have_tc -eq 0 ] || ! trace-cmd report "$f" >"$tmp/tc.in" 2>/dev/null; then
		ref="$tmp/ftui.in" ref_name="ftui"
	fi
	for variant in "v7-zstd|7|zstd" "v7-none|7|none" "v6|6|none" "v7-zlib|7|zlib"; do
		IFS='|' read -r tag version comp <<<"$variant"
		name="convert $base $tag"
		out="$tmp/$base.$tag.dat"
		if ! "$ftui" convert --file-version "$version" --compression "$comp" "$f" "$out" >"$tmp/conv.out" 2>"$tmp/conv.err" ||
		   [ -s "$tmp/conv.err" ]; then
			fail "$name: ftui convert failed" "$tmp/conv.err"
			continue
		fi
		if [ "$comp" = zlib ]; then
			"$ftui" report "$out" >"$tmp/ftui.out" 2>"$tmp/ftui.err"
			same "$name ftui (vs ftui report of the original)" "$tmp/ftui.in" "$tmp/ftui.out" "$tmp/ftui.err"
			continue
		fi
		if [ $have_tc -eq 1 ]; then
			trace-cmd report "$out" >"$tmp/tc.out" 2>"$tmp/tc.err"
			rc=$?
			if [ $rc -ne 0 ]; then
				fail "$name trace-cmd (exit $rc)" "$tmp/tc.err"
			else
				same "$name trace-cmd (vs $ref_name report of the original)" "$ref" "$tmp/tc.out" "$tmp/tc.err"
			fi
		else
			echo "SKIP $name trace-cmd: trace-cmd is not installed (scripts/deps.sh --test)"
		fi
		"$ftui" report "$out" >"$tmp/ftui.out" 2>"$tmp/ftui.err"
		same "$name ftui (vs $ref_name report of the original)" "$ref" "$tmp/ftui.out" "$tmp/ftui.err"
	done
done

# Big-endian twins: `ftui convert --big-endian` swaps every integer of the
# file, pages and record fields included (capture/convert.h), in the input's
# file version; trace-cmd and ftui must print the copy exactly as trace-cmd
# prints the original.  (Big-endian inputs, as sched_be_*.dat, are copied.)
for f in tests/fixtures/*.dat; do
	base=$(basename "$f" .dat)
	name="convert --big-endian $base"
	case "$base" in
	*zlib*)
		echo "SKIP $name: trace-cmd cannot read the zlib original (its zstd twin is tested)"
		continue ;;
	esac
	if [ $have_tc -eq 0 ]; then
		echo "SKIP $name: trace-cmd is not installed (scripts/deps.sh --test)"
		continue
	fi
	if ! trace-cmd report "$f" >"$tmp/tc.in" 2>/dev/null; then
		echo "SKIP $name: trace-cmd cannot read the original"
		continue
	fi
	version=$("$ftui" stat "$f" 2>/dev/null | sed -n 's/^version: *\([67]\).*/\1/p')
	out="$tmp/$base.be.dat"
	if ! "$ftui" convert --big-endian --file-version "${version:-7}" "$f" "$out" >"$tmp/conv.out" 2>"$tmp/conv.err" ||
	   [ -s "$tmp/conv.err" ]; then
		fail "$name: ftui convert failed or warned" "$tmp/conv.err"
		continue
	fi
	if ! "$ftui" stat "$out" 2>/dev/null | grep -q '^endian: *big'; then
		fail "$name: the copy is not big-endian"
		continue
	fi
	trace-cmd report "$out" >"$tmp/tc.out" 2>"$tmp/tc.err"
	rc=$?
	if [ $rc -ne 0 ]; then
		fail "$name trace-cmd (exit $rc)" "$tmp/tc.err"
	else
		same "$name trace-cmd (vs trace-cmd report of the original)" "$tmp/tc.in" "$tmp/tc.out" "$tmp/tc.err"
	fi
	"$ftui" report "$out" >"$tmp/ftui.out" 2>"$tmp/ftui.err"
	same "$name ftui (vs trace-cmd report of the original)" "$tmp/tc.in" "$tmp/ftui.out" "$tmp/ftui.err"
done

# usage errors and refusals: one "ftui: ..." line, non-zero exit
check_refusal() {	# name expected-exit args...
	local name=$1 want=$2; shift 2
	"$ftui" convert "$@" >"$tmp/r.out" 2>"$tmp/r.err"
	local rc=$?
	if [ $rc -eq "$want" ] && grep -q '^ftui: ' "$tmp/r.err" && ! grep -qE 'Sanitizer|runtime error' "$tmp/r.err"; then
		echo "PASS convert refuses $name"
	else
		fail "convert refuses $name (exit $rc, wanted $want)" "$tmp/r.err"
	fi
}
f=tests/fixtures/sched_v7_zstd.dat
check_refusal "an unwritable path" 1 "$f" /nonexistent/dir/out.dat
check_refusal "a bad version" 2 --file-version 5 "$f" "$tmp/x.dat"
check_refusal "compressed v6" 2 --file-version 6 --compression zstd "$f" "$tmp/x.dat"
check_refusal "an unknown compression" 2 --compression lz4 "$f" "$tmp/x.dat"
cp "$f" "$tmp/self.dat"
check_refusal "IN as OUT" 1 "$tmp/self.dat" "$tmp/self.dat"
cmp -s "$f" "$tmp/self.dat" || echo "FAIL convert IN as OUT damaged IN"
check_refusal "a missing input" 1 "$tmp/none.dat" "$tmp/x.dat"
