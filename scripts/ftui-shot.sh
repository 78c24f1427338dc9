#!/bin/bash
# A picture of what ftui draws, as a user sees it in a 256-colour terminal:
# ftui runs in tmux, the keys are sent, the screen is captured with its
# colours and drawn into a PNG (scripts/ansi2svg.py, rsvg-convert).
#   scripts/ftui-shot.sh [-s COLSxROWS] FILE OUT.png [KEYS...]
set -eu
size=160x45
[ "${1:-}" = -s ] && { size=$2; shift 2; }
[ $# -ge 2 ] || { echo "usage: $0 [-s COLSxROWS] FILE OUT.png [tmux keys...]" >&2; exit 2; }
file=$1; out=$2; shift 2
here=$(dirname "$0"); ftui=${FTUI:-$here/../build/ftui}
sock=ftui-shot-$$
tmux -L "$sock" new-session -d -s s -x "${size%x*}" -y "${size#*x}" "TERM=xterm-256color $ftui $file"
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
sleep 1.5
for k in "$@"; do tmux -L "$sock" send-keys -t s "$k"; sleep 0.3; done
sleep 0.5
tmux -L "$sock" capture-pane -p -e -t s | "$here/ansi2svg.py" >"${out%.png}.svg"
rsvg-convert "${out%.png}.svg" -o "$out" && rm -f "${out%.png}.svg"
