/* System call names for hist's .syscall modifier. */
#ifndef FTUI_SYSCALLS_H
#define FTUI_SYSCALLS_H

/* The name of x86_64 system call nr, or NULL. */
const char *syscall_name_x86_64(unsigned long long nr);

#endif
