/* Timestamps of host and guest traces: how a raw ring-buffer timestamp
 * becomes the one trace-cmd 3.1.6 prints (timestamp_calc() in its
 * lib/trace-cmd/trace-input.c), and the options that tie a guest's trace to
 * its host's.
 *
 *   TIME_SHIFT (guest files): per guest CPU, samples of (time, offset,
 *     scaling, fraction bits) that map the guest's clock onto the host's;
 *   GUEST (host files): a guest's name, trace id and which host thread runs
 *     each of its vCPUs;
 *   TRACEID: the file's own trace session id (what the peer refers to).
 *
 * The order is trace-cmd's: TIME_SHIFT on the raw value, then TSC2NSEC, then
 * the DATE/OFFSET (and report --ts-offset) offset.
 */
#ifndef FTUI_TIMESHIFT_H
#define FTUI_TIMESHIFT_H

#include <stdbool.h>
#include <stdint.h>

#define TS_SHIFT_INTERPOLATE 0x1	/* TRACECMD_TSYNC_FLAG_INTERPOLATE */

struct ts_sample {
	int64_t time;		/* guest clock, when the sample was taken */
	int64_t offset;		/* host - guest, in guest clock units */
	int64_t scaling;
	int64_t fraction;	/* scaling's fraction bits */
};

struct ts_shift_cpu {
	uint32_t nr;
	struct ts_sample *samples;	/* sorted by time, no two at the same time */
};

struct ts_shift {		/* a TIME_SHIFT option */
	uint64_t peer_trace_id;	/* the host's trace id */
	uint32_t flags;		/* TS_SHIFT_INTERPOLATE */
	bool has_fraction;	/* the option carried the fraction arrays */
	uint32_t nr_cpus;
	struct ts_shift_cpu *cpus;
};

struct tracedat_guest {		/* a GUEST option */
	char *name;
	uint64_t trace_id;	/* the guest file's TRACEID */
	int nr_vcpus;
	int *vcpu_pid;		/* host pid of each vCPU's thread (0: not given) */
};

/* How a raw ring-buffer timestamp becomes the one trace-cmd prints. */
struct ts_adjust {
	uint32_t mult;		/* TSC2NSEC multiplier, 0 for none */
	uint32_t shift;
	int64_t offset;		/* DATE and OFFSET options (and --ts-offset), in ns */
	const struct ts_shift *tsync;	/* TIME_SHIFT (top buffer only), or NULL */
};

/* The raw timestamp ts of a record on cpu, as trace-cmd prints it. */
uint64_t ts_adjust_apply(const struct ts_adjust *a, int cpu, uint64_t ts);

/* Only TIME_SHIFT's step, for one CPU. */
uint64_t ts_shift_apply(const struct ts_shift *s, int cpu, uint64_t ts);

/* Parse an option payload in the file's byte order.  0, or -1 when it is
 * corrupt (then nothing is allocated). */
int ts_shift_parse(struct ts_shift *s, const uint8_t *data, uint32_t size, bool big_endian);
void ts_shift_free(struct ts_shift *s);
int guest_parse(struct tracedat_guest *g, const uint8_t *data, uint32_t size, bool big_endian);
void guest_free(struct tracedat_guest *g);

/* The guest of a host's list with this trace id (the last such option, as
 * trace-cmd finds it), or NULL. */
const struct tracedat_guest *guest_find(const struct tracedat_guest *guests, int nr, uint64_t trace_id);

#endif
