dump timeline --cpu 249 --width 80 tests/fixtures/manycpu_256_v7.dat
