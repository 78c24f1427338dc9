/* The scheduler's events, decoded once for every analysis: the fields of
 * sched_switch, sched_waking, sched_wakeup, sched_wakeup_new,
 * sched_process_exit, sched_process_fork and sched_migrate_task are looked up
 * once per tep (sched_fields_find), then each record decodes into a small
 * struct sched_event.  The run model, the wakeup state machine, the latency
 * pane, hist's wakeup_lat and the live task table all read events this way.
 *
 * Nothing is allocated: a struct sched_fields points into the tep and lives
 * as long as it. */
#ifndef FTUI_SCHED_EVENT_H
#define FTUI_SCHED_EVENT_H

#include <stdbool.h>
#include <stdint.h>

struct tep_handle;
struct tep_format_field;

enum sched_kind {
	SCHED_NONE,		/* not a scheduler event (or its fields are missing) */
	SCHED_SWITCH,
	SCHED_WAKING,
	SCHED_WAKEUP,
	SCHED_WAKEUP_NEW,
	SCHED_EXIT,		/* sched_process_exit */
	SCHED_FORK,		/* sched_process_fork */
	SCHED_MIGRATE,		/* sched_migrate_task */
	SCHED_NR_KINDS
};

#define SCHED_COMM_LEN 16

struct sched_event {
	enum sched_kind kind;
	int32_t pid;		/* switch: prev_pid; fork: child_pid; else the task's pid */
	int32_t next_pid;	/* switch: next_pid; fork: parent_pid */
	char prev_state;	/* switch: sched_state_char() of prev_state */
	int32_t cpu;		/* wakeups: target_cpu; migrate: dest_cpu; -1 unknown */
	int32_t orig_cpu;	/* migrate: orig_cpu; -1 unknown */
	char comm[SCHED_COMM_LEN + 1];	/* switch: prev_comm; fork: child_comm; else comm ("" if none) */
	char next_comm[SCHED_COMM_LEN + 1];	/* switch: next_comm */
};

struct sched_field_set {
	int id;			/* the event id, -1 when the trace has no such event */
	struct tep_format_field *pid, *next_pid, *state, *cpu, *orig_cpu, *comm, *next_comm;
};

struct sched_fields {
	struct sched_field_set ev[SCHED_NR_KINDS];	/* by kind; ev[SCHED_NONE] unused */
};

/* Look up the events and their fields.  An event whose pid field is missing
 * counts as absent. */
void sched_fields_find(struct sched_fields *f, struct tep_handle *tep);

/* The kind of event id type (cheap: no record needed). */
enum sched_kind sched_kind_of(const struct sched_fields *f, int type);

/* Whether the trace's formats hold the event. */
bool sched_has(const struct sched_fields *f, enum sched_kind kind);

/* Decode a record of event id type (payload data of size bytes).  Fields
 * beyond size read as 0 / "".  Returns ev->kind (SCHED_NONE for other events). */
enum sched_kind sched_decode(const struct sched_fields *f, int type, const void *data, int size,
			     struct sched_event *ev);

/* sched_switch's prev_state as a letter: 'R' (preempted), 'S', 'D', 'T',
 * 't', 'X', 'Z', 'P', 'I', '?' for bits it does not know. */
char sched_state_char(unsigned long long prev_state);

/* Whether a prev_state letter means the task is gone (X dead, Z zombie). */
bool sched_state_exited(char state);

#endif
