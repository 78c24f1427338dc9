dump hist --event timer:hrtimer_start --hist keys=function.sym-offset,expires.buckets=1000000000 tests/fixtures/irq_timer_syscalls_v7.dat
