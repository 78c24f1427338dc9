dump timeline --width 100 tests/fixtures/manycpu_256_v7.dat
