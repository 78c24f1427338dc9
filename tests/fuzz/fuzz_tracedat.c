/* libFuzzer target for the trace.dat reader: open the input as a trace.dat,
 * index it (load_tracedat with one thread) and decode every event the way
 * `ftui report` does (session_record + event_text_line).
 *
 * Build with `make fuzz`, run with tests/fuzz/run-fuzz.sh. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* memfd_create */
#endif
#include "capture/tracedat.h"
#include "model/load.h"
#include "model/store.h"
#include "render/event_text.h"
#include "render/info_cache.h"
#include "model/session.h"

#include <event-parse.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <trace-seq.h>
#include <unistd.h>

/* tracedat_open() takes a path and maps the file: hand it a memfd through
 * /proc/self/fd, so the fuzzer never touches the disk. */
static int input_fd = -1;

static int write_input(const uint8_t *data, size_t size)
{
	if (input_fd < 0) {
		input_fd = memfd_create("fuzz_tracedat", MFD_CLOEXEC);
		if (input_fd < 0) {
			perror("memfd_create");
			abort();
		}
	}
	if (ftruncate(input_fd, 0) || lseek(input_fd, 0, SEEK_SET) != 0)
		return -1;
	while (size) {
		ssize_t n = write(input_fd, data, size);

		if (n <= 0)
			return -1;
		data += n;
		size -= (size_t)n;
	}
	return 0;
}

/* One pass over every event, as `ftui report` prints them; with the text
 * cache of report when cached is set, without it otherwise. */
static void walk(struct session *ss, bool raw, bool cached)
{
	struct info_cache *cache = cached ? info_cache_new(ss->td->tep, raw) : NULL;
	struct store_iter it;
	struct trace_seq seq;
	struct tep_record rec;
	uint64_t index;
	int stream;

	if (store_iter_init(&it, ss->store, 0, UINT64_MAX)) {
		info_cache_free(cache);
		return;
	}
	trace_seq_init(&seq);
	while (store_iter_next(&it, &stream, &index)) {
		if (!session_record(ss, stream, index, &rec))
			continue;
		trace_seq_reset(&seq);
		event_text_line(&seq, ss->td->tep, &rec, event_time_style(ss->in_usecs, raw), raw, cache);
		trace_seq_terminate(&seq);
	}
	trace_seq_destroy(&seq);
	store_iter_done(&it);
	info_cache_free(cache);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct load_options opt = { .threads = 1 };
	struct session ss;
	char path[64], err[512];

	if (write_input(data, size))
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", input_fd);
	if (session_open(&ss, path, &opt, err, sizeof(err)))
		return 0;
	walk(&ss, false, true);
	/* a second pass, on half of the inputs so as not to halve the speed:
	 * the raw field dump (report -R) or the uncached text */
	if (size & 1)
		walk(&ss, (size & 2) != 0, (size & 2) != 0);
	session_close(&ss);
	return 0;
}
