#!/bin/sh
# The libFuzzer targets, deterministically, inside make test: each replay_*
# binary (tests/fuzz/replay.c around tests/fuzz/fuzz_*.c, built by the
# ordinary compiler, under ASan+UBSan with make SAN=1) runs its committed
# corpus, the filter target also every truncation of each seed and seeded
# mutations of them.  A sanitizer report, a signal or a timeout fails.
#
#   tests/fuzz/replay.sh [BUILD_DIR]     (default build)
#   REPLAY_MUTATIONS=N                   mutations per filter seed (default 300)
set -u
cd "$(dirname "$0")/../.."
build=${1:-build}
muts=${REPLAY_MUTATIONS:-300}
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
supp=$(mktemp); trap 'rm -f "$supp" "$supp.err"' EXIT
# libtraceevent leaks a character constant's copy in a filter, tokens of
# a corrupt format (the same suppressions as tests/fuzz/run-fuzz.sh), and
# its error strings made by the fortified __asprintf_chk, whose callers the
# fast unwinder cannot see (libtraceevent has no frame pointers; exact
# unwinding makes this run ten times slower).  Our own asprintf goes through
# ASan's interceptor and the unit tests check it with exact unwinding.
{ echo 'leak:tep_parse_event'; echo 'leak:tep_filter_add_filter_str'; echo 'leak:__vasprintf_internal'
  grep '^leak:' tests/lsan.supp; } >"$supp"
export LSAN_OPTIONS="suppressions=$supp:print_suppressions=0"

one() {	# NAME TIMEOUT BIN ARGS...
	name=$1 limit=$2; shift 2
	[ -x "$1" ] || { echo "FAIL fuzz_replay $name: $1 missing (make)"; return; }
	timeout "$limit" "$@" >/dev/null 2>"$supp.err"
	rc=$?
	san=$(grep -m1 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|DEADLYSIGNAL' "$supp.err")
	last=$(grep '^replay: ' "$supp.err" | tail -1)
	if [ $rc -eq 0 ] && [ -z "$san" ]; then
		echo "PASS fuzz_replay $name"
	elif [ $rc -eq 124 ]; then
		echo "FAIL fuzz_replay $name: timeout ($limit s) after ${last#replay: }"
	else
		echo "FAIL fuzz_replay $name: exit $rc ${san:+($san) }after ${last#replay: }"
		grep -E '^ *#[0-9]+ ' "$supp.err" | head -12
	fi
}

one tracedat_seeds 300 "$build/fuzz/replay_tracedat" tests/fuzz/seeds/*
one filter_seeds 300 "$build/fuzz/replay_filter" -t -m "$muts" -s 1 tests/fuzz/seeds_filter/*
