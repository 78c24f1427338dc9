dump latency --pid 9242 --top 2 tests/fixtures/manycpu_128_v7.dat
