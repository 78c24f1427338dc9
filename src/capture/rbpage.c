#include "capture/rbpage.h"
#include "capture/bytes.h"

#include <string.h>

int rbpage_header(const void *page, uint32_t page_size, bool big_endian, int long_size, struct rbpage_header *h)
{
	const uint8_t *p = page;
	uint32_t L = (uint32_t)long_size;

	memset(h, 0, sizeof(*h));
	if ((L != 4 && L != 8) || page_size < 8 + L)
		return -1;
	h->ts = load_u64(p, big_endian);
	h->commit = L == 8 ? load_u64(p + 8, big_endian) : load_u32(p + 8, big_endian);
	h->data = 8 + L;
	h->size = (uint32_t)h->commit & RBPAGE_COMMIT_MASK;
	if (h->size > page_size - h->data)
		return -1;
	if (!(h->commit & RBPAGE_MISSING_EVENTS))
		return 0;
	if (!(h->commit & RBPAGE_MISSING_STORED)) {
		h->missed = -1;
		return 0;
	}
	if (L > page_size - h->data - h->size)
		return -1;
	h->count_stored = true;
	p += h->data + h->size;
	h->missed = (int32_t)(L == 8 ? load_u64(p, big_endian) : load_u32(p, big_endian));
	return 0;
}

int rbpage_record(const void *data, uint32_t size, uint32_t off, bool big_endian, struct rbpage_rec *r)
{
	const uint8_t *p = (const uint8_t *)data + off;
	uint32_t w;

	memset(r, 0, sizeof(*r));
	if (off >= size || size - off < 4)
		return -1;
	w = load_u32(p, big_endian);
	r->type_len = big_endian ? w >> 27 : w & 0x1f;
	r->delta = big_endian ? w & 0x7ffffff : w >> 5;
	if (r->type_len >= 1 && r->type_len <= RBPAGE_DATA_MAX) {
		r->payload = off + 4;
		r->payload_len = 4 * r->type_len;
		r->next = (int64_t)off + 4 + r->payload_len;
		return 0;
	}
	if (size - off < 8) {
		if (r->type_len != RBPAGE_PADDING)
			return -1;
		r->next = size;		/* a null padding word at the very end */
		return 0;
	}
	r->has_len = true;
	r->len = load_u32(p + 4, big_endian);
	switch (r->type_len) {
	case 0:
		if (r->len < 4)
			return -1;
		r->payload = off + 8;
		r->payload_len = r->len - 4;
		r->next = (int64_t)off + 8 + (((int64_t)r->len - 4 + 3) & ~(int64_t)3);
		break;
	case RBPAGE_PADDING:
		r->next = (int64_t)off + 4 + (int32_t)r->len;	/* kbuffer's int */
		break;
	default:		/* TIME_EXTEND, TIME_STAMP */
		r->next = (int64_t)off + 8;
		break;
	}
	return 0;
}
