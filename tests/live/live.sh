#!/bin/bash
# ftui live on the real tracefs: a ping-pong workload with known names must
# show in the task table with switches and wakeups; -o records a file that
# trace-cmd reads; tracefs is left as it was.
# Usage: tests/live/live.sh BUILD_DIR
set -u
build=$(cd "${1:-build}" && pwd)
. tests/live/lib.sh
live_skip_unless_possible live
tmp=$(mktemp -d)
trap 'pkill -f "$tmp/pingpong" 2>/dev/null; rm -rf "$tmp"' EXIT
pingpong=$(build_pingpong "$tmp") || { echo "FAIL live: cannot build the workload"; exit 0; }
remove_stale_instances
before=$(tracefs_snapshot)

check_untouched() {
	local after
	after=$(tracefs_snapshot)
	if [ "$before" = "$after" ]; then
		echo "PASS live $1: top-level tracefs untouched, instance removed"
	else
		echo "FAIL live $1: tracefs changed"
		diff <(echo "$before") <(echo "$after") | head -10 | sed 's/^/  /'
	fi
}

# a row "PID TID COMM CPU% TIME v/i WAKE ..." for comm $1 with switches and wakeups > 0
row_ok() {	# screen-file comm
	awk -v comm="$2" '$3 == comm { split($6, sw, "/"); if (sw[1] + sw[2] > 0 && $7 > 0) ok = 1 } END { exit !ok }' "$1"
}

# The whole machine, the workload running beside it
"$pingpong" 1000000 300 >/dev/null 2>&1 &
wl=$!
"$build/ftui" live --memory 32 --headless=140x40 --keys='!sleep=3 !dump / =p <Enter> !dump q' >"$tmp/screen" 2>"$tmp/err"
rc=$?
kill $wl 2>/dev/null
wait $wl 2>/dev/null
if [ $rc -ne 0 ]; then
	echo "FAIL live task table: exit $rc: $(head -2 "$tmp/err")"
elif row_ok "$tmp/screen" ping && row_ok "$tmp/screen" pong; then
	echo "PASS live task table: ping and pong with switches and wakeups"
else
	echo "FAIL live task table: no ping/pong rows with switches and wakeups"
	sed 's/^/  | /' "$tmp/screen" | head -20
fi
if grep -qE 'switches/s' "$tmp/screen" && grep -qE '^ +[0-9]+\[' "$tmp/screen"; then
	echo "PASS live header: busy bars and rates"
else
	echo "FAIL live header: no per-CPU bars or rates"
fi
check_untouched "whole machine"

# Following a command, recording while viewing
out="$tmp/live.dat"
"$build/ftui" live --memory 32 -o "$out" --headless=120x30 --keys='!sleep=2 <Enter> !dump q q' -- "$pingpong" 3000 300 \
	>"$tmp/screen2" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ]; then
	echo "FAIL live -o: exit $rc: $(head -2 "$tmp/err")"
elif ! trace-cmd report "$out" >"$tmp/tc.txt" 2>"$tmp/tc.err" || [ -s "$tmp/tc.err" ]; then
	echo "FAIL live -o: trace-cmd cannot read the recording: $(head -2 "$tmp/tc.err")"
elif ! "$build/ftui" report "$out" | cmp -s - "$tmp/tc.txt"; then
	echo "FAIL live -o: ftui report differs from trace-cmd report"
elif ! grep -qE 'sched_switch: +(ping|pong)' "$tmp/tc.txt"; then
	echo "FAIL live -o: the command's events are not in the recording"
else
	echo "PASS live -o: recording of $(($(wc -l < "$tmp/tc.txt") - 1)) events read alike by trace-cmd and ftui"
fi
if grep -q 'events  \[task' "$tmp/screen2"; then
	echo "PASS live Enter: a task's timeline and events"
else
	echo "FAIL live Enter: no task view after Enter"
	sed 's/^/  | /' "$tmp/screen2" | head -12
fi
check_untouched "command"

# The analyses on live data: the latency table shows the workload's tasks
# with waits, a hist on raw_syscalls:sys_enter keyed by execname shows it
"$build/ftui" live --memory 32 -e sched -e raw_syscalls --headless=140x40 \
	--keys='!sleep=3 <Tab> L !dump <Esc> H =raw_syscalls:sys_enter <Space> =keys=common_pid.execname:sort=hitcount.descending <Enter> !dump q q' \
	-- "$pingpong" 100000 200 >"$tmp/screen4" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && awk '$2 == "ping" && $3 > 0 { p = 1 } $2 == "pong" && $3 > 0 { q = 1 } END { exit !(p && q) }' "$tmp/screen4"; then
	echo "PASS live latency: ping and pong with waits"
