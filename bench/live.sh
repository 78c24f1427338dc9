#!/bin/bash
#
# live.sh - what recording costs: trace-cmd record vs ftui record vs ftui live.
#
# usage: bench/live.sh [OUTDIR]          (as root; default OUTDIR = bench/out)
#
# One workload -- tests/fixtures/pingpong.c (ROUNDS round trips over two pipes
# between two processes) next to `dd if=/dev/zero of=/dev/null bs=DD_BS
# count=DD_COUNT` -- is run
#   (a) untraced,
#   (b) under `trace-cmd record -e sched -e irq -e raw_syscalls -o F`,
#   (c) under `ftui record` with the same events,
#   (d) under `ftui live --headless=120x40 --keys='!sleep=D !dump q' -o F`,
# REPS (3) times each, interleaved (a b c d, a b c d, ...), and one table shows
# the best and mean of: the workload's wall time and its slowdown against (a);
# the tracer's own CPU time (user+sys of the tracer's process tree); the events
# in the file (`ftui stat`, line `events:`); the events lost according to the
# file (`ftui stat`, line `lost events:`) and according to the tracer itself
# (trace-cmd: its "CPU N: M events lost" lines; ftui record: "N events lost";
# ftui live: "lost N" in the header of its last screen).
#
# How the tracer's CPU is kept apart from the workload's: the workload is never
# the tracer's child.  The script starts it itself, blocked on a FIFO; starts the
# tracer (in a subshell that only waits for it and then reads `times`, i.e. the
# rusage of the tracer and every process the tracer reaped: trace-cmd's
# per-CPU recorders, and nothing else); waits until the tracer is recording; opens
# the FIFO; waits for the workload; stops the tracer with SIGINT (trace-cmd
# with -P stops by itself when the pid is gone; ftui live stops after D s).
# The workload's wall time is taken inside it, from the FIFO opening to the
# end of both commands.  What tracing costs inside the workload (the
# tracepoints writing into the ring buffer) is in the workload's slowdown, not
# in the tracer's CPU.
#
# Two scopes (SCOPES, default both):
#   task    only the workload and its children: trace-cmd -P PID -c, ftui -P PID
#           (ftui follows forks with -P).  Reproducible event counts.
#   system  every task: no pid filter (what `trace-cmd record -- CMD` does
#           without -F).  Also records whatever else the machine does, so
#           event counts move with the background load.
# `ftui record -- CMD` always filters on CMD's pid, which is why the workload
# is started apart and followed with -P instead of being run with `--`.
#
# ftui live has no way to be stopped from outside in headless mode (no signal
# handling without a terminal) and does not stop when a -P pid ends, so it
# runs for a fixed D = SETTLE + 1.5 x the slowest (a)/(b)/(c) wall time of that
# round + 1 s; its CPU therefore includes an idle tail (the "ran s" column
# shows how long it ran; idle, ftui live costs next to nothing after start-up).
# If the workload outlives it, the run is flagged "TRUNCATED".
#
# tracefs: trace-cmd works in the top-level instance; its settings
# (tracing_on, buffer_size_kb, set_event, set_event_pid, options/event-fork,
# trace_clock, current_tracer, tracing_cpumask) are saved first, checked after
# every run and put back if a run changed them; ftui works in its own instance
# ftui-PID, which must be gone after each run (else it is removed and the run
# flagged).  An exit or Ctrl-C in the middle stops what this script started (by
# pid) and restores the same way.  Refuses to run next to another trace-cmd
# record, make-fixtures.sh, make-big-trace.sh or a second live.sh.
#
# trace-cmd runs under the EPERM shim (tests/fixtures/eperm-shim.c, see
# make-big-trace.sh), compiled into a temp dir; harmless on a normal kernel.
#
# Output: the table on stdout, also OUTDIR/live-results.txt; every run as a
# row of OUTDIR/live-runs.tsv.
#
# Env: REPS=3  ROUNDS=200000  USLEEP=0  DD_BS=64  DD_COUNT=500000
#      SCOPES="task system"  TRACERS="tc record live" (which of (b) (c) (d) to run)
#      BUF_KB= (per-CPU buffer for all three tracers:
#      -b; empty = the kernel's defaults: trace-cmd uses the top-level buffer
#      as it is, ftui's new instance gets the boot-time size)
#      SETTLE=0.3 (s between "recording" and opening the FIFO)
#      FTUI=build/ftui (copied to the temp dir at the start)  FTUI_ARGS= (more
#      options for ftui record and ftui live, e.g. "--compression none")  TRACE_CMD=trace-cmd
#      TRACEFS=/sys/kernel/tracing  SHIM=path/to/eperm-shim.c  KEEP=1 (keep temp dir)

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
OUTDIR=${1:-$here/out}
REPS=${REPS:-3}
ROUNDS=${ROUNDS:-200000}
USLEEP=${USLEEP:-0}
DD_BS=${DD_BS:-64}
DD_COUNT=${DD_COUNT:-500000}
SCOPES=${SCOPES:-task system}
TRACERS=${TRACERS:-tc record live}
BUF_KB=${BUF_KB:-}
SETTLE=${SETTLE:-0.3}
TRACE_CMD=${TRACE_CMD:-trace-cmd}
TRACEFS=${TRACEFS:-/sys/kernel/tracing}
EVENTS="sched irq raw_syscalls"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'live.sh: %s\n' "$*" >&2; exit 1; }
. "$here/lib.sh"

