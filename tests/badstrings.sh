#!/bin/bash
# Malformed filter and hist strings (tests/badstrings.txt) through every way
# a user types them: `ftui report -F`, `ftui dump hist`, and the browser's f
# and H prompts driven headless (--headless --keys, as tests/golden.sh).
#
#   tests/badstrings.sh [BUILD_DIR]    (default build; build-san for the sanitizers)
#
# A string passes when
#   - the command exits non-zero (not by a signal, not after 20 s) with one
#     stderr line "ftui: ..." or "ftui report: ...",
#   - the browser exits 0, and after Enter its status line is still the
#     prompt (the text kept, checked when short) followed by the error
#     "column N: ...", and Esc then closes the prompt,
#   - and no run prints a sanitizer report.
# BADSTRINGS_VERBOSE=1 shows each prompt's status line (on stderr).
set -u
cd "$(dirname "$0")/.."
bin=${1:-build}/ftui
corpus=tests/badstrings.txt
fixture=tests/fixtures/sched_v7_zstd.dat
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8

if [ ! -x "$bin" ]; then
	echo "FAIL badstrings: no $bin"
	exit 1
fi

# A corpus string as bytes: {{TEXT*N}} repeated, then \xNN \\ \t (printf %b).
decode() {
	local s=$1 re='\{\{([^}*]*)\*([0-9]+)\}\}' rep
	while [[ $s =~ $re ]]; do
		rep=$(printf "%${BASH_REMATCH[2]}s" "" | sed "s/ /${BASH_REMATCH[1]//\//\\/}/g")
		s=${s/"${BASH_REMATCH[0]}"/"$rep"}
	done
	printf '%b' "$s"
}

# The headless key script that types s: what the prompt takes of it (no
# control bytes, 255 bytes at most), blanks as <Space>.
keys_for() {	# prompt-key s
	local text
	text=$(printf '%s' "$2" | LC_ALL=C tr -d '\000-\037\177' | head -c 255)
	printf '%s ' "$1"
	printf '%s' "$text" | LC_ALL=C awk 'BEGIN { RS = "\001" } {
		n = split($0, w, / /)
		for (i = 1; i <= n; i++) { if (i > 1) printf "<Space> "; if (w[i] != "") printf "=%s ", w[i] }
	}'
	printf '<Enter> !dump <Esc> !dump\n'
}

sanitizer() {	# file: the first line of a sanitizer report, if any
	grep -m1 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|Sanitizer:DEADLYSIGNAL' "$1"
}

# The command line refuses s: why not, or nothing.
check_command() {	# kind s
	local rc why= ev spec
	if [ "$1" = F ]; then
		timeout 20 "$bin" report -F "$2" "$fixture" >/dev/null 2>"$tmp/err" </dev/null
	else
		ev=${2%% *} spec=
		[ "$ev" != "$2" ] && spec=${2#* }
		timeout 20 "$bin" dump hist --event "$ev" --hist "$spec" "$fixture" >/dev/null 2>"$tmp/err" </dev/null
	fi
	rc=$?
	if [ -n "$(sanitizer "$tmp/err")" ]; then
		why="sanitizer: $(sanitizer "$tmp/err")"
	elif [ $rc -eq 124 ]; then
		why="timeout (20 s)"
	elif [ $rc -ge 128 ]; then
		why="killed by signal $((rc - 128))"
	elif [ $rc -eq 0 ]; then
		why="accepted (exit 0)"
	elif [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! head -1 "$tmp/err" | grep -qE '^ftui( [a-z]+)?: '; then
		why="exit $rc, stderr not one line \"ftui[ COMMAND]: ...\": $(head -c 200 "$tmp/err" | tr '\n' '|')"
	fi
	printf '%s' "$why"
}

# The browser's prompt refuses s and stays open: why not, or nothing.
check_prompt() {	# kind s
	local key=f label='filter: ' rc why= status closed typed
	[ "$1" = H ] && key=H label='hist[ :(]'
	typed=$(printf '%s' "$2" | LC_ALL=C tr -d '\000-\037\177' | head -c 255)
	keys_for "$key" "$2" >"$tmp/keys"
	timeout 20 "$bin" --headless=160x24 --keys=@"$tmp/keys" "$fixture" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	# the last line of screens 1 and 2: the status line
	status=$(awk '/^=== screen 2 /{ print last; exit } { last = $0 }' "$tmp/out")
	closed=$(tail -1 "$tmp/out")
	if [ -n "$(sanitizer "$tmp/err")" ]; then
		why="sanitizer: $(sanitizer "$tmp/err")"
	elif [ $rc -ne 0 ]; then
		why="browser exit $rc: $(head -c 200 "$tmp/err" | tr '\n' '|')"
	elif ! printf '%s' "$status" | grep -qE "^$label"; then
		why="the prompt closed on Enter: \"$status\""
	elif ! printf '%s' "$status" | grep -qE '_  column [0-9]+: [^ ]'; then
		why="no \"column N: ...\" error in the prompt line: \"$status\""
	elif [ ${#typed} -le 40 ] && [[ $status != *"${typed}_  column "* ]]; then
		why="the prompt lost the text: \"$status\""
	elif printf '%s' "$closed" | grep -qE "^$label"; then
		why="Esc did not close the prompt"
	elif [ -n "${BADSTRINGS_VERBOSE:-}" ]; then
		echo "  | $status" >&2
	fi
	printf '%s' "$why"
}

n=0
while IFS= read -r line; do
	case $line in '#'*|'') continue ;; esac
	kind=${line%%	*}
	raw=${line#*	}
	n=$((n + 1))
	s=$(decode "$raw")
	why=$(check_command "$kind" "$s")
	[ -z "$why" ] && why=$(check_prompt "$kind" "$s")
	shown=$(printf '%s' "$raw" | head -c 60)
	if [ -n "$why" ]; then
		echo "FAIL badstrings $kind$n \"$shown\": $why"
		cp "$tmp/keys" "$tmp/out" /tmp/ 2>/dev/null
	else
		echo "PASS badstrings $kind$n \"$shown\""
	fi
done <"$corpus"
[ "$n" -ge 60 ] || echo "FAIL badstrings: only $n strings in $corpus"
