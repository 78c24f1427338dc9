#include "model/sched_event.h"

#include <event-parse.h>
#include <stddef.h>
#include <string.h>

static const char *const event_names[SCHED_NR_KINDS] = {
	[SCHED_SWITCH] = "sched_switch",
	[SCHED_WAKING] = "sched_waking",
	[SCHED_WAKEUP] = "sched_wakeup",
	[SCHED_WAKEUP_NEW] = "sched_wakeup_new",
	[SCHED_EXIT] = "sched_process_exit",
	[SCHED_FORK] = "sched_process_fork",
	[SCHED_MIGRATE] = "sched_migrate_task",
};

/* Field names per kind: pid, next_pid, state, cpu, orig_cpu, comm, next_comm. */
static const char *const field_names[SCHED_NR_KINDS][7] = {
	[SCHED_SWITCH] = { "prev_pid", "next_pid", "prev_state", NULL, NULL, "prev_comm", "next_comm" },
	[SCHED_WAKING] = { "pid", NULL, NULL, "target_cpu", NULL, "comm", NULL },
	[SCHED_WAKEUP] = { "pid", NULL, NULL, "target_cpu", NULL, "comm", NULL },
	[SCHED_WAKEUP_NEW] = { "pid", NULL, NULL, "target_cpu", NULL, "comm", NULL },
	[SCHED_EXIT] = { "pid", NULL, NULL, NULL, NULL, "comm", NULL },
	[SCHED_FORK] = { "child_pid", "parent_pid", NULL, NULL, NULL, "child_comm", NULL },
	[SCHED_MIGRATE] = { "pid", NULL, NULL, "dest_cpu", "orig_cpu", "comm", NULL },
};

static struct tep_format_field *field(struct tep_event *ev, const char *name)
{
	return name ? tep_find_field(ev, name) : NULL;
}

void sched_fields_find(struct sched_fields *f, struct tep_handle *tep)
{
	memset(f, 0, sizeof(*f));
	for (int k = 0; k < SCHED_NR_KINDS; k++) {
		struct sched_field_set *s = &f->ev[k];
		struct tep_event *ev = event_names[k] && tep ? tep_find_event_by_name(tep, "sched", event_names[k]) : NULL;
		const char *const *n = field_names[k];

		s->id = -1;
		if (!ev)
			continue;
		s->pid = field(ev, n[0]);
		s->next_pid = field(ev, n[1]);
		s->state = field(ev, n[2]);
		s->cpu = field(ev, n[3]);
		s->orig_cpu = field(ev, n[4]);
		s->comm = field(ev, n[5]);
		s->next_comm = field(ev, n[6]);
		/* a switch needs both pids; the others their task */
		if (s->pid && (k != SCHED_SWITCH || s->next_pid))
			s->id = ev->id;
	}
}

enum sched_kind sched_kind_of(const struct sched_fields *f, int type)
{
	for (int k = 1; k < SCHED_NR_KINDS; k++)
		if (f->ev[k].id == type && type >= 0)
			return (enum sched_kind)k;
	return SCHED_NONE;
}

bool sched_has(const struct sched_fields *f, enum sched_kind kind)
{
	return kind > SCHED_NONE && kind < SCHED_NR_KINDS && f->ev[kind].id >= 0;
}

static bool fits(const struct tep_format_field *fl, int size)
{
	return fl && fl->offset >= 0 && fl->size > 0 && fl->offset + fl->size <= size;
}

static long long number(const struct tep_format_field *fl, const void *data, int size, long long none)
{
	unsigned long long v = 0;

	if (!fits(fl, size) || tep_read_number_field((struct tep_format_field *)fl, data, &v))
		return none;
	if ((fl->flags & TEP_FIELD_IS_SIGNED) && fl->size == 4)
		return (int32_t)(uint32_t)v;
	return (long long)v;
}

/* A fixed char[] or a __data_loc string field into dst[SCHED_COMM_LEN + 1]. */
static void string(char *dst, const struct tep_format_field *fl, const void *data, int size)
{
	const char *p;
	int off, len;

	dst[0] = '\0';
	if (!fits(fl, size))
		return;
	off = fl->offset;
	len = fl->size;
	if (fl->flags & TEP_FIELD_IS_DYNAMIC) {
		unsigned long long loc = 0;

		if (tep_read_number_field((struct tep_format_field *)fl, data, &loc))
			return;
		off = (int)(loc & 0xffff);
		len = (int)(loc >> 16);
		if ((fl->flags & TEP_FIELD_IS_RELATIVE))
			off += fl->offset + fl->size;
		if (off < 0 || len < 0 || off + len > size)
			return;
	}
	p = (const char *)data + off;
	if (len > SCHED_COMM_LEN)
		len = SCHED_COMM_LEN;
	memcpy(dst, p, (size_t)len);
	dst[len] = '\0';
}

enum sched_kind sched_decode(const struct sched_fields *f, int type, const void *data, int size,
			     struct sched_event *ev)
{
	enum sched_kind k = sched_kind_of(f, type);
	const struct sched_field_set *s = &f->ev[k];

	memset(ev, 0, offsetof(struct sched_event, comm));
	ev->comm[0] = ev->next_comm[0] = '\0';
	ev->kind = k;
	if (k == SCHED_NONE)
		return k;
	ev->pid = (int32_t)number(s->pid, data, size, 0);
	ev->next_pid = (int32_t)number(s->next_pid, data, size, 0);
	ev->prev_state = s->state ? sched_state_char((unsigned long long)number(s->state, data, size, 0)) : '?';
	ev->cpu = (int32_t)number(s->cpu, data, size, -1);
	ev->orig_cpu = (int32_t)number(s->orig_cpu, data, size, -1);
	string(ev->comm, s->comm, data, size);
	string(ev->next_comm, s->next_comm, data, size);
	return k;
}

char sched_state_char(unsigned long long state)
{
	static const char letters[] = "SDTtXZPI";

	state &= 0xff;	/* higher bits: preempted while running */
	if (!state)
		return 'R';
	for (int i = 0; i < 8; i++)
		if (state & (1ULL << i))
			return letters[i];
	return '?';
}

bool sched_state_exited(char state)
{
	return state == 'X' || state == 'Z';
}
