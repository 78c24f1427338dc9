#include "capture/live.h"
#include "capture/errmsg.h"

#include <ctype.h>
#include <fcntl.h>
#include <dirent.h>
#include <errno.h>
#include <event-parse.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <tracefs.h>
#include <unistd.h>

const char *const live_default_events[] = {
	"sched:sched_switch", "sched:sched_waking", "sched:sched_wakeup", "sched:sched_wakeup_new",
	"sched:sched_migrate_task", "sched:sched_process_fork", "sched:sched_process_exec",
	"sched:sched_process_exit", "irq:irq_handler_entry", "irq:irq_handler_exit", "irq:softirq_entry",
	"irq:softirq_exit", NULL,
};

/* An instance ftui-<pid> whose process is gone (killed outright, or crashed
 * before it could clean up). */
static bool stale_name(const char *name)
{
	char *end;
	long pid;

	if (strncmp(name, "ftui-", 5))
		return false;
	pid = strtol(name + 5, &end, 10);
	return pid > 0 && !*end && kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

int live_remove_stale(void)
{
	char path[512];
	struct dirent *d;
	DIR *dir;
	int removed = 0;

	snprintf(path, sizeof(path), "%s/instances", tracefs_tracing_dir());
	dir = opendir(path);
	if (!dir)
		return 0;
	while ((d = readdir(dir))) {
		struct tracefs_instance *inst;

		if (!stale_name(d->d_name) || !(inst = tracefs_instance_alloc(NULL, d->d_name)))
			continue;
		tracefs_trace_off(inst);
		if (tracefs_instance_destroy(inst) == 0)
			removed++;
		tracefs_instance_free(inst);
	}
	closedir(dir);
	return removed;
}

static int add_format(struct live *l, const char *system, const char *event)
{
	struct metadata_blob *f;
	int size = 0;
	char *text = tracefs_event_file_read(NULL, system, event, "format", &size);

	if (!text)
		return -1;
	f = realloc(l->formats, (l->nr_formats + 1) * sizeof(*f));
	if (!f) {
		free(text);
		return -1;
	}
	l->formats = f;
	f[l->nr_formats].data = text;
	f[l->nr_formats].size = (size_t)size;
	f[l->nr_formats].system = strdup(system);
	l->nr_formats++;
	return 0;
}

static bool has_format(const struct live *l, const char *system, const char *event)
{
	size_t n = strlen(event);

	for (int i = 0; i < l->nr_formats; i++) {
		const char *name = strstr(l->formats[i].data, "name: ");

		if (!strcmp(l->formats[i].system, system) && name && !strncmp(name + 6, event, n) &&
		    name[6 + n] == '\n')
			return true;
	}
	return false;
}

/* Enable one event and keep its format.  Returns 1, or 0 when there is
 * no such event or the kernel refuses it. */
static int enable_event(struct live *l, const char *system, const char *event)
{
	char file[512];

	snprintf(file, sizeof(file), "events/%s/%s/enable", system, event);
	if (tracefs_instance_file_write(l->instance, file, "1") < 0)
		return 0;
	if (!has_format(l, system, event))
		add_format(l, system, event);
	return 1;
}

static int enable_system(struct live *l, const char *system)
{
	char **events = tracefs_system_events(NULL, system);
	int found = 0;

	for (int e = 0; events && events[e]; e++)
		found += enable_event(l, system, events[e]);
	tracefs_list_free(events);
	return found;
}

static bool is_system(const char *name)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/events/%s", tracefs_tracing_dir(), name);
	return strchr(name, '/') == NULL && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* An event named without its system: look in every system (the slow case). */
static int enable_bare_event(struct live *l, const char *event)
{
	char **systems = tracefs_event_systems(NULL);
	int found = 0;

	if (!systems)
		return -1;
	for (int s = 0; systems[s]; s++)
		if (tracefs_event_file_exists(NULL, systems[s], event, "enable"))
			found += enable_event(l, systems[s], event);
	tracefs_list_free(systems);
	return found;
}

/* Enable the events of one spec ("sys:event", "sys:" or "sys:*", "sys", or
 * "event") and keep their formats.  Returns how many events it named, or
 * -1 when tracefs cannot be listed.  Each system and event is looked up by
 * name: walking the whole events tree (thousands of directories) would make
 * start-up slow. */
static int enable_spec(struct live *l, const char *spec)
{
	const char *colon = strchr(spec, ':');
	char *system;
	int found;

	if (!colon)
		return is_system(spec) ? enable_system(l, spec) : enable_bare_event(l, spec);
	system = strndup(spec, (size_t)(colon - spec));
	if (!system)
		return -1;
	if (!is_system(system) || strchr(colon + 1, '/'))
		found = 0;
	else if (!colon[1] || !strcmp(colon + 1, "*"))
		found = enable_system(l, system);
	else
		found = enable_event(l, system, colon + 1);
	free(system);
	return found;
}

/* The ftrace system's own formats (print, bprint, ...), as trace-cmd keeps them. */
static void add_ftrace_formats(struct live *l)
{
	char **events = tracefs_system_events(NULL, "ftrace");

	for (int e = 0; events && events[e]; e++)
		if (!has_format(l, "ftrace", events[e]))
			add_format(l, "ftrace", events[e]);
	tracefs_list_free(events);
}

static int setup_events(struct live *l, const struct live_opts *o, char *err, size_t errlen)
{
	const char *const *specs = o->nr_events ? (const char *const *)o->events : live_default_events;
	int n = o->nr_events ? o->nr_events : -1;

	for (int i = 0; n < 0 ? specs[i] != NULL : i < n; i++) {
		int found = enable_spec(l, specs[i]);

		if (found < 0)
			return errmsg(err, errlen, "cannot list the events in tracefs: %s", strerror(errno));
		if (found == 0)
			return errmsg(err, errlen, "unknown event \"%s\" (see %s/available_events)", specs[i],
				    tracefs_tracing_dir());
	}
	add_ftrace_formats(l);
	return 0;
}

static int setup_pids(struct live *l, const struct live_opts *o, char *err, size_t errlen)
{
	char buf[64];

	/* ftui's own reading makes events (syscalls, switches): leave them out,
	 * as trace-cmd leaves out its own threads */
	snprintf(buf, sizeof(buf), "%d", (int)getpid());
	if (tracefs_file_exists(l->instance, "set_event_notrace_pid"))
		tracefs_instance_file_write(l->instance, "set_event_notrace_pid", buf);
	/* the kernel then keeps pid -> process id in saved_tgids, for tasks
	 * gone from /proc before the table shows them (best effort) */
	tracefs_option_enable(l->instance, TRACEFS_OPTION_RECORD_TGID);
	if (!o->nr_pids)
		return 0;
	tracefs_instance_file_clear(l->instance, "set_event_pid");
	for (int i = 0; i < o->nr_pids; i++) {
		snprintf(buf, sizeof(buf), "%d", o->pids[i]);
		if (tracefs_instance_file_append(l->instance, "set_event_pid", buf) < 0)
			return errmsg(err, errlen, "cannot follow pid %d: %s", o->pids[i], strerror(errno));
	}
	if (o->follow_forks && tracefs_option_enable(l->instance, TRACEFS_OPTION_EVENT_FORK) < 0)
		return errmsg(err, errlen, "the kernel refuses options/event-fork: %s", strerror(errno));
	return 0;
}

/* A tracer (-p): this kernel, like many, may refuse some (EPERM for the
 * function tracers); events need none. */
static int setup_tracer(struct live *l, const struct live_opts *o, char *err, size_t errlen)
{
	if (!o->tracer || !strcmp(o->tracer, "nop"))
		return 0;
	if (!tracefs_tracer_available(NULL, o->tracer))
		return errmsg(err, errlen, "no tracer \"%s\" in this kernel (see %s/available_tracers)", o->tracer,
			    tracefs_tracing_dir());
	if (tracefs_instance_file_write(l->instance, "current_tracer", o->tracer) < 0)
		return errmsg(err, errlen, "the kernel refuses the %s tracer (%s); events need no tracer", o->tracer,
			    strerror(errno));
	return 0;
}

static int setup_buffer(struct live *l, const struct live_opts *o, char *err, size_t errlen)
{
	const char *clock = o->clock ? o->clock : "local";

	if (o->buffer_kb > 0 && tracefs_instance_set_buffer_size(l->instance, (size_t)o->buffer_kb, -1) < 0)
		return errmsg(err, errlen, "cannot set the buffer to %d KB per CPU: %s", o->buffer_kb, strerror(errno));
	if (tracefs_instance_file_write(l->instance, "trace_clock", clock) < 0)
		return errmsg(err, errlen, "unknown trace clock \"%s\"", clock);
	l->clock = strdup(clock);
	if (o->cpumask && tracefs_instance_file_write(l->instance, "tracing_cpumask", o->cpumask) < 0)
		return errmsg(err, errlen, "bad CPU mask \"%s\" (hex, as tracing_cpumask)", o->cpumask);
	return 0;
}

static bool cpu_in_mask(const char *mask, int cpu)
{
	size_t len;
	int digit;
	char c;

	if (!mask)
		return true;
	len = strlen(mask);
	if ((size_t)(cpu / 4) >= len)
		return false;
	c = mask[len - 1 - (size_t)(cpu / 4)];
	digit = isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;
	return (digit >> (cpu % 4)) & 1;
}

/* The readers: trace_pipe_raw opened here, so that its fd can be polled
 * (libtracefs 1.6.4 keeps the fd of the readers it opens to itself). */
static int open_cpus(struct live *l, const struct live_opts *o, char *err, size_t errlen)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);
	int opened = 0;

	l->nr_cpus = n > 0 ? (int)n : 1;
	l->cpus = calloc((size_t)l->nr_cpus, sizeof(*l->cpus));
	l->fds = malloc((size_t)l->nr_cpus * sizeof(*l->fds));
	if (!l->cpus || !l->fds)
		return errmsg(err, errlen, "out of memory");
	l->page_size = tep_get_sub_buffer_size(l->tep);
	if (l->page_size <= 0)
		l->page_size = getpagesize();
	for (int cpu = 0; cpu < l->nr_cpus; cpu++) {
		char file[64], *path;

		l->fds[cpu] = -1;
		if (!cpu_in_mask(o->cpumask, cpu))
			continue;
		snprintf(file, sizeof(file), "per_cpu/cpu%d/trace_pipe_raw", cpu);
		path = tracefs_instance_get_file(l->instance, file);
		l->fds[cpu] = path ? open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) : -1;
		tracefs_put_tracing_file(path);
		if (l->fds[cpu] < 0)
			continue;	/* an offline CPU */
		l->cpus[cpu] = tracefs_cpu_alloc_fd(l->fds[cpu], l->page_size, true);
		if (!l->cpus[cpu]) {
			close(l->fds[cpu]);
			l->fds[cpu] = -1;
			continue;
		}
		opened++;
	}
	if (!opened)
		return errmsg(err, errlen, "cannot open any CPU's trace_pipe_raw: %s", strerror(errno));
	/* wake readers well before a buffer fills; a quarter full measured
	 * better than 5 or 10 % (fewer wake-ups, as few losses) and than 50 %
	 * (bench/live.sh) */
	if (tracefs_file_exists(l->instance, "buffer_percent"))
		tracefs_instance_file_write(l->instance, "buffer_percent", "25");
	l->page = calloc(1, (size_t)l->page_size);
	return l->page ? 0 : errmsg(err, errlen, "out of memory");
}

