dump latency --csv tests/fixtures/sched_v6.dat
