dump hist --event syscalls:sys_enter_mmap --hist keys=stacktrace:sort=hitcount.descending ../shared/traces/public/x86_64_v7_zstd_syscalls_kernel_stack.dat