static int read_text(const char *path, struct metadata_blob *b);

/* The formats of the events enabled (and ftrace's), not all of the
 * system's: start-up stays quick.  Symbols only when something will print
 * events (the live view), not for a plain recording. */
static int load_tep(struct live *l, const struct live_opts *o, char *err, size_t errlen)
{
	int size = 0;
	char *hp;

	l->tep = tep_alloc();
	if (!l->tep)
		return errmsg(err, errlen, "out of memory");
	l->plugins = tep_load_plugins(l->tep);
	hp = tracefs_instance_file_read(NULL, "events/header_page", &size);
	if (!hp)
		return errmsg(err, errlen, "cannot read events/header_page");
	l->header_page.data = hp;
	l->header_page.size = (size_t)size;
	tep_set_file_bigendian(l->tep, tep_is_local_bigendian(l->tep) ? TEP_BIG_ENDIAN : TEP_LITTLE_ENDIAN);
	tep_parse_header_page(l->tep, hp, (unsigned long)size, (int)sizeof(long));
	l->big_endian = tep_is_file_bigendian(l->tep);
	l->long_size = tep_get_header_page_size(l->tep);
	tep_set_long_size(l->tep, l->long_size);
	for (int i = 0; i < l->nr_formats; i++)
		tep_parse_event(l->tep, l->formats[i].data, l->formats[i].size, l->formats[i].system);
	tracefs_load_cmdlines(NULL, l->tep);
	if (o->symbols) {
		struct metadata_blob k = { 0 };

		if (read_text("/proc/kallsyms", &k) == 0)
			tep_parse_kallsyms(l->tep, k.data);
		free(k.data);
		snprintf(err, errlen, "%s", "");
	}
	return 0;
}

