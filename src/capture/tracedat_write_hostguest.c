/* The writer's host/guest options: TRACEID, TIME_SHIFT and GUEST, laid out
 * once when the file is opened (in the file's byte order) and copied into
 * the options with the other timestamp options. */
#include "capture/tracedat_write_internal.h"

#include <string.h>

static void time_shift(struct dbuf *o, const struct ts_shift *s)
{
	struct dbuf b = { .big_endian = o->big_endian };

	db_u64(&b, s->peer_trace_id);
	db_u32(&b, s->flags);
	db_u32(&b, s->nr_cpus);
	for (uint32_t i = 0; i < s->nr_cpus; i++) {
		const struct ts_shift_cpu *c = &s->cpus[i];

		db_u32(&b, c->nr);
		for (uint32_t k = 0; k < c->nr; k++)
			db_u64(&b, (uint64_t)c->samples[k].time);
		for (uint32_t k = 0; k < c->nr; k++)
			db_u64(&b, (uint64_t)c->samples[k].offset);
		for (uint32_t k = 0; k < c->nr; k++)
			db_u64(&b, (uint64_t)c->samples[k].scaling);
	}
	for (uint32_t i = 0; s->has_fraction && i < s->nr_cpus; i++)
		for (uint32_t k = 0; k < s->cpus[i].nr; k++)
			db_u64(&b, (uint64_t)s->cpus[i].samples[k].fraction);
	db_u16(o, OPT_TIME_SHIFT);
	db_u32(o, (uint32_t)b.len);
	db_put(o, b.p, b.len);
	o->oom |= b.oom;
	db_free(&b);
}

static void guest(struct dbuf *o, const struct tracedat_guest *g)
{
	db_u16(o, OPT_GUEST);
	db_u32(o, (uint32_t)(strlen(g->name) + 1 + 8 + 4 + 8 * (size_t)g->nr_vcpus));
	db_str(o, g->name);
	db_u64(o, g->trace_id);
	db_u32(o, (uint32_t)g->nr_vcpus);
	for (int i = 0; i < g->nr_vcpus; i++) {
		db_u32(o, (uint32_t)i);
		db_u32(o, (uint32_t)g->vcpu_pid[i]);
	}
}

int whostguest_build(struct tracedat_writer *w, const struct tracedat_meta *m)
{
	struct dbuf *o = &w->hostguest;

	o->big_endian = w->big_endian;
	if (m->has_trace_id) {
		db_u16(o, OPT_TRACEID);
		db_u32(o, 8);
		db_u64(o, m->trace_id);
	}
	if (m->time_shift)
		time_shift(o, m->time_shift);
	for (int i = 0; i < m->nr_guests; i++)
		guest(o, &m->guests[i]);
	return o->oom ? wfail(w, "out of memory") : 0;
}
