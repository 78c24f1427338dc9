/* The filter language's checker: a tokenizer that splits the way
 * libtraceevent's does and a recursive-descent parser of the subset that
 * its parser handles without faults (see filter_check.h). */
#include "model/filter_check.h"

#include <ctype.h>
#include <event-parse.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FC_MAX_DEPTH 32

enum fc_tok { TK_END, TK_ITEM, TK_STR, TK_CHAR, TK_OP, TK_LPAREN, TK_RPAREN, TK_COMMA, TK_BAD };

struct fc_field_ctx;

struct fc {
	const char *s;		/* the expression */
	size_t len, pos;
	size_t col0;		/* columns reported are col0 + offset + 1 */
	char *err;
	size_t errlen;
	int depth;
	/* the current token */
	enum fc_tok tok;
	size_t tstart, tlen;
	/* called for every field an expression names (NULL: none) */
	bool (*field)(void *ctx, struct fc *p, const char *name, size_t n);
	void *ctx;
};

void filter_check_error(char *err, size_t errlen, size_t column, const char *fmt, va_list ap)
{
	char msg[200];

	if (!errlen)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	snprintf(err, errlen, "column %zu: %s", column, msg);
}

static bool fc_fail(struct fc *p, size_t at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	filter_check_error(p->err, p->errlen, p->col0 + at + 1, fmt, ap);
	va_end(ap);
	return false;
}

/* The current token as text, for messages (cut and quoted). */
static const char *fc_tok_text(const struct fc *p, char *buf, size_t len)
{
	if (p->tok == TK_END)
		return "the end";
	snprintf(buf, len, "'%.*s'", (int)(p->tlen > 24 ? 24 : p->tlen), p->s + p->tstart);
	return buf;
}

static bool fc_is_item(int c)
{
	return isascii(c) && (isalnum(c) || c == '_');
}

/* A quoted string from p->pos (at the quote); backslash escapes the next
 * byte.  Adjacent "..." "..." are one string, as libtraceevent reads them. */
static bool fc_quoted(struct fc *p)
{
	char q = p->s[p->pos];
	size_t i = p->pos + 1;

	for (;;) {
		while (i < p->len && p->s[i] != q) {
			/* libtraceevent 1.7.1 crashes on a string holding a control
			 * or non-ASCII byte (a tab, 0x01, UTF-8: fuzzer finds) */
			unsigned char b = (unsigned char)p->s[i];

			if (!isascii(b) || !isprint(b))
				return fc_fail(p, i, "byte 0x%02x in a %s (filters take printable ASCII)",
					       b, q == '"' ? "string" : "character");
			/* libtraceevent splits the whole string at commas, inside
			 * quotes too, and then fails ("failed to allocate memory") */
			if (b == ',')
				return fc_fail(p, i, "',' in a %s: libtraceevent cannot take one",
					       q == '"' ? "string" : "character");
			if (b == '\\' && i + 1 < p->len) {
				b = (unsigned char)p->s[i + 1];
				if (!isascii(b) || !isprint(b))
					return fc_fail(p, i + 1, "byte 0x%02x in a %s (filters take printable ASCII)",
						       b, q == '"' ? "string" : "character");
			}
			i += (p->s[i] == '\\' && i + 1 < p->len) ? 2 : 1;
		}
		if (i >= p->len)
			return fc_fail(p, p->pos, "unterminated %s (no closing %c)",
				       q == '"' ? "string" : "character", q);
		i++;
		if (q != '"')
			break;
		size_t j = i;
		while (j < p->len && isspace((unsigned char)p->s[j]))
			j++;
		if (j >= p->len || p->s[j] != '"')
			break;
		i = j + 1;
	}
	p->tok = q == '"' ? TK_STR : TK_CHAR;
	p->tlen = i - p->pos;
	p->pos = i;
	return true;
}

static const char *const fc_ops[] = {
	"&&", "||", "==", "!=", "<=", ">=", "=~", "!~", "<<", ">>",
	"<", ">", "!", "&", "|", "^", "~", "+", "-", "*", "/", "%",
};

