#!/bin/bash
# End-to-end: ftui live in a real terminal (tmux) for a few seconds; q and
# SIGTERM/SIGHUP leave the terminal sane and tracefs without ftui's instance.
# Usage: tests/e2e/tmux_live.sh BUILD_DIR
set -u
build=$(cd "${1:-build}" && pwd)
. tests/live/lib.sh
live_skip_unless_possible tmux_live
if ! command -v tmux >/dev/null; then
	echo "SKIP tmux_live: tmux is not installed (scripts/deps.sh --test)"
	exit 0
fi
sock="ftui-live-$$"
session=live
name=tmux_live
rows=20
. tests/e2e/lib.sh
trap 't kill-server 2>/dev/null' EXIT
# ftui's pid, once it runs (empty if it never shows up)
ftui_pid() {
	local p
	for _ in $(seq 50); do
		p=$(pgrep -nf "^$build/ftui live$") && { echo "$p"; return; }
		sleep 0.1
	done
}
# After q or a signal, ftui stops tracing and removes its instance before it
# exits, which takes long on a loaded machine: wait for the exit (30 s), then
# look.  No pid is a failure, not a pass.
instance_gone() {	# name pid
	if [ -z "$2" ]; then
		echo "FAIL tmux_live $1: no ftui process found"
		return
	fi
	for _ in $(seq 300); do kill -0 "$2" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$2" 2>/dev/null; then
		echo "FAIL tmux_live $1: ftui $2 still runs 30 s later"
	elif [ -d "$TRACEFS/instances/ftui-$2" ]; then
		echo "FAIL tmux_live $1: instance ftui-$2 left behind"
	else
		echo "PASS tmux_live $1: instance removed"
	fi
}
shell_back() {
	keys "clear; stty -a | grep -o -- '-icanon'; echo back-\$((40+2))" Enter
	if wait_for 'back-42' && ! screen | grep -q -- '-icanon'; then
		echo "PASS tmux_live $1: terminal sane"
	else
		echo "FAIL tmux_live $1: terminal not restored"
	fi
}

t -f /dev/null new-session -d -s "$session" -x 120 -y 32 "env -i PATH=$PATH HOME=$HOME TERM=tmux-256color LANG=C.UTF-8 PS1='READY\$ ' bash --norc --noprofile"
wait_for 'READY\$' || { echo "FAIL tmux_live: no shell"; exit 0; }

keys "$build/ftui live" Enter
check header 'ftui live +[0-9]+ CPUs'
check table 'switches/s'
check rows 'PID +TID COMM'
pid=$(ftui_pid)
keys '?'
check help 'ftui live keys'
keys q
keys '>'
check sort 'sort: TIME'
keys q
instance_gone quit "$pid"
shell_back quit

for sig in TERM HUP; do
	keys "clear; $build/ftui live" Enter
	check "open-for-sig$sig" 'switches/s'
	pid=$(ftui_pid)
	[ -n "$pid" ] && kill -"$sig" "$pid"
	instance_gone "sig$sig" "$pid"
	shell_back "sig$sig"
done
