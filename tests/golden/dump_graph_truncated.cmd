dump graph --time tests/fixtures/fgraph_truncated_v7.dat
