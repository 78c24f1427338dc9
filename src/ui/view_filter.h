/* Which events the browser's event list shows: those of the CPU zoomed
 * into, of the CPUs of the CPU filter (c), of the task of the task filter
 * (t) and matching the event filter (f) and not the hide filter (v); and setting each filter from the
 * text typed at its prompt.  The list (view_list.c), search and drawing
 * ask here; nothing here moves the list or the cursor. */
#ifndef FTUI_VIEW_FILTER_H
#define FTUI_VIEW_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>


struct view;

/* Whether any of them hides events. */
bool view_filtering(const struct view *v);
/* Whether the list shows event index of stream. */
bool view_shown(struct view *v, int stream, uint64_t index);

/* Set a filter from its prompt's text; "" clears it.  msg gets what to
 * tell the user (may be ""); false: the text is wrong and nothing changed. */
bool view_filter_events(struct view *v, const char *text, char *msg, size_t len);
bool view_filter_hide(struct view *v, const char *text, char *msg, size_t len);
bool view_filter_cpus(struct view *v, const char *text, char *msg, size_t len);
bool view_filter_task(struct view *v, const char *text, char *msg, size_t len);

/* The prompts' validators (struct prompt_def.validate, arg the view): 0
 * when the setter above would take text, else -1 and "column N: what is
 * wrong" in err.  "" (clear) is always taken. */
int view_check_filter(void *arg, const char *text, char *err, size_t errlen);
int view_check_cpus(void *arg, const char *text, char *err, size_t errlen);
int view_check_task(void *arg, const char *text, char *err, size_t errlen);

#endif
