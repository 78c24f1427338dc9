dump timeline --width 90 tests/fixtures/sched_v6.dat
