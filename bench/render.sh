#!/bin/bash
# Render benchmark: how long the browser takes to draw a frame while zooming
# and panning over a big trace (target: under 16 ms per frame at any zoom on
# a 30M-event trace).  Runs the real key path headless and prints the frame
# times (mean and max) per key script, then per zoom level (fit, then each
# '+' of 24; at each level 10 pans and 4 row moves), then for scrolling the
# rows of the 256-CPU fixture.  The frames are the browser's own: CPU rows of
# up to three lines (bar, irq strip, marks) and, zoomed in, runs named in
# their bars.
#   bench/render.sh [TRACE]    default: bench/out/30m/big-v7.dat, recorded
#                              once with bench/make-big-trace.sh (30M events)
set -eu
cd "$(dirname "$0")/.."
make -s all
trace=${1:-}
if [ -z "$trace" ]; then
	bench/make-big-trace.sh bench/out/30m 30000000 >&2
	trace=bench/out/30m/big-v7.dat
fi
ftui=build/ftui
events=$("$ftui" stat "$trace" | awk '/^events:/ {print $2}')
cpus=$("$ftui" stat "$trace" | awk '/^cpus:/ {print $2}')
echo "render benchmark: $trace, $events events, $cpus CPUs in the trace, $(nproc) on this machine"
scripts=(
	"zoom-in|$(printf '+ %.0s' $(seq 24))!stats"
	"zoom-out|$(printf '+ %.0s' $(seq 24))$(printf -- '- %.0s' $(seq 24))!stats"
	"pan|+ + + + + + $(printf 'l %.0s' $(seq 40))<PgDn> <PgDn> <PgDn> <PgUp> !stats"
	"cpu-zoom|+ + <Enter> + + + - - - <Esc> !stats"
	"tasks|T + + + + - - - - T !stats"
	"list|<Tab> $(printf 'j %.0s' $(seq 30))<PgDn> <PgDn> <PgDn> <PgUp> G g !stats"
)
worst=0 worst_at=none
note_worst() {	# name stats-lines: keep the slowest frame seen
	local m

	for m in $(echo "$2" | sed -n 's/.*max \([0-9.]*\) ms.*/\1/p'); do
		if [ "$(echo "$m > $worst" | bc)" = 1 ]; then
			worst=$m worst_at=$1
		fi
	done
}
run() {	# size keys trace: the stats and the whole time in $out
	local start end stats

	start=$(date +%s.%N)
	stats=$("$ftui" --headless="$1" --keys="$2" "$3")
	end=$(date +%s.%N)
	note_worst "$1 ${name:-?}" "$stats"
	out=$(printf '%s\n(whole run incl. load %.2f s)' "$stats" "$(echo "$end - $start" | bc)")
}
for size in 80x24 200x60; do
	for s in "${scripts[@]}"; do
		name=${s%%|*}
		run "$size" "${s#*|}" "$trace"
		printf '  %-8s %-9s %s %s\n' "$size" "$name" "$(echo "$out" | head -1)" "$(echo "$out" | tail -1)"
	done
done
# per zoom level: !stats after the pans of each level (the '+' that follows
# is counted with the next level, whose frame it draws)
level="$(printf 'l %.0s' $(seq 5))$(printf 'h %.0s' $(seq 5))j k k j !stats"
zooms="!stats $level"
for _ in $(seq 24); do
	zooms+=" + $level"
done
for size in 80x24 200x60; do
	name="per zoom level"
	echo "  $size per zoom level (frames: 1 zoom-in + 10 pans + 4 row moves each):"
	run "$size" "$zooms" "$trace"
	echo "$out" | awk 'NR == 1 { next }	# the first frame alone
		/^frames/ { gsub(",", ""); printf "    zoom %2d  mean %6.3f ms  max %7.3f ms\n", n++, $4, $7; next }
		{ print "    " $0 }'
done
# rows: scrolling, paging, go-to-CPU and the split on 256 CPUs
many=tests/fixtures/manycpu_256_v7.dat
rows="$(printf 'j %.0s' $(seq 40))J J J K K @ =255 <Enter> @ =0 <Enter> s s s s + + + + $(printf 'j %.0s' $(seq 20))!stats"
for size in 80x24 200x60; do
	name=rows-256
	run "$size" "$rows" "$many"
	printf '  %-8s %-9s %s %s\n' "$size" "rows-256" "$(echo "$out" | head -1)" "$(echo "$out" | tail -1)"
done
verdict="met"
[ "$(echo "$worst < 16" | bc)" = 1 ] || verdict="NOT met"
printf 'slowest frame %s ms (%s): target under 16 ms %s\n' "$worst" "$worst_at" "$verdict"
