/* TIME_SHIFT, GUEST and the timestamp arithmetic, as trace-cmd 3.1.6 does it.
 * The arithmetic wraps where trace-cmd's 64-bit C arithmetic wraps (done here
 * in unsigned types, so that it is defined). */
#include "capture/timeshift.h"
#include "capture/bytes.h"

#include <stdlib.h>
#include <string.h>

/* ---- arithmetic ---------------------------------------------------------- */

/* tscor and scaling of one pair of samples (timestamp_correction_calc). */
static uint64_t correct(uint64_t ts, uint32_t flags, const struct ts_sample *min, const struct ts_sample *max)
{
	uint64_t tscor = (uint64_t)min->offset;

	if (flags & TS_SHIFT_INTERPOLATE) {
		int64_t delta = (int64_t)((uint64_t)max->time - (uint64_t)min->time);
		uint64_t prod = (ts - (uint64_t)min->time) * ((uint64_t)max->offset - (uint64_t)min->offset);
		int64_t num = (int64_t)(prod + (uint64_t)(delta / 2));

		/* delta is never 0 (no two samples share a time); INT64_MIN / -1 wraps */
		if (delta == -1)
			tscor += -(uint64_t)num;
		else if (delta)
			tscor += (uint64_t)(num / delta);
	}
	/* x86 masks a 64-bit shift count to its low 6 bits */
	ts = (ts * (uint64_t)min->scaling) >> ((uint64_t)min->fraction & 63);
	return ts + tscor;
}

uint64_t ts_shift_apply(const struct ts_shift *s, int cpu, uint64_t ts)
{
	const struct ts_shift_cpu *c;
	const struct ts_sample *v;
	int lo, mid, hi;

	if (!s || cpu < 0 || (uint32_t)cpu >= s->nr_cpus)
		return ts;
	c = &s->cpus[cpu];
	v = c->samples;
	if (c->nr == 0)
		return ts;
	if (c->nr == 1)
		return ts + (uint64_t)v[0].offset;	/* no scaling with one sample */
	if (c->nr == 2 || ts <= (uint64_t)v[0].time)
		return correct(ts, s->flags, &v[0], &v[1]);
	if (ts >= (uint64_t)v[c->nr - 1].time)
		return correct(ts, s->flags, &v[c->nr - 2], &v[c->nr - 1]);
	/* the pair around ts; trace-cmd compares the times as unsigned */
	lo = 0;
	hi = (int)c->nr - 1;
	mid = (lo + hi) / 2;
	while (lo <= hi) {
		if (ts < (uint64_t)v[mid].time)
			hi = mid - 1;
		else if (ts > (uint64_t)v[mid].time)
			lo = mid + 1;
		else
			break;
		mid = (lo + hi) / 2;
	}
	return correct(ts, s->flags, &v[mid], &v[mid + 1]);
}

uint64_t ts_adjust_apply(const struct ts_adjust *a, int cpu, uint64_t ts)
{
	if (a->tsync)
		ts = ts_shift_apply(a->tsync, cpu, ts);
	if (a->mult) {
		/* mul_u64_u32_shr(); trace-cmd keeps mult in an int */
		uint64_t mult = (uint64_t)(int64_t)(int32_t)a->mult;
		uint64_t lo = (ts & 0xffffffffULL) * mult;
		uint64_t hi = (ts >> 32) * mult;

		ts = (lo >> a->shift) + (hi ? hi << (32 - a->shift) : 0);
	}
	return ts + (uint64_t)a->offset;
}

/* ---- TIME_SHIFT ---------------------------------------------------------- */

struct order {
	struct ts_sample s;
	uint32_t index;
};

/* By time, then by place in the file: glibc's qsort (a merge sort) keeps
 * equal times in file order, and trace-cmd keeps the first of them. */
static int cmp_order(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->s.time != y->s.time)
		return x->s.time < y->s.time ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int sort_samples(struct ts_shift_cpu *c)
{
	struct order *o;
	uint32_t n = 0;

	if (c->nr < 2)
		return 0;
	o = malloc(c->nr * sizeof(*o));
	if (!o)
		return -1;
	for (uint32_t i = 0; i < c->nr; i++)
		o[i] = (struct order){ c->samples[i], i };
	qsort(o, c->nr, sizeof(*o), cmp_order);
	for (uint32_t i = 0; i < c->nr; i++)
		if (i == 0 || o[i].s.time != o[i - 1].s.time)
			c->samples[n++] = o[i].s;
	c->nr = n;
	free(o);
	return 0;
}

