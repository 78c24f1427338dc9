dump hist --event sched:sched_switch --hist keys=next_comm,stacktrace:size=3 ../shared/traces/public/x86_64_v7_zstd_kernel_stack_softirq.dat
