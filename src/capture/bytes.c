#include "capture/bytes.h"

#include <string.h>

void bytes_init(struct bytes *b, const void *base, size_t size, bool big_endian)
{
	b->base = base;
	b->size = size;
	b->pos = 0;
	b->big_endian = big_endian;
	b->bad = false;
}

bool bytes_ok(const struct bytes *b)
{
	return !b->bad;
}

size_t bytes_left(const struct bytes *b)
{
	return b->bad ? 0 : b->size - b->pos;
}

bool bytes_seek(struct bytes *b, size_t pos)
{
	if (b->bad || pos > b->size) {
		b->bad = true;
		return false;
	}
	b->pos = pos;
	return true;
}

bool bytes_skip(struct bytes *b, size_t n)
{
	if (b->bad || n > b->size - b->pos) {
		b->bad = true;
		return false;
	}
	b->pos += n;
	return true;
}

const uint8_t *bytes_take(struct bytes *b, size_t n)
{
	const uint8_t *p = b->base + b->pos;

	if (!bytes_skip(b, n))
		return NULL;
	return p;
}

uint16_t load_u16(const void *p, bool big_endian)
{
	const uint8_t *c = p;

	return big_endian ? (uint16_t)(c[0] << 8 | c[1]) : (uint16_t)(c[1] << 8 | c[0]);
}

uint32_t load_u32(const void *p, bool big_endian)
{
	const uint8_t *c = p;

	if (big_endian)
		return (uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 | (uint32_t)c[2] << 8 | c[3];
	return (uint32_t)c[3] << 24 | (uint32_t)c[2] << 16 | (uint32_t)c[1] << 8 | c[0];
}

uint64_t load_u64(const void *p, bool big_endian)
{
	const uint8_t *c = p;
	uint64_t hi = load_u32(big_endian ? c : c + 4, big_endian);
	uint64_t lo = load_u32(big_endian ? c + 4 : c, big_endian);

	return hi << 32 | lo;
}

uint8_t bytes_u8(struct bytes *b)
{
	const uint8_t *p = bytes_take(b, 1);

	return p ? *p : 0;
}

uint16_t bytes_u16(struct bytes *b)
{
	const uint8_t *p = bytes_take(b, 2);

	return p ? load_u16(p, b->big_endian) : 0;
}

uint32_t bytes_u32(struct bytes *b)
{
	const uint8_t *p = bytes_take(b, 4);

	return p ? load_u32(p, b->big_endian) : 0;
}

uint64_t bytes_u64(struct bytes *b)
{
	const uint8_t *p = bytes_take(b, 8);

	return p ? load_u64(p, b->big_endian) : 0;
}

const char *bytes_cstr(struct bytes *b)
{
	const uint8_t *start = b->base + b->pos;
	const uint8_t *nul;

	if (b->bad)
		return NULL;
	nul = memchr(start, '\0', b->size - b->pos);
	if (!nul) {
		b->bad = true;
		return NULL;
	}
	b->pos += (size_t)(nul - start) + 1;
	return (const char *)start;
}
