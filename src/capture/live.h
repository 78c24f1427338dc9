/* Live capture from tracefs, in ftui's own instance.
 *
 * live_open() makes the instance "ftui-<pid>" (after removing instances left
 * by ftui processes that no longer run), enables the events there, and opens
 * a non-blocking raw reader per CPU; the top-level buffer's settings are
 * never touched.  While tracing, a thread per CPU reads those (spool.h for
 * `ftui record`, reader.h for `ftui live`); live_read() takes what is left
 * at the end.  live_close() stops tracing and removes the instance: call it on
 * every way out (the UI does, on q, Ctrl-C, SIGTERM, SIGHUP and errors).
 */
#ifndef FTUI_LIVE_H
#define FTUI_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/tracedat.h"

struct tep_handle;
struct tep_plugin_list;

struct live_opts {
	const char **events;	/* "sched:sched_switch", "sched", "sched_switch"; NULL: the default set */
	int nr_events;
	const int *pids;	/* only these tasks (set_event_pid), with their children if follow_forks */
	int nr_pids;
	bool follow_forks;
	const char *cpumask;	/* hex, as tracing_cpumask; NULL: all */
	int buffer_kb;		/* per CPU; 0: the kernel's default */
	const char *clock;	/* NULL: local */
	const char *tracer;	/* -p: function, function_graph, ...; NULL: none (nop) */
	bool symbols;		/* load kallsyms, to print function names */
	const char *tracefs;	/* tracefs directory; NULL: the system's */
	int rt_prio;		/* -r: capture threads SCHED_FIFO at this priority; 0: nice LIVE_CAPTURE_NICE */
};

/* The capture threads' nice value when no real-time priority is asked for:
 * they do a few microseconds of work per wake-up, and each one that comes
 * late on a busy machine costs events (the ring buffer overwrites them). */
#define LIVE_CAPTURE_NICE (-10)

struct live {
	struct tracefs_instance *instance;
	char *name;
	struct tep_handle *tep;
	struct tep_plugin_list *plugins;
	int nr_cpus;		/* CPU slots (highest online CPU + 1) */
	struct tracefs_cpu **cpus;	/* NULL for CPUs not traced */
	int *fds;		/* their trace_pipe_raw, -1 for CPUs not traced */
	int page_size;
	void *page;		/* read buffer */
	int rt_prio;		/* see live_opts */
	bool big_endian;
	int long_size;		/* kernel long */
	char *clock;
	struct metadata_blob header_page;
	struct metadata_blob *formats;
	int nr_formats;
};

/* The events enabled when none are given. */
extern const char *const live_default_events[];

struct live *live_open(const struct live_opts *o, char *err, size_t errlen);
/* Stop tracing (before the final flush: what is in the buffers stays). */
void live_stop(struct live *l);
/* Stop tracing, remove the instance, free everything.  Safe to call twice
 * through live_close(NULL) guards; never fails loudly. */
void live_close(struct live *l);

/* Stop tracing and remove the instance, from a process that holds only a
 * copy of l and none of its files (the writer process, once ftui has died:
 * see livewriter.h).  Frees nothing. */
void live_abandon(const struct live *l);

/* Read whatever pages are ready on every CPU (non-blocking); for each
 * page, call fn with a page_size buffer (valid during the call).  With
 * flush, also take the partly filled pages.  For the end of a capture,
 * once tracing is stopped (while tracing, reader.h and spool.h read).
 * Returns pages read or -1. */
int live_read(struct live *l, bool flush, void (*fn)(void *ctx, int cpu, const void *page), void *ctx);

/* Called by each capture thread as it starts: SCHED_FIFO at the -r
 * priority, else nice LIVE_CAPTURE_NICE.  Where that is not allowed the
 * thread keeps the process's priority. */
void live_boost_thread(const struct live *l);

/* The bytes of records in a ring-buffer page (its commit, without flags). */
size_t live_page_data(const struct live *l, const void *page);

/* Set the "events were lost before this page" flag in a ring-buffer page's
 * header (the count stays unknown), for a page that follows one ftui had to
 * drop. */
void live_page_mark_missed(const struct live *l, void *page);

/* Lost events so far per CPU, from per_cpu/cpuN/stats (overrun + dropped). */
uint64_t live_lost(const struct live *l, int cpu);

/* Metadata for a trace.dat of this capture (see tracedat_write.h): texts of
 * kallsyms, printk formats and saved cmdlines, read now. */
struct live_meta_texts {
	struct metadata_blob kallsyms, printk, cmdlines;
	char *trace_clock;
	char *uname;
};
int live_read_texts(const struct live *l, struct live_meta_texts *t);
void live_free_texts(struct live_meta_texts *t);

/* Just the saved cmdlines (pid → comm), read now: at the end of a recording,
 * so that tasks created during it have their names.  Free b->data.  Returns
 * 0, or -1 (b empty) when the file cannot be read. */
int live_read_cmdlines(struct metadata_blob *b);

/* Leave pid's events out (set_event_notrace_pid), like ftui's own: the
 * writer process's. */
void live_ignore_pid(const struct live *l, int pid);

/* The pids followed now with -P (set_event_pid: the kernel adds forked
 * children and drops those that exit), in *pids (free it).  Returns how
 * many, or -1. */
int live_followed(const struct live *l, int32_t **pids);

/* saved_tgids ("pid tgid" lines; the instance records them), read now into
 * b (free b->data).  Returns 0, or -1. */
int live_saved_tgids(struct metadata_blob *b);

/* Remove ftui-<pid> instances whose process is gone; returns how many. */
int live_remove_stale(void);

#endif