/* Read the next token.  False (err set) on a byte no filter can hold. */
static bool fc_next(struct fc *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n'))
		p->pos++;
	p->tstart = p->pos;
	p->tlen = 0;
	if (p->pos >= p->len) {
		p->tok = TK_END;
		return true;
	}
	unsigned char c = (unsigned char)p->s[p->pos];

	if (fc_is_item(c)) {
		while (p->pos < p->len && fc_is_item((unsigned char)p->s[p->pos]))
			p->pos++;
		p->tok = TK_ITEM;
		p->tlen = p->pos - p->tstart;
		return true;
	}
	if (c == '"' || c == '\'')
		return fc_quoted(p);
	if (c == '(' || c == ')' || c == ',') {
		p->tok = c == '(' ? TK_LPAREN : c == ')' ? TK_RPAREN : TK_COMMA;
		p->tlen = 1;
		p->pos++;
		return true;
	}
	for (size_t i = 0; i < sizeof(fc_ops) / sizeof(fc_ops[0]); i++) {
		size_t n = strlen(fc_ops[i]);

		if (p->len - p->pos >= n && !memcmp(p->s + p->pos, fc_ops[i], n)) {
			p->tok = TK_OP;
			p->tlen = n;
			p->pos += n;
			return true;
		}
	}
	p->tok = TK_BAD;
	if (!isascii(c) || !isprint(c))
		return fc_fail(p, p->pos, "unexpected byte 0x%02x outside a string", c);
	return fc_fail(p, p->pos, "unexpected character '%c'", c);
}

static bool fc_is_op(const struct fc *p, const char *op)
{
	return p->tok == TK_OP && p->tlen == strlen(op) && !memcmp(p->s + p->tstart, op, p->tlen);
}

/* A number as libtraceevent reads it (strtoull base 0), all of the token. */
static bool fc_number(struct fc *p)
{
	char buf[64], *end;
	size_t n = p->tlen;

	if (n >= sizeof(buf))
		return fc_fail(p, p->tstart, "number too long");
	memcpy(buf, p->s + p->tstart, n);
	buf[n] = '\0';
	strtoull(buf, &end, 0);
	if (*end)
		return fc_fail(p, p->tstart, "'%s' is not a number (decimal, 0x hex or 0 octal)", buf);
	return true;
}

static bool fc_regex(struct fc *p, size_t at, const char *q, size_t n)
{
	char *re = malloc(n + 1);
	regex_t reg;
	int rc;

	if (!re)
		return fc_fail(p, at, "out of memory");
	/* the bytes inside the quotes; adjacent "..." "..." are joined */
	size_t k = 0;
	bool in = false;
	for (size_t i = 0; i < n; i++) {
		if (in && q[i] == '\\' && i + 1 < n) {	/* kept, as libtraceevent keeps it */
			re[k++] = q[i++];
			re[k++] = q[i];
		} else if (q[i] == '"') {
			in = !in;
		} else if (in) {
			re[k++] = q[i];
		}
	}
	re[k] = '\0';
	rc = regcomp(&reg, re, REG_ICASE | REG_NOSUB);
	free(re);
	if (rc) {
		char why[80];

		regerror(rc, &reg, why, sizeof(why));
		regfree(&reg);
		return fc_fail(p, at, "bad regular expression: %s", why);
	}
	regfree(&reg);
	return true;
}

