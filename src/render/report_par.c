/* The report on several threads.
 *
 * The merged event order is cut into chunks of CHUNK events; worker threads
 * format whole chunks, each with its own tep handle, page source and text
 * cache (libtraceevent's handle is not thread-safe), and the calling thread
 * writes the chunks' text in order.
 *
 * Formatting is per record except for one piece of state: the sched plugin
 * registers the comm of every task a sched_switch or sched_wakeup prints,
 * and the first registration of a pid wins.  A plan made before the workers
 * start (one pass over the index, decoding only those events) lists each
 * pid's first registration with the chunk it happens in; a worker registers
 * those of the earlier chunks before it formats a chunk, so its handle knows
 * what the sequential printer's would at that point.
 *
 * Traces whose printing keeps more state (the function plugin's call depth,
 * function-graph leaves, stack events under -F), -w, --ts-diff and plugin
 * options (global to libtraceevent: loading the plugins for another handle
 * sets them again) stay on the sequential loop. */
#include "render/report_internal.h"
#include "capture/tracedat.h"
#include "model/filter.h"
#include "model/load.h"
#include "model/pidmap.h"
#include "model/session.h"
#include "render/info_cache.h"

#include <event-parse.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK 16384		/* events a worker formats at a time */
#define MIN_EVENTS 65536	/* fewer: not worth a second tep handle */
#define MAX_THREADS 8
#define SLOTS_PER_THREAD 3	/* chunks formatted ahead of the writer */

enum { KIND_PLAIN, KIND_COMM, KIND_STATEFUL };

struct comm_field {
	struct tep_format_field *pid, *comm;
};

struct par_first {		/* a pid's first registered comm */
	uint64_t chunk;
	int pid;
	char *comm;
};

struct par_plan {
	uint64_t chunk;				/* events a chunk */
	uint8_t *kind;				/* by event id */
	struct comm_field (*fields)[2];		/* by event id, for KIND_COMM */
	uint64_t nr_chunks;
	uint64_t *cuts;				/* [chunk][stream]: where each chunk starts */
	struct par_first *firsts;
	size_t nr_firsts, cap_firsts;
	struct pidmap seen;			/* pids in firsts */
};

struct par_slot {
	struct trace_seq seq;
	int64_t chunk;			/* the chunk whose text is in seq, -1: none */
};

struct par_job {
	struct printer *main;
	const struct report_opts *o;
	struct par_plan *plan;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	uint64_t next_chunk;		/* the next chunk to format */
	uint64_t written;		/* chunks written so far */
	int live;			/* workers that may still format */
	bool failed;
	struct par_slot *slots;
	int nr_slots;
};

