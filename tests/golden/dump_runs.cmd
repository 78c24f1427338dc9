dump runs --cpu 1 --from +10ms --to +13ms tests/fixtures/sched_v6.dat
