dump graph --function n_tty_read --depth 3 tests/fixtures/fgraph_basic_v7.dat
