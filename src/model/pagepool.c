#include "model/pagepool.h"
#include "capture/tracedat.h"

#include <stdlib.h>
#include <string.h>

struct pool_stream {
	uint8_t *data;		/* cap pages, then TRACEDAT_PAGE_SLACK zero bytes */
	uint64_t first;		/* page number of data[0] */
	uint64_t nr, cap;
};

struct pagepool {
	uint32_t page_size;
	int nr_streams;
	struct pool_stream *s;
};

struct pagepool *pagepool_new(uint32_t page_size, int nr_streams)
{
	struct pagepool *pp = calloc(1, sizeof(*pp));

	if (!pp)
		return NULL;
	pp->page_size = page_size;
	pp->nr_streams = nr_streams;
	pp->s = calloc(nr_streams > 0 ? (size_t)nr_streams : 1, sizeof(*pp->s));
	if (!pp->s) {
		free(pp);
		return NULL;
	}
	return pp;
}

void pagepool_free(struct pagepool *pp)
{
	if (!pp)
		return;
	for (int i = 0; i < pp->nr_streams; i++)
		free(pp->s[i].data);
	free(pp->s);
	free(pp);
}

static int grow(struct pagepool *pp, struct pool_stream *s)
{
	uint64_t cap = s->cap ? s->cap * 2 : 64;
	size_t old = s->cap * pp->page_size + TRACEDAT_PAGE_SLACK;
	size_t size = cap * pp->page_size + TRACEDAT_PAGE_SLACK;
	uint8_t *d = realloc(s->data, size);

	if (!d)
		return -1;
	/* what was slack, and the new room, must read as zeros */
	if (s->data)
		memset(d + old - TRACEDAT_PAGE_SLACK, 0, size - (old - TRACEDAT_PAGE_SLACK));
	else
		memset(d, 0, size);
	s->data = d;
	s->cap = cap;
	return 0;
}

int64_t pagepool_add(struct pagepool *pp, int stream, const void *page)
{
	struct pool_stream *s;

	if (stream < 0 || stream >= pp->nr_streams)
		return -1;
	s = &pp->s[stream];
	if (s->nr == s->cap && grow(pp, s))
		return -1;
	memcpy(s->data + s->nr * pp->page_size, page, pp->page_size);
	return (int64_t)(s->first + s->nr++);
}

const void *pagepool_get(const struct pagepool *pp, int stream, uint64_t page_no)
{
	const struct pool_stream *s;

	if (stream < 0 || stream >= pp->nr_streams)
		return NULL;
	s = &pp->s[stream];
	if (page_no < s->first || page_no - s->first >= s->nr)
		return NULL;
	return s->data + (page_no - s->first) * pp->page_size;
}

void pagepool_evict(struct pagepool *pp, int stream, uint64_t page_no)
{
	struct pool_stream *s = &pp->s[stream];
	uint64_t drop;

	if (page_no <= s->first)
		return;
	drop = page_no - s->first < s->nr ? page_no - s->first : s->nr;
	memmove(s->data, s->data + drop * pp->page_size, (s->nr - drop) * pp->page_size);
	s->nr -= drop;
	s->first += drop;
	/* give memory back once a stream uses a quarter of its room */
	if (s->cap > 64 && s->nr < s->cap / 4) {
		uint64_t cap = s->cap / 2;
		uint8_t *d;

		memset(s->data + cap * pp->page_size, 0, TRACEDAT_PAGE_SLACK);
		d = realloc(s->data, cap * pp->page_size + TRACEDAT_PAGE_SLACK);
		if (d) {
			s->data = d;
			s->cap = cap;
		}
	}
}

uint64_t pagepool_first(const struct pagepool *pp, int stream)
{
	return pp->s[stream].first;
}

size_t pagepool_memory(const struct pagepool *pp)
{
	size_t n = 0;

	for (int i = 0; i < pp->nr_streams; i++)
		n += pp->s[i].cap * pp->page_size + (pp->s[i].data ? TRACEDAT_PAGE_SLACK : 0);
	return n;
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
