/* storm: the busy workload of bench/make-big-trace.sh.
 *
 * Forks NPROC children named "storm" that together make about SYSCALLS small
 * system calls, then waits for them.  Each child mostly calls getppid()
 * (raw_syscalls:sys_enter/sys_exit pairs), calls sched_yield() every 16
 * calls and sleeps 20 us every 128 calls (hrtimer start/expire, wakeups,
 * context switches), so the trace also gets a steady stream of sched:*,
 * timer:* and irq:* events.  Children are not pinned: with more children
 * than CPUs they are preempted and migrated as well.
 *
 * usage: storm NPROC SYSCALLS
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define YIELD_EVERY 16
#define SLEEP_EVERY 128

static void child(long long n)
{
	const struct timespec nap = { 0, 20000 };

	prctl(PR_SET_NAME, "storm", 0, 0, 0);
	for (long long i = 1; i <= n; i++) {
		if (i % SLEEP_EVERY == 0)
			nanosleep(&nap, NULL);
		else if (i % YIELD_EVERY == 0)
			sched_yield();
		else
			(void)getppid();
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	int nproc;
	long long total;

	if (argc != 3 || (nproc = atoi(argv[1])) < 1 || (total = atoll(argv[2])) < 0) {
		fprintf(stderr, "usage: storm NPROC SYSCALLS\n");
		return 2;
	}
	for (int i = 0; i < nproc; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("storm: fork");
			return 1;
		}
		if (pid == 0)
			child(total / nproc);
	}
	while (wait(NULL) > 0)
		;
	return 0;
}
