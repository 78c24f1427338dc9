#!/bin/bash
# Run every test and count the results.  Each test prints lines
# "PASS name", "FAIL name" or "SKIP name: why"; this script runs them all,
# shows failures and skips, and ends with "N passed, N failed, N skipped".
#   FTUI_BUILD=build tests/run.sh      (make test sets it; build-san for SAN=1)
set -u
cd "$(dirname "$0")/.."
build=${FTUI_BUILD:-build}
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() {	# a test command; its PASS/FAIL/SKIP lines are counted
	local name=$1; shift
	echo "== $name"
	"$@" >"$log.out" 2>"$log.err"
	local rc=$?
	# a test that only prints a summary ("x: N passed, 0 failed") counts once
	if ! grep -qE '^(PASS|FAIL|SKIP)' "$log.out" && [ $rc -eq 0 ] &&
	   grep -qE '^[a-z_ ]+: [0-9]+ passed, 0 failed' "$log.out"; then
		echo "PASS $name ($(grep -oE '[0-9]+ passed' "$log.out" | head -1))" >>"$log.out"
	fi
	cat "$log.out" >>"$log"
	grep -E '^(FAIL|SKIP)' "$log.out"
	grep -qE '^(FAIL|SKIP)' "$log.out" && grep -vE '^(PASS|FAIL|SKIP)' "$log.out" | head -20
	if [ $rc -ne 0 ] && ! grep -q '^FAIL' "$log.out"; then
		echo "FAIL $name (exit $rc)" | tee -a "$log"
		tail -20 "$log.err"
	elif grep -q '^FAIL' "$log.out"; then
		tail -20 "$log.err"
	fi
	rm -f "$log.out" "$log.err"
}

# Unit tests are small, so they unwind exactly on every malloc: the fast
# frame-pointer unwinder loses libtraceevent's frames (built without them),
# and its leaks would then escape tests/lsan.supp.
for t in "$build"/tests/*; do
	[ -x "$t" ] && LSAN_OPTIONS="$LSAN_OPTIONS:fast_unwind_on_malloc=0" run "unit $(basename "$t")" "$t"
done
run "layers" tests/layers.sh "$build"
run "report parity" tests/report_parity.sh "$build"
run "golden screens" tests/golden.sh "$build"
run "fgraph durations" tests/fgraph_durations.sh "$build"
run "manual" tests/manual.sh "$build"
if command -v python3 >/dev/null && command -v trace-cmd >/dev/null; then
	shared=(); [ -d ../shared/traces/public ] && shared=(../shared/traces/public/*.dat)
	run "latency check" tests/latency_check.py "$build" tests/fixtures/*.dat "${shared[@]}"
	run "hist check" tests/hist_check.py "$build" tests/fixtures/*.dat "${shared[@]}"
	run "runs check" tests/runs_check.py "$build" tests/fixtures/*.dat "${shared[@]}"
	run "timeshift check" tests/timeshift_check.py "$build" tests/fixtures/hostguest_guest_v7.dat
	run "timehist check" tests/timehist_check.py "$build" tests/fixtures/*.dat "${shared[@]}"
	run "map check" tests/map_check.py "$build" tests/fixtures/*.dat "${shared[@]}"
else
	echo "SKIP latency check: needs python3 and trace-cmd" | tee -a "$log"
fi
if command -v python3 >/dev/null; then
	run "order check" tests/order_check.py "$build" tests/fixtures/*.dat
else
	echo "SKIP order check: needs python3" | tee -a "$log"
fi
[ -x tests/badinput.sh ] && run "bad input" tests/badinput.sh "$build"
run "bad strings" tests/badstrings.sh "$build"
run "install" tests/install.sh "$build"
run "fuzz replay" tests/fuzz/replay.sh "$build"
# Key scripts through the headless browser (build-san's ftui when it is
# fresh): bounded, with a fixed seed; make fuzz runs many more.
if command -v python3 >/dev/null; then
	run "key fuzz" tests/keyfuzz.py "$build" --seed 11 --count 150
else
	echo "SKIP key fuzz: needs python3" | tee -a "$log"
fi
[ -x tests/convert.sh ] && run "convert" tests/convert.sh "$build"
# Tests that use the machine's tracefs take a lock, so that two runs on one
# machine never see each other's capture in their before/after snapshots.
for t in tests/e2e/*.sh tests/live/*.sh; do
	[ -x "$t" ] || continue
	case "$t" in
	*live*|*record*) run "$(basename "$t" .sh)" flock /tmp/ftui-tracefs.lock "$t" "$build" ;;
	*) run "$(basename "$t" .sh)" "$t" "$build" ;;
	esac
done

pass=$(grep -c '^PASS' "$log")
fail=$(grep -c '^FAIL' "$log")
skip=$(grep -c '^SKIP' "$log")
echo
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
