# Driving a program in tmux, for the end-to-end tests (sourced).  The caller
# sets sock (a tmux server of its own), session, and name (its PASS/FAIL
# prefix), and may set rows (lines of screen shown on a failure).

t() { tmux -L "$sock" "$@"; }
screen() { t capture-pane -p -t "$session"; }
keys() { t send-keys -t "$session" "$@"; }

# wait until the screen shows $1 (a grep -E pattern), up to 10 s
wait_for() {
	for _ in $(seq 100); do
		screen | grep -qE -- "$1" && return 0
		sleep 0.1
	done
	return 1
}

check() {	# case pattern
	if wait_for "$2"; then
		echo "PASS $name $1"
	else
		echo "FAIL $name $1: screen lacks /$2/"
		screen | sed 's/^/  | /' | head -"${rows:-30}"
	fi
}
