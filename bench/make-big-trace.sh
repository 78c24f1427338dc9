#!/bin/bash
#
# make-big-trace.sh - record the big traces bench/run.sh measures.
#
# usage: bench/make-big-trace.sh [OUTDIR [EVENTS]]
#        (defaults: OUTDIR = bench/out, git-ignored; EVENTS = 10000000)
#
# Makes, once (cached: nothing is recorded again while OUTDIR holds both files
# and OUTDIR/big.target still says EVENTS; FORCE=1 re-records):
#   OUTDIR/big-v7.dat  `trace-cmd record` output, file version 7 + zstd (the
#                      default), about EVENTS events of sched:*, raw_syscalls:*,
#                      irq:* and timer:* on every CPU;
#   OUTDIR/big-v6.dat  the same records, `trace-cmd convert --file-version 6`.
# and prints their event counts (from `build/ftui stat`).
#
# Workload: bench/storm.c (3 processes hammering getppid(), with a yield every
# 16 calls and a 20 us sleep every 128) next to
# `dd if=/dev/zero of=/dev/null bs=1 count=...`.  Both are scaled to the
# target: the first attempt guesses, each further attempt rescales by
# target/got, until the count is within TOLERANCE percent (default 5) of
# EVENTS (at most 6 attempts).  Per-CPU ring buffers of BUF_KB (default 20000)
# KiB keep losses low; the recorder threads run SCHED_FIFO (-r 1).
#
# Needs: root, tracefs, trace-cmd 3.x, gcc, make.  Locked-down kernels (EPERM on
# set_ftrace_filter etc.) are handled by running trace-cmd under the EPERM shim
# (tests/fixtures/eperm-shim.c, or $SHIM),
# compiled into a temp dir.  buffer_size_kb and tracing_on are put back on exit.
# Refuses to run while another `trace-cmd record` (or tests/fixtures/
# make-fixtures.sh) is running: they would fight over the top-level ring buffer.
#
# Env: TRACEFS=/sys/kernel/tracing  TRACE_CMD=trace-cmd  BUF_KB=20000
#      TOLERANCE=5  FORCE=1  SHIM=path/to/shim.c

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
OUTDIR=${1:-$here/out}
EVENTS=${2:-10000000}
TRACEFS=${TRACEFS:-/sys/kernel/tracing}
TRACE_CMD=${TRACE_CMD:-trace-cmd}
BUF_KB=${BUF_KB:-20000}
TOLERANCE=${TOLERANCE:-5}
MAX_ATTEMPTS=6
FTUI=$root/build/ftui

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'make-big-trace: %s\n' "$*" >&2; exit 1; }
. "$here/lib.sh"

case $EVENTS in '' | *[!0-9]*) die "EVENTS must be a number (got '$EVENTS')" ;; esac
[ "$EVENTS" -ge 10000 ] || die "EVENTS must be at least 10000"
mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)
V7=$OUTDIR/big-v7.dat
V6=$OUTDIR/big-v6.dat

[ -x "$FTUI" ] || make -C "$root" -s build/ftui >&2

count_events() { "$FTUI" stat "$1" | sed -n 's/^events: *\([0-9]*\).*/\1/p'; }
lost_events() { "$FTUI" stat "$1" | sed -n 's/^lost events: *//p'; }

report_counts() {
	local f
	for f in "$V7" "$V6"; do
		printf '%s: %s events (lost: %s), %s bytes\n' "$f" "$(count_events "$f")" \
			"$(lost_events "$f")" "$(stat -c %s "$f")"
	done
}

# ------------------------------------------------------------------ cache
if [ "${FORCE:-0}" != 1 ] && [ -s "$V7" ] && [ -s "$V6" ] &&
	[ "$(cat "$OUTDIR/big.target" 2>/dev/null)" = "$EVENTS" ]; then
	log "using the cached traces in $OUTDIR (FORCE=1 to record again)"
	report_counts
	exit 0
fi

# -------------------------------------------------------------- preflight
[ "$(id -u)" -eq 0 ] || die "must run as root (trace-cmd record)"
[ -w "$TRACEFS/tracing_on" ] || die "tracefs not mounted/writable at $TRACEFS"
command -v "$TRACE_CMD" >/dev/null || die "$TRACE_CMD not found"
command -v gcc >/dev/null || die "gcc not found"
refuse_next_to_recordings
shim_src=$(shim_source) || exit 1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftui-bench.XXXXXX")