for v in REPS ROUNDS USLEEP DD_BS DD_COUNT; do
	case ${!v} in '' | *[!0-9]*) die "$v must be a number (got '${!v}')" ;; esac
done
[ "$REPS" -ge 1 ] || die "REPS must be at least 1"
case $BUF_KB in *[!0-9]*) die "BUF_KB must be a number (got '$BUF_KB')" ;; esac
for s in $SCOPES; do
	case $s in task | system) ;; *) die "SCOPES: 'task' and/or 'system' (got '$s')" ;; esac
done
for s in $TRACERS; do
	case $s in tc | record | live) ;; *) die "TRACERS: some of 'tc record live' (got '$s')" ;; esac
done

# -------------------------------------------------------------- preflight
[ "$(id -u)" -eq 0 ] || die "must run as root (tracefs)"
[ -w "$TRACEFS/tracing_on" ] || die "tracefs not mounted/writable at $TRACEFS"
command -v "$TRACE_CMD" >/dev/null || die "$TRACE_CMD not found"
command -v stdbuf >/dev/null || die "stdbuf (coreutils) not found"
command -v gcc >/dev/null || die "gcc not found"
[ "${BASH_VERSINFO[0]}" -ge 5 ] || die "needs bash 5 (EPOCHREALTIME)"

mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)
exec 9> "$OUTDIR/.live.lock"
flock -n 9 || die "another bench/live.sh is running (lock $OUTDIR/.live.lock)"
refuse_next_to_recordings 'make-big-trace\.sh'
shim_src=$(shim_source) || exit 1

