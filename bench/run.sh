#!/bin/bash
#
# run.sh - ftui performance benchmark on big traces (`make bench` runs it).
#
# usage: bench/run.sh [OUTDIR [EVENTS]]     (defaults: bench/out, 10000000)
#
#  1. builds ftui, build/libftui.a and build/bench/kbuffer_walk;
#  2. makes OUTDIR/big-v7.dat and OUTDIR/big-v6.dat with make-big-trace.sh if
#     they are missing (needs root then; cached afterwards);
#  3. for each of the two files times (best of RUNS=3 runs, FAST_RUNS=10 for
#     commands under 2 s; with hyperfine if installed, else python3's
#     perf_counter) and measures the peak RSS (one more, untimed run under
#     /usr/bin/time -f %M, else python3's resource module) of
#        trace-cmd report F > /dev/null
#        build/ftui report F > /dev/null
#        build/ftui stat F > /dev/null          (builds the full index)
#        FTUI_THREADS=1 build/ftui stat F       (the same on one thread)
#        build/bench/kbuffer_walk F             (bare page walk, one thread)
#        build/bench/kbuffer_walk -j 0 F        (the same on ftui's thread count)
#     and prints them with the ratios the project aims at:
#        trace-cmd report / ftui report          target >= 5
#        ftui stat / kbuffer walk                target <= 2
#        index bytes per event (ftui stat)       target <= 16
#        peak RSS of ftui stat per event
#  4. checks that `ftui report F` prints exactly what `trace-cmd report F`
#     prints (cmp of the two stdouts): OK, or DIFF with the first differing
#     line of each;
#  5. KernelShark: it has no batch mode (see bench/README.md), says so.
#
# The table is also written to OUTDIR/results.txt.
# Env: RUNS=3  FAST_RUNS=10  TRACE_CMD=trace-cmd
#      NO_HYPERFINE=1 (time with python3 even if hyperfine is installed)

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
OUTDIR=${1:-$here/out}
EVENTS=${2:-10000000}
RUNS=${RUNS:-3}
FAST_RUNS=${FAST_RUNS:-10}
TRACE_CMD=${TRACE_CMD:-trace-cmd}
FTUI=$root/build/ftui
WALK=$root/build/bench/kbuffer_walk
PKGS="libtraceevent libtracefs libzstd zlib ncursesw"

die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }
log() { printf '==> %s\n' "$*" >&2; }

command -v "$TRACE_CMD" >/dev/null || die "$TRACE_CMD not found"
command -v python3 >/dev/null || die "python3 not found (used to read the timings)"

# ------------------------------------------------------------------ build
log "building"
make -C "$root" -s all build/libftui.a >&2
if [ ! -x "$WALK" ] || [ "$here/kbuffer_walk.c" -nt "$WALK" ] || [ "$root/build/libftui.a" -nt "$WALK" ]; then
	mkdir -p "$(dirname "$WALK")"
	# shellcheck disable=SC2046,SC2086
	(cd "$root" && cc -O2 -Wall -Isrc $(pkg-config --cflags $PKGS) -o "$WALK" bench/kbuffer_walk.c \
		build/libftui.a $(pkg-config --libs $PKGS) -lpthread -lm)
fi

# ----------------------------------------------------------------- traces
"$here/make-big-trace.sh" "$OUTDIR" "$EVENTS" >&2
OUTDIR=$(cd "$OUTDIR" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftui-bench-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

HYPERFINE=
if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
	HYPERFINE=hyperfine
fi
TIME_BIN=
[ -x /usr/bin/time ] && TIME_BIN=/usr/bin/time

# peak_rss CMD...: run once, stdout to /dev/null; prints "peak-RSS-KiB seconds".
peak_rss() {
	if [ -n "$TIME_BIN" ]; then
		"$TIME_BIN" -f '%M %e' -o "$tmp/rss" "$@" > /dev/null 2> "$tmp/stderr" ||
			die "failed: $* ($(head -c 300 "$tmp/stderr"))"
		tail -n 1 "$tmp/rss"
	else
		python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "%.2f" % (time.perf_counter() - t))
EOF
	fi
}

