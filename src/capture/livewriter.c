#include "capture/livewriter.h"
#include "capture/errmsg.h"
#include "capture/live.h"
#include "capture/tracedat_write.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* A frame on the socket: the CPU, then page_size bytes; FRAME_FINISH alone
 * ends the recording.  The writer answers with lines: "O" (the file is
 * open), "E<why>" (it failed; nothing more is written), "D" (done). */
#define FRAME_FINISH (-1)
#define BATCH_PAGES 16		/* pages sent at once */
#define SOCKET_BYTES (8 << 20)	/* room for bursts while the writer compresses */

struct livewriter {
	pid_t pid;
	int sock;
	size_t frame;		/* 4 + page_size */
	char *batch;
	int nr_batch;
	bool failed;
	char error[600];	/* the writer's "E" line, or why it is gone */
};

struct tracedat_writer *livewriter_open_tracedat(const struct live *l, const char *path, int version,
						 enum compression c, char *err, size_t errlen)
{
	struct live_meta_texts t;
	struct tracedat_meta m = { 0 };
	struct tracedat_write_opts wo = { .version = version, .compression = version == 6 ? COMPRESSION_NONE : c };
	struct tracedat_writer *w;

	live_read_texts(l, &t);
	m.big_endian = l->big_endian;
	m.file_long_size = (int)sizeof(long);
	m.page_size = (uint32_t)l->page_size;
	m.header_page = &l->header_page;
	m.formats = l->formats;
	m.nr_formats = l->nr_formats;
	m.kallsyms = &t.kallsyms;
	m.printk = &t.printk;
	m.cmdlines = &t.cmdlines;
	m.trace_clock = t.trace_clock;
	m.uname = t.uname;
	m.cpus = l->nr_cpus;
	w = tracedat_writer_open(path, &wo, &m, err, errlen);
	if (w && tracedat_writer_add_buffer(w, "", l->clock, (uint32_t)l->page_size, l->nr_cpus) < 0) {
		snprintf(err, errlen, "%s", tracedat_writer_error(w));
		tracedat_writer_abort(w);
		w = NULL;
	}
	live_free_texts(&t);
	return w;
}

/* ---- the writer process ---- */

