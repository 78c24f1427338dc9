#include "capture/spool.h"
#include "capture/live.h"
#include "capture/errmsg.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <tracefs.h>
#include <unistd.h>

#define PIPE_BYTES (1 << 20)	/* pages moved per splice(): fewer system calls */
#define REPLAY_PAGES 1024	/* pages mapped at a time (a multiple of any page size) */

struct spool_cpu {
	struct spool *s;
	int cpu;
	int file;		/* the temporary file, -1 for CPUs not traced */
	int pipe[2];
	int pipe_bytes;
	pthread_t thread;
	bool running;
	atomic_uint_fast64_t bytes;
	atomic_int error;	/* errno of the first failure, 0 if none */
};

struct spool {
	struct live *l;
	char dir[512];		/* where the files are, for messages */
	int wake[2];		/* written once to stop the threads */
	atomic_bool stopping;
	int nr_cpus;
	struct spool_cpu *cpus;
};

/* Unlinked from the start: nothing to clean up on any exit. */
static int open_temp(const char *dir)
{
	char path[4096];
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
	snprintf(path, sizeof(path), "%s/.ftui-spool-XXXXXX", dir);
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0)
		unlink(path);
	return fd;
}

/* Move n bytes from the pipe to the file: splice() where the file system
 * takes it, else through a buffer. */
static int pipe_to_file(struct spool_cpu *c, size_t n)
{
	char buf[16384];

	while (n > 0) {
		ssize_t got = splice(c->pipe[0], NULL, c->file, NULL, n, SPLICE_F_MOVE);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == EINVAL) {
			got = read(c->pipe[0], buf, n < sizeof(buf) ? n : sizeof(buf));
			if (got > 0 && write(c->file, buf, (size_t)got) != got)
				return -1;
		}
		if (got <= 0)
			return got == 0 ? (errno = EIO, -1) : -1;
		n -= (size_t)got;
		atomic_fetch_add(&c->bytes, (uint_fast64_t)got);
	}
	return 0;
}

/* Every full page the kernel has now, until there is none or we are told
 * to stop.  Returns bytes moved, or -1. */
static int64_t drain(struct spool_cpu *c, bool to_the_end)
{
	int fd = c->s->l->fds[c->cpu];
	int64_t moved = 0;

	while (to_the_end || !atomic_load(&c->s->stopping)) {
		ssize_t n = splice(fd, NULL, c->pipe[1], NULL, (size_t)c->pipe_bytes,
				   SPLICE_F_MOVE | SPLICE_F_NONBLOCK);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		if (n <= 0)
			return n < 0 ? -1 : moved;
		if (pipe_to_file(c, (size_t)n))
			return -1;
		moved += n;
	}
	return moved;
}

static void *run(void *arg)
{
	struct spool_cpu *c = arg;
	struct pollfd p[2] = {
		{ .fd = c->s->l->fds[c->cpu], .events = POLLIN },
		{ .fd = c->s->wake[0], .events = POLLIN },
	};

	live_boost_thread(c->s->l);
	while (!atomic_load(&c->s->stopping)) {
		int64_t moved;

		/* woken when the buffer passes buffer_percent */
		if (poll(p, 2, -1) < 0 && errno != EINTR) {
			c->error = errno;
			break;
		}
		moved = drain(c, false);
		if (moved < 0) {
			c->error = errno;
			break;
		}
		/* readable but no full page yet: do not spin */
		if (moved == 0 && (p[0].revents & POLLIN))
			nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	}
	return NULL;
}

static int setup_cpu(struct spool *s, struct spool_cpu *c, const char *dir, char *err, size_t errlen)
{
	c->s = s;
	if (s->l->fds[c->cpu] < 0)
		return 0;
	c->file = open_temp(dir);
	if (c->file < 0)
		return errmsg(err, errlen, "cannot make a temporary file in the output's directory: %s", strerror(errno));
	if (pipe2(c->pipe, O_CLOEXEC))
		return errmsg(err, errlen, "pipe: %s", strerror(errno));
	/* a bigger pipe, if allowed; else the default */
	fcntl(c->pipe[1], F_SETPIPE_SZ, PIPE_BYTES);
	c->pipe_bytes = fcntl(c->pipe[1], F_GETPIPE_SZ);
	if (c->pipe_bytes < s->l->page_size)
		c->pipe_bytes = s->l->page_size;
	return 0;
}

