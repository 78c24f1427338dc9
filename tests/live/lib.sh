# Helpers for the live tests: skip without root or tracefs, snapshot the
# top-level tracefs settings, build the ping-pong workload.
TRACEFS=/sys/kernel/tracing

live_skip_unless_possible() {	# test name
	if [ "$(id -u)" != 0 ]; then
		echo "SKIP $1: live capture needs root"
		exit 0
	fi
	if [ ! -e "$TRACEFS/trace" ]; then
		mount -t tracefs nodev "$TRACEFS" 2>/dev/null
	fi
	if [ ! -e "$TRACEFS/trace" ]; then
		echo "SKIP $1: no tracefs at $TRACEFS"
		exit 0
	fi
}

# Instances left by ftui processes killed in an earlier run (ftui itself
# removes them too; clean first so the snapshots compare this run only).
remove_stale_instances() {
	for d in "$TRACEFS"/instances/ftui-*; do
		[ -d "$d" ] || continue
		kill -0 "${d##*ftui-}" 2>/dev/null || rmdir "$d" 2>/dev/null
	done
}

# The top-level settings ftui must leave as they were.
tracefs_snapshot() {
	for f in current_tracer tracing_on set_event trace_clock buffer_size_kb tracing_cpumask \
		 set_event_pid events/enable; do
		printf '%s: %s\n' "$f" "$(cat "$TRACEFS/$f" 2>/dev/null | tr '\n' ' ')"
	done
	for f in "$TRACEFS"/options/*; do
		printf '%s: %s\n' "${f#$TRACEFS/}" "$(cat "$f")"
	done
	# instances of ftui processes that have ended (ours, after each run);
	# those of ftui processes still running elsewhere do not count
	local stale=0
	for d in "$TRACEFS"/instances/ftui-*; do
		[ -d "$d" ] && ! kill -0 "${d##*ftui-}" 2>/dev/null && stale=$((stale + 1))
	done
	printf 'instances left by ended ftui processes: %s\n' "$stale"
}

build_pingpong() {	# dir -> prints the binary's path
	cc -O2 -o "$1/pingpong" tests/fixtures/pingpong.c && echo "$1/pingpong"
}
