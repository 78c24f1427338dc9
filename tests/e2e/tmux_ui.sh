#!/bin/bash
# End-to-end: the real ftui binary in a real terminal (tmux), driven by keys.
# Usage: tests/e2e/tmux_ui.sh BUILD_DIR
set -u
build=$(cd "${1:-build}" && pwd)
root=$(pwd)
fixture="$root/tests/fixtures/sched_v7_zstd.dat"
sock="ftui-test-$$"
session=e2e

if ! command -v tmux >/dev/null; then
	echo "SKIP tmux_ui: tmux is not installed (scripts/deps.sh --test)"
	exit 0
fi

name=tmux_ui
. tests/e2e/lib.sh
cleanup() { t kill-server 2>/dev/null; }
trap cleanup EXIT

check_absent() {	# name pattern (after a short settle)
	sleep 0.3
	if screen | grep -qE -- "$2"; then
		echo "FAIL tmux_ui $1: screen still shows /$2/"
		screen | sed 's/^/  | /' | head -30
	else
		echo "PASS tmux_ui $1"
	fi
}

start_shell() {
	cleanup
	t -f /dev/null new-session -d -s "$session" -x 100 -y 30 "env -i PATH=$PATH HOME=$HOME TERM=tmux-256color LANG=C.UTF-8 PS1='READY\$ ' bash --norc --noprofile"
	wait_for 'READY\$' || { echo "FAIL tmux_ui: no shell in tmux"; exit 0; }
}

# A shell whose terminal is sane again answers a command typed into it, and
# ftui's exit status (LAST, set by the command line that ran it) is rc.
check_shell_back() {	# name rc
	keys "clear; stty -a | grep -o -- '-icanon' ; echo back-\$((40+2)) rc=\$LAST" Enter
	if ! wait_for 'back-42' || screen | grep -q -- '-icanon'; then
		echo "FAIL tmux_ui $1: terminal not restored"
		screen | sed 's/^/  | /' | head -30
	elif ! screen | grep -qE -- "^back-42 rc=$2\$"; then
		echo "FAIL tmux_ui $1: exit status $(screen | grep -oE -- '^back-42 rc=[0-9]*' | cut -d= -f2), not $2"
	else
		echo "PASS tmux_ui $1: shell prompt back, terminal sane, exit status $2"
	fi
}

start_shell
keys "$build/ftui $fixture; LAST=\$?" Enter
check open 'ftui  sched_v7_zstd.dat  2 CPUs'
check timeline 'CPU1'
keys +
check zoom-in '107\.310 ms'
keys -
check zoom-out '214\.620 ms'
keys j Enter
check cpu-zoom 'CPU 1: one lane per task'
keys Escape
check_absent cpu-zoom-back 'one lane per task'
keys / p o n g Enter
check search '/pong'
keys a l l l l b
check markers 'A-B [0-9.]+ (us|ms)'
keys '?'
check help 'ftui keys'
keys Escape
t resize-window -t "$session" -x 70 -y 20
check resize 'sched_v7_zstd.dat'
t resize-window -t "$session" -x 30 -y 8
check too-small 'terminal too small'
t resize-window -t "$session" -x 100 -y 30
check grow-back 'CPU1'
keys q
wait_for 'READY\$' >/dev/null
check_shell_back quit 0

# Ctrl-C quits too
keys "$build/ftui $fixture; LAST=\$?" Enter
check open-again 'CPU1'
keys C-c
wait_for 'READY\$' >/dev/null
check_shell_back ctrl-c 0

# SIGTERM (and SIGHUP, as when ssh drops) restore the terminal
for sig in TERM HUP; do
	keys "clear; $build/ftui $fixture; LAST=\$?" Enter
	check "open-for-sig$sig" 'CPU1'
	pkill -"$sig" -f "^$build/ftui $fixture\$"
	for _ in $(seq 50); do
		pgrep -f "^$build/ftui $fixture\$" >/dev/null || break
		sleep 0.1
	done
	# a stop by signal is a clean exit (term.h: the loop ends, ftui cleans up)
	check_shell_back "sig$sig" 0
done

# the function-graph pane folds and unfolds
keys "clear; $build/ftui $root/tests/fixtures/fgraph_markers_v7.dat; LAST=\$?" Enter
check fgraph-open 'fgraph_markers_v7.dat'
keys F
check fgraph-pane 'function graph'
check fgraph-unfolded '} /\* wait_10001ns \*/'
keys c
check fgraph-folded 'wait_10001ns\(\) \{ \.\.\. \}'
keys e
check fgraph-unfolded-again '} /\* wait_10001ns \*/'
keys Escape q
wait_for 'READY\$' >/dev/null
check_shell_back fgraph-quit 0

