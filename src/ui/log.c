#include "ui/log.h"

#include <event-parse.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracefs.h>

/* The UI's own state: the libraries' print hooks take no context. */
static char *lines[LOG_KEEP];
static size_t total;

void log_vadd(const char *fmt, va_list ap)
{
	char buf[512];
	size_t len;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	len = strlen(buf);
	while (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (getenv("FTUI_DEBUG"))
		fprintf(stderr, "ftui: %s\n", buf);
	free(lines[total % LOG_KEEP]);
	lines[total % LOG_KEEP] = strdup(buf);
	total++;
}

void log_add(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vadd(fmt, ap);
	va_end(ap);
}

size_t log_count(void)
{
	return total < LOG_KEEP ? total : LOG_KEEP;
}

const char *log_line(size_t i)
{
	size_t first = total < LOG_KEEP ? 0 : total - LOG_KEEP;

	if (i >= log_count())
		return NULL;
	return lines[(first + i) % LOG_KEEP];
}

void log_clear(void)
{
	for (size_t i = 0; i < LOG_KEEP; i++) {
		free(lines[i]);
		lines[i] = NULL;
	}
	total = 0;
}

/* libtraceevent and libtracefs declare these weak so that a program can
 * take their messages: ours go to the log, never over a curses screen. */
int tep_vprint(const char *name, enum tep_loglevel level, bool print_err, const char *fmt, va_list ap)
{
	(void)level;
	(void)print_err;
	(void)name;
	log_vadd(fmt, ap);
	return 0;
}

void tracefs_warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vadd(fmt, ap);
	va_end(ap);
}