/* VALUE after the comparison op (the current token is the op). */
static bool fc_value(struct fc *p, size_t opat, const char *op)
{
	bool regex = !strcmp(op, "=~") || !strcmp(op, "!~");
	bool eq = !strcmp(op, "==") || !strcmp(op, "!=");
	char tb[40];

	if (!fc_next(p))
		return false;
	switch (p->tok) {
	case TK_ITEM:
		if (!isdigit((unsigned char)p->s[p->tstart]))
			return fc_fail(p, p->tstart, "expected a number or a string after '%s', found the name %s"
				       " (fields compare with constants only)", op, fc_tok_text(p, tb, sizeof(tb)));
		if (regex)
			return fc_fail(p, opat, "'%s' takes a string (\"...\"), not a number", op);
		return fc_number(p);
	case TK_CHAR:
		if (p->tlen == 3 && !regex)	/* 'c' is the number c */
			return true;
		/* fall through - longer ones are strings */
	case TK_STR:
		if (!eq && !regex)
			return fc_fail(p, opat, "strings compare with == != =~ !~ only, not '%s'", op);
		if (regex)
			return fc_regex(p, p->tstart, p->s + p->tstart, p->tlen);
		return true;
	case TK_OP:
		if (fc_is_op(p, "-"))
			return fc_fail(p, p->tstart, "negative numbers are not supported");
		/* fall through */
	default:
		return fc_fail(p, p->tok == TK_END ? p->len : p->tstart,
			       "expected a number or a string after '%s', found %s", op, fc_tok_text(p, tb, sizeof(tb)));
	}
}

static const char *const fc_cmps[] = { "==", "!=", "<=", ">=", "<", ">", "=~", "!~" };

/* FIELD CMP VALUE or FIELD & NUMBER; the current token is FIELD. */
static bool fc_compare(struct fc *p)
{
	size_t fat = p->tstart, flen = p->tlen;
	char op[4], tb[40];

	if (isdigit((unsigned char)p->s[fat]))
		return fc_fail(p, fat, "a comparison starts with a field name, not the number %s",
			       fc_tok_text(p, tb, sizeof(tb)));
	if (p->field && !p->field(p->ctx, p, p->s + fat, flen))
		return false;
	if (!fc_next(p))
		return false;
	if (p->tok != TK_OP)
		return fc_fail(p, p->tok == TK_END ? p->len : p->tstart,
			       "expected a comparison (== != < <= > >= =~ !~) after '%.*s', found %s",
			       (int)flen, p->s + fat, fc_tok_text(p, tb, sizeof(tb)));
	size_t opat = p->tstart;
	snprintf(op, sizeof(op), "%.*s", (int)p->tlen, p->s + p->tstart);
	if (!strcmp(op, "&")) {
		if (!fc_next(p))
			return false;
		if (p->tok != TK_ITEM || !isdigit((unsigned char)p->s[p->tstart]))
			return fc_fail(p, p->tok == TK_END ? p->len : p->tstart,
				       "expected a number after '&', found %s", fc_tok_text(p, tb, sizeof(tb)));
		return fc_number(p) && fc_next(p);
	}
	for (size_t i = 0; i < sizeof(fc_cmps) / sizeof(fc_cmps[0]); i++)
		if (!strcmp(op, fc_cmps[i]))
			return fc_value(p, opat, op) && fc_next(p);
	return fc_fail(p, opat, "'%s' is not a comparison (== != < <= > >= =~ !~, or & NUMBER)", op);
}

static bool fc_expr(struct fc *p);

/* TERM; on return the current token is the one after it. */
static bool fc_term(struct fc *p)
{
	char tb[40];

	if (fc_is_op(p, "!")) {
		if (!fc_next(p))
			return false;
		if (fc_is_op(p, "!"))
			return fc_fail(p, p->tstart, "'!!': write !(...) instead");
		return fc_term(p);
	}
	if (p->tok == TK_LPAREN) {
		size_t at = p->tstart;

		if (++p->depth > FC_MAX_DEPTH)
			return fc_fail(p, at, "parentheses nested deeper than %d", FC_MAX_DEPTH);
		if (!fc_next(p) || !fc_expr(p))
			return false;
		if (p->tok != TK_RPAREN)
			return fc_fail(p, p->tok == TK_END ? at : p->tstart, p->tok == TK_END ?
				       "'(' is never closed" : "expected ')' or && or ||");
		p->depth--;
		return fc_next(p);
	}
	if (p->tok == TK_ITEM)
		return fc_compare(p);
	return fc_fail(p, p->tok == TK_END ? p->len : p->tstart,
		       "expected a comparison (FIELD == VALUE), '(' or '!', found %s", fc_tok_text(p, tb, sizeof(tb)));
}