# many CPUs: the rows scroll with the selection, J/K page, @ goes to a CPU,
# s changes the split.  The selected CPU's label is the one drawn in reverse.
esc=$'\e'
selected_cpu() {
	t capture-pane -p -e -t "$session" |
		sed -nE "s/^(${esc}\[[0-9;]*m)*${esc}\[([0-9;]*;)?7(;[0-9;]*)?m(${esc}\[[0-9;]*m)*(CPU[0-9]+).*/\5/p" | head -1
}
check_selected() {	# case CPUn: that row is on screen and selected
	local got
	for _ in $(seq 50); do
		got=$(selected_cpu)
		[ "$got" = "$2" ] && break
		sleep 0.1
	done
	if [ "$got" = "$2" ]; then
		echo "PASS tmux_ui $1"
	else
		echo "FAIL tmux_ui $1: selected row is '${got:-none}', not $2"
		screen | sed 's/^/  | /' | head -30
	fi
}
cpu_rows() { screen | grep -c '^CPU[0-9]'; }
repeat() { for _ in $(seq "$2"); do printf '%s\n' "$1"; done; }

keys "clear; $build/ftui $root/tests/fixtures/manycpu_128_v7.dat; LAST=\$?" Enter
check rows-open 'manycpu_128_v7\.dat  128 CPUs  8980 events  CPU 0-15 of 128 '
check_selected rows-open-selected CPU0
rows_adaptive=$(cpu_rows)
keys $(repeat j 20)
check rows-j-past-bottom 'CPU 5-20 of 128 '
check_selected rows-j-selected-visible CPU20
keys J
check rows-J-page 'CPU 21-36 of 128 '
check_selected rows-J-selected CPU36
keys K
check rows-K-page 'CPU 5-20 of 128 '
check_selected rows-K-selected CPU20
keys $(repeat k 25)
check rows-k-past-top 'CPU 0-15 of 128 '
check_selected rows-k-selected CPU0
keys @
check goto-cpu-prompt 'go to CPU: '
keys 1 2 7 Enter
check goto-cpu-last 'CPU 112-127 of 128 '
check_selected goto-cpu-last-selected CPU127
keys J j j
sleep 0.3
check rows-stay-at-last 'CPU 112-127 of 128 '
check_selected rows-stay-at-last-selected CPU127
keys @ 2 0 0 Enter
check goto-cpu-out-of-range 'go to CPU: 200.*no CPU "200": give 0 to 127'
keys Escape
check_absent goto-cpu-prompt-closed 'go to CPU: '
check_selected goto-cpu-out-of-range-keeps CPU127
# s: adaptive -> a quarter -> half -> three quarters -> adaptive; the
# selected CPU stays in view at each
split_rows=()
for step in "quarter:a quarter of the screen" "half:half of the screen" \
	"three-quarters:three quarters of the screen" "adaptive:as tall as the CPU count asks"; do
	keys s
	check "split-${step%%:*}" "timeline: ${step#*:}"
	check_selected "split-${step%%:*}-selected" CPU127
	split_rows+=("$(cpu_rows)")
done
if [ "${split_rows[0]}" -lt "${split_rows[1]}" ] && [ "${split_rows[1]}" -lt "${split_rows[2]}" ] &&
	[ "${split_rows[3]}" = "$rows_adaptive" ]; then
	echo "PASS tmux_ui split-rows: ${split_rows[*]} CPU rows (adaptive at start $rows_adaptive)"
else
	echo "FAIL tmux_ui split-rows: CPU rows ${split_rows[*]} (quarter, half, three quarters, adaptive; at start $rows_adaptive)"
fi
keys q
wait_for 'READY\$' >/dev/null
check_shell_back rows-quit 0

keys "clear; $build/ftui $root/tests/fixtures/manycpu_256_v7.dat; LAST=\$?" Enter
check rows256-open '256 CPUs  17658 events  CPU 0-15 of 256 '
keys @ 2 0 0 Enter
check goto-cpu-200 'CPU 185-200 of 256 '
check_selected goto-cpu-200-selected CPU200
keys @ 2 5 5 Enter
check goto-cpu-255 'CPU 240-255 of 256 '
check_selected goto-cpu-255-selected CPU255
keys T
check tasks-rows 'tasks 1-[0-9]+ of 1134 '
tasks_vis=$(screen | sed -nE '1s/.*tasks 1-([0-9]+) of.*/\1/p')
keys J
check tasks-J-page "tasks $((tasks_vis + 1))-$((2 * tasks_vis)) of 1134 "
keys K T
check tasks-back-to-cpus 'CPU 240-255 of 256 '
keys q
wait_for 'READY\$' >/dev/null
check_shell_back rows256-quit 0

# a missing file: one line, non-zero exit, no curses screen
keys "clear; $build/ftui /nonexistent.dat; echo rc=\$?" Enter
check missing-file 'ftui: /nonexistent.dat: No such file or directory'
check missing-file-rc 'rc=1'
