/* Page access: raw pages straight from the mapped file, compressed pages
 * through a one-chunk cache per CPU (pages are read in time order, so the
 * chunk in use is almost always the one needed next). */
#include "capture/tracedat.h"

#include <stdlib.h>
#include <string.h>

#define PAGE_SLACK TRACEDAT_PAGE_SLACK

struct chunk_cache {
	int64_t chunk;		/* index of the chunk held, -1 for none */
	uint8_t *data;
	size_t cap;
};

struct tracedat_pages {
	struct tracedat *td;
	struct decompressor *dec;
	struct chunk_cache **caches;	/* [buffer][cpu] */
};

struct tracedat_pages *tracedat_pages_new(struct tracedat *td)
{
	struct tracedat_pages *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->td = td;
	p->dec = decompressor_new(td->compression);
	p->caches = calloc(td->nr_buffers ? td->nr_buffers : 1, sizeof(*p->caches));
	if (!p->dec || !p->caches) {
		tracedat_pages_free(p);
		return NULL;
	}
	for (int b = 0; b < td->nr_buffers; b++) {
		int n = td->buffers[b].nr_cpus;

		p->caches[b] = calloc(n ? n : 1, sizeof(**p->caches));
		if (!p->caches[b]) {
			tracedat_pages_free(p);
			return NULL;
		}
		for (int c = 0; c < n; c++)
			p->caches[b][c].chunk = -1;
	}
	return p;
}

void tracedat_pages_free(struct tracedat_pages *p)
{
	if (!p)
		return;
	for (int b = 0; p->caches && b < p->td->nr_buffers; b++) {
		for (int c = 0; p->caches[b] && c < p->td->buffers[b].nr_cpus; c++)
			free(p->caches[b][c].data);
		free(p->caches[b]);
	}
	free(p->caches);
	decompressor_free(p->dec);
	free(p);
}

static const void *raw_page(struct tracedat_pages *p, const struct tracedat_buffer *buf,
			    const struct tracedat_cpu *c, uint64_t idx)
{
	uint64_t off = c->offset + idx * buf->page_size;

	/* the mapping has zeroed slack past the end of the file */
	if (off > p->td->map_size || buf->page_size > p->td->map_size - off)
		return NULL;
	return p->td->map + off;
}

/* The chunk holding byte offset pos of the CPU's page data. */
static int64_t find_chunk(const struct tracedat_cpu *c, uint64_t pos)
{
	uint32_t lo = 0, hi = c->nr_chunks;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (c->chunks[mid].ustart + c->chunks[mid].usize <= pos)
			lo = mid + 1;
		else if (c->chunks[mid].ustart > pos)
			hi = mid;
		else
			return mid;
	}
	return -1;
}

static int load_chunk(struct tracedat_pages *p, struct chunk_cache *cache,
		      const struct tracedat_chunk *ch, int64_t index)
{
	size_t need = (size_t)ch->usize + PAGE_SLACK;

	/* calloc, never realloc: the slack past the largest chunk stays zero */
	if (cache->cap < need) {
		uint8_t *d = calloc(1, need);

		if (!d)
			return -1;
		free(cache->data);
		cache->data = d;
		cache->cap = need;
	}
	cache->chunk = -1;
	if (decompressor_run(p->dec, p->td->map + ch->file_off, ch->csize, cache->data, ch->usize))
		return -1;
	cache->chunk = index;
	return 0;
}

const void *tracedat_page(struct tracedat_pages *p, int b, int cpu, uint64_t idx)
{
	const struct tracedat_buffer *buf;
	const struct tracedat_cpu *c;
	struct chunk_cache *cache;
	uint64_t pos;
	int64_t ci;

	if (b < 0 || b >= p->td->nr_buffers)
		return NULL;
	buf = &p->td->buffers[b];
	if (cpu < 0 || cpu >= buf->nr_cpus)
		return NULL;
	c = &buf->cpus[cpu];
	pos = idx * buf->page_size;
	if (idx >= c->data_size / buf->page_size)
		return NULL;
	if (!buf->compressed)
		return raw_page(p, buf, c, idx);
	cache = &p->caches[b][cpu];
	ci = cache->chunk >= 0 && (uint64_t)cache->chunk < c->nr_chunks &&
	     c->chunks[cache->chunk].ustart <= pos && pos < c->chunks[cache->chunk].ustart + c->chunks[cache->chunk].usize
	     ? cache->chunk : find_chunk(c, pos);
	if (ci < 0)
		return NULL;
	if (ci != cache->chunk && load_chunk(p, cache, &c->chunks[ci], ci))
		return NULL;
	return cache->data + (pos - c->chunks[ci].ustart);
}
