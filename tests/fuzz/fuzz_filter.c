/* libFuzzer target for the filter and hist parsers: the input is a filter
 * string (first byte even) or a hist "EVENT SPEC" line (odd), checked and
 * parsed as `ftui report -F` and `ftui dump hist` do (event_filter_add,
 * hist_new) against a real trace, then matched against its events
 * (event_filter_match, hist_fill).  Anything the checker lets through goes
 * to libtraceevent, so a crash there is a hole in model/filter_check.c.
 *
 * Build with `make fuzz`, run with tests/fuzz/run-fuzz.sh filter. */
#include "capture/tracedat.h"
#include "model/filter.h"
#include "model/hist.h"
#include "model/hist_check.h"
#include "model/load.h"
#include "model/store.h"

#include <event-parse.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_TRACE
#define FUZZ_TRACE "tests/fixtures/irq_timer_syscalls_v7.dat"
#endif

static struct tracedat *td;
static struct store *st;
static struct store_source src;

static void open_trace(void)
{
	char err[512];
	struct load_options opt = { .threads = 1 };
	const char *path = getenv("FUZZ_TRACE") ? getenv("FUZZ_TRACE") : FUZZ_TRACE;

	td = tracedat_open(path, err, sizeof(err));
	st = td ? load_tracedat(td, &opt, err, sizeof(err)) : NULL;
	if (!st || load_source_new(td, &src)) {
		fprintf(stderr, "fuzz_filter: %s: %s (run from the project root or set FUZZ_TRACE)\n", path, err);
		abort();
	}
}

/* The first 2000 events through the filter. */
static void match_some(struct event_filter *f)
{
	struct store_iter it;
	int stream, n = 0;
	uint64_t index;

	if (store_iter_init(&it, st, 0, UINT64_MAX))
		return;
	while (n++ < 2000 && store_iter_next(&it, &stream, &index)) {
		struct tep_record rec;

		if (store_record(st, &src, stream, index, &rec))
			event_filter_match(f, &rec);
	}
	store_iter_done(&it);
}

static void one_filter(const char *s)
{
	struct event_filter *f = event_filter_new(td->tep);
	char err[512];

	if (!f)
		return;
	if (!event_filter_add(f, s, false, err, sizeof(err)))
		match_some(f);
	event_filter_free(f);
}

static void one_hist(const char *line)
{
	char event[128], err[512];
	const char *sp = strchr(line, ' ');
	struct hist *h;

	if (!hist_prompt_check(line, err, sizeof(err)) || !sp || sp - line >= (long)sizeof(event))
		return;
	memcpy(event, line, sp - line);
	event[sp - line] = '\0';
	h = hist_new(td->tep, event, sp + 1, err, sizeof(err));
	if (!h)
		return;
	hist_fill(h, st, &src, 0, UINT64_MAX);
	size_t n;
	free(hist_sorted(h, &n));
	hist_free(h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (!td)
		open_trace();
	if (size < 1 || size > 4096)
		return 0;
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if (data[0] & 1)
		one_hist(s);
	else
		one_filter(s);
	free(s);
	return 0;
}