read_tf() { cat "$TRACEFS/$1" 2>/dev/null || true; }
buf_kb() {	# "7 (expanded: 1408)" -> 1408, "1408" -> 1408
	read_tf buffer_size_kb | sed -n 's/.*expanded: \([0-9]*\).*/\1/p;t;s/^\([0-9][0-9]*\).*/\1/p'
}
saved_kb=$(buf_kb)
saved_on=$(read_tf tracing_on)

on_exit() {
	local rc=$?
	[ "$(buf_kb)" = "$saved_kb" ] || echo "$saved_kb" > "$TRACEFS/buffer_size_kb" 2>/dev/null || true
	[ "$(read_tf tracing_on)" = "$saved_on" ] || echo "$saved_on" > "$TRACEFS/tracing_on" 2>/dev/null || true
	rm -f "$OUTDIR/.big-v7.tmp.dat" "$OUTDIR/.big-v6.tmp.dat"
	rm -rf "$tmp"
	exit $rc
}
trap on_exit EXIT
trap 'exit 130' INT TERM

log "building the shim ($shim_src) and the workload in $tmp"
gcc -O2 -shared -fPIC -o "$tmp/shim.so" "$shim_src" -ldl
gcc -O2 -o "$tmp/storm" "$here/storm.c"

# --------------------------------------------------------------- record
# Events per unit: storm makes ~2 per syscall, dd ~4 per byte (read + write).
# First guess: 80% of the target from storm, 10% from dd, the rest is the
# sched/irq/timer traffic around them.
scale=1.0
tmp7=$OUTDIR/.big-v7.tmp.dat
got=0
start=$SECONDS
for attempt in $(seq 1 $MAX_ATTEMPTS); do
	syscalls=$(awk -v e="$EVENTS" -v s="$scale" 'BEGIN { printf "%d", e * 0.4 * s }')
	ddbytes=$(awk -v e="$EVENTS" -v s="$scale" 'BEGIN { printf "%d", e / 40 * s }')
	log "attempt $attempt: storm 3 x $((syscalls / 3)) syscalls + dd bs=1 count=$ddbytes"
	rm -f "$tmp7"
	(cd "$tmp" && LD_PRELOAD="$tmp/shim.so" "$TRACE_CMD" record -q -r 1 -b "$BUF_KB" \
		-e sched -e raw_syscalls -e irq -e timer -o "$tmp7" -- \
		sh -c "dd if=/dev/zero of=/dev/null bs=1 count=$ddbytes 2>/dev/null & '$tmp/storm' 3 $syscalls; wait") \
		> "$tmp/record.log" 2>&1 || { cat "$tmp/record.log" >&2; die "trace-cmd record failed"; }
	got=$(count_events "$tmp7")
	[ -n "$got" ] || die "ftui stat could not read $tmp7"
	log "attempt $attempt: $got events (lost: $(lost_events "$tmp7")), $(stat -c %s "$tmp7") bytes, $((SECONDS - start)) s so far"
	[ "$got" -gt 0 ] || die "no events recorded"
	off=$(awk -v g="$got" -v e="$EVENTS" 'BEGIN { d = (g - e) / e * 100; if (d < 0) d = -d; printf "%d", d }')
	[ "$off" -le "$TOLERANCE" ] && break
	scale=$(awk -v s="$scale" -v g="$got" -v e="$EVENTS" 'BEGIN { printf "%.6f", s * e / g }')
done
[ "$off" -le "$TOLERANCE" ] ||
	log "WARNING: $got events is still more than $TOLERANCE% off $EVENTS after $MAX_ATTEMPTS attempts; keeping it"

# --------------------------------------------------------------- convert
tmp6=$OUTDIR/.big-v6.tmp.dat
rm -f "$tmp6"
log "converting to file version 6"
if ! "$TRACE_CMD" convert -i "$tmp7" -o "$tmp6" --file-version 6 > "$tmp/convert.log" 2>&1 ||
	[ "$(count_events "$tmp6" 2>/dev/null)" != "$got" ]; then
	cat "$tmp/convert.log" >&2
	die "trace-cmd convert --file-version 6 failed (or changed the event count)"
fi

mv -f "$tmp7" "$V7"
mv -f "$tmp6" "$V6"
echo "$EVENTS" > "$OUTDIR/big.target"
log "done in $((SECONDS - start)) s"
report_counts
