/* Spooling a live capture to disk as fast as the kernel fills its buffers.
 *
 * One thread per traced CPU sleeps until the kernel wakes it (the CPU's
 * buffer passed the instance's buffer_percent) and then moves every full
 * ring-buffer page into a temporary file of its own with splice(): no copy,
 * no parsing, no compression on the reading path, and no CPU waits for
 * another.  This is how `ftui record` keeps up with a flood of events; the
 * pages are compressed into the trace.dat only after tracing stops, from
 * spool_replay().  The temporary files are unlinked from the start, so
 * nothing is left behind whatever way the process ends.
 */
#ifndef FTUI_SPOOL_H
#define FTUI_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct live;
struct spool;

/* Start the threads; the temporary files go into dir.  l must stay open
 * until spool_free().  On error returns NULL with one line in err. */
struct spool *spool_start(struct live *l, const char *dir, char *err, size_t errlen);

/* Stop the threads, then take what is left in the buffers, partly filled
 * pages included (call live_stop() first, so that nothing more comes).
 * Returns 0, or -1 with one line in err (a read or write failed, e.g. the
 * disk is full). */
int spool_finish(struct spool *s, char *err, size_t errlen);

/* Called with n consecutive pages of a CPU; returns 0, or -1 to stop.
 * Each CPU's pages come from a thread of its own (see spool_replay()). */
typedef int (*spool_pages_fn)(void *ctx, int cpu, const void *pages, size_t n);

/* Hand every spooled page to fn, each CPU's pages in order, a run at a
 * time, from one thread per CPU, all CPUs at once (the trace.dat writer
 * takes that).  Returns the pages handed over, or -1 with one line in err
 * (fn's own error, if it failed, is the caller's to report). */
int64_t spool_replay(struct spool *s, spool_pages_fn fn, void *ctx, char *err, size_t errlen);

/* Whether a thread has failed (e.g. the disk is full): then stop, and
 * spool_finish() says why. */
bool spool_failed(const struct spool *s);

/* Bytes spooled so far, all CPUs. */
uint64_t spool_bytes(const struct spool *s);

void spool_free(struct spool *s);

#endif
