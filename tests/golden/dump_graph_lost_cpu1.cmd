dump graph --depth 5 --cpu 1 tests/fixtures/fgraph_lost_v6.dat