# best_time RUNS CMD...: RUNS runs, stdout to /dev/null; prints "best mean" in s.
best_time() {
	local RUNS=$1
	shift
	if [ -n "$HYPERFINE" ]; then
		local q=() a
		for a in "$@"; do q+=("$(printf '%q' "$a")"); done
		hyperfine -N --runs "$RUNS" --output=null --style none \
			--export-json "$tmp/h.json" -- "${q[*]}" > /dev/null 2> "$tmp/stderr" ||
			die "hyperfine failed on: $* ($(head -c 300 "$tmp/stderr"))"
		python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.4f %.4f" % (r["min"], r["mean"]))' "$tmp/h.json"
	else
		python3 - "$RUNS" "$@" <<'EOF'
import subprocess, sys, time
runs, cmd, ts = int(sys.argv[1]), sys.argv[2:], []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    ts.append(time.perf_counter() - t)
print("%.4f %.4f" % (min(ts), sum(ts) / len(ts)))
EOF
	fi
}

out=$OUTDIR/results.txt
: > "$out"
say() { printf '%s\n' "$*" | tee -a "$out"; }

threads=$(nproc)
[ "$threads" -gt 8 ] && threads=8
say "ftui benchmark  $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "host: $(uname -srm), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
say "ftui: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- src 2>/dev/null || echo ' (+ uncommitted changes in src/)')," \
	"trace-cmd $({ "$TRACE_CMD" --version 2>&1 || true; } | sed -n 's/.*trace-cmd version \([^ ]*\).*/\1/p' | head -n1)"
say "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min load average before the run; other work on the machine skews the times)"
say "timing:  ${HYPERFINE:-python3 perf_counter}, best of $RUNS runs ($FAST_RUNS for commands under 2 s), after one untimed run that measures the peak RSS"

fmt_row() {	# label best mean rss_kib
	awk -v l="$1" -v b="$2" -v m="$3" -v r="$4" 'BEGIN { printf "  %-36s %9.3f %9.3f %10.1f\n", l, b, m, r / 1024 }'
}

declare -A BEST RSS
# bench KEY LABEL CMD...
bench() {
	local key=$1 label=$2 rss t n=$RUNS
	shift 2
	rss=$(peak_rss "$@")
	if awk -v s="${rss#* }" 'BEGIN { exit !(s < 2) }' && [ "$FAST_RUNS" -gt "$RUNS" ]; then
		n=$FAST_RUNS
	fi
	rss=${rss%% *}
	t=$(best_time "$n" "$@")
	BEST[$key]=${t%% *}
	RSS[$key]=$rss
	say "$(fmt_row "$label" "${t%% *}" "${t##* }" "$rss")"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() {	# value op target
	awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN {
		ok = (op == ">=") ? v >= t : v <= t
		printf "%s", ok ? "ok" : "MISSED" }'
}

# nth_line N CMD...: "|" + line N of CMD's stdout, or "<EOF>" if it has none.
nth_line() {
	local n=$1 line
	shift
	line=$("$@" 2>/dev/null | sed -n "${n}{s/^/|/;p;q}" || true)
	printf '%s' "${line:-<EOF>}"
}

# compare_reports F: cmp the two reports' stdout, print OK or DIFF + lines.
compare_reports() {
	local f=$1 res rc l w=24
	rm -f "$tmp/trace-cmd-report" "$tmp/ftui-report"
	mkfifo "$tmp/trace-cmd-report" "$tmp/ftui-report"
	"$TRACE_CMD" report "$f" > "$tmp/trace-cmd-report" 2> "$tmp/tc.err" &
	"$FTUI" report "$f" > "$tmp/ftui-report" 2> "$tmp/ftui.err" &
	set +e
	res=$(cd "$tmp" && cmp trace-cmd-report ftui-report 2>&1)
	rc=$?
	wait
	set -e
	if [ $rc -eq 0 ]; then
		say "  report output:  OK (ftui report prints exactly what trace-cmd report prints)"
	else
		say "  report output:  DIFF: $res"
		say "    (text after the | is the line exactly as printed)"
		l=$(printf '%s\n' "$res" | sed -n 's/.*line \([0-9][0-9]*\).*/\1/p' | head -n1)
		# one output is a prefix of the other: show the line after it
		case $res in *"EOF on"*) l=$((${l:-0} + 1)) ;; esac
		if [ -n "$l" ]; then
			if [ "$l" -gt 1 ]; then
				say "$(printf "    %-${w}s%s" "line $((l - 1)) (both):" "$(nth_line $((l - 1)) "$FTUI" report "$f")")"
			fi
			say "$(printf "    %-${w}s%s" "line $l trace-cmd:" "$(nth_line "$l" "$TRACE_CMD" report "$f")")"
			say "$(printf "    %-${w}s%s" "line $l ftui:" "$(nth_line "$l" "$FTUI" report "$f")")"
		fi
	fi
	if [ -s "$tmp/tc.err" ] || [ -s "$tmp/ftui.err" ]; then
		if cmp -s "$tmp/tc.err" "$tmp/ftui.err"; then
			say "  stderr:         both print the same $(wc -l < "$tmp/tc.err") line(s)"
		else
			say "  stderr:         differs (trace-cmd: $(head -n1 "$tmp/tc.err" | cut -c1-80); ftui: $(head -n1 "$tmp/ftui.err" | cut -c1-80))"
		fi
	fi
}

