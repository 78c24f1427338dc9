dump graph --time --pid 2001 --depth 1 tests/fixtures/fgraph_markers_v7.dat