# ---------------------------------------------------------- tracefs state
# The top-level files trace-cmd touches, as "name<TAB>content" (newlines as |).
STATE_FILES="tracing_on buffer_size_kb current_tracer trace_clock tracing_cpumask set_event set_event_pid options/event-fork options/overwrite"
read_tf() { cat "$TRACEFS/$1" 2>/dev/null || true; }
snapshot() {
	local f
	for f in $STATE_FILES; do
		printf '%s\t%s\n' "$f" "$(read_tf "$f" | sort | tr '\n' '|')"
	done
}
buf_kb() {	# "7 (expanded: 1408)" -> 1408, "1408" -> 1408
	read_tf "${1:-}buffer_size_kb" | sed -n 's/.*expanded: \([0-9]*\).*/\1/p;t;s/^\([0-9][0-9]*\).*/\1/p'
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftui-live-bench.XXXXXX")
saved_state=$(snapshot)
saved_set_event=$(read_tf set_event)
saved_event_pid=$(read_tf set_event_pid)
saved_kb=$(buf_kb)
saved_on=$(read_tf tracing_on)
saved_clock=$(read_tf trace_clock | sed -n 's/.*\[\(.*\)\].*/\1/p')
saved_tracer=$(read_tf current_tracer)
saved_mask=$(read_tf tracing_cpumask)
saved_fork=$(read_tf options/event-fork)
saved_overwrite=$(read_tf options/overwrite)
my_pids=()		# everything this script started that may still run
tracer_pids=()		# every tracer pid (their ftui-PID instances must go)
restored=0		# how many times the top level had to be put back

# Put the top-level state back, file by file, where it differs.
restore_state() {
	local now changed=0
	now=$(snapshot)
	[ "$now" = "$saved_state" ] && return 0
	if [ "$(read_tf set_event | sort)" != "$(printf '%s\n' "$saved_set_event" | sed '/^$/d' | sort)" ]; then
		: > "$TRACEFS/set_event" 2>/dev/null || true
		printf '%s\n' "$saved_set_event" | sed '/^$/d' | while read -r ev; do
			echo "$ev" >> "$TRACEFS/set_event" 2>/dev/null || true
		done
		changed=1
	fi
	if [ "$(read_tf set_event_pid)" != "$saved_event_pid" ]; then
		: > "$TRACEFS/set_event_pid" 2>/dev/null || true
		for p in $saved_event_pid; do echo "$p" >> "$TRACEFS/set_event_pid" 2>/dev/null || true; done
		changed=1
	fi
	[ "$(buf_kb)" = "$saved_kb" ] || { echo "$saved_kb" > "$TRACEFS/buffer_size_kb" 2>/dev/null || true; changed=1; }
	[ "$(read_tf current_tracer)" = "$saved_tracer" ] || { echo "$saved_tracer" > "$TRACEFS/current_tracer" 2>/dev/null || true; changed=1; }
	[ -z "$saved_clock" ] || [ "$(read_tf trace_clock | sed -n 's/.*\[\(.*\)\].*/\1/p')" = "$saved_clock" ] ||
		{ echo "$saved_clock" > "$TRACEFS/trace_clock" 2>/dev/null || true; changed=1; }
	[ "$(read_tf tracing_cpumask)" = "$saved_mask" ] || { echo "$saved_mask" > "$TRACEFS/tracing_cpumask" 2>/dev/null || true; changed=1; }
	[ "$(read_tf options/event-fork)" = "$saved_fork" ] || { echo "$saved_fork" > "$TRACEFS/options/event-fork" 2>/dev/null || true; changed=1; }
	[ "$(read_tf options/overwrite)" = "$saved_overwrite" ] || { echo "$saved_overwrite" > "$TRACEFS/options/overwrite" 2>/dev/null || true; changed=1; }
	[ "$(read_tf tracing_on)" = "$saved_on" ] || { echo "$saved_on" > "$TRACEFS/tracing_on" 2>/dev/null || true; changed=1; }
	restored=$((restored + changed))
	now=$(snapshot)
	if [ "$now" != "$saved_state" ]; then
		log "WARNING: could not put the top-level tracefs state back:"
		diff <(printf '%s\n' "$saved_state") <(printf '%s\n' "$now") >&2 || true
		return 1
	fi
	return 0
}

# Remove the instance of one of our ftui processes if it is still there.
# Returns 1 if there was one.
remove_instance() {
	local d=$TRACEFS/instances/ftui-$1
	[ -d "$d" ] || return 0
	kill -0 "$1" 2>/dev/null && return 0	# still running: not ours to take
	echo 0 > "$d/tracing_on" 2>/dev/null || true
	rmdir "$d" 2>/dev/null || log "WARNING: cannot remove $d"
	return 1
}

on_exit() {
	local rc=$? p
	trap - EXIT INT TERM
	for p in "${my_pids[@]}"; do
		kill -0 "$p" 2>/dev/null || continue
		kill -INT "$p" 2>/dev/null || true
	done
	for p in "${my_pids[@]}"; do
		for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
		kill -KILL "$p" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	for p in "${tracer_pids[@]}"; do remove_instance "$p" || log "removed the instance ftui-$p left behind"; done
	restore_state || rc=1
	if [ "${KEEP:-0}" = 1 ]; then log "kept $tmp"; else rm -rf "$tmp"; fi
	exit $rc
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ build
if [ -n "${FTUI:-}" ]; then
	[ -x "$FTUI" ] || die "FTUI=$FTUI is not executable"
elif make -C "$root" -s build/ftui >&2; then
	FTUI=$root/build/ftui
elif [ -x "$root/build/ftui" ]; then
	FTUI=$root/build/ftui
	log "WARNING: make build/ftui failed; using the build/ftui that is there"
else
	die "cannot build build/ftui"
fi
cp "$FTUI" "$tmp/ftui"	# a stable copy: nothing rebuilds it under us
ftui=$tmp/ftui
gcc -O2 -shared -fPIC -o "$tmp/shim.so" "$shim_src" -ldl
gcc -O2 -o "$tmp/pingpong" "$root/tests/fixtures/pingpong.c"
mkfifo "$tmp/gate"
ev_args=()
for e in $EVENTS; do ev_args+=(-e "$e"); done
b_args=()
[ -z "$BUF_KB" ] || b_args=(-b "$BUF_KB")
read -r -a ftui_args <<< "${FTUI_ARGS:-}"

# ------------------------------------------------------------ one run
# The workload, blocked on the FIFO; writes "start end" (EPOCHREALTIME) to $1.
workload() {
	local s e
	read -r _ < "$tmp/gate"
	s=$EPOCHREALTIME
	"$tmp/pingpong" "$ROUNDS" "$USLEEP" &
	dd if=/dev/zero of=/dev/null bs="$DD_BS" count="$DD_COUNT" 2>/dev/null
	wait $!
	e=$EPOCHREALTIME
	echo "$s $e" > "$1"
}

# Start a tracer: the subshell waits for it and writes, to $tmp/tracer.res,
# "rc children-user children-sys wall" (times' children line: the tracer and
# what it reaped).  Sets tracer_pid and tracer_sub.
start_tracer() {	# LOG CMD...
	local logf=$1
	shift
	rm -f "$tmp/tracer.pid" "$tmp/tracer.res"
	(
		set +e
		s=$EPOCHREALTIME
		"$@" > "$logf" 2>&1 &
		echo $! > "$tmp/tracer.pid"
		wait $!
		rc=$?
		e=$EPOCHREALTIME
		times > "$tmp/tracer.times"	# a builtin, no fork: $(times) would read a fresh subshell's
		echo "$rc $(sed -n 2p "$tmp/tracer.times") $s $e" > "$tmp/tracer.res.tmp"
		mv "$tmp/tracer.res.tmp" "$tmp/tracer.res"
	) &
	tracer_sub=$!
	my_pids+=("$tracer_sub")
	for _ in $(seq 100); do [ -s "$tmp/tracer.pid" ] && break; sleep 0.05; done
	tracer_pid=$(cat "$tmp/tracer.pid")
	my_pids+=("$tracer_pid")
	tracer_pids+=("$tracer_pid")
}

# Wait (at most 30 s) until the tracer records: trace-cmd prints "Hit Ctrl^C"
# once tracing is on; ftui record prints "recording to"; ftui live's instance
# has tracing_on = 1.
wait_ready() {	# KIND LOG
	for _ in $(seq 300); do
		kill -0 "$tracer_pid" 2>/dev/null || { cat "$2" >&2; die "the tracer ($1) ended before it was recording"; }
		case $1 in
		tc) grep -q 'Hit Ctrl' "$2" && return 0 ;;
		record) grep -q 'recording to' "$2" && return 0 ;;
		live) [ "$(cat "$TRACEFS/instances/ftui-$tracer_pid/tracing_on" 2>/dev/null)" = 1 ] && return 0 ;;
		esac
		sleep 0.1
	done
	cat "$2" >&2
	die "the tracer ($1) did not start recording within 30 s"
}