static bool fc_expr(struct fc *p)
{
	if (!fc_term(p))
		return false;
	while (fc_is_op(p, "&&") || fc_is_op(p, "||")) {
		if (!fc_next(p) || !fc_term(p))
			return false;
	}
	return true;
}

/* The whole expression: EXPR then the end. */
static bool fc_run(struct fc *p)
{
	char tb[40];

	if (p->len > FILTER_CHECK_MAX)
		return fc_fail(p, FILTER_CHECK_MAX, "filter longer than %d characters", FILTER_CHECK_MAX);
	if (!fc_next(p))
		return false;
	if (p->tok == TK_END)
		return fc_fail(p, 0, "empty expression");
	if (!fc_expr(p))
		return false;
	if (p->tok == TK_END)
		return true;
	if (p->tok == TK_RPAREN)
		return fc_fail(p, p->tstart, "')' without '('");
	return fc_fail(p, p->tstart, "expected && or || or the end, found %s", fc_tok_text(p, tb, sizeof(tb)));
}

bool filter_check_expr(const char *expr, size_t col0, char *err, size_t errlen)
{
	struct fc p = { .s = expr, .len = strlen(expr), .col0 = col0, .err = err, .errlen = errlen };

	return fc_run(&p);
}

/* ---- the event list before ':' ---- */

/* One [SYSTEM/]EVENT item at s[0..n), column col0 + 1. */
static bool fc_event_name(const char *s, size_t n, size_t col0, char *err, size_t errlen)
{
	size_t a = 0, b = n, slash = 0, nslash = 0;

	while (a < b && isspace((unsigned char)s[a]))
		a++;
	while (b > a && isspace((unsigned char)s[b - 1]))
		b--;
	if (a == b) {
		snprintf(err, errlen, "column %zu: empty event name", col0 + a + 1);
		return false;
	}
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '/') {
			slash = i;
			nslash++;
		} else if (!isascii(c) || !isgraph(c)) {
			snprintf(err, errlen, "column %zu: event name \"%.*s\" has %s; a filter is"
				 " EVENT[:EXPRESSION], e.g. sched_switch:prev_pid == 1", col0 + i + 1,
				 (int)(b - a > 40 ? 40 : b - a), s + a, isspace(c) ? "a space" : "a bad byte");
			return false;
		}
	}
	if (nslash > 1 || (nslash && (slash == a || slash == b - 1))) {
		snprintf(err, errlen, "column %zu: an event is EVENT or SYSTEM/EVENT", col0 + a + 1);
		return false;
	}
	/* each part is a regex, anchored as libtraceevent does */
	for (int part = 0; part <= (int)nslash; part++) {
		size_t from = part ? slash + 1 : a, to = nslash && !part ? slash : b;
		char *re = NULL;
		regex_t reg;
		int rc;

		if (asprintf(&re, "^%.*s$", (int)(to - from), s + from) < 0) {
			snprintf(err, errlen, "out of memory");
			return false;
		}
		rc = regcomp(&reg, re, REG_ICASE | REG_NOSUB);
		free(re);
		if (!rc)
			regfree(&reg);
		if (rc) {
			snprintf(err, errlen, "column %zu: event name \"%.*s\" is not a valid regular expression",
				 col0 + from + 1, (int)(to - from), s + from);
			return false;
		}
	}
	return true;
}

static bool fc_events(const char *s, size_t n, char *err, size_t errlen)
{
	size_t start = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ',')
			continue;
		if (!fc_event_name(s + start, i - start, start, err, errlen))
			return false;
		start = i + 1;
	}
	return true;
}

bool filter_check(const char *s, char *err, size_t errlen)
{
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s);

	if (errlen)
		err[0] = '\0';
	if (!fc_events(s, n, err, errlen))
		return false;
	return !colon || filter_check_expr(colon + 1, n + 1, err, errlen);
}

