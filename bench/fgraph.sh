#!/bin/bash
# Function-graph benchmark: build the call trees of a trace of N
# function-graph records (default 1000000) and draw a screen; then `ftui
# report` against `trace-cmd report` on it (time, and the same text).
#   bench/fgraph.sh [N]
# The trace is synthesized once by tests/fixtures/make-fgraph.sh (4 CPUs, 8
# tasks, random call trees up to 11 deep, interrupts, idle loops: see
# make-fgraph.c) into bench/out/fgraph/ (git-ignored); making it needs read
# access to tracefs for the event formats.
set -eu
cd "$(dirname "$0")/.."
n=${1:-1000000}
out=bench/out/fgraph
trace=$out/fgraph-$n.dat
pkgs="ncursesw libtraceevent libtracefs libzstd zlib"
make -s all
mkdir -p "$out" build/bench
if [ ! -f "$trace" ]; then
	tests/fixtures/make-fgraph.sh big "$n" "$trace" >/dev/null
fi
# shellcheck disable=SC2046
cc -std=gnu11 -O2 -D_GNU_SOURCE -Isrc $(pkg-config --cflags $pkgs) -o build/bench/fgraph_bench \
	bench/fgraph_bench.c build/libftui.a $(pkg-config --libs $pkgs) -lm -pthread
echo "function-graph benchmark, $(nproc) CPUs"
build/bench/fgraph_bench "$trace"

ms() {	# command...: wall time in ms
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000))
}
echo "report of the whole file:"
printf '  %-34s %7s ms\n' "ftui report" "$(ms build/ftui report "$trace")"
printf '  %-34s %7s ms\n' "ftui dump graph" "$(ms build/ftui dump graph "$trace")"
if command -v trace-cmd >/dev/null; then
	printf '  %-34s %7s ms\n' "trace-cmd report" "$(ms trace-cmd report "$trace")"
	if cmp -s <(build/ftui report "$trace") <(trace-cmd report "$trace" 2>/dev/null); then
		echo "  ftui report = trace-cmd report: yes"
	else
		echo "  ftui report = trace-cmd report: NO"
	fi
fi
