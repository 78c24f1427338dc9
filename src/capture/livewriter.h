/* The trace.dat of a live capture (`ftui live -o FILE`), written by a
 * process of its own, so that the file outlives ftui.
 *
 * livewriter_start() forks a writer process before any capture thread runs.
 * It opens the trace.dat (the metadata is read there), then takes the pages
 * the capture sends it over a socket and compresses them on its own CPU.
 * When ftui finishes the recording, the writer reads saved_cmdlines, closes
 * the file and says how that went.  When ftui dies instead (kill -9, a
 * crash), the socket's end tells the writer: it finishes the file all the
 * same from what it was sent, so that `trace-cmd report` reads it, and stops
 * tracing and removes the capture's instance, which nobody else would.  The
 * writer ignores the terminal's signals and SIGTERM (`pkill ftui` must not
 * take the file with it); it ends when the socket does.
 */
#ifndef FTUI_LIVEWRITER_H
#define FTUI_LIVEWRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "capture/decompress.h"

struct live;
struct livewriter;
struct tracedat_writer;

/* Fork the writer of path (file version 6 or 7, compression c) for l's
 * pages; returns once the file is open.  NULL with one line in err when
 * it cannot be (the writer's own error). */
struct livewriter *livewriter_start(const struct live *l, const char *path, int version, enum compression c,
				    char *err, size_t errlen);

/* Queue a page of cpu for the writer (sent a batch at a time); -1 once the
 * writer has failed. */
int livewriter_add_page(struct livewriter *w, int cpu, const void *page);

/* Send what is queued (call after each batch of pages). */
int livewriter_flush(struct livewriter *w);

/* Whether the writer has failed (e.g. the disk is full) or gone. */
bool livewriter_failed(struct livewriter *w);

/* Finish the file and end the writer (free w).  Returns 0, or -1 with the
 * writer's error in err. */
int livewriter_finish(struct livewriter *w, char *err, size_t errlen);

/* A trace.dat writer in this process for l's events (metadata read now):
 * what the writer process uses, and `ftui record` and `w` directly. */
struct tracedat_writer *livewriter_open_tracedat(const struct live *l, const char *path, int version,
						 enum compression c, char *err, size_t errlen);

#endif
