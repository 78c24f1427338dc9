dump hist --event raw_syscalls:sys_enter --hist keys=common_pid.execname:sort=hitcount.descending tests/fixtures/irq_timer_syscalls_v7.dat
