#!/bin/bash
# ftui record on the real tracefs: a known workload, the file read back by
# trace-cmd and ftui alike, and tracefs left as it was, on every kind of exit.
# Usage: tests/live/record.sh BUILD_DIR
set -u
build=$(cd "${1:-build}" && pwd)
. tests/live/lib.sh
live_skip_unless_possible record
tmp=$(mktemp -d)
trap 'umount "$tmp/full" 2>/dev/null; rm -rf "$tmp"' EXIT
pingpong=$(build_pingpong "$tmp") || { echo "FAIL record: cannot build the workload"; exit 0; }
remove_stale_instances
before=$(tracefs_snapshot)

check_untouched() {	# name
	local after
	after=$(tracefs_snapshot)
	if [ "$before" = "$after" ]; then
		echo "PASS record $1: top-level tracefs untouched, instance removed"
	else
		echo "FAIL record $1: tracefs changed"
		diff <(echo "$before") <(echo "$after") | head -10 | sed 's/^/  /'
	fi
}

check_file() {	# name file [pattern]
	local f=$2
	if ! trace-cmd report "$f" >"$tmp/tc.txt" 2>"$tmp/tc.err" || [ -s "$tmp/tc.err" ]; then
		echo "FAIL record $1: trace-cmd report fails: $(head -2 "$tmp/tc.err")"
		return
	fi
	"$build/ftui" report "$f" >"$tmp/ftui.txt" 2>/dev/null
	if ! cmp -s "$tmp/tc.txt" "$tmp/ftui.txt"; then
		echo "FAIL record $1: ftui report differs from trace-cmd report"
		diff "$tmp/tc.txt" "$tmp/ftui.txt" | head -6 | sed 's/^/  /'
		return
	fi
	if [ -n "${3:-}" ] && ! grep -qE "$3" "$tmp/tc.txt"; then
		echo "FAIL record $1: no /$3/ in the recording"
		return
	fi
	echo "PASS record $1: $(($(wc -l < "$tmp/tc.txt") - 1)) events, trace-cmd and ftui agree"
}

# A command, followed with its children, in each file format.
for fmt in "7 zstd" "7 none" "6 none"; do
	set -- $fmt
	out="$tmp/pp-v$1-$2.dat"
	if "$build/ftui" record -o "$out" --file-version "$1" --compression "$2" -- "$pingpong" 200 100 \
		2>"$tmp/err"; then
		check_file "command v$1 $2" "$out" 'sched_switch: +(ping|pong):[0-9]+'
	else
		echo "FAIL record command v$1 $2: $(cat "$tmp/err")"
	fi
	check_untouched "command v$1 $2"
done

# More events, and a zlib file that only ftui reads
out="$tmp/sys.dat"
if "$build/ftui" record -o "$out" -e sched -e raw_syscalls --compression zlib -- "$pingpong" 50 0 2>"$tmp/err" &&
   "$build/ftui" report "$out" | grep -qE 'sys_(enter|exit):'; then
	echo "PASS record raw_syscalls, zlib"
else
	echo "FAIL record raw_syscalls, zlib: $(head -2 "$tmp/err")"
fi
check_untouched "raw_syscalls"

# Stopped by signals, as Ctrl-C and a dropped ssh session do
for sig in INT TERM HUP; do
	out="$tmp/sig-$sig.dat"
	"$build/ftui" record -o "$out" -e sched 2>"$tmp/err" &
	pid=$!
	sleep 1
	( "$pingpong" 20 1000 >/dev/null )
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	if [ $rc -eq 0 ]; then
		check_file "stopped by SIG$sig" "$out"
	else
		echo "FAIL record stopped by SIG$sig: exit $rc: $(cat "$tmp/err")"
	fi
	check_untouched "SIG$sig"
done

# Killed outright: the next ftui removes the instance left behind
"$build/ftui" record -o "$tmp/killed.dat" -e sched 2>/dev/null &
pid=$!
sleep 1
kill -KILL "$pid"
wait "$pid" 2>/dev/null
"$build/ftui" record -o "$tmp/after.dat" -e sched -- true 2>/dev/null
check_untouched "after SIGKILL (stale instance removed)"

# Clear errors
"$build/ftui" record -o "$tmp/x.dat" -e no_such_event -- true 2>"$tmp/err"
if [ $? -ne 0 ] && grep -q 'unknown event "no_such_event"' "$tmp/err" && [ "$(wc -l < "$tmp/err")" -eq 1 ]; then
	echo "PASS record unknown event: one clear line"
else
	echo "FAIL record unknown event: $(cat "$tmp/err")"
fi
check_untouched "unknown event"
# A full disk: the capture stops with one clear line, leaving no file
mkdir -p "$tmp/full"
if mount -t tmpfs -o size=1m ftui-test "$tmp/full" 2>/dev/null; then
	"$build/ftui" record -o "$tmp/full/x.dat" -e sched -e raw_syscalls -- "$pingpong" 20000 0 2>"$tmp/err"
	rc=$?
	left=$(ls -A "$tmp/full")
	umount "$tmp/full"
	if [ $rc -eq 1 ] && grep -q 'No space left on device' "$tmp/err" && [ "$(grep -vc 'recording to' "$tmp/err")" -eq 1 ] &&
	   [ -z "$left" ]; then
		echo "PASS record full disk: one clear line ($(grep -v 'recording to' "$tmp/err")), no file left"
	else
		echo "FAIL record full disk: exit $rc, left '$left': $(cat "$tmp/err")"
	fi
	check_untouched "full disk"
else
	echo "SKIP record full disk: cannot mount a small tmpfs"
fi
for tracer in function function_graph; do
	"$build/ftui" record -o "$tmp/x.dat" -p "$tracer" -- true 2>"$tmp/err"
	if [ $? -ne 0 ] && grep -qE "refuses the $tracer tracer|no tracer \"$tracer\"" "$tmp/err" &&
	   [ "$(wc -l < "$tmp/err")" -eq 1 ]; then
		echo "PASS record -p $tracer: one clear line ($(cat "$tmp/err"))"
	elif [ $? -eq 0 ]; then
		echo "PASS record -p $tracer: the kernel allows it"
	else
		echo "FAIL record -p $tracer: $(cat "$tmp/err")"
	fi
	check_untouched "-p $tracer"
done
if command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$build/ftui" record -o /tmp/x.dat -- true 2>"$tmp/err"
	if [ $? -ne 0 ] && grep -q 'needs root' "$tmp/err"; then
		echo "PASS record not root: one clear line"
	else
		echo "FAIL record not root: $(cat "$tmp/err")"
	fi
fi