secs() { awk '{ s = 0; for (i = 1; i <= NF; i++) { split($i, a, "m"); sub("s", "", a[2]); s += a[1] * 60 + a[2] } printf "%.3f", s }'; }

# run_one REP SCOPE KIND [LIVE_SECONDS]; KIND: none tc record live.
# Appends a row to $runs and sets last_wall.
run_one() {
	local rep=$1 scope=$2 kind=$3 dur=${4:-} wres=$tmp/workload.res logf=$tmp/tracer.log out=$tmp/trace.dat
	local wpid note="" wall tcpu twall events="" lost_file="" lost_pages="" lost_self="" bufkb="" bytes=""
	local res rc
	rm -f "$wres" "$out" "$out".cpu* "$logf"
	workload "$wres" &
	wpid=$!
	my_pids+=("$wpid")
	pid_args=()
	case $scope in task) pid_args=(-P "$wpid") ;; esac
	case $kind in
	none)
		echo go > "$tmp/gate"
		;;
	tc)
		[ "$scope" = task ] && pid_args+=(-c)
		start_tracer "$logf" env LD_PRELOAD="$tmp/shim.so" stdbuf -oL "$TRACE_CMD" record \
			"${ev_args[@]}" "${b_args[@]}" "${pid_args[@]}" -o "$out"
		wait_ready tc "$logf"
		bufkb=$(buf_kb)
		;;
	record)
		start_tracer "$logf" "$ftui" record "${ev_args[@]}" "${b_args[@]}" "${ftui_args[@]}" "${pid_args[@]}" -o "$out"
		wait_ready record "$logf"
		bufkb=$(buf_kb "instances/ftui-$tracer_pid/")
		;;
	live)
		start_tracer "$logf" "$ftui" live "${ev_args[@]}" "${b_args[@]}" "${ftui_args[@]}" "${pid_args[@]}" -o "$out" \
			--headless=120x40 "--keys=!sleep=$dur !dump q"
		wait_ready live "$logf"
		bufkb=$(buf_kb "instances/ftui-$tracer_pid/")
		;;
	esac
	if [ "$kind" != none ]; then
		sleep "$SETTLE"
		kill -0 "$tracer_pid" 2>/dev/null || { cat "$logf" >&2; die "$kind ended before the workload started"; }
		echo go > "$tmp/gate"
	fi
	wait "$wpid" || die "the workload failed"
	[ -s "$wres" ] || die "the workload wrote no times"
	wall=$(awk '{ printf "%.3f", $2 - $1 }' "$wres")
	if [ "$kind" != none ]; then
		# trace-cmd -P ends by itself when the pid is gone; give it a moment
		[ "$kind" = tc ] && [ "$scope" = task ] && for _ in $(seq 20); do kill -0 "$tracer_pid" 2>/dev/null || break; sleep 0.05; done
		if [ "$kind" = live ]; then
			kill -0 "$tracer_pid" 2>/dev/null || note="TRUNCATED(workload outlived live)"
		else
			kill -INT "$tracer_pid" 2>/dev/null || true
		fi
		for _ in $(seq 1200); do [ -s "$tmp/tracer.res" ] && break; sleep 0.05; done
		[ -s "$tmp/tracer.res" ] || { kill -KILL "$tracer_pid" 2>/dev/null || true; die "$kind did not stop within 60 s"; }
		wait "$tracer_sub" || true
		res=$(cat "$tmp/tracer.res")
		rc=${res%% *}
		[ "$rc" = 0 ] || { cat "$logf" >&2; die "$kind exited with status $rc"; }
		tcpu=$(echo "$res" | awk '{ print $2, $3 }' | secs)
		twall=$(echo "$res" | awk '{ printf "%.3f", $5 - $4 }')
		remove_instance "$tracer_pid" || note="${note:+$note,}INSTANCE-LEFT"
		restore_state || note="${note:+$note,}TRACEFS-CHANGED"
		stat_out=$("$ftui" stat "$out") || die "ftui stat $out failed"
		bytes=$(stat -c %s "$out")
		events=$(sed -n 's/^events: *\([0-9]*\).*/\1/p' <<< "$stat_out")
		lost_file=$(sed -n 's/^lost events: *\([0-9]*\).*/\1/p' <<< "$stat_out")
		lost_pages=$(sed -n 's/^lost events:.*and \([0-9]*\) pages* that.*/\1/p' <<< "$stat_out")
		case $kind in
		tc) lost_self=$(awk '/^CPU *[0-9]+: *[0-9]+ events lost/ { n += $3 } END { print n + 0 }' "$logf") ;;
		record) lost_self=$(sed -n 's/.* \([0-9][0-9]*\) events lost$/\1/p' "$logf" | tail -1) ;;
		live) lost_self=$(sed -n 's/.* ftui live .* lost \([0-9][0-9]*\) .*/\1/p' "$logf" | tail -1) ;;
		esac
		cp "$logf" "$OUTDIR/live-last-$kind-$scope.log"
	else
		tcpu=""; twall=""
	fi
	last_wall=$wall
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$scope" "$kind" "$wall" "${tcpu:--}" \
		"${twall:--}" "${events:--}" "${lost_file:--}" "${lost_pages:-0}" "${lost_self:--}" "${bufkb:--}" \
		"${bytes:--}" "${note:--}" >> "$runs"
	[ "$kind" = none ] || log "($kind was pid $tracer_pid)"
	log "$(printf 'rep %s %-6s %-6s wall %6ss  tracer cpu %6ss (ran %6ss)  events %9s  lost %s / %s  %s' \
		"$rep" "$scope" "$kind" "$wall" "${tcpu:--}" "${twall:--}" "${events:--}" "${lost_file:--}" \
		"${lost_self:--}" "${note}")"
	rm -f "$out" "$out".cpu*
}

