/* TIME_SHIFT and GUEST: parsing (sorted, deduplicated, corrupt payloads
 * refused without reading past them) and the arithmetic in its corners, with
 * the values worked out by hand from trace-cmd's timestamp_calc(). */
#include "check.h"
#include "capture/timeshift.h"
#include "capture/tracedat.h"

#include <stdint.h>

struct obuf {
	uint8_t b[1024];
	uint32_t n;
};

static void o32(struct obuf *o, uint32_t v) { memcpy(o->b + o->n, &v, 4); o->n += 4; }
static void o64(struct obuf *o, uint64_t v) { memcpy(o->b + o->n, &v, 8); o->n += 8; }

/* One CPU, samples (time, offset, scaling) given, fractions f (or none). */
static void shift_payload(struct obuf *o, uint32_t flags, int n, const int64_t (*s)[3], const int64_t *f)
{
	o->n = 0;
	o64(o, 0x1234);
	o32(o, flags);
	o32(o, 1);
	o32(o, (uint32_t)n);
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < n; i++)
			o64(o, (uint64_t)s[i][k]);
	for (int i = 0; f && i < n; i++)
		o64(o, (uint64_t)f[i]);
}

static void parse_sorts_and_dedups(void)
{
	static const int64_t s[4][3] = { { 300, 30, 1 }, { 100, 10, 1 }, { 300, 99, 1 }, { 200, 20, 1 } };
	struct ts_shift sh;
	struct obuf o;

	shift_payload(&o, TS_SHIFT_INTERPOLATE, 4, s, NULL);
	CHECK_EQ_INT(ts_shift_parse(&sh, o.b, o.n, false), 0);
	CHECK_EQ_INT(sh.peer_trace_id, 0x1234);
	CHECK_EQ_INT(sh.nr_cpus, 1);
	CHECK(!sh.has_fraction);
	CHECK_EQ_INT(sh.cpus[0].nr, 3);
	CHECK_EQ_INT(sh.cpus[0].samples[0].time, 100);
	CHECK_EQ_INT(sh.cpus[0].samples[2].offset, 30);	/* the first of the two at 300 */
	/* between 100 and 200: 10 + ((150-100)*(20-10) + 50) / 100 = 15 */
	CHECK_EQ_INT(ts_shift_apply(&sh, 0, 150), 165);
	/* before the first pair, extrapolated: 10 + ((50-100)*10 + 50)/100 = 10 + (-450/100 = -4) */
	CHECK_EQ_INT(ts_shift_apply(&sh, 0, 50), 56);
	/* past the last: pair (200, 300): 20 + ((400-200)*10 + 50)/100 = 40 */
	CHECK_EQ_INT(ts_shift_apply(&sh, 0, 400), 440);
	CHECK_EQ_INT(ts_shift_apply(&sh, 0, 200), 220);	/* exactly on a sample */
	CHECK_EQ_INT(ts_shift_apply(&sh, 1, 777), 777);	/* a CPU it has no samples for */
	ts_shift_free(&sh);
}

static void scaling_and_one_sample(void)
{
	static const int64_t two[2][3] = { { 0, 1000, 3 }, { 1000, 1000, 5 } };
	static const int64_t frac[2] = { 1, 9 };
	static const int64_t one[1][3] = { { 500, -7, 1000 } };
	struct ts_shift sh;
	struct obuf o;

	/* not interpolated: min's offset; scaling 3 >> 1 of the lower sample */
	shift_payload(&o, 0, 2, two, frac);
	CHECK_EQ_INT(ts_shift_parse(&sh, o.b, o.n, false), 0);
	CHECK(sh.has_fraction);
	CHECK_EQ_INT(ts_shift_apply(&sh, 0, 100), 150 + 1000);
	ts_shift_free(&sh);
	/* one sample: the offset only, no scaling */
	shift_payload(&o, TS_SHIFT_INTERPOLATE, 1, one, NULL);
	CHECK_EQ_INT(ts_shift_parse(&sh, o.b, o.n, false), 0);
	CHECK_EQ_INT(ts_shift_apply(&sh, 0, 100), 93);
	ts_shift_free(&sh);
}

