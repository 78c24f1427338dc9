/* Pages held in memory, per stream, for live capture: the store's page
 * source when there is no file.  Each stream's pages sit in one array with
 * zeroed slack after it (the same guarantee the file reader gives: see
 * TRACEDAT_PAGE_SLACK), and the oldest pages go first when memory runs out. */
#ifndef FTUI_PAGEPOOL_H
#define FTUI_PAGEPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "model/store.h"

struct pagepool;

/* block_bytes: the unit of allocation and eviction per stream (0: 2 MB,
 * the most); small budgets over many CPUs want small blocks. */
struct pagepool *pagepool_new(uint32_t page_size, int nr_streams, size_t block_bytes);
void pagepool_free(struct pagepool *pp);

/* Keep a copy of page at the end of stream; returns its page number, or -1. */
int64_t pagepool_add(struct pagepool *pp, int stream, const void *page);
/* Page page_no of stream, or NULL if it was evicted or never added. */
const void *pagepool_get(const struct pagepool *pp, int stream, uint64_t page_no);
/* Drop the pages of stream before page_no. */
void pagepool_evict(struct pagepool *pp, int stream, uint64_t page_no);
/* The first page still held in stream. */
uint64_t pagepool_first(const struct pagepool *pp, int stream);
size_t pagepool_memory(const struct pagepool *pp);

/* A store source over the pool: maps (buffer 0, cpu) to the stream that
 * stream_of_cpu[cpu] names. */
struct pagepool_source {
	const struct pagepool *pp;
	const int *stream_of_cpu;
	int nr_cpus;
};
void pagepool_source(struct pagepool_source *ps, struct store_source *src);

#endif
