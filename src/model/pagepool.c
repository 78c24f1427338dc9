#include "model/pagepool.h"
#include "capture/tracedat.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Pages live in blocks (BLOCK_BYTES unless asked otherwise), each followed
 * by TRACEDAT_PAGE_SLACK zero bytes: adding a page never moves the others,
 * and evicting frees whole blocks.  Blocks are mapped, not malloc'd, so
 * that a freed block leaves the process's RSS at once (malloc may keep
 * freed memory, and the live capture promises a bound).  A few freed
 * blocks are kept for reuse, so that a capture that keeps evicting and
 * adding does not keep faulting fresh memory in. */
#define BLOCK_BYTES (2U << 20)
#define SPARE_BLOCKS 2

struct pool_stream {
	uint8_t **blocks;	/* blocks[0] holds page number base */
	size_t nr_blocks, cap_blocks;
	uint64_t base;		/* page number of blocks[0]'s first page */
	uint64_t first;		/* the first page still held */
	uint64_t end;		/* one past the last page added */
};

struct pagepool {
	uint32_t page_size;
	uint32_t block_pages;
	int nr_streams;
	struct pool_stream *s;
	uint8_t *spare[SPARE_BLOCKS];
	int nr_spare;
};

struct pagepool *pagepool_new(uint32_t page_size, int nr_streams, size_t block_bytes)
{
	struct pagepool *pp = calloc(1, sizeof(*pp));

	if (!pp || !page_size) {
		free(pp);
		return NULL;
	}
	if (!block_bytes || block_bytes > BLOCK_BYTES)
		block_bytes = BLOCK_BYTES;
	pp->page_size = page_size;
	pp->block_pages = block_bytes / page_size ? (uint32_t)(block_bytes / page_size) : 1;
	pp->nr_streams = nr_streams;
	pp->s = calloc(nr_streams > 0 ? (size_t)nr_streams : 1, sizeof(*pp->s));
	if (!pp->s) {
		free(pp);
		return NULL;
	}
	return pp;
}

/* A block's bytes: its pages and their slack, in whole memory pages. */
static size_t block_size(const struct pagepool *pp)
{
	size_t n = (size_t)pp->block_pages * pp->page_size + TRACEDAT_PAGE_SLACK;
	size_t mem = (size_t)sysconf(_SC_PAGESIZE);

	return (n + mem - 1) / mem * mem;
}

void pagepool_free(struct pagepool *pp)
{
	if (!pp)
		return;
	for (int i = 0; i < pp->nr_streams; i++) {
		for (size_t b = 0; b < pp->s[i].nr_blocks; b++)
			munmap(pp->s[i].blocks[b], block_size(pp));
		free(pp->s[i].blocks);
	}
	for (int i = 0; i < pp->nr_spare; i++)
		munmap(pp->spare[i], block_size(pp));
	free(pp->s);
	free(pp);
}

/* A block whose slack reads as zeros (a new mapping is zero-filled; a spare
 * one's slack still is: pages never reach into it). */
static uint8_t *take_block(struct pagepool *pp)
{
	void *b;

	if (pp->nr_spare)
		return pp->spare[--pp->nr_spare];
	b = mmap(NULL, block_size(pp), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return b == MAP_FAILED ? NULL : b;
}

static void give_block(struct pagepool *pp, uint8_t *b)
{
	if (pp->nr_spare < SPARE_BLOCKS)
		pp->spare[pp->nr_spare++] = b;
	else
		munmap(b, block_size(pp));
}

static int add_block(struct pagepool *pp, struct pool_stream *s)
{
	uint8_t *b;

	if (s->nr_blocks == s->cap_blocks) {
		size_t cap = s->cap_blocks ? s->cap_blocks * 2 : 8;
		uint8_t **p = realloc(s->blocks, cap * sizeof(*p));

		if (!p)
			return -1;
		s->blocks = p;
		s->cap_blocks = cap;
	}
	b = take_block(pp);
	if (!b)
		return -1;
	s->blocks[s->nr_blocks++] = b;
	return 0;
}

int64_t pagepool_add(struct pagepool *pp, int stream, const void *page)
{
	struct pool_stream *s;
	uint64_t at;

	if (stream < 0 || stream >= pp->nr_streams)
		return -1;
	s = &pp->s[stream];
	at = s->end - s->base;
	if (at == (uint64_t)s->nr_blocks * pp->block_pages && add_block(pp, s))
		return -1;
	memcpy(s->blocks[at / pp->block_pages] + (at % pp->block_pages) * pp->page_size, page, pp->page_size);
	return (int64_t)s->end++;
}

const void *pagepool_get(const struct pagepool *pp, int stream, uint64_t page_no)
{
	const struct pool_stream *s;
	uint64_t at;

	if (stream < 0 || stream >= pp->nr_streams)
		return NULL;
	s = &pp->s[stream];
	if (page_no < s->first || page_no >= s->end)
		return NULL;
	at = page_no - s->base;
	return s->blocks[at / pp->block_pages] + (at % pp->block_pages) * pp->page_size;
}

void pagepool_evict(struct pagepool *pp, int stream, uint64_t page_no)
{
	struct pool_stream *s = &pp->s[stream];
	size_t drop;

	if (page_no <= s->first)
		return;
	s->first = page_no < s->end ? page_no : s->end;
	/* the blocks wholly before the first page held */
	drop = (size_t)((s->first - s->base) / pp->block_pages);
	if (s->first == s->end)	/* nothing held: the last block goes too */
		drop = s->nr_blocks;
	for (size_t b = 0; b < drop; b++)
		give_block(pp, s->blocks[b]);
	if (drop)	/* (blocks is NULL while none were taken) */
		memmove(s->blocks, s->blocks + drop, (s->nr_blocks - drop) * sizeof(*s->blocks));
	s->nr_blocks -= drop;
	s->base = s->nr_blocks ? s->base + (uint64_t)drop * pp->block_pages : s->end;
}

uint64_t pagepool_first(const struct pagepool *pp, int stream)
{
	return pp->s[stream].first;
}

size_t pagepool_memory(const struct pagepool *pp)
{
	size_t blocks = (size_t)pp->nr_spare;

	for (int i = 0; i < pp->nr_streams; i++)
		blocks += pp->s[i].nr_blocks;
	return blocks * block_size(pp);
}

static const void *source_page(void *ctx, int buffer, int cpu, uint64_t page)
{
	const struct pagepool_source *ps = ctx;

	if (buffer != 0 || cpu < 0 || cpu >= ps->nr_cpus)
		return NULL;
	return pagepool_get(ps->pp, ps->stream_of_cpu[cpu], page);
}

void pagepool_source(struct pagepool_source *ps, struct store_source *src)
{
	src->page = source_page;
	src->ctx = ps;
}