for v in 6 7; do
	f=$OUTDIR/big-v$v.dat
	[ -s "$f" ] || die "$f is missing"
	"$FTUI" stat "$f" > "$tmp/stat.txt"
	events=$(sed -n 's/^events: *\([0-9]*\).*/\1/p' "$tmp/stat.txt")
	lost=$(sed -n 's/^lost events: *//p' "$tmp/stat.txt")
	bpe=$(sed -n 's/^index: *[0-9]* bytes (\([0-9.]*\) bytes\/event).*/\1/p' "$tmp/stat.txt")
	idx=$(sed -n 's/^index: *\([0-9]*\) bytes.*/\1/p' "$tmp/stat.txt")
	walk=$("$WALK" "$f")
	wev=$(printf '%s\n' "$walk" | sed -n 's/^events: \([0-9]*\).*/\1/p')

	say ""
	say "=== $(basename "$f"): $(sed -n 's/^version: *//p' "$tmp/stat.txt"), $(stat -c %s "$f" | awk '{printf "%.1f MiB", $1/1048576}')," \
		"$events events (lost: $lost), $(sed -n 's/^cpus: *//p' "$tmp/stat.txt") CPUs"
	[ "$wev" = "$events" ] || say "  WARNING: kbuffer_walk counts $wev events, ftui stat $events"
	say "$(printf '  %-36s %9s %9s %10s' 'command (stdout > /dev/null)' 'best s' 'mean s' 'peak MiB')"
	bench tc "trace-cmd report" "$TRACE_CMD" report "$f"
	bench report "ftui report" "$FTUI" report "$f"
	bench stat "ftui stat (full index, $threads threads)" "$FTUI" stat "$f"
	bench stat1 "ftui stat (FTUI_THREADS=1)" env FTUI_THREADS=1 "$FTUI" stat "$f"
	bench walk "kbuffer_walk (1 thread)" "$WALK" "$f"
	bench walkj "kbuffer_walk -j 0 ($threads threads)" "$WALK" -j 0 "$f"

	r1=$(ratio "${BEST[tc]}" "${BEST[report]}")
	r2=$(ratio "${BEST[stat]}" "${BEST[walk]}")
	r2a=$(ratio "${BEST[stat1]}" "${BEST[walk]}")
	r2b=$(ratio "${BEST[stat]}" "${BEST[walkj]}")
	rss_pe=$(awk -v r="${RSS[stat]}" -v e="$events" 'BEGIN { printf "%.1f", e ? r * 1024 / e : 0 }')
	say "  ratios:"
	say "    trace-cmd report / ftui report:      $(printf '%6s' "$r1")   (target >= 5: $(verdict "$r1" ">=" 5))"
	say "    ftui stat / kbuffer_walk:            $(printf '%6s' "$r2")   (target <= 2: $(verdict "$r2" "<=" 2))"
	say "      same thread count, 1 thread:       $(printf '%6s' "$r2a")"
	say "      same thread count, $threads threads:      $(printf '%6s' "$r2b")"
	say "    index bytes/event (ftui stat):       $(printf '%6s' "$bpe")   (target <= 16: $(verdict "$bpe" "<=" 16)); index $idx bytes"
	rss_pe2=$(awk -v r="${RSS[stat]}" -v w="${RSS[walk]}" -v e="$events" 'BEGIN { printf "%.1f", e ? (r - w) * 1024 / e : 0 }')
	say "    ftui stat peak RSS bytes/event:      $(printf '%6s' "$rss_pe")   (peak RSS ${RSS[stat]} KiB / $events events)"
	say "      over kbuffer_walk's peak RSS:      $(printf '%6s' "$rss_pe2")   (leaves out the mapped file and the libraries)"
	compare_reports "$f"
done

say ""
say "kernelshark: no batch mode (see bench/README.md)"
log "results written to $out"
