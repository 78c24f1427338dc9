#include "capture/decompress.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

struct decompressor {
	enum compression alg;
	ZSTD_DCtx *zstd;
};

int compression_from_name(const char *name)
{
	if (!strcmp(name, "none"))
		return COMPRESSION_NONE;
	if (!strcmp(name, "zstd"))
		return COMPRESSION_ZSTD;
	if (!strcmp(name, "zlib"))
		return COMPRESSION_ZLIB;
	return -1;
}

const char *compression_name(enum compression c)
{
	switch (c) {
	case COMPRESSION_ZSTD: return "zstd";
	case COMPRESSION_ZLIB: return "zlib";
	default: return "none";
	}
}

struct decompressor *decompressor_new(enum compression c)
{
	struct decompressor *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->alg = c;
	if (c == COMPRESSION_ZSTD) {
		d->zstd = ZSTD_createDCtx();
		if (!d->zstd) {
			free(d);
			return NULL;
		}
	}
	return d;
}

void decompressor_free(struct decompressor *d)
{
	if (!d)
		return;
	ZSTD_freeDCtx(d->zstd);
	free(d);
}

static int run_zlib(const void *src, size_t csize, void *dst, size_t usize)
{
	uLongf out = usize;

	if (csize > ULONG_MAX || usize > ULONG_MAX)
		return -1;
	if (uncompress(dst, &out, src, (uLong)csize) != Z_OK)
		return -1;
	return out == usize ? 0 : -1;
}

int decompressor_run(struct decompressor *d, const void *src, size_t csize, void *dst, size_t usize)
{
	size_t n;

	switch (d->alg) {
	case COMPRESSION_ZSTD:
		n = ZSTD_decompressDCtx(d->zstd, dst, usize, src, csize);
		return !ZSTD_isError(n) && n == usize ? 0 : -1;
	case COMPRESSION_ZLIB:
		return run_zlib(src, csize, dst, usize);
	default:
		if (csize != usize)
			return -1;
		memcpy(dst, src, usize);
		return 0;
	}
}
