#!/bin/bash
# A screenshot of KernelShark on a trace, to set beside ftui's own picture
# (scripts/ftui-shot.sh).  Needs kernelshark, xvfb, xdotool, imagemagick.
#   scripts/kernelshark-shot.sh FILE OUT.png
set -eu
[ $# -eq 2 ] || { echo "usage: $0 FILE OUT.png" >&2; exit 2; }
file=$(realpath "$1"); out=$(realpath -m "$2")
inner=$(mktemp); trap 'rm -f "$inner"' EXIT
cat >"$inner" <<'IN'
kernelshark "$1" >/dev/null 2>&1 &
pid=$!
sleep 4
xdotool key Return		# the "running as root" notice, when there is one
sleep 2
for w in $(xdotool search --name KernelShark); do xdotool windowsize "$w" 1600 1000 windowmove "$w" 0 0; done
sleep "${KS_WAIT:-4}"
import -window root "$2"
kill $pid
IN
timeout 120 xvfb-run -a -s "-screen 0 1600x1000x24" bash "$inner" "$file" "$out"
