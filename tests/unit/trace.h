/* A fixture opened the way the commands open a file: the trace.dat, its
 * event store (indexed by one thread) and a page source, for unit tests of
 * the models built on the store. */
#ifndef FTUI_TEST_TRACE_H
#define FTUI_TEST_TRACE_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "capture/tracedat.h"
#include "model/load.h"
#include "model/store.h"

struct trace {
	struct tracedat *td;
	struct store *s;
	struct store_source src;
};

/* false (with the reason on stderr) when the file cannot be opened; then
 * trace_close() is still to be called. */
static inline bool trace_open(struct trace *t, const char *path)
{
	char err[512] = "out of memory";
	struct load_options opt = { .threads = 1 };

	memset(t, 0, sizeof(*t));
	t->td = tracedat_open(path, err, sizeof(err));
	t->s = t->td ? load_tracedat(t->td, &opt, err, sizeof(err)) : NULL;
	if (!t->s || load_source_new(t->td, &t->src)) {
		fprintf(stderr, "  %s: %s\n", path, err);
		return false;
	}
	return true;
}

static inline void trace_close(struct trace *t)
{
	if (t->src.ctx)
		load_source_free(&t->src);
	store_free(t->s);
	tracedat_close(t->td);
}

#endif
