dump timeline --width 60 --ascii tests/fixtures/irq_timer_syscalls_v6.dat
