/* Hist tables in the kernel's hist-trigger syntax, computed in user space:
 *
 *   keys=FIELD[.MOD][,FIELD...][:vals=FIELD[,FIELD...]][:sort=FIELD[.descending],...][:size=N] [if FILTER]
 *
 * Fields are the event's fields, common_pid and the other common fields,
 * cpu, common_timestamp, stacktrace (the kernel_stack record that follows
 * the event on its CPU, when the trace has them), and ftui's derived
 * wakeup_lat (on sched_switch: the wakeup-to-switch latency of the task it
 * switches in, in ns).  Modifiers:
 * .execname .syscall .hex .sym .sym-offset .log2 .buckets=N .usecs.  vals
 * always include hitcount.  FILTER is trace-cmd's filter language.
 * Events are fed one by one, so the same table works over a file, a marked
 * range, or live (cleared, paused, continued like the kernel's). */
#ifndef FTUI_HIST_H
#define FTUI_HIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tep_handle;
struct tep_event;
struct tep_record;
struct tep_format_field;
struct event_filter;

#define HIST_MAX_KEYS 4
#define HIST_MAX_VALS 8
#define HIST_MAX_SORT 2

enum hist_mod {
	HIST_MOD_NONE = 0,
	HIST_MOD_EXECNAME = 1 << 0,
	HIST_MOD_SYSCALL = 1 << 1,
	HIST_MOD_HEX = 1 << 2,
	HIST_MOD_SYM = 1 << 3,
	HIST_MOD_SYM_OFFSET = 1 << 4,
	HIST_MOD_LOG2 = 1 << 5,
	HIST_MOD_BUCKETS = 1 << 6,
	HIST_MOD_USECS = 1 << 7,
};

enum hist_source { SRC_FIELD, SRC_CPU, SRC_TIMESTAMP, SRC_HITCOUNT, SRC_WAKEUP_LAT, SRC_STACKTRACE };

#define HIST_STACK_DEPTH 16	/* frames of a stacktrace key */

struct hist_field {
	char name[64];
	enum hist_source src;
	struct tep_format_field *field;	/* SRC_FIELD */
	bool is_string;
	unsigned mods;
	uint64_t buckets;
};

struct hist_entry {
	uint64_t key[HIST_MAX_KEYS];	/* numbers, or the string's index */
	char *str[HIST_MAX_KEYS];	/* string keys */
	char comm[17];			/* for .execname: the comm at the first hit */
	uint64_t *stack;		/* a stacktrace key's frames (0-terminated), or NULL */
	uint64_t val[HIST_MAX_VALS];	/* val[0] is hitcount */
};

struct hist {
	struct tep_handle *tep;
	struct tep_event *event;
	char *spec;			/* the expression as given */
	struct hist_field keys[HIST_MAX_KEYS];
	int nr_keys;
	struct hist_field vals[HIST_MAX_VALS];	/* vals[0] is hitcount */
	int nr_vals;
	struct { int field; bool val; bool descending; } sort[HIST_MAX_SORT];
	int nr_sort;
	size_t size;			/* entries at most (size=) */
	struct event_filter *filter;	/* if FILTER */
	char *filter_text;
	bool paused;
	/* the table */
	struct hist_entry *entries;	/* open addressing, cap slots */
	size_t cap, nr;
	uint64_t hits, dropped;
};

/* Parse spec for event "system:event" (or "event").  NULL with one line in
 * err on a bad expression. */
struct hist *hist_new(struct tep_handle *tep, const char *event, const char *spec, char *err, size_t errlen);
void hist_free(struct hist *h);
void hist_clear(struct hist *h);

/* Feed one record (of any event: others are skipped).  wakeup_lat is the
 * latency this record ends (0 if none), for the derived field; stack its
 * kernel stack (NULL if none, else up to HIST_STACK_DEPTH frames, 0-ended). */
void hist_add(struct hist *h, struct tep_record *rec, uint64_t wakeup_lat, const char *comm, const uint64_t *stack);
bool hist_needs_stack(const struct hist *h);

/* Entries in display order (sort keys; the kernel's default is hitcount,
 * ascending).  The array is owned by the caller (free()). */
struct hist_entry **hist_sorted(const struct hist *h, size_t *n);

/* Feed every event of the store in [from, to) (the derived wakeup latency
 * computed first when the hist uses it).  Returns 0 or -1. */
struct store;
struct store_source;
int hist_fill(struct hist *h, const struct store *s, const struct store_source *src, uint64_t from, uint64_t to);

/* The normalized trigger text ("hist:keys=...:vals=hitcount:sort=...:size=N"). */
void hist_trigger_text(const struct hist *h, char *buf, size_t len);

/* Does the hist use the derived wakeup latency? */
bool hist_needs_latency(const struct hist *h);

#endif