static int read_full(int fd, void *buf, size_t n)
{
	char *p = buf;

	while (n > 0) {
		ssize_t got = read(fd, p, n);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;	/* the end: ftui finished or died */
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

static void say(int sock, char kind, const char *text)
{
	char line[600];
	int n = snprintf(line, sizeof(line), "%c%s\n", kind, text ? text : "");

	if (n > (int)sizeof(line) - 1)
		n = (int)sizeof(line) - 1, line[n - 1] = '\n';
	if (send(sock, line, (size_t)n, MSG_NOSIGNAL) < 0)
		(void)0;	/* ftui is gone: nobody to tell */
}

/* Only the socket and /dev/null for 0-2: no tracefs file of the capture
 * stays open here (the instance could not be removed), no pipe a spawned
 * command waits on, nothing printed over the screen. */
static int child_setup(int sock)
{
	int null = open("/dev/null", O_RDWR);
	static const int quiet[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTOU, SIGTTIN };

	if (null < 0)
		return -1;
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	if (dup2(sock, 3) < 0)	/* (null may have been 3: it is in 0-2 now) */
		return -1;
	close_range(4, ~0U, 0);
	for (size_t i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++)
		signal(quiet[i], SIG_IGN);
	setsid();	/* away from the terminal's process group */
	return 3;
}

static void child_main(const struct live *l, const char *path, int version, enum compression c, int sock)
{
	pid_t ftui = getppid();
	struct tracedat_writer *w;
	struct metadata_blob cmdlines;
	char err[512] = "", *page = malloc((size_t)l->page_size);
	int32_t cpu = 0;
	bool finished = false, failed = false;

	sock = child_setup(sock);
	w = page && sock >= 0 ? livewriter_open_tracedat(l, path, version, c, err, sizeof(err)) : NULL;
	if (!w) {
		say(sock, 'E', err[0] ? err : "cannot start the writer");
		_exit(1);
	}
	say(sock, 'O', NULL);
	while (read_full(sock, &cpu, sizeof(cpu)) == 0) {
		if (cpu == FRAME_FINISH) {
			finished = true;
			break;
		}
		if (read_full(sock, page, (size_t)l->page_size))
			break;	/* a page cut short: ftui died while sending it */
		if (!failed && tracedat_writer_add_page(w, 0, cpu, page)) {
			failed = true;
			say(sock, 'E', tracedat_writer_error(w));
		}
	}
	if (!finished) {
		/* ftui died: its instance would stay, tracing.  The socket ends
		 * before the kernel has let go of ftui's tracefs files (the
		 * instance is busy until then); it has once ftui is no longer
		 * this process's parent. */
		for (int i = 0; i < 200 && getppid() == ftui; i++)
			usleep(50000);
		live_abandon(l);
	}
	/* tasks born during the capture have their comms by now */
	if (live_read_cmdlines(&cmdlines) == 0)
		tracedat_writer_set_cmdlines(w, &cmdlines);
	free(cmdlines.data);
	if (tracedat_writer_close(w, err, sizeof(err)))
		say(sock, 'E', err);
	else
		say(sock, 'D', NULL);
	free(page);
	_exit(0);	/* the rest of this process is ftui's memory: not ours to free */
}

/* ---- ftui's side ---- */

/* One line from the writer, waiting up to timeout_ms (-1: for ever);
 * returns its kind, 0 if none came in time, or -1 when the writer is gone. */
static int hear(struct livewriter *w, int timeout_ms)
{
	struct pollfd p = { .fd = w->sock, .events = POLLIN };
	char line[600];
	size_t n = 0;

	if (poll(&p, 1, timeout_ms) <= 0)
		return 0;
	while (n < sizeof(line) - 1) {
		ssize_t got = recv(w->sock, line + n, 1, 0);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		if (line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	if (line[0] == 'E' && !w->failed) {
		w->failed = true;
		snprintf(w->error, sizeof(w->error), "%s", line + 1);
	}
	return line[0];
}

static void gone(struct livewriter *w)
{
	if (!w->failed)
		snprintf(w->error, sizeof(w->error), "the writer process of the recording ended");
	w->failed = true;
}

struct livewriter *livewriter_start(const struct live *l, const char *path, int version, enum compression c,
				    char *err, size_t errlen)
{
	struct livewriter *w = calloc(1, sizeof(*w));
	int sv[2], size = SOCKET_BYTES, kind;

	if (!w || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		errmsg(err, errlen, "the recording's writer: %s", strerror(w ? errno : ENOMEM));
		free(w);
		return NULL;
	}
	/* as large as root may make it; else the system's limit */
	if (setsockopt(sv[0], SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size)))
		setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	if (setsockopt(sv[1], SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	w->frame = sizeof(int32_t) + (size_t)l->page_size;
	w->batch = malloc(w->frame * BATCH_PAGES);
	w->pid = w->batch ? fork() : -1;
	if (w->pid == 0) {
		close(sv[0]);
		child_main(l, path, version, c, sv[1]);
	}
	close(sv[1]);
	w->sock = sv[0];
	if (w->pid > 0)
		live_ignore_pid(l, w->pid);	/* its writing is not what the user traces */
	if (w->pid < 0) {
		errmsg(err, errlen, "the recording's writer: %s", strerror(w->batch ? errno : ENOMEM));
		close(w->sock);
		free(w->batch);
		free(w);
		return NULL;
	}
	kind = hear(w, -1);
	if (kind != 'O') {
		if (kind != 'E')
			gone(w);
		errmsg(err, errlen, "%s", w->error);
		close(w->sock);
		waitpid(w->pid, NULL, 0);
		free(w->batch);
		free(w);
		return NULL;
	}
	return w;
}

static int send_all(struct livewriter *w, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0 && !w->failed) {
		ssize_t sent = send(w->sock, p, n, MSG_NOSIGNAL);

		if (sent < 0 && errno == EINTR)
			continue;
		if (sent <= 0) {
			gone(w);
			break;
		}
		p += sent;
		n -= (size_t)sent;
	}
	return w->failed ? -1 : 0;
}

int livewriter_flush(struct livewriter *w)
{
	int ret = w->nr_batch ? send_all(w, w->batch, (size_t)w->nr_batch * w->frame) : 0;

	w->nr_batch = 0;
	return ret;
}

int livewriter_add_page(struct livewriter *w, int cpu, const void *page)
{
	char *f = w->batch + (size_t)w->nr_batch * w->frame;
	int32_t c = cpu;

	if (w->failed)
		return -1;
	memcpy(f, &c, sizeof(c));
	memcpy(f + sizeof(c), page, w->frame - sizeof(c));
	if (++w->nr_batch == BATCH_PAGES)
		return livewriter_flush(w);
	return 0;
}

bool livewriter_failed(struct livewriter *w)
{
	int kind;

	while (!w->failed && (kind = hear(w, 0)) != 0)
		if (kind < 0)
			gone(w);
	return w->failed;
}

int livewriter_finish(struct livewriter *w, char *err, size_t errlen)
{
	int32_t finish = FRAME_FINISH, kind = 0, status = 0;

	if (!w)
		return 0;
	if (livewriter_flush(w) == 0)
		send_all(w, &finish, sizeof(finish));
	shutdown(w->sock, SHUT_WR);
	/* compressing what is left may take a while */
	while ((kind = hear(w, -1)) != 'D' && kind > 0)
		;
	if (kind < 0)
		gone(w);
	close(w->sock);
	waitpid(w->pid, &status, 0);
	if (w->failed)
		errmsg(err, errlen, "%s", w->error);
	free(w->batch);
	kind = w->failed ? -1 : 0;
	free(w);
	return kind;
}
