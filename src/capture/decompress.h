/* Decompression of trace.dat v7 blocks (zstd, zlib or none). */
#ifndef FTUI_DECOMPRESS_H
#define FTUI_DECOMPRESS_H

#include <stddef.h>

enum compression {
	COMPRESSION_NONE,
	COMPRESSION_ZSTD,
	COMPRESSION_ZLIB,
};

/* Parse an algorithm name as stored in the file header; -1 if unknown. */
int compression_from_name(const char *name);
const char *compression_name(enum compression c);

struct decompressor;

struct decompressor *decompressor_new(enum compression c);
void decompressor_free(struct decompressor *d);

/* Decompress src into exactly usize bytes at dst.  Returns 0, or -1 when the
 * data is corrupt or does not expand to usize bytes. */
int decompressor_run(struct decompressor *d, const void *src, size_t csize, void *dst, size_t usize);

#endif
