#!/bin/bash
# ftui live -o FILE killed with SIGKILL: its writer process finishes FILE
# from what it had (trace-cmd reads it, ftui report prints it alike) and
# removes the capture's instance; SIGTERM to every ftui process (pkill's
# way) does not take the file with it either.
# Usage: tests/live/crash.sh BUILD_DIR
set -u
build=$(cd "${1:-build}" && pwd)
. tests/live/lib.sh
live_skip_unless_possible live_crash
tmp=$(mktemp -d)
wl=
trap '[ -n "$wl" ] && kill $wl 2>/dev/null; rm -rf "$tmp"' EXIT
pingpong=$(build_pingpong "$tmp") || { echo "FAIL live_crash: cannot build the workload"; exit 0; }
remove_stale_instances
"$pingpong" 100000000 200 >/dev/null 2>&1 &
wl=$!

wait_gone() {	# pid -> 0 once it has ended (up to 30 s)
	for _ in $(seq 300); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	return 1
}

crash_case() {	# name signal-for-ftui signal-for-the-writer
	local out="$tmp/$1.dat" pid writer
	rm -f "$out"
	"$build/ftui" live --memory 32 -e sched -o "$out" --headless=100x30 --keys='!sleep=30 q' \
		>/dev/null 2>"$tmp/$1.err" &
	pid=$!
	# the writer is ftui's only child; the capture is on once the instance is
	for _ in $(seq 100); do
		writer=$(pgrep -P "$pid" | head -1)
		[ -n "$writer" ] && [ -d "$TRACEFS/instances/ftui-$pid" ] && break
		sleep 0.1
	done
	if [ -z "$writer" ]; then
		echo "FAIL live_crash $1: no writer process under ftui $pid"
		kill -KILL "$pid" 2>/dev/null
		return
	fi
	sleep 2
	kill -"$2" "$pid"
	[ -n "$3" ] && kill -"$3" "$writer"
	wait "$pid" 2>/dev/null
	if ! wait_gone "$writer"; then
		echo "FAIL live_crash $1: the writer $writer still runs 30 s after ftui died"
		kill -KILL "$writer"
		return
	fi
	if [ -d "$TRACEFS/instances/ftui-$pid" ]; then
		echo "FAIL live_crash $1: instance ftui-$pid left behind"
		rmdir "$TRACEFS/instances/ftui-$pid" 2>/dev/null
	elif ! trace-cmd report "$out" >"$tmp/$1.txt" 2>"$tmp/$1.tcerr" || [ -s "$tmp/$1.tcerr" ]; then
		echo "FAIL live_crash $1: trace-cmd cannot read $out: $(head -2 "$tmp/$1.tcerr")"
	elif ! grep -qE 'sched_switch: +(ping|pong)' "$tmp/$1.txt"; then
		echo "FAIL live_crash $1: the workload's events are not in the file"
	elif ! "$build/ftui" report "$out" | cmp -s - "$tmp/$1.txt"; then
		echo "FAIL live_crash $1: ftui report differs from trace-cmd report"
	else
		echo "PASS live_crash $1: $(($(wc -l < "$tmp/$1.txt") - 1)) events readable by trace-cmd, instance removed"
	fi
}

crash_case kill9 KILL ""
crash_case term-all TERM TERM
