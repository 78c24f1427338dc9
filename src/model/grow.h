/* Growing the model's arrays: double the capacity until need fits. */
#ifndef FTUI_GROW_H
#define FTUI_GROW_H

#include <stdbool.h>
#include <stddef.h>

/* Make *arr (of *cap elements of elem bytes) hold at least need elements.
 * Returns false, leaving *arr and *cap as they were, when memory runs out or
 * the size would overflow. */
bool grow_array(void **arr, size_t *cap, size_t need, size_t elem);

#endif
