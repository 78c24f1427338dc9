dump hist --event sched:sched_switch --hist keys=prev_pid.hex,prev_state:size=4 tests/fixtures/sched_v7_zstd.dat
