dump hist --event timer:hrtimer_start --hist keys=function.sym:vals=hitcount tests/fixtures/irq_timer_syscalls_v7.dat
