/* Reader threads for a live capture, one per traced CPU: each drains its
 * CPU's buffer as it fills (woken by poll at buffer_percent, and at least
 * every 100 ms for the page still being filled) into a queue of page
 * copies, so that what the UI does with the pages (indexing, statistics,
 * drawing, compressing) never makes the kernel's buffers overflow, and no
 * CPU waits for another.  The queue is bounded: past its limit pages are
 * dropped, and counted.  Keep the threads this simple: they only copy
 * pages and never touch the model, so no lock is shared with the UI but
 * the queue's. */
#ifndef FTUI_READER_H
#define FTUI_READER_H

#include <stddef.h>
#include <stdint.h>

struct live;
struct reader;

/* Start reading l (which the threads then own until reader_stop). */
struct reader *reader_start(struct live *l, size_t max_bytes);
/* Stop the threads (l is the caller's again); the queue stays. */
void reader_stop(struct reader *r);
void reader_free(struct reader *r);

/* Hand the queued pages to fn, oldest first; returns how many. */
int reader_take(struct reader *r, void (*fn)(void *ctx, int cpu, const void *page), void *ctx);
/* Bytes the queue holds now (pages waiting, and spare pages kept for reuse). */
size_t reader_memory(const struct reader *r);
/* Pages dropped because the queue was full (the next page of that CPU is
 * marked as following lost events). */
uint64_t reader_dropped(const struct reader *r);

#endif
