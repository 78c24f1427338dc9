/* `ftui record`: capture from tracefs into a trace.dat, without a screen. */
#include "ui/commands.h"
#include "ui/live_args.h"
#include "ui/live_session.h"
#include "capture/live.h"
#include "capture/tracedat_write.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RECORD_BATCH 1024	/* pages per CPU per read */

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct recording {
	struct tracedat_writer *w;
	uint64_t pages;
};

static void save_page(void *ctx, int cpu, const void *page)
{
	struct recording *r = ctx;

	if (tracedat_writer_add_page(r->w, 0, cpu, page) == 0)
		r->pages++;
}

/* The writer got saved_cmdlines at the start; read them again now, as
 * trace-cmd does at the end of a recording, so that the tasks created during
 * it have their names in the file (else `trace-cmd report` prints <...>). */
static void update_cmdlines(struct tracedat_writer *w)
{
	struct metadata_blob b;

	if (!live_read_cmdlines(&b))
		tracedat_writer_set_cmdlines(w, &b);
	free(b.data);
}

static void install_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Capture until a signal, the command's end, or the duration. */
static int capture(struct live *l, struct recording *r, pid_t child, double seconds)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!stop) {
		/* in batches, so that a flood cannot keep us from seeing Ctrl-C */
		int n = live_read(l, false, RECORD_BATCH, save_page, r);

		if (n < 0)
			return -1;
		if (child > 0 && waitpid(child, NULL, WNOHANG) == child)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (seconds > 0 && (now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9 >= seconds)
			break;
		/* woken when a buffer passes buffer_percent, or at least every 100 ms */
		if (n == 0)
			live_wait(l, 100);
	}
	live_stop(l);
	if (live_read(l, false, 0, save_page, r) < 0 || live_read(l, true, 0, save_page, r) < 0)
		return -1;
	return 0;
}

int cmd_record(int argc, char **argv)
{
	struct live_args a;
	struct recording r = { 0 };
	struct live *l;
	char err[512];
	pid_t child = -1;
	uint64_t lost = 0;
	int ret;

	if (live_args_parse(argc, argv, &a, true))
		return 2;
	install_signals();
	if (a.argv && live_spawn(&a, &child, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		live_args_free(&a);
		return 1;
	}
	l = live_open(&a.opts, err, sizeof(err));
	if (!l) {
		fprintf(stderr, "ftui: %s\n", err);
		live_spawn_abort(child);
		live_args_free(&a);
		return 1;
	}
	r.w = live_writer_open(l, a.output, a.file_version, a.compression, err, sizeof(err));
	if (!r.w) {
		fprintf(stderr, "ftui: %s\n", err);
		live_spawn_abort(child);
		live_close(l);
		live_args_free(&a);
		return 1;
	}
	live_spawn_go(child);
	fprintf(stderr, "ftui: recording to %s%s\n", a.output, child > 0 ? "" : " (Ctrl-C stops)");
	ret = capture(l, &r, child, a.duration);
	if (!ret)
		update_cmdlines(r.w);
	for (int cpu = 0; cpu < l->nr_cpus; cpu++)
		lost += l->cpus[cpu] ? live_lost(l, cpu) : 0;
	live_close(l);
	if (ret)
		snprintf(err, sizeof(err), "reading trace_pipe_raw: %s", strerror(errno)), tracedat_writer_abort(r.w);
	else
		ret = tracedat_writer_close(r.w, err, sizeof(err));
	if (child > 0)
		waitpid(child, NULL, 0);
	if (ret)
		fprintf(stderr, "ftui: %s\n", err);
	else
		fprintf(stderr, "ftui: %llu pages written to %s, %llu events lost\n", (unsigned long long)r.pages,
			a.output, (unsigned long long)lost);
	live_args_free(&a);
	return ret ? 1 : 0;
}
