/* `ftui record`: capture from tracefs into a trace.dat, without a screen. */
#include "ui/commands.h"
#include "ui/live_args.h"
#include "capture/live.h"
#include "capture/livewriter.h"
#include "capture/spool.h"
#include "capture/tracedat_write.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

/* From one thread per CPU (the writer takes that). */
static int save_pages(void *ctx, int cpu, const void *pages, size_t n)
{
	struct recording *r = ctx;

	return tracedat_writer_add_pages(r->w, 0, cpu, pages, n);
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

static double since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* The directory of the output file, where the spool goes. */
static char *output_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	return slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
}

/* Capture until a signal, the command's end, or the duration: the spool's
 * threads read, this one only waits.  Then the spooled pages go into the
 * file. */
static int capture(struct live *l, struct recording *r, const char *output, pid_t child, double seconds,
		   char *err, size_t errlen)
{
	struct timespec start;
	char *dir = output_dir(output);
	struct spool *s = dir ? spool_start(l, dir, err, errlen) : NULL;
	int64_t pages;

	free(dir);
	if (!s)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!stop) {
		if (child > 0 && waitpid(child, NULL, WNOHANG) == child)
			break;
		if (seconds > 0 && since(&start) >= seconds)
			break;
		if (spool_failed(s))
			break;
		/* a signal cuts the sleep short */
		nanosleep(&(struct timespec){ .tv_nsec = 50 * 1000000 }, NULL);
	}
	live_stop(l);
	if (spool_finish(s, err, errlen)) {
		spool_free(s);
		return -1;
	}
	/* compressing takes a moment when much was captured: say so */
	if (spool_bytes(s) >= (64U << 20))
		fprintf(stderr, "ftui: tracing stopped, writing %llu MB of pages...\n",
			(unsigned long long)(spool_bytes(s) >> 20));
	pages = spool_replay(s, save_pages, r, err, errlen);
	spool_free(s);
	r->pages = pages > 0 ? (uint64_t)pages : 0;
	if (tracedat_writer_error(r->w)[0])	/* the writer's error first: it stopped the replay */
		snprintf(err, errlen, "%s", tracedat_writer_error(r->w));
	return pages < 0 || tracedat_writer_error(r->w)[0] ? -1 : 0;
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
	r.w = livewriter_open_tracedat(l, a.output, a.file_version, a.compression, err, sizeof(err));
	if (!r.w) {
		fprintf(stderr, "ftui: %s\n", err);
		live_spawn_abort(child);
		live_close(l);
		live_args_free(&a);
		return 1;
	}
	live_spawn_go(child);
	fprintf(stderr, "ftui: recording to %s%s\n", a.output, child > 0 ? "" : " (Ctrl-C stops)");
	ret = capture(l, &r, a.output, child, a.duration, err, sizeof(err));
	if (!ret)
		update_cmdlines(r.w);
	for (int cpu = 0; cpu < l->nr_cpus; cpu++)
		lost += l->cpus[cpu] ? live_lost(l, cpu) : 0;
	live_close(l);
	if (ret)
		tracedat_writer_abort(r.w);
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
