/* The next or previous event like one at hand: of the same task
 * (common_pid), of the same event id, or both, over every stream in the
 * merged order (timestamp, then stream: the order of the event list).
 * Only the 16-byte index records are read, nothing is decoded; a stream is
 * scanned no further than the best match found so far. */
#ifndef FTUI_STORE_SEEK_H
#define FTUI_STORE_SEEK_H

#include <stdbool.h>
#include <stdint.h>

#include "model/store.h"

struct store_match {
	bool by_pid, by_type;
	int32_t pid;
	uint16_t type;
};

/* From the event (stream, index), the first match after it (dir > 0) or
 * before it (dir < 0).  false when there is none. */
bool store_seek(const struct store *s, int stream, uint64_t index, int dir, const struct store_match *m,
		int *out_stream, uint64_t *out_index);

#endif
