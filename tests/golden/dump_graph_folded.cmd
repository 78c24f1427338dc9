dump graph --depth 4 tests/fixtures/fgraph_basic_v7.dat
