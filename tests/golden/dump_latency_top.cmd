dump latency --top 3 --pid 5606 tests/fixtures/sched_v7_zstd.dat