static int check_access(const struct live_opts *o, char *err, size_t errlen)
{
	if (geteuid() != 0)
		return errmsg(err, errlen, "live capture needs root: tracefs is writable by root only (try sudo)");
	if (o->tracefs)
		return tracefs_set_tracing_dir((char *)o->tracefs) < 0 ?
			errmsg(err, errlen, "%s is not a tracefs directory", o->tracefs) : 0;
	if (tracefs_tracing_dir_is_mounted(true, NULL) < 0)
		return errmsg(err, errlen,
			    "tracefs is not mounted and could not be (mount -t tracefs nodev /sys/kernel/tracing)");
	return 0;
}

struct live *live_open(const struct live_opts *o, char *err, size_t errlen)
{
	struct live *l;
	char name[32];

	if (check_access(o, err, errlen))
		return NULL;
	live_remove_stale();
	l = calloc(1, sizeof(*l));
	if (!l) {
		errmsg(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(name, sizeof(name), "ftui-%d", (int)getpid());
	l->name = strdup(name);
	l->rt_prio = o->rt_prio;
	l->instance = tracefs_instance_create(name);
	if (!l->instance) {
		errmsg(err, errlen, "cannot create the tracefs instance %s: %s", name, strerror(errno));
		live_close(l);
		return NULL;
	}
	tracefs_trace_off(l->instance);
	if (setup_buffer(l, o, err, errlen) || setup_events(l, o, err, errlen) || setup_pids(l, o, err, errlen) ||
	    setup_tracer(l, o, err, errlen) ||
	    load_tep(l, o, err, errlen) || open_cpus(l, o, err, errlen)) {
		live_close(l);
		return NULL;
	}
	tracefs_trace_on(l->instance);
	return l;
}

void live_boost_thread(const struct live *l)
{
	if (l->rt_prio > 0) {
		struct sched_param sp = { .sched_priority = l->rt_prio };

		if (!pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp))
			return;
	}
	setpriority(PRIO_PROCESS, (id_t)gettid(), LIVE_CAPTURE_NICE);
}

void live_stop(struct live *l)
{
	if (l && l->instance)
		tracefs_trace_off(l->instance);
}

/* Off first: see live_close(). */
void live_abandon(const struct live *l)
{
	if (!l->instance)
		return;
	tracefs_trace_off(l->instance);
	tracefs_tracer_clear(l->instance);
	tracefs_event_disable(l->instance, NULL, NULL);
	/* busy while a file of it is still open somewhere: try for 5 s */
	for (int i = 0; i < 50 && tracefs_instance_destroy(l->instance) && errno == EBUSY; i++)
		usleep(100000);
}

void live_close(struct live *l)
{
	if (!l)
		return;
	if (l->instance) {
		tracefs_trace_off(l->instance);
		tracefs_tracer_clear(l->instance);
		/* events off before the instance goes: removing it with busy
		 * tracepoints still attached can keep the kernel busy for long */
		tracefs_event_disable(l->instance, NULL, NULL);
	}
	for (int cpu = 0; l->cpus && cpu < l->nr_cpus; cpu++) {
		if (l->cpus[cpu])
			tracefs_cpu_free_fd(l->cpus[cpu]);
		if (l->fds && l->fds[cpu] >= 0)
			close(l->fds[cpu]);
	}
	free(l->cpus);
	free(l->fds);
	if (l->instance) {
		tracefs_instance_destroy(l->instance);
		tracefs_instance_free(l->instance);
	}
	if (l->tep) {
		if (l->plugins)
			tep_unload_plugins(l->plugins, l->tep);
		tep_free(l->tep);
	}
	for (int i = 0; i < l->nr_formats; i++) {
		free(l->formats[i].data);
		free(l->formats[i].system);
	}
	free(l->formats);
	free(l->header_page.data);
	free(l->page);
	free(l->clock);
	free(l->name);
	free(l);
}

int live_read(struct live *l, bool flush, void (*fn)(void *ctx, int cpu, const void *page), void *ctx)
{
	int pages = 0;

	for (int cpu = 0; cpu < l->nr_cpus; cpu++) {
		int n = 0;

		if (!l->cpus[cpu])
			continue;
		while ((n = flush ? tracefs_cpu_flush(l->cpus[cpu], l->page)
				  : tracefs_cpu_read(l->cpus[cpu], l->page, true)) > 0) {
			/* a page not yet full comes short: readers step in whole pages */
			if (n < l->page_size)
				memset((char *)l->page + n, 0, (size_t)(l->page_size - n));
			fn(ctx, cpu, l->page);
			pages++;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
	}
	return pages;
}

size_t live_page_data(const struct live *l, const void *page)
{
	const uint8_t *commit = (const uint8_t *)page + 8;
	uint64_t v;

	if (l->long_size == 8) {
		memcpy(&v, commit, 8);
	} else {
		uint32_t v4;

		memcpy(&v4, commit, 4);
		v = v4;
	}
	return (size_t)(v & ((1U << 27) - 1));
}

/* The page header is the timestamp (8 bytes), then commit (a kernel long, in
 * the machine's own byte order here) whose bit 31 is RB_MISSED_EVENTS. */
void live_page_mark_missed(const struct live *l, void *page)
{
	uint8_t *commit = (uint8_t *)page + 8;

	if (l->long_size == 8) {
		uint64_t v;

		memcpy(&v, commit, 8);
		v |= 1ULL << 31;
		memcpy(commit, &v, 8);
	} else {
		uint32_t v;

		memcpy(&v, commit, 4);
		v |= 1U << 31;
		memcpy(commit, &v, 4);
	}
}

uint64_t live_lost(const struct live *l, int cpu)
{
	char file[64], *text, *p;
	uint64_t lost = 0;

	snprintf(file, sizeof(file), "per_cpu/cpu%d/stats", cpu);
	text = tracefs_instance_file_read(l->instance, file, NULL);
	if (!text)
		return 0;
	if ((p = strstr(text, "overrun: ")))
		lost += strtoull(p + 9, NULL, 10);
	if ((p = strstr(text, "dropped events: ")))
		lost += strtoull(p + 16, NULL, 10);
	free(text);
	return lost;
}

static int read_text(const char *path, struct metadata_blob *b)
{
	FILE *f = fopen(path, "r");
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap);

	if (!f || !buf) {
		if (f)
			fclose(f);
		free(buf);
		return -1;
	}
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			char *bigger = realloc(buf, cap * 2);

			if (!bigger)
				break;
			buf = bigger;
			cap *= 2;
		}
	}
	fclose(f);
	buf[n] = '\0';
	b->data = buf;
	b->size = n;
	return 0;
}