/* ---- against a trace's events ---- */

struct fc_tep {
	struct tep_handle *tep;
	struct tep_event **events;
	int nr;
};

static bool fc_name_match(const char *re_text, size_t n, const char *name)
{
	char *re = NULL;
	regex_t reg;
	bool m;

	if (asprintf(&re, "^%.*s$", (int)n, re_text) < 0)
		return false;
	if (regcomp(&reg, re, REG_ICASE | REG_NOSUB)) {
		free(re);
		return false;
	}
	free(re);
	m = !regexec(&reg, name, 0, NULL, 0);
	regfree(&reg);
	return m;
}

/* Collect the events one trimmed [SYSTEM/]EVENT item matches. */
static void fc_match_events(struct fc_tep *t, const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	const char *slash = memchr(s, '/', n);
	int total = tep_get_events_count(t->tep);

	for (int i = 0; i < total; i++) {
		struct tep_event *ev = tep_get_event(t->tep, i);
		bool m;

		if (slash)
			m = fc_name_match(s, slash - s, ev->system) &&
			    fc_name_match(slash + 1, n - (slash + 1 - s), ev->name);
		else
			m = fc_name_match(s, n, ev->system) || fc_name_match(s, n, ev->name);
		if (m)
			t->events[t->nr++] = ev;
	}
}

static bool fc_field_known(void *ctx, struct fc *p, const char *name, size_t n)
{
	struct fc_tep *t = ctx;
	char buf[128];

	if (n >= sizeof(buf))
		return fc_fail(p, (size_t)(name - p->s), "field name too long");
	memcpy(buf, name, n);
	buf[n] = '\0';
	if (!strcmp(buf, "COMM") || !strcmp(buf, "CPU"))
		return true;
	for (int i = 0; i < t->nr; i++)
		if (tep_find_any_field(t->events[i], buf))
			return true;
	if (t->nr == 1)
		return fc_fail(p, (size_t)(name - p->s), "%s has no field '%s'", t->events[0]->name, buf);
	return fc_fail(p, (size_t)(name - p->s), "none of the %d events matched has a field '%s'", t->nr, buf);
}

bool filter_check_tep(struct tep_handle *tep, const char *s, char *err, size_t errlen)
{
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s);
	struct fc_tep t = { .tep = tep };
	size_t start = 0;
	bool ok;

	if (errlen)
		err[0] = '\0';
	if (!fc_events(s, n, err, errlen))
		return false;
	/* an event can match several items: room for each item's worth */
	size_t items = 1;
	for (size_t i = 0; i < n; i++)
		items += s[i] == ',';
	t.events = calloc(items * (size_t)(tep_get_events_count(tep) + 1), sizeof(*t.events));
	if (!t.events) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ',')
			continue;
		int before = t.nr;
		fc_match_events(&t, s + start, i - start);
		if (t.nr == before) {
			size_t a = start;
			while (a < i && isspace((unsigned char)s[a]))
				a++;
			snprintf(err, errlen, "column %zu: no event matches \"%.*s\"", a + 1, (int)(i - a), s + a);
			free(t.events);
			return false;
		}
		start = i + 1;
	}
	ok = true;
	if (colon) {
		struct fc p = { .s = colon + 1, .len = strlen(colon + 1), .col0 = n + 1, .err = err,
				.errlen = errlen, .field = fc_field_known, .ctx = &t };
		ok = fc_run(&p);
	}
	free(t.events);
	return ok;
}

void filter_quote(const char *s, char *buf, size_t len)
{
	size_t n = 0, max = len > 64 ? 60 : (len ? len - 1 : 0);

	for (; *s && n < max; s++)
		buf[n++] = isascii((unsigned char)*s) && isprint((unsigned char)*s) ? *s : '?';
	if (*s && n >= 3 && len > 64)
		memcpy(buf + n - 3, "...", 3);
	if (len)
		buf[n] = '\0';
}