/* One CPU's count, then its times, offsets and scalings. */
static int read_cpu(struct ts_shift_cpu *c, struct bytes *b)
{
	c->nr = bytes_u32(b);
	/* 24 bytes a sample: bounds the allocation by the option's size */
	if (!bytes_ok(b) || c->nr > bytes_left(b) / 24)
		return -1;
	c->samples = calloc(c->nr ? c->nr : 1, sizeof(*c->samples));
	if (!c->samples)
		return -1;
	for (uint32_t i = 0; i < c->nr; i++)
		c->samples[i].time = (int64_t)bytes_u64(b);
	for (uint32_t i = 0; i < c->nr; i++)
		c->samples[i].offset = (int64_t)bytes_u64(b);
	for (uint32_t i = 0; i < c->nr; i++)
		c->samples[i].scaling = (int64_t)bytes_u64(b);
	return bytes_ok(b) ? 0 : -1;
}

int ts_shift_parse(struct ts_shift *s, const uint8_t *data, uint32_t size, bool big_endian)
{
	struct bytes b;

	memset(s, 0, sizeof(*s));
	bytes_init(&b, data, size, big_endian);
	s->peer_trace_id = bytes_u64(&b);
	s->flags = bytes_u32(&b);
	s->nr_cpus = bytes_u32(&b);
	if (!bytes_ok(&b) || s->nr_cpus > bytes_left(&b) / 4)
		goto bad;
	s->cpus = calloc(s->nr_cpus ? s->nr_cpus : 1, sizeof(*s->cpus));
	if (!s->cpus)
		goto bad;
	for (uint32_t i = 0; i < s->nr_cpus; i++)
		if (read_cpu(&s->cpus[i], &b))
			goto bad;
	/* the fraction bits came later: all CPUs' arrays, when anything follows */
	if (bytes_left(&b)) {
		s->has_fraction = true;
		for (uint32_t i = 0; i < s->nr_cpus; i++)
			for (uint32_t k = 0; k < s->cpus[i].nr; k++)
				s->cpus[i].samples[k].fraction = (int64_t)bytes_u64(&b);
		if (!bytes_ok(&b))
			goto bad;
	}
	for (uint32_t i = 0; i < s->nr_cpus; i++)
		if (sort_samples(&s->cpus[i]))
			goto bad;
	return 0;
bad:
	ts_shift_free(s);
	return -1;
}

void ts_shift_free(struct ts_shift *s)
{
	if (!s)
		return;
	for (uint32_t i = 0; s->cpus && i < s->nr_cpus; i++)
		free(s->cpus[i].samples);
	free(s->cpus);
	memset(s, 0, sizeof(*s));
}

/* ---- GUEST --------------------------------------------------------------- */

int guest_parse(struct tracedat_guest *g, const uint8_t *data, uint32_t size, bool big_endian)
{
	struct bytes b;
	const char *name;
	uint32_t n;

	memset(g, 0, sizeof(*g));
	bytes_init(&b, data, size, big_endian);
	name = bytes_cstr(&b);
	g->trace_id = bytes_u64(&b);
	n = bytes_u32(&b);
	if (!name || !bytes_ok(&b) || n > bytes_left(&b) / 8)
		return -1;
	g->name = strdup(name);
	g->nr_vcpus = (int)n;
	g->vcpu_pid = calloc(n ? n : 1, sizeof(*g->vcpu_pid));
	if (!g->name || !g->vcpu_pid)
		goto bad;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t vcpu = bytes_u32(&b);
		uint32_t pid = bytes_u32(&b);

		if (vcpu >= n)
			goto bad;	/* trace-cmd drops the whole option */
		g->vcpu_pid[vcpu] = (int)pid;
	}
	return 0;
bad:
	guest_free(g);
	return -1;
}

void guest_free(struct tracedat_guest *g)
{
	if (!g)
		return;
	free(g->name);
	free(g->vcpu_pid);
	memset(g, 0, sizeof(*g));
}

const struct tracedat_guest *guest_find(const struct tracedat_guest *guests, int nr, uint64_t trace_id)
{
	for (int i = nr - 1; i >= 0; i--)
		if (guests[i].trace_id == trace_id)
			return &guests[i];
	return NULL;
}