static void order_with_tsc2nsec_and_offset(void)
{
	static const int64_t one[1][3] = { { 0, 1000, 1 } };
	struct ts_shift sh;
	struct obuf o;
	struct ts_adjust a = { .mult = 1U << 23, .shift = 24, .offset = 5 };

	shift_payload(&o, 0, 1, one, NULL);
	CHECK_EQ_INT(ts_shift_parse(&sh, o.b, o.n, false), 0);
	a.tsync = &sh;
	/* shift first (+1000), then halve, then add 5 */
	CHECK_EQ_INT(ts_adjust_apply(&a, 0, 2000), 1505);
	a.tsync = NULL;
	CHECK_EQ_INT(ts_adjust_apply(&a, 0, 2000), 1005);
	/* the high word: (2^33 * 2^23) >> 24 = 2^32 */
	CHECK_EQ_INT(ts_adjust_apply(&a, 0, 1ULL << 33), (1ULL << 32) + 5);
	ts_shift_free(&sh);
}

static void corrupt_payloads(void)
{
	static const int64_t s[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
	static const int64_t f[2] = { 0, 0 };
	struct ts_shift sh;
	struct tracedat_guest g;
	struct obuf o;

	shift_payload(&o, 0, 2, s, f);
	for (uint32_t cut = 0; cut < o.n; cut++) {
		int rc = ts_shift_parse(&sh, o.b, cut, false);

		/* cut after the scalings: valid without fractions; else refused */
		CHECK_EQ_INT(rc, cut == 16 + 4 + 48 ? 0 : -1);
		ts_shift_free(&sh);
	}
	o.n = 12;
	o32(&o, 0xffffffffU);	/* a CPU count the payload cannot hold */
	CHECK_EQ_INT(ts_shift_parse(&sh, o.b, o.n, false), -1);

	o.n = 0;
	memcpy(o.b, "vm\0", 3);
	o.n = 3;
	o64(&o, 42);
	o32(&o, 2);
	o32(&o, 1);
	o32(&o, 1001);
	o32(&o, 0);
	o32(&o, 1000);
	CHECK_EQ_INT(guest_parse(&g, o.b, o.n, false), 0);
	CHECK_EQ_STR(g.name, "vm");
	CHECK_EQ_INT(g.trace_id, 42);
	CHECK_EQ_INT(g.vcpu_pid[0], 1000);
	CHECK_EQ_INT(g.vcpu_pid[1], 1001);
	CHECK(guest_find(&g, 1, 42) == &g && guest_find(&g, 1, 43) == NULL);
	guest_free(&g);
	CHECK_EQ_INT(guest_parse(&g, o.b, o.n - 1, false), -1);	/* cut */
	o.b[o.n - 8] = 2;	/* vCPU 2 of 2 */
	CHECK_EQ_INT(guest_parse(&g, o.b, o.n, false), -1);
	CHECK_EQ_INT(guest_parse(&g, (const uint8_t *)"vm", 2, false), -1);	/* no NUL */
}

static void fixtures(void)
{
	char err[256];
	struct tracedat *host = tracedat_open(FIXTURE("hostguest_host_v7.dat"), err, sizeof(err));
	struct tracedat *guest = tracedat_open(FIXTURE("hostguest_guest_v7.dat"), err, sizeof(err));
	const struct tracedat_guest *g;

	CHECK(host && guest);
	if (!host || !guest)
		goto out;
	CHECK(!host->has_time_shift && guest->has_time_shift);
	CHECK_EQ_INT(guest->time_shift.peer_trace_id, host->trace_id);
	CHECK_EQ_INT(guest->time_shift.cpus[0].nr, 4);
	g = guest_find(host->guests, host->nr_guests, guest->trace_id);
	CHECK(g != NULL);
	if (g) {
		CHECK_EQ_STR(g->name, "vm1");
		CHECK_EQ_INT(g->nr_vcpus, 3);
		CHECK_EQ_INT(g->vcpu_pid[2], 4003);
	}
out:
	tracedat_close(host);
	tracedat_close(guest);
}

CHECK_MAIN(CASE(parse_sorts_and_dedups), CASE(scaling_and_one_sample), CASE(order_with_tsc2nsec_and_offset),
	   CASE(corrupt_payloads), CASE(fixtures))
