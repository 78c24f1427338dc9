#!/bin/bash
# Render benchmark: how long the browser takes to draw a frame while zooming
# and panning over a big trace (target: under 16 ms per frame at any zoom on
# a 30M-event trace).  Runs the real key path headless and prints the frame
# times (mean and max) per key script.
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
echo "render benchmark: $trace, $events events, $(nproc) CPUs"
scripts=(
	"zoom-in|$(printf '+ %.0s' $(seq 24))!stats"
	"zoom-out|$(printf '+ %.0s' $(seq 24))$(printf -- '- %.0s' $(seq 24))!stats"
	"pan|+ + + + + + $(printf 'l %.0s' $(seq 40))<PgDn> <PgDn> <PgDn> <PgUp> !stats"
	"cpu-zoom|+ + <Enter> + + + - - - <Esc> !stats"
	"tasks|T + + + + - - - - T !stats"
	"list|<Tab> $(printf 'j %.0s' $(seq 30))<PgDn> <PgDn> <PgDn> <PgUp> G g !stats"
)
for size in 80x24 200x60; do
	for s in "${scripts[@]}"; do
		name=${s%%|*}
		keys=${s#*|}
		start=$(date +%s.%N)
		stats=$("$ftui" --headless="$size" --keys="$keys" "$trace")
		end=$(date +%s.%N)
		printf '  %-8s %-9s %s (whole run incl. load %.2f s)\n' "$size" "$name" "$stats" "$(echo "$end - $start" | bc)"
	done
done
