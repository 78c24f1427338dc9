#include "ui/live_args.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The pipe a spawned command waits on; only one command per process. */
static int go_pipe[2] = { -1, -1 };

static void usage(FILE *f, bool record)
{
	if (record)
		fprintf(f, "usage: ftui record -o FILE [-e EVENT]... [-P PID]... [-M CPUMASK] [-b KB] [-C CLOCK]\n"
			   "                   [-r PRIO] [--file-version 6|7] [--compression none|zstd|zlib]\n"
			   "                   [--duration SECONDS] [-- COMMAND ARGS...]\n"
			   "Record tracefs events into a trace.dat (Ctrl-C, the command's end or the duration stops).\n");
	else
		fprintf(f, "usage: ftui live [-e EVENT]... [-P PID]... [-M CPUMASK] [-b KB] [-C CLOCK] [-d SECONDS]\n"
			   "                 [-r PRIO] [--memory MB] [-o FILE] [--ascii] [--mono]\n"
			   "                 [--command-output FILE] [-- COMMAND ARGS...]\n"
			   "A top-like view of the machine from tracepoints; -o also records to FILE.\n"
			   "COMMAND's output goes to --command-output FILE (default $TMPDIR/ftui-live-PID.out,\n"
			   "named in the header), never over the screen.\n");
	fprintf(f, "  -e EVENT    an event or a system (sched:sched_switch, irq, raw_syscalls); default:\n"
		   "              sched switch/wakeups/migrations/fork/exec/exit, irq and softirq entry/exit\n"
		   "  -P PID      only this task (and its children)\n"
		   "  -M CPUMASK  only these CPUs (hex, as tracing_cpumask)\n"
		   "  -b KB       ring-buffer size per CPU\n"
		   "  -C CLOCK    trace clock (default local)\n"
		   "  -p TRACER   also run a tracer (function_graph, ...) where the kernel allows it\n"
		   "  -r PRIO     capture threads at this SCHED_FIFO priority (default: nice %d)\n", LIVE_CAPTURE_NICE);
}

static int push(void **arr, int *n, size_t elem, const void *val)
{
	void *p = realloc(*arr, (size_t)(*n + 1) * elem);

	if (!p)
		return -1;
	memcpy((char *)p + (size_t)*n * elem, val, elem);
	*arr = p;
	(*n)++;
	return 0;
}