# ------------------------------------------------------------------ runs
runs=$OUTDIR/live-runs.tsv
printf 'rep\tscope\ttracer\twall_s\ttracer_cpu_s\ttracer_wall_s\tevents\tlost_file\tlost_pages_unknown\tlost_reported\tbuffer_kb\tfile_bytes\tnote\n' > "$runs"
others=$(ls "$TRACEFS/instances" 2>/dev/null | tr '\n' ' ')
load=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average $load; other tracefs instances: ${others:-none}"
log "workload: pingpong $ROUNDS $USLEEP + dd bs=$DD_BS count=$DD_COUNT; events: $EVENTS; scopes: $SCOPES; tracers: $TRACERS; $REPS reps"
start=$SECONDS
for rep in $(seq 1 "$REPS"); do
	run_one "$rep" - none
	wa=$last_wall
	for scope in $SCOPES; do
		slowest=$wa
		for kind in $TRACERS; do
			dur=
			[ "$kind" = live ] && dur=$(awk -v m="$slowest" -v s="$SETTLE" 'BEGIN { printf "%.1f", s + 1.5 * m + 1 }')
			run_one "$rep" "$scope" "$kind" $dur
			slowest=$(awk -v a="$slowest" -v b="$last_wall" 'BEGIN { print (b > a ? b : a) }')
		done
	done
