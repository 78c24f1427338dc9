/* The one line editor behind every prompt, in the browser and the live
 * table: a label, the text typed so far, and what to do with it.  The owner
 * (a view, or the live app) holds a struct prompt, feeds it keys while it is
 * open and draws it in the status line. */
#ifndef FTUI_PROMPT_H
#define FTUI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

struct grid;

#define PROMPT_MAX 256

struct prompt_def {
	const char *label;	/* "go to time: " */
	/* Check the text on Enter: 0 accepts it; -1 with a message in err keeps
	 * the prompt open showing the message.  NULL accepts anything. */
	int (*validate)(void *arg, const char *text, char *err, size_t errlen);
	void (*done)(void *arg, const char *text);	/* Enter, once accepted */
	void (*changed)(void *arg, const char *text);	/* after each edit; may be NULL */
	void (*cancelled)(void *arg);			/* Esc or C-c; may be NULL */
	/* Tab: complete the word being typed in buf; returns how many
	 * characters it appended.  NULL: Tab is ignored. */
	int (*complete)(void *arg, char *buf, size_t len);
};

struct prompt {
	const struct prompt_def *def;	/* NULL: closed */
	void *arg;
	char buf[PROMPT_MAX];
	int len;
	char error[256];		/* the validator's last message, until the next edit */
};

void prompt_open(struct prompt *p, const struct prompt_def *def, void *arg);
bool prompt_is_open(const struct prompt *p);
/* One key while open.  The callbacks run after the prompt has closed (on
 * Enter or Esc), so they may open another prompt. */
void prompt_key(struct prompt *p, int key);
/* For validators: "column N: what is wrong" into err; returns -1 (reject). */
int prompt_reject(char *err, size_t errlen, size_t column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The prompt as the status line: row y of g. */
void prompt_draw(const struct prompt *p, struct grid *g, int y);

#endif
