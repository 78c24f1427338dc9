dump hist --event raw_syscalls:sys_enter --hist keys=id.syscall:vals=hitcount:sort=id tests/fixtures/irq_timer_syscalls_v7.dat
