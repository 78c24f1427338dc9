dump latency --histogram tests/fixtures/sched_v6.dat
