/* Building the event store from a trace.dat: every buffer's CPUs are
 * indexed, in parallel (the CPUs are independent), with progress reports. */
#ifndef FTUI_LOAD_H
#define FTUI_LOAD_H

#include <stdint.h>

#include "model/store.h"

struct tracedat;

/* Called now and then with pages indexed so far and in all; a non-zero
 * return stops the load. */
typedef int (*load_progress_fn)(void *ctx, uint64_t done, uint64_t total);

struct load_options {
	int threads;			/* 0: one per core, at most 8 */
	load_progress_fn progress;	/* may be NULL */
	void *ctx;
};

/* Index the whole file.  Returns the store, or NULL with a message in err
 * (also when the progress callback stopped the load). */
struct store *load_tracedat(struct tracedat *td, const struct load_options *opt, char *err, size_t errlen);

/* A store_source that reads pages from the file; free with load_source_free. */
int load_source_new(struct tracedat *td, struct store_source *src);
void load_source_free(struct store_source *src);

#endif
