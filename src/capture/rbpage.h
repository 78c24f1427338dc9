/* The kernel's ring-buffer page (tracedat-format.md §7), decoded in one
 * place for the event store (model/store.c) and the byte-swapper
 * (capture/convert_swap.c):
 *
 *     u64 timestamp | long commit | records ... | [long lost-event count]
 *
 * commit's low 27 bits are the bytes of records; bit 31 says events were
 * lost before the page, bit 30 that their count is stored after the records.
 * A record starts with a 32-bit word: type_len in its low 5 bits and the time
 * delta in the high 27 (little-endian; a big-endian kernel puts type_len in
 * the high 5 bits).  type_len 1..28: a data record of 4 * type_len bytes;
 * 0: a data record whose length (+ 4) is the next word; 29: padding, its
 * length in the next word (a time delta of 0: the rest of the page is
 * empty); 30, 31: TIME_EXTEND and TIME_STAMP, one more word.
 *
 * Nothing here reads outside the bytes it is given. */
#ifndef FTUI_RBPAGE_H
#define FTUI_RBPAGE_H

#include <stdbool.h>
#include <stdint.h>

enum {
	RBPAGE_DATA_MAX = 28,		/* the largest type_len of a short data record */
	RBPAGE_PADDING = 29,
	RBPAGE_TIME_EXTEND = 30,
	RBPAGE_TIME_STAMP = 31,
};

#define RBPAGE_COMMIT_MASK ((1U << 27) - 1)
#define RBPAGE_MISSING_EVENTS (1ULL << 31)
#define RBPAGE_MISSING_STORED (1ULL << 30)

struct rbpage_header {
	uint64_t ts;		/* the page's timestamp */
	uint64_t commit;	/* as stored, with its flags */
	uint32_t data;		/* offset of the first record: 8 + long size */
	uint32_t size;		/* bytes of records */
	int32_t missed;		/* events lost before the page: 0, the count, -1 unknown
				 * (trace-cmd keeps kbuffer's int) */
	bool count_stored;	/* the count follows the records, at data + size */
};

/* Read the header of a page of page_size bytes written by a kernel of that
 * byte order and long size (4 or 8).  -1 when the records or the stored
 * count do not fit in the page. */
int rbpage_header(const void *page, uint32_t page_size, bool big_endian, int long_size, struct rbpage_header *h);

struct rbpage_rec {
	uint32_t type_len;	/* 0 .. 31 */
	uint32_t delta;		/* the 27-bit time delta */
	bool has_len;		/* a second word follows the header word: type 0, padding, time */
	uint32_t len;		/* that word */
	uint32_t payload;	/* data records: offset of the payload */
	uint32_t payload_len;	/* data records: its bytes (type 0: the length word - 4) */
	int64_t next;		/* offset of the next record, as kbuffer steps to it: a
				 * corrupt length may put it past the end, or at or
				 * before off (check it) */
};

/* Decode the record at off among size bytes of records (data points at the
 * first).  -1 when its header words are not within size (but a padding word
 * alone at the very end is the end: next = size), or a type-0 length is
 * below 4. */
int rbpage_record(const void *data, uint32_t size, uint32_t off, bool big_endian, struct rbpage_rec *r);

#endif