int live_read_texts(const struct live *l, struct live_meta_texts *t)
{
	char path[512];
	struct utsname u;

	(void)l;
	memset(t, 0, sizeof(*t));
	read_text("/proc/kallsyms", &t->kallsyms);
	snprintf(path, sizeof(path), "%s/printk_formats", tracefs_tracing_dir());
	read_text(path, &t->printk);
	live_read_cmdlines(&t->cmdlines);
	t->trace_clock = tracefs_instance_file_read(l->instance, "trace_clock", NULL);
	if (t->trace_clock && strchr(t->trace_clock, '\n'))
		*strchr(t->trace_clock, '\n') = '\0';
	if (uname(&u) == 0 && asprintf(&t->uname, "%s %s %s %s", u.sysname, u.nodename, u.release, u.machine) < 0)
		t->uname = NULL;
	return 0;
}

void live_ignore_pid(const struct live *l, int pid)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%d", pid);
	if (tracefs_file_exists(l->instance, "set_event_notrace_pid"))
		tracefs_instance_file_append(l->instance, "set_event_notrace_pid", buf);
}

int live_followed(const struct live *l, int32_t **pids)
{
	char *text = tracefs_instance_file_read(l->instance, "set_event_pid", NULL), *p, *end;
	int n = 0, cap = 0;

	*pids = NULL;
	if (!text)
		return -1;
	for (p = text; *p; p = end) {
		long v = strtol(p, &end, 10);

		if (end == p) {
			end = p + 1;
			continue;
		}
		if (n == cap) {
			int32_t *bigger = realloc(*pids, (size_t)(cap = cap ? cap * 2 : 64) * sizeof(**pids));

			if (!bigger) {
				free(*pids);
				free(text);
				*pids = NULL;
				return -1;
			}
			*pids = bigger;
		}
		(*pids)[n++] = (int32_t)v;
	}
	free(text);
	return n;
}

int live_saved_tgids(struct metadata_blob *b)
{
	char path[512];

	memset(b, 0, sizeof(*b));
	snprintf(path, sizeof(path), "%s/saved_tgids", tracefs_tracing_dir());
	return read_text(path, b);
}

int live_read_cmdlines(struct metadata_blob *b)
{
	char path[512];

	memset(b, 0, sizeof(*b));
	snprintf(path, sizeof(path), "%s/saved_cmdlines", tracefs_tracing_dir());
	return read_text(path, b);
}

void live_free_texts(struct live_meta_texts *t)
{
	free(t->kallsyms.data);
	free(t->printk.data);
	free(t->cmdlines.data);
	free(t->trace_clock);
	free(t->uname);
	memset(t, 0, sizeof(*t));
}
