dump latency tests/fixtures/sched_v7_zstd.dat
