dump timeline --width 90 --cpu 1 --from +10ms --to +20ms tests/fixtures/sched_v6.dat