int live_args_parse(int argc, char **argv, struct live_args *a, bool record)
{
	enum { OPT_VERSION = 256, OPT_COMPRESSION, OPT_DURATION, OPT_MEMORY, OPT_ASCII, OPT_MONO, OPT_CMD_OUT };
	static const struct option longopts[] = {
		{ "file-version", required_argument, NULL, OPT_VERSION },
		{ "compression", required_argument, NULL, OPT_COMPRESSION },
		{ "duration", required_argument, NULL, OPT_DURATION },
		{ "memory", required_argument, NULL, OPT_MEMORY },
		{ "ascii", no_argument, NULL, OPT_ASCII },
		{ "mono", no_argument, NULL, OPT_MONO },
		{ "command-output", required_argument, NULL, OPT_CMD_OUT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, n;

	memset(a, 0, sizeof(*a));
	a->file_version = 7;
	a->compression = COMPRESSION_ZSTD;
	a->refresh = 1.0;
	a->memory_mb = 256;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+e:P:M:b:C:o:d:p:r:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'e':
			if (push((void **)&a->events, &a->opts.nr_events, sizeof(char *), &optarg))
				return -1;
			break;
		case 'P':
			n = atoi(optarg);
			if (n <= 0) {
				fprintf(stderr, "ftui: bad pid \"%s\"\n", optarg);
				return -1;
			}
			if (push((void **)&a->pids, &a->opts.nr_pids, sizeof(int), &n))
				return -1;
			break;
		case 'M': a->opts.cpumask = optarg; break;
		case 'b': a->opts.buffer_kb = atoi(optarg); break;
		case 'C': a->opts.clock = optarg; break;
		case 'p': a->opts.tracer = optarg; break;
		case 'r':
			a->opts.rt_prio = atoi(optarg);
			if (a->opts.rt_prio < 1 || a->opts.rt_prio > 99) {
				fprintf(stderr, "ftui: -r takes a SCHED_FIFO priority from 1 to 99\n");
				return -1;
			}
			break;
		case 'o': a->output = optarg; break;
		case 'd': a->refresh = atof(optarg); break;
		case OPT_DURATION: a->duration = atof(optarg); break;
		case OPT_MEMORY: a->memory_mb = atoi(optarg); break;
		case OPT_ASCII: a->ascii = true; break;
		case OPT_MONO: a->mono = true; break;
		case OPT_CMD_OUT:
			if (record) {
				fprintf(stderr, "ftui: --command-output is for live (record leaves the terminal to the command)\n");
				return -1;
			}
			a->command_output = optarg;
			break;
		case OPT_VERSION:
			a->file_version = atoi(optarg);
			if (a->file_version != 6 && a->file_version != 7) {
				fprintf(stderr, "ftui: --file-version is 6 or 7\n");
				return -1;
			}
			break;
		case OPT_COMPRESSION:
			if (compression_from_name(optarg) < 0) {
				fprintf(stderr, "ftui: --compression is none, zstd or zlib\n");
				return -1;
			}
			a->compression = compression_from_name(optarg);
			break;
		case 'h': usage(stdout, record); exit(0);
		default: usage(stderr, record); return -1;
		}
	}
	if (a->file_version == 6)
		a->compression = COMPRESSION_NONE;
	if (optind < argc)
		a->argv = argv + optind;
	if (record && !a->output) {
		fprintf(stderr, "ftui: record needs -o FILE\n");
		return -1;
	}
	if (a->refresh < 0.1 || a->refresh > 3600) {
		fprintf(stderr, "ftui: -d takes seconds from 0.1 to 3600\n");
		return -1;
	}
	a->opts.events = a->events;
	a->opts.pids = a->pids;
	a->opts.follow_forks = a->opts.nr_pids > 0;
	return 0;
}

void live_args_free(struct live_args *a)
{
	free(a->events);
	free(a->pids);
	a->events = NULL;
	a->pids = NULL;
}

/* In the command's process: stdout and stderr to path, stdin from
 * /dev/null, and no controlling terminal (it cannot write over the screen
 * through /dev/tty either). */
static int redirect(const char *path)
{
	int out = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (out < 0 || null < 0)
		return -1;
	setsid();
	return dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0 ? -1 : 0;
}

int live_spawn(struct live_args *a, pid_t *child, char *err, size_t errlen)
{
	pid_t pid;
	char c;

	if (pipe(go_pipe) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		close(go_pipe[1]);
		if (a->command_output && redirect(a->command_output))
			_exit(127);
		/* wait for tracing to be set up, so the command's first events are in */
		if (read(go_pipe[0], &c, 1) != 1)
			_exit(127);
		close(go_pipe[0]);
		execvp(a->argv[0], a->argv);
		fprintf(stderr, "ftui: cannot run %s: %s\n", a->argv[0], strerror(errno));
		_exit(127);
	}
	close(go_pipe[0]);
	go_pipe[0] = -1;
	*child = pid;
	if (push((void **)&a->pids, &a->opts.nr_pids, sizeof(int), &pid))
		return -1;
	a->opts.pids = a->pids;
	a->opts.follow_forks = true;
	return 0;
}

void live_spawn_go(pid_t child)
{
	if (child <= 0 || go_pipe[1] < 0)
		return;
	if (write(go_pipe[1], "g", 1) != 1)
		kill(child, SIGKILL);
	close(go_pipe[1]);
	go_pipe[1] = -1;
}

void live_spawn_abort(pid_t child)
{
	if (child <= 0)
		return;
	if (go_pipe[1] >= 0) {
		close(go_pipe[1]);	/* the child reads EOF and exits */
		go_pipe[1] = -1;
	}
	waitpid(child, NULL, 0);
}