static int thread_count(const struct report_opts *o)
{
	long n = o->threads;
	const char *env = getenv("FTUI_THREADS");

	if (n <= 0 && env)
		n = atol(env);
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

/* What printing an event of each id does beyond its own text.  With -F, a
 * stack event is shown when the event before it on its CPU was. */
static int plan_kinds(struct par_plan *pl, struct tep_handle *tep, bool raw, bool filters)
{
	pl->kind = calloc(65536, 1);
	pl->fields = calloc(65536, sizeof(*pl->fields));
	if (!pl->kind || !pl->fields)
		return -1;
	for (int i = 0; i < tep_get_events_count(tep); i++) {
		struct tep_event *ev = tep_get_event(tep, i);
		int id = ev->id & 0xffff;

		if (!strcmp(ev->system, "ftrace") &&
		    (!strcmp(ev->name, "function") || !strncmp(ev->name, "funcgraph_", 10) ||
		     (filters && strstr(ev->name, "_stack")))) {
			pl->kind[id] = KIND_STATEFUL;
		} else if (!raw && ev->handler && !strcmp(ev->system, "sched")) {
			struct comm_field *f = pl->fields[id];

			if (!strcmp(ev->name, "sched_switch")) {
				f[0] = (struct comm_field){ tep_find_field(ev, "prev_pid"), tep_find_any_field(ev, "prev_comm") };
				f[1] = (struct comm_field){ tep_find_field(ev, "next_pid"), tep_find_any_field(ev, "next_comm") };
			} else if (!strcmp(ev->name, "sched_wakeup") || !strcmp(ev->name, "sched_wakeup_new")) {
				f[0] = (struct comm_field){ tep_find_field(ev, "pid"), tep_find_any_field(ev, "comm") };
			}
			if (f[0].pid)
				pl->kind[id] = KIND_COMM;
		}
	}
	return 0;
}

/* Whether the sequential printer would print (and so run the plugin on) rec. */
static bool plan_shown(struct printer *p, int stream, uint64_t index, struct tep_record *rec)
{
	const struct store_stream *st = &p->ss->store->streams[stream];

	if (!p->buffer_shown[st->buffer] || (p->cpu_mask && !p->cpu_mask[st->cpu]))
		return false;
	if (!store_record(p->ss->store, p->src, stream, index, rec))
		return false;
	return !p->filter || event_filter_match(p->filter, rec);
}

/* The handle is read, not changed: the calling thread formats with it too. */
static int plan_add_first(struct par_plan *pl, struct tep_handle *tep, uint64_t chunk, int pid, const char *comm)
{
	struct par_first *f;

	if (!pid || pidmap_find(&pl->seen, pid) >= 0 || tep_is_pid_registered(tep, pid))
		return 0;
	if (pidmap_add(&pl->seen, pid, 0))
		return -1;
	if (pl->nr_firsts == pl->cap_firsts) {
		size_t cap = pl->cap_firsts ? 2 * pl->cap_firsts : 256;

		f = realloc(pl->firsts, cap * sizeof(*f));
		if (!f)
			return -1;
		pl->firsts = f;
		pl->cap_firsts = cap;
	}
	f = &pl->firsts[pl->nr_firsts];
	f->chunk = chunk;
	f->pid = pid;
	f->comm = strdup(comm);
	if (!f->comm)
		return -1;
	pl->nr_firsts++;
	return 0;
}

/* The comms one sched event registers when it is printed, as the plugin
 * does: the field's bytes up to the first NUL, the pid cut to an int. */
static int plan_comms(struct par_plan *pl, struct printer *p, uint64_t chunk, int stream, uint64_t index, int id)
{
	struct tep_record rec;

	if (!plan_shown(p, stream, index, &rec))
		return 0;
	for (int i = 0; i < 2; i++) {
		const struct comm_field *f = &pl->fields[id][i];
		unsigned long long pid;
		char comm[256];
		int len;

		if (!f->pid || !f->comm || tep_read_number_field(f->pid, rec.data, &pid))
			continue;
		len = f->comm->size < (int)sizeof(comm) - 1 ? f->comm->size : (int)sizeof(comm) - 1;
		if (f->comm->offset + len > rec.size)
			continue;
		memcpy(comm, (const char *)rec.data + f->comm->offset, len);
		comm[len] = '\0';
		if (plan_add_first(pl, p->tep, chunk, (int)pid, comm))
			return -1;
	}
	return 0;
}

static void plan_free(struct par_plan *pl)
{
	for (size_t i = 0; i < pl->nr_firsts; i++)
		free(pl->firsts[i].comm);
	free(pl->firsts);
	pidmap_free(&pl->seen);
	free(pl->cuts);
	free(pl->fields);
	free(pl->kind);
}

/* libtraceevent sorts the file's comms into an array at the first lookup of
 * a pid other than 0 (the first line head of such a pid); a registration
 * before that joins a list, where it may shadow the file's comm of that
 * pid.  1 (sequential) when a shown sched event registers before the first
 * lookup; *looked once it is done. */
static int plan_before_lookup(struct par_plan *pl, struct printer *p, int stream, uint64_t index, int id,
			      bool *looked)
{
	struct tep_record rec;

	if (!plan_shown(p, stream, index, &rec))
		return 0;
	if (tep_data_pid(p->tep, &rec)) {
		*looked = true;
		return 0;
	}
	return pl->kind[id] == KIND_COMM;
}

/* Whether any event of the trace prints with more state than comms. */
static bool plan_stateful(const struct par_plan *pl, const struct store *s)
{
	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		for (size_t j = 0; j < st->nr_ev; j++)
			if (pl->kind[st->ev[j].type] == KIND_STATEFUL)
				return true;
	}
	return false;
}

/* One pass over the index in merged order: the chunks' starts and the comm
 * registrations.  1 if the trace needs the sequential printer. */
