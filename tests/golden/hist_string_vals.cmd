dump hist --event sched:sched_wakeup --hist keys=comm:vals=hitcount,prio tests/fixtures/sched_v7_zstd.dat