done
log "all runs done in $((SECONDS - start)) s"

# ----------------------------------------------------------------- table
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')
git -C "$root" diff --quiet HEAD -- src 2>/dev/null || commit="$commit+dirty-src"
{
	echo "bench/live.sh  $(date '+%Y-%m-%d %H:%M')  ftui $commit  $(uname -r)  $(nproc) CPUs  load before: $load"
	echo "workload: pingpong $ROUNDS $USLEEP & dd if=/dev/zero of=/dev/null bs=$DD_BS count=$DD_COUNT"
	echo "events: -e ${EVENTS// / -e }   buffers: ${BUF_KB:+$BUF_KB KB/CPU (-b)}${BUF_KB:-kernel defaults}   reps: $REPS   settle: $SETTLE s"
	echo "ftui: $FTUI${FTUI_ARGS:+ (extra options: $FTUI_ARGS)}"
	echo
	awk -F'\t' -v reps="$REPS" '
	NR == 1 { next }
	{
		k = $2 "\t" $3
		if (!(k in n)) order[++nk] = k
		n[k]++
		w = $4 + 0; ws[k] += w; if (!(k in wb) || w < wb[k]) wb[k] = w
		if ($5 != "-") { c = $5 + 0; cs[k] += c; if (!(k in cb) || c < cb[k]) cb[k] = c; tw[k] += $6 }
		if ($7 != "-") { ev[k] += $7; if ($7 > evmax[k]) evmax[k] = $7; if (!(k in evmin) || $7 < evmin[k]) evmin[k] = $7 }
		if ($8 != "-") { lf[k] += $8; if ($8 > lfmax[k]) lfmax[k] = $8 }
		lp[k] += $9
		if ($10 != "-") { ls[k] += $10; if ($10 > lsmax[k]) lsmax[k] = $10 }
		buf[k] = $11
		if ($12 != "-") by[k] += $12
		if ($13 != "-") notes[k] = notes[k] " " $13
		if ($3 == "none") { base_sum += w; base_n++; if (base_best == "" || w < base_best) base_best = w }
	}
	END {
		base = base_n ? base_sum / base_n : 0
		name["none"] = "untraced"; name["tc"] = "trace-cmd record"; name["record"] = "ftui record"; name["live"] = "ftui live -o"
		fmt = "%-16s %-6s | %6s %6s %6s %6s | %6s %6s %6s %7s | %9s %7s | %9s %9s %9s %9s | %6s %6s\n"
		printf "%-16s %-6s | %-27s | %-28s | %-17s | %-39s | %-6s %s\n", "", "", "workload wall s, slowdown", \
			"tracer CPU (s)", "events in file", "lost: ftui stat       lost: tracer", "file", "buffer"
		printf fmt, "tracer", "scope", "best", "mean", "best", "mean", "best", "mean", "ran s", "ns/ev", \
			"mean", "spread%", "mean", "max", "mean", "max", "MB", "KB/CPU"
		for (i = 1; i <= nk; i++) {
			k = order[i]; split(k, p, "\t")
			m = ws[k] / n[k]
			slow = base > 0 ? sprintf("%.2fx", m / base) : "-"
			slowb = base_best > 0 ? sprintf("%.2fx", wb[k] / base_best) : "-"
			if (p[2] == "none") {
				printf fmt, name[p[2]], p[1], sprintf("%.3f", wb[k]), sprintf("%.3f", m), "1.00x", "1.00x", \
					"-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"
				continue
			}
			spread = ev[k] > 0 ? sprintf("%.1f", (evmax[k] - evmin[k]) * 100 / (ev[k] / n[k])) : "-"
			lfs = sprintf("%d", lf[k] / n[k]); if (lp[k] > 0) lfs = lfs "+"
			nsev = ev[k] > 0 ? sprintf("%.0f", cs[k] / ev[k] * 1e9) : "-"
			printf fmt, name[p[2]], p[1], sprintf("%.3f", wb[k]), sprintf("%.3f", m), slowb, slow, \
				sprintf("%.3f", cb[k]), sprintf("%.3f", cs[k] / n[k]), sprintf("%.2f", tw[k] / n[k]), nsev, \
				sprintf("%d", ev[k] / n[k]), spread, lfs, sprintf("%d", lfmax[k]), sprintf("%d", ls[k] / n[k]), \
				sprintf("%d", lsmax[k]), sprintf("%.1f", by[k] / n[k] / 1e6), buf[k]
			if (notes[k] != "") flagged = flagged sprintf("  %s %s:%s\n", name[p[2]], p[1], notes[k])
		}
		print ""
		print "slowdown = best wall / best untraced wall, and mean / mean.  tracer CPU = user+sys of the tracer and the processes it"
		print "reaped (trace-cmd: its per-CPU recorders), workload excluded.  \"ran\" = the tracer process lifetime"
		print "(ftui live runs a fixed time, see bench/README.md).  ns/ev = tracer CPU per event in the file."
		print "spread% = (max-min)/mean of the events in the file.  MB = size of the trace.dat (v7, zstd)."
		print "lost (ftui stat) = the file'"'"'s missed-events counts (+: some pages lost an unknown number);"
		print "lost (tracer) = what the tracer itself reported (per_cpu stats: overrun + dropped)."
		print "The CPU target only means something when ftui has about as many events in the file as trace-cmd."
		if (flagged != "") { print ""; print "FLAGGED RUNS:"; printf "%s", flagged }
		# the targets, per scope
		print ""
		for (i = 1; i <= nk; i++) {
			k = order[i]; split(k, p, "\t")
			if (p[2] != "tc") continue
			s = p[1]; t = s "\trecord"; l = s "\tlive"
			split("record live", who, " ")
			for (j = 1; j <= 2; j++) {
				f = s "\t" who[j]
				if (!(f in n)) continue
				cf = cs[f] / n[f]; ct = cs[k] / n[k]
				printf "target %-6s %-12s CPU %7.3f <= trace-cmd %7.3f s: %-6s (with %3.0f%% of its events)  lost (file) %9d <= %9d: %-6s  lost (tracer) %9d <= %9d: %s\n", \
					s, name[who[j]], cf, ct, cf <= ct ? "OK" : "MISSED", (ev[k] > 0 ? 100 * (ev[f] / n[f]) / (ev[k] / n[k]) : 0), \
					lf[f] / n[f], lf[k] / n[k], lf[f] / n[f] <= lf[k] / n[k] ? "OK" : "MISSED", \
					ls[f] / n[f], ls[k] / n[k], ls[f] / n[f] <= ls[k] / n[k] ? "OK" : "MISSED"
			}
		}
	}' "$runs"
	echo
	left=
	for p in "${tracer_pids[@]}"; do
		if [ -d "$TRACEFS/instances/ftui-$p" ]; then left="$left ftui-$p"; fi
	done
	echo "tracefs: top-level state $( [ "$(snapshot)" = "$saved_state" ] && echo "as found" || echo "CHANGED")" \
		"(put back after $restored run(s)); instances of ours left: ${left:-none}" \
		"(present now: $(ls "$TRACEFS/instances" | tr '\n' ' '))"
} | tee "$OUTDIR/live-results.txt"