static int plan_make(struct par_plan *pl, struct printer *p)
{
	const struct store *s = p->ss->store;
	uint64_t total = store_nr_events(s), n = 0, index;
	struct store_iter it;
	int stream, ret = 0;
	bool looked = false;

	if (plan_kinds(pl, p->tep, p->raw, p->filter != NULL))
		return -1;
	if (plan_stateful(pl, s))
		return 1;
	pl->nr_chunks = (total + pl->chunk - 1) / pl->chunk;
	pl->cuts = calloc(pl->nr_chunks * (s->nr_streams ? s->nr_streams : 1), sizeof(*pl->cuts));
	if (!pl->cuts || store_iter_init(&it, s, 0, UINT64_MAX))
		return -1;
	while (!ret && store_iter_next(&it, &stream, &index)) {
		uint64_t chunk = n++ / pl->chunk;
		int id = store_event_at(s, stream, index)->type;

		if (chunk >= pl->nr_chunks)
			break;
		if ((n - 1) % pl->chunk == 0) {
			memcpy(&pl->cuts[chunk * s->nr_streams], it.pos, s->nr_streams * sizeof(*it.pos));
			pl->cuts[chunk * s->nr_streams + stream] = index;
		}
		if (!looked)
			ret = plan_before_lookup(pl, p, stream, index, id, &looked);
		if (!ret && pl->kind[id] == KIND_COMM && plan_comms(pl, p, chunk, stream, index, id))
			ret = -1;
	}
	store_iter_done(&it);
	if (!ret && n != total)
		ret = -1;
	return ret;
}

struct par_worker {
	struct par_job *job;
	struct printer p;
	struct tep_handle *tep;
	struct tep_plugin_list *plugins;
	struct store_source src;
	size_t next_first;		/* plan->firsts registered so far */
	pthread_t tid;
	bool started;
};

/* A printer like the caller's: on a handle and page source of its own for a
 * worker thread, on the caller's for the calling thread (own false). */
static int worker_init(struct par_worker *w, bool own)
{
	struct printer *m = w->job->main;
	struct tracedat *td = m->ss->td;
	char err[256];

	w->p = *m;
	w->p.cache = NULL;
	w->p.seq = NULL;
	if (own) {
		w->p.filter = NULL;
		w->tep = tracedat_tep_new(td, &w->plugins);
		if (!w->tep || load_source_new(td, &w->src))
			return -1;
		if (w->job->o->nsec)
			tep_set_flag(w->tep, TEP_NSEC_OUTPUT);
		w->p.tep = w->tep;
		w->p.src = &w->src;
		if (report_setup_filters(&w->p, w->job->o, err, sizeof(err)))
			return -1;
	}
	/* the comms array is made before any registration, as the plan made
	 * sure the sequential printer's is */
	tep_is_pid_registered(w->p.tep, 1);
	w->p.cache = info_cache_new(w->p.tep, w->p.raw);	/* NULL: print every event afresh */
	return 0;
}

static void worker_done(struct par_worker *w)
{
	info_cache_free(w->p.cache);
	if (w->tep)
		event_filter_free(w->p.filter);
	if (w->src.ctx)
		load_source_free(&w->src);
	tracedat_tep_free(w->tep, w->plugins);
}

/* Format chunk c into seq, after the comm registrations of earlier chunks. */
static int worker_chunk(struct par_worker *w, uint64_t c, struct trace_seq *seq)
{
	const struct par_plan *pl = w->job->plan;
	const struct store *s = w->p.ss->store;
	struct store_iter it;
	uint64_t index;
	int stream;

	for (; w->next_first < pl->nr_firsts && pl->firsts[w->next_first].chunk < c; w->next_first++)
		tep_register_comm(w->p.tep, pl->firsts[w->next_first].comm, pl->firsts[w->next_first].pid);
	if (store_iter_init_at(&it, s, &pl->cuts[c * s->nr_streams]))
		return -1;
	trace_seq_reset(seq);
	w->p.seq = seq;
	for (uint64_t n = 0; n < pl->chunk && store_iter_next(&it, &stream, &index); n++)
		report_format(&w->p, stream, index);
	store_iter_done(&it);
	return 0;
}

/* Take the next chunk if its slot is free; -1 if none.  Called locked. */
static int64_t take_chunk(struct par_job *job)
{
	if (job->failed || job->next_chunk >= job->plan->nr_chunks ||
	    job->next_chunk >= job->written + job->nr_slots)
		return -1;
	return (int64_t)job->next_chunk++;
}

/* Format chunk c unlocked; called and returns locked. */
static void format_chunk(struct par_worker *w, int64_t c)
{
	struct par_job *job = w->job;
	struct par_slot *slot = &job->slots[c % job->nr_slots];
	bool ok;

	pthread_mutex_unlock(&job->lock);
	ok = !worker_chunk(w, (uint64_t)c, &slot->seq);
	pthread_mutex_lock(&job->lock);
	if (ok)
		slot->chunk = c;
	else
		job->failed = true;	/* chunk c will never come */
	pthread_cond_broadcast(&job->cond);
}

