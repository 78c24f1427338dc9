dump hist --event sched:sched_switch --hist keys=wakeup_lat.log2:sort=wakeup_lat tests/fixtures/sched_v7_zstd.dat
