/* report -w: wakeup-to-switch latencies (see report_wakeup.h). */
#include "render/report_wakeup.h"

#include <event-parse.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <trace-seq.h>

struct wakeup_stats {
	unsigned long long total, count;
	unsigned long long max, max_ts, min, min_ts;
};

struct pending {		/* a wakeup waiting for its switch */
	uint32_t key;
	bool used;
	uint64_t start;
};

struct report_wakeup {
	struct tep_handle *tep;
	int wakeup_id, wakeup_new_id, switch_id;
	struct tep_format_field *wakeup_pid, *wakeup_success;
	struct tep_format_field *new_pid, *new_success;
	struct tep_format_field *next_pid, *next_prio;
	struct pending *slots;	/* open addressing, linear probing */
	size_t nr_slots, used;	/* nr_slots: a power of two */
	struct wakeup_stats all, rt;
};

/* trace-cmd keys its table by this hash of the pid alone (Paul Hsieh's
 * mixing steps), so two pids with one hash share an entry there: keying by the
 * same value keeps ftui's latencies identical even then. */
static uint32_t pid_key(uint32_t val)
{
	uint32_t h = 12546869u + (val & 0xffff);

	h = (h << 16) ^ ((val >> 16) ^ h);
	h += h >> 11;
	h ^= h << 3;
	h += h >> 5;
	h ^= h << 4;
	h += h >> 17;
	h ^= h << 25;
	h += h >> 6;
	return h;
}

static struct pending *slot_of(struct report_wakeup *w, uint32_t key)
{
	size_t i = key & (w->nr_slots - 1);

	while (w->slots[i].used && w->slots[i].key != key)
		i = (i + 1) & (w->nr_slots - 1);
	return &w->slots[i];
}

static int grow(struct report_wakeup *w)
{
	struct pending *old = w->slots;
	size_t n = w->nr_slots;

	w->slots = calloc(n * 2, sizeof(*w->slots));
	if (!w->slots) {
		w->slots = old;
		return -1;
	}
	w->nr_slots = n * 2;
	for (size_t i = 0; i < n; i++)
		if (old[i].used)
			*slot_of(w, old[i].key) = old[i];
	free(old);
	return 0;
}

/* Remove a slot and shift the probe chain after it back (no tombstones). */
static void slot_remove(struct report_wakeup *w, struct pending *s)
{
	size_t mask = w->nr_slots - 1, hole = (size_t)(s - w->slots), i = hole;

	w->slots[hole].used = false;
	w->used--;
	for (;;) {
		i = (i + 1) & mask;
		if (!w->slots[i].used)
			return;
		size_t home = w->slots[i].key & mask;

		/* move it back unless its home lies cyclically in (hole, i] */
		if ((i > hole && (home <= hole || home > i)) || (i < hole && home <= hole && home > i)) {
			w->slots[hole] = w->slots[i];
			w->slots[i].used = false;
			hole = i;
		}
	}
}

static bool field(struct tep_event *ev, const char *name, struct tep_format_field **f)
{
	*f = tep_find_field(ev, name);
	return *f != NULL;
}

struct report_wakeup *report_wakeup_new(struct tep_handle *tep, int *oom)
{
	struct report_wakeup *w = calloc(1, sizeof(*w));
	struct tep_event *ev;

	*oom = 0;
	if (!w || !(w->slots = calloc(1024, sizeof(*w->slots)))) {
		free(w);
		*oom = 1;
		return NULL;
	}
	w->tep = tep;
	w->nr_slots = 1024;
	w->all.min = w->rt.min = ~0ULL;
	w->wakeup_new_id = -1;
	ev = tep_find_event_by_name(tep, "sched", "sched_wakeup");
	if (!ev || !field(ev, "pid", &w->wakeup_pid))
		goto none;
	w->wakeup_id = ev->id;
	w->wakeup_success = tep_find_field(ev, "success");
	ev = tep_find_event_by_name(tep, "sched", "sched_switch");
	if (!ev || !field(ev, "next_pid", &w->next_pid) || !field(ev, "next_prio", &w->next_prio))
		goto none;
	w->switch_id = ev->id;
	ev = tep_find_event_by_name(tep, "sched", "sched_wakeup_new");
	if (ev) {
		if (!field(ev, "pid", &w->new_pid))
			goto none;
		w->wakeup_new_id = ev->id;
		w->new_success = tep_find_field(ev, "success");
	}
	return w;
none:
	report_wakeup_free(w);
	return NULL;
}

