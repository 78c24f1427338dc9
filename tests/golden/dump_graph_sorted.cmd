dump graph --pid 1001 --sort --depth 6 tests/fixtures/fgraph_basic_v7.dat
