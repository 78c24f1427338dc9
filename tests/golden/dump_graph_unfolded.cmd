dump graph tests/fixtures/fgraph_basic_v7.dat
