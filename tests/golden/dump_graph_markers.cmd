dump graph tests/fixtures/fgraph_markers_v7.dat
