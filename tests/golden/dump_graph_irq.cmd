dump graph --cpu 0 tests/fixtures/fgraph_irq_v7.dat