void report_wakeup_free(struct report_wakeup *w)
{
	if (!w)
		return;
	free(w->slots);
	free(w);
}

static int add_wakeup(struct report_wakeup *w, struct tep_record *rec,
		      struct tep_format_field *pid, struct tep_format_field *success)
{
	unsigned long long val;
	struct pending *s;

	if (success && !tep_read_number_field(success, rec->data, &val) && !val)
		return 0;
	if (tep_read_number_field(pid, rec->data, &val))
		return 0;
	if (w->used * 2 >= w->nr_slots && grow(w))
		return -1;
	s = slot_of(w, pid_key((uint32_t)val));
	if (!s->used) {
		s->used = true;
		s->key = pid_key((uint32_t)val);
		w->used++;
	}
	s->start = rec->ts;	/* a second wakeup restarts the clock */
	return 0;
}

static void account(struct wakeup_stats *st, unsigned long long lat, unsigned long long ts)
{
	if (lat > st->max) {
		st->max = lat;
		st->max_ts = ts;
	}
	if (lat < st->min) {
		st->min = lat;
		st->min_ts = ts;
	}
	st->total += lat;
	st->count++;
}

static void end_wakeup(struct report_wakeup *w, struct tep_record *rec, struct trace_seq *seq)
{
	unsigned long long prio, pid, lat;
	struct pending *s;

	if (tep_read_number_field(w->next_prio, rec->data, &prio) ||
	    tep_read_number_field(w->next_pid, rec->data, &pid))
		return;
	s = slot_of(w, pid_key((uint32_t)pid));
	if (!s->used)
		return;
	lat = rec->ts - s->start;
	account(&w->all, lat, rec->ts);
	if (prio <= 99)
		account(&w->rt, lat, rec->ts);
	trace_seq_printf(seq, " Latency: %llu.%03llu usecs", lat / 1000, lat % 1000);
	slot_remove(w, s);
}

int report_wakeup_record(struct report_wakeup *w, struct tep_record *rec, struct trace_seq *s)
{
	int id = tep_data_type(w->tep, rec);

	if (id == w->wakeup_id)
		return add_wakeup(w, rec, w->wakeup_pid, w->wakeup_success);
	if (id == w->wakeup_new_id)
		return add_wakeup(w, rec, w->new_pid, w->new_success);
	if (id == w->switch_id)
		end_wakeup(w, rec, s);
	return 0;
}

/* trace-cmd rounds the timestamp's fraction oddly ((ts + 500) % 1e9 / 1000,
 * never carrying into the seconds): kept for identical output. */
static void print_timings(const struct wakeup_stats *st, FILE *out)
{
	unsigned long long avg = st->total / st->count;

	fprintf(out, "\nAverage wakeup latency: %llu.%03llu usecs\n", avg / 1000, avg % 1000);
	fprintf(out, "Maximum Latency: %llu.%03llu usecs at timestamp: %llu.%06llu\n", st->max / 1000,
		st->max % 1000, st->max_ts / 1000000000, ((st->max_ts + 500) % 1000000000) / 1000);
	fprintf(out, "Minimum Latency: %llu.%03llu usecs at timestamp: %llu.%06llu\n\n", st->min / 1000,
		st->min % 1000, st->min_ts / 1000000000, ((st->min_ts + 500) % 1000000000) / 1000);
}

void report_wakeup_summary(const struct report_wakeup *w, FILE *out)
{
	if (!w || !w->all.count)
		return;
	print_timings(&w->all, out);
	if (w->rt.count) {
		fputs("RT task timings:\n", out);
		print_timings(&w->rt, out);
	}
}