else
	echo "FAIL live latency: exit $rc, no ping/pong rows with waits"
	grep -A8 'wakeup latency' "$tmp/screen4" | sed 's/^/  | /' | head -10
fi
if grep -qE '\{ common_pid: (ping|pong) +\[ *[0-9]+\] \} hitcount: +[1-9]' "$tmp/screen4"; then
	echo "PASS live hist: raw_syscalls:sys_enter by execname shows the workload"
else
	echo "FAIL live hist: no ping/pong entries"
	grep -A6 '^hist ' "$tmp/screen4" | sed 's/^/  | /' | head -8
fi
check_untouched "analyses"

# A small memory budget: the oldest pages go, the capture goes on
"$pingpong" 1000000 0 >/dev/null 2>&1 &
wl=$!
"$build/ftui" live --memory 8 -e sched -e raw_syscalls --headless=120x20 --keys='!sleep=3 !dump q' \
	>"$tmp/screen3" 2>"$tmp/err"
rc=$?
kill $wl 2>/dev/null
wait $wl 2>/dev/null
mem=$(grep -oE 'memory [0-9.]+ MB' "$tmp/screen3" | awk '{print $2}')
# the budget counts what is held; room kept for growth and page slack come on top
if [ $rc -eq 0 ] && [ -n "$mem" ] && awk -v m="$mem" 'BEGIN { exit !(m < 32) }'; then
	echo "PASS live --memory 8: held $mem MB"
else
	echo "FAIL live --memory 8: exit $rc, memory '${mem:-?}' MB: $(head -1 "$tmp/err")"
fi
check_untouched "memory budget"

# A command's output goes to the file the header names, not over the screen;
# tasks that exit are in the interval of their exit, then leave; each row
# has its PID; only the command's tasks are shown (-P's way).
"$build/ftui" live --memory 32 --headless=130x30 --keys='!sleep=1.5 !dump !sleep=2.5 !dump q' \
	-- sh -c 'echo out-marker; echo err-marker >&2; for i in 1 2 3; do sleep 0.5 & done; wait; sleep 3' \
	>"$tmp/screen5" 2>"$tmp/err"
rc=$?
cmd_out=$(grep -oE 'output in [^ ]+' "$tmp/screen5" | head -1 | cut -d' ' -f3)
if [ $rc -ne 0 ] || [ -z "$cmd_out" ]; then
	echo "FAIL live command output: exit $rc, no output file in the header"
elif grep -q 'marker' "$tmp/screen5" "$tmp/err"; then
	echo "FAIL live command output: the command's output is on the screen"
elif [ "$(cat "$cmd_out")" != "$(printf 'out-marker\nerr-marker')" ]; then
	echo "FAIL live command output: $cmd_out holds '$(head -c 80 "$cmd_out")'"
else
	echo "PASS live command output: in $cmd_out, named in the header"
fi
rm -f "$cmd_out"
# screen 1 (1.5 s): the three short sleeps, exited in it; screen 2 (4 s): gone
awk '/^=== screen 1/ { s = 1 } /^=== screen 2/ { s = 2 } $3 == "sleep" { n[s]++ } END { exit !(n[1] >= 3 && n[2] <= 1) }' \
	"$tmp/screen5"
if [ $? -eq 0 ]; then
	echo "PASS live exited tasks: the short sleeps are shown, then leave the table"
else
	echo "FAIL live exited tasks: sleep rows per screen: $(awk '/^=== screen/ { s++ } $3 == "sleep" { n[s]++ } END { print n[1] + 0, n[2] + 0 }' "$tmp/screen5")"
fi
if awk '$3 ~ /^(sh|sleep)$/ && $1 == "-" { bad = 1 } END { exit bad }' "$tmp/screen5"; then
	echo "PASS live PIDs: every row of the command's tasks has its PID"
else
	echo "FAIL live PIDs: rows with PID -"
fi
if awk '/^ +PID +TID/ { t = 1; next } /^sort:|^===/ { t = 0 } t && $2 ~ /^[0-9]+$/ && $3 != "sh" && $3 != "sleep" { bad = 1 } END { exit bad }' "$tmp/screen5" &&
   grep -q 'per-CPU load unknown' "$tmp/screen5"; then
	echo "PASS live -P: only the followed tasks, no CPU bars"
else
	echo "FAIL live -P: other tasks or CPU bars shown"
	grep -A6 '^ *PID' "$tmp/screen5" | sed 's/^/  | /' | head -8
fi
check_untouched "command output"