static void *worker_main(void *arg)
{
	struct par_worker *w = arg;
	struct par_job *job = w->job;
	bool ok = !worker_init(w, true);

	pthread_mutex_lock(&job->lock);
	while (ok && !job->failed && job->next_chunk < job->plan->nr_chunks) {
		int64_t c = take_chunk(job);

		if (c < 0)
			pthread_cond_wait(&job->cond, &job->lock);
		else
			format_chunk(w, c);
	}
	job->live--;
	pthread_cond_broadcast(&job->cond);
	pthread_mutex_unlock(&job->lock);
	return NULL;
}

/* The calling thread: write the chunks in order as they are done, and
 * format chunks itself while none is ready. */
static int main_loop(struct par_job *job, struct par_worker *w, FILE *out)
{
	pthread_mutex_lock(&job->lock);
	while (!job->failed && job->written < job->plan->nr_chunks) {
		struct par_slot *slot = &job->slots[job->written % job->nr_slots];
		int64_t c;

		if (slot->chunk == (int64_t)job->written) {
			pthread_mutex_unlock(&job->lock);
			fwrite_unlocked(slot->seq.buffer, 1, slot->seq.len, out);	/* one thread writes */
			pthread_mutex_lock(&job->lock);
			slot->chunk = -1;
			job->written++;
			pthread_cond_broadcast(&job->cond);
		} else if ((c = take_chunk(job)) >= 0) {
			format_chunk(w, c);
		} else if (!job->live && job->next_chunk > job->written) {
			job->failed = true;	/* taken by a worker that is gone */
		} else {
			pthread_cond_wait(&job->cond, &job->lock);
		}
	}
	pthread_cond_broadcast(&job->cond);
	pthread_mutex_unlock(&job->lock);
	return job->failed ? -1 : 0;
}

static int run_workers(struct par_job *job, int threads, FILE *out)
{
	struct par_worker *w = calloc(threads, sizeof(*w));
	int ret = -1;

	job->nr_slots = threads * SLOTS_PER_THREAD;
	job->slots = calloc(job->nr_slots, sizeof(*job->slots));
	if (!w || !job->slots) {
		free(w);
		return -1;
	}
	for (int i = 0; i < job->nr_slots; i++) {
		trace_seq_init(&job->slots[i].seq);
		job->slots[i].chunk = -1;
	}
	w[0].job = job;
	if (!worker_init(&w[0], false)) {
		for (int i = 1; i < threads; i++) {
			w[i].job = job;
			w[i].started = !pthread_create(&w[i].tid, NULL, worker_main, &w[i]);
			job->live += w[i].started;
		}
		ret = main_loop(job, &w[0], out);
	}
	for (int i = 1; i < threads; i++)
		if (w[i].started)
			pthread_join(w[i].tid, NULL);
	for (int i = 0; i < threads; i++)
		worker_done(&w[i]);
	for (int i = 0; i < job->nr_slots; i++)
		trace_seq_destroy(&job->slots[i].seq);
	free(job->slots);
	free(w);
	return ret;
}

/* -F filters that test COMM see the comms the printing registers: the plan
 * cannot tell which sched events they let through. */
static bool filters_see_comm(const struct report_opts *o)
{
	for (int i = 0; i < o->nr_filters; i++)
		if (strstr(o->filters[i].str, "COMM"))
			return true;
	return false;
}

int report_par_print(struct printer *p, const struct report_opts *o, char *err, size_t errlen)
{
	struct par_plan plan = { 0 };
	struct par_job job = { .main = p, .o = o, .plan = &plan };
	/* the tests set tiny chunks, to cross many chunk boundaries on small traces */
	const char *test_chunk = getenv("FTUI_REPORT_CHUNK");
	int threads = thread_count(o), ret;

	plan.chunk = test_chunk && atoi(test_chunk) > 0 ? (uint64_t)atoi(test_chunk) : CHUNK;
	if (threads < 2 || o->plugin_opts || (!test_chunk && store_nr_events(p->ss->store) < MIN_EVENTS) || !p->ss->td ||
	    filters_see_comm(o))
		return 1;
	ret = plan_make(&plan, p);
	if (!ret) {
		pthread_mutex_init(&job.lock, NULL);
		pthread_cond_init(&job.cond, NULL);
		ret = run_workers(&job, threads, p->out);
		pthread_cond_destroy(&job.cond);
		pthread_mutex_destroy(&job.lock);
	}
	plan_free(&plan);
	if (ret < 0)
		snprintf(err, errlen, "out of memory");
	return ret;
}
