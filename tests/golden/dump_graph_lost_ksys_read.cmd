dump graph --function ksys_read tests/fixtures/fgraph_lost_v6.dat
