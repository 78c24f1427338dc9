/* Bounded, endian-aware reading of a byte range.
 *
 * Every read checks the bounds: a corrupt size field in a trace.dat can never
 * make the reader step outside the buffer it was given.  After a failed read the
 * cursor is marked bad and every later read fails too, so a parser may read a
 * whole structure and check bytes_ok() once at the end.
 *
 * Every parser of untrusted bytes (trace.dat sections, options, pages) goes
 * through here; that one rule is what the fuzz targets lean on.
 */
#ifndef FTUI_BYTES_H
#define FTUI_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bytes {
	const uint8_t *base;	/* start of the buffer */
	size_t size;		/* bytes in the buffer */
	size_t pos;		/* read position */
	bool big_endian;	/* byte order of multi-byte integers */
	bool bad;		/* a read went past the end */
};

void bytes_init(struct bytes *b, const void *base, size_t size, bool big_endian);
bool bytes_ok(const struct bytes *b);
size_t bytes_left(const struct bytes *b);
bool bytes_seek(struct bytes *b, size_t pos);
bool bytes_skip(struct bytes *b, size_t n);

uint8_t bytes_u8(struct bytes *b);
uint16_t bytes_u16(struct bytes *b);
uint32_t bytes_u32(struct bytes *b);
uint64_t bytes_u64(struct bytes *b);
/* A pointer to the next n bytes, or NULL (and the cursor is bad). */
const uint8_t *bytes_take(struct bytes *b, size_t n);
/* A NUL-terminated string inside the buffer, or NULL. */
const char *bytes_cstr(struct bytes *b);

/* Plain loads of a value stored in the given byte order. */
uint16_t load_u16(const void *p, bool big_endian);
uint32_t load_u32(const void *p, bool big_endian);
uint64_t load_u64(const void *p, bool big_endian);

#endif