/* The threads take no signal: the caller's thread handles them. */
static int start_threads(struct spool *s, char *err, size_t errlen)
{
	sigset_t all, old;
	int ret = 0;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (int cpu = 0; cpu < s->nr_cpus && !ret; cpu++) {
		struct spool_cpu *c = &s->cpus[cpu];

		if (c->file < 0)
			continue;
		ret = pthread_create(&c->thread, NULL, run, c);
		if (ret)
			errmsg(err, errlen, "cannot start a capture thread: %s", strerror(ret));
		else
			c->running = true;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ret ? -1 : 0;
}

struct spool *spool_start(struct live *l, const char *dir, char *err, size_t errlen)
{
	struct spool *s = calloc(1, sizeof(*s));

	if (!s) {
		errmsg(err, errlen, "spool: %s", strerror(ENOMEM));
		return NULL;
	}
	s->l = l;
	snprintf(s->dir, sizeof(s->dir), "%s", dir);
	s->wake[0] = s->wake[1] = -1;
	s->nr_cpus = l->nr_cpus;
	s->cpus = calloc((size_t)s->nr_cpus, sizeof(*s->cpus));
	if (!s->cpus || pipe2(s->wake, O_CLOEXEC)) {
		errmsg(err, errlen, "spool: %s", strerror(s->cpus ? errno : ENOMEM));
		spool_free(s);
		return NULL;
	}
	for (int cpu = 0; cpu < s->nr_cpus; cpu++) {
		s->cpus[cpu].cpu = cpu;
		s->cpus[cpu].file = s->cpus[cpu].pipe[0] = s->cpus[cpu].pipe[1] = -1;
	}
	for (int cpu = 0; cpu < s->nr_cpus; cpu++) {
		if (setup_cpu(s, &s->cpus[cpu], dir, err, errlen)) {
			spool_free(s);
			return NULL;
		}
	}
	if (start_threads(s, err, errlen)) {
		spool_free(s);
		return NULL;
	}
	return s;
}

static void stop_threads(struct spool *s)
{
	atomic_store(&s->stopping, true);
	if (s->wake[1] >= 0 && write(s->wake[1], "x", 1) < 0)
		return;	/* cannot happen with an empty pipe; the threads would still see the flag */
	for (int cpu = 0; cpu < s->nr_cpus; cpu++) {
		if (s->cpus[cpu].running)
			pthread_join(s->cpus[cpu].thread, NULL);
		s->cpus[cpu].running = false;
	}
}

/* What splice() leaves: the page the kernel is still filling. */
static int flush_partial(struct spool_cpu *c)
{
	struct live *l = c->s->l;
	char *page = malloc((size_t)l->page_size);
	int n;

	if (!page)
		return -1;
	while ((n = tracefs_cpu_flush(l->cpus[c->cpu], page)) > 0) {
		if (n < l->page_size)
			memset(page + n, 0, (size_t)(l->page_size - n));
		if (write(c->file, page, (size_t)l->page_size) != l->page_size) {
			n = -1;
			break;
		}
		atomic_fetch_add(&c->bytes, (uint_fast64_t)l->page_size);
	}
	free(page);
	return n < 0 ? -1 : 0;
}

int spool_finish(struct spool *s, char *err, size_t errlen)
{
	stop_threads(s);
	for (int cpu = 0; cpu < s->nr_cpus; cpu++) {
		struct spool_cpu *c = &s->cpus[cpu];

		if (c->file < 0)
			continue;
		if (c->error || drain(c, true) < 0 || flush_partial(c)) {
			snprintf(err, errlen, "writing the capture to a temporary file in %s: %s", s->dir,
				 strerror(c->error ? c->error : errno));
			return -1;
		}
	}
	return 0;
}

/* The CPU's file, mapped a window at a time: the pages go to fn without
 * being copied. */
static int64_t replay_cpu(struct spool_cpu *c, spool_pages_fn fn, void *ctx)
{
	size_t page = (size_t)c->s->l->page_size;
	size_t window = REPLAY_PAGES * page;
	uint64_t size = atomic_load(&c->bytes) / page * page;

	for (uint64_t off = 0; off < size; off += window) {
		size_t len = size - off < window ? (size_t)(size - off) : window;
		void *map = mmap(NULL, len, PROT_READ, MAP_SHARED, c->file, (off_t)off);
		int ret;

		if (map == MAP_FAILED)
			return -1;
		madvise(map, len, MADV_SEQUENTIAL);
		ret = fn(ctx, c->cpu, map, len / page);
		munmap(map, len);
		if (ret)
			return -1;
	}
	return (int64_t)(size / page);
}

struct replay_job {
	struct spool_cpu *c;
	spool_pages_fn fn;
	void *ctx;
	pthread_t thread;
	bool running;
	int64_t pages;
	int error;
};

static void *replay_thread(void *arg)
{
	struct replay_job *j = arg;

	j->pages = replay_cpu(j->c, j->fn, j->ctx);
	if (j->pages < 0)
		j->error = errno ? errno : EIO;
	return NULL;
}

/* A thread per CPU: compressing takes a while, and the CPUs' data are
 * independent. */
int64_t spool_replay(struct spool *s, spool_pages_fn fn, void *ctx, char *err, size_t errlen)
{
	struct replay_job *jobs = calloc((size_t)s->nr_cpus, sizeof(*jobs));
	int64_t total = 0;
	int error = 0;
	sigset_t all, old;

	if (!jobs)
		return errmsg(err, errlen, "spool: %s", strerror(ENOMEM));
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (int cpu = 0; cpu < s->nr_cpus; cpu++) {
		jobs[cpu] = (struct replay_job){ .c = &s->cpus[cpu], .fn = fn, .ctx = ctx };
		if (s->cpus[cpu].file >= 0)
			jobs[cpu].running = !pthread_create(&jobs[cpu].thread, NULL, replay_thread, &jobs[cpu]);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	for (int cpu = 0; cpu < s->nr_cpus; cpu++) {
		if (jobs[cpu].running)
			pthread_join(jobs[cpu].thread, NULL);
		else if (s->cpus[cpu].file >= 0)	/* no thread: do it here */
			replay_thread(&jobs[cpu]);
		if (jobs[cpu].error && !error)
			error = jobs[cpu].error;
		total += jobs[cpu].pages > 0 ? jobs[cpu].pages : 0;
	}
	free(jobs);
	return error ? errmsg(err, errlen, "reading the spooled trace back: %s", strerror(error)) : total;
}

bool spool_failed(const struct spool *s)
{
	for (int cpu = 0; cpu < s->nr_cpus; cpu++)
		if (s->cpus[cpu].error)
			return true;
	return false;
}

uint64_t spool_bytes(const struct spool *s)
{
	uint64_t total = 0;

	for (int cpu = 0; cpu < s->nr_cpus; cpu++)
		total += atomic_load(&((struct spool *)s)->cpus[cpu].bytes);
	return total;
}

static void close_fd(int fd)
{
	if (fd >= 0)
		close(fd);
}

void spool_free(struct spool *s)
{
	if (!s)
		return;
	if (s->cpus) {
		stop_threads(s);
		for (int cpu = 0; cpu < s->nr_cpus; cpu++) {
			close_fd(s->cpus[cpu].file);
			close_fd(s->cpus[cpu].pipe[0]);
			close_fd(s->cpus[cpu].pipe[1]);
		}
	}
	close_fd(s->wake[0]);
	close_fd(s->wake[1]);
	free(s->cpus);
	free(s);
}
