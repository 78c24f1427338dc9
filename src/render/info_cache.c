#include "render/info_cache.h"
#include "render/event_text.h"

#include <event-parse.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <trace-seq.h>

#define SLOTS (1U << 18)		/* power of two */
#define MAX_FILL (SLOTS / 4 * 3)
#define ARENA_SIZE (32U << 20)
#define MAX_KEY 512			/* larger records are printed afresh */
#define MAX_DYNAMIC 8

enum { UNKNOWN, NEVER, CACHED };

struct event_rule {
	uint8_t state;
	uint16_t skip;			/* leading bytes that do not affect the text */
	uint16_t fixed_end;		/* bytes the fixed fields need */
	uint8_t nr_dynamic;
	struct { uint16_t offset; bool relative; } dynamic[MAX_DYNAMIC];
};

struct slot {
	uint64_t hash;			/* 0: empty */
	uint32_t key_off, key_len;	/* in the arena; key = event id + record bytes */
	uint32_t text_off, text_len;
};

struct info_cache {
	struct tep_handle *tep;
	bool raw;
	struct event_rule *rules;	/* by event id */
	struct slot *slots;
	uint32_t used;
	char *arena;
	uint32_t arena_used;
	struct trace_seq tmp;
};

struct info_cache *info_cache_new(struct tep_handle *tep, bool raw)
{
	struct info_cache *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->tep = tep;
	c->raw = raw;
	c->rules = calloc(65536, sizeof(*c->rules));
	c->slots = calloc(SLOTS, sizeof(*c->slots));
	c->arena = malloc(ARENA_SIZE);
	if (!c->rules || !c->slots || !c->arena) {
		info_cache_free(c);
		return NULL;
	}
	trace_seq_init(&c->tmp);
	return c;
}

void info_cache_free(struct info_cache *c)
{
	if (!c)
		return;
	if (c->tmp.buffer)
		trace_seq_destroy(&c->tmp);
	free(c->rules);
	free(c->slots);
	free(c->arena);
	free(c);
}

/* Printing that keeps state, or that knows more than the record. */
static bool stateful(const struct tep_event *ev)
{
	if (!strcmp(ev->system, "ftrace"))
		return !strcmp(ev->name, "function") || !strncmp(ev->name, "funcgraph_", 10);
	if (!ev->handler)
		return false;
	/* the sched plugin only records comms, which identical records repeat */
	return strcmp(ev->system, "sched") ||
	       (strcmp(ev->name, "sched_switch") && strcmp(ev->name, "sched_wakeup") &&
		strcmp(ev->name, "sched_wakeup_new"));
}

static void make_rule(struct event_rule *r, const struct tep_event *ev)
{
	const char *fmt = ev->print_fmt.format;
	int common_end = 0, fixed_end = 0;

	r->state = NEVER;
	if (stateful(ev))
		return;
	for (struct tep_format_field *f = ev->format.common_fields; f; f = f->next)
		if (f->offset + f->size > common_end)
			common_end = f->offset + f->size;
	for (struct tep_format_field *f = ev->format.fields; f; f = f->next) {
		if (f->offset + f->size > fixed_end)
			fixed_end = f->offset + f->size;
		if (f->flags & TEP_FIELD_IS_DYNAMIC) {
			if (r->nr_dynamic == MAX_DYNAMIC || f->size != 4)
				return;
			r->dynamic[r->nr_dynamic].offset = (uint16_t)f->offset;
			r->dynamic[r->nr_dynamic++].relative = f->flags & TEP_FIELD_IS_RELATIVE;
		}
	}
	if (fixed_end > MAX_KEY)
		return;
	/* common fields (pid, flags) only matter if the format prints them */
	r->skip = fmt && strstr(fmt, "common_") ? 0 : (uint16_t)common_end;
	r->fixed_end = (uint16_t)fixed_end;
	r->state = CACHED;
}

static const struct event_rule *rule_for(struct info_cache *c, struct tep_record *rec, int id)
{
	struct event_rule *r = &c->rules[id & 0xffff];

	if (r->state == UNKNOWN) {
		struct tep_event *ev = tep_find_event(c->tep, id);

		if (ev)
			make_rule(r, ev);
		else
			r->state = NEVER;
	}
	return r;
}

/* Everything the text depends on lies inside the record. */
static bool self_contained(const struct info_cache *c, const struct event_rule *r, const struct tep_record *rec)
{
	const uint8_t *data = rec->data;

	if (rec->size > MAX_KEY || r->fixed_end > rec->size)
		return false;
	for (int i = 0; i < r->nr_dynamic; i++) {
		uint32_t loc = (uint32_t)tep_read_number(c->tep, data + r->dynamic[i].offset, 4);
		uint32_t end = (loc & 0xffff) + (loc >> 16);

		if (r->dynamic[i].relative)
			end += r->dynamic[i].offset + 4;
		if (end > (uint32_t)rec->size)
			return false;
	}
	return true;
}

static uint64_t hash_bytes(int id, const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)id;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h ? h : 1;
}

static void reset(struct info_cache *c)
{
	memset(c->slots, 0, SLOTS * sizeof(*c->slots));
	c->used = 0;
	c->arena_used = 0;
}

static void print_fresh(struct info_cache *c, struct trace_seq *s, struct tep_record *rec)
{
	event_text_info(s, c->tep, rec, c->raw);
}

void info_cache_print(struct info_cache *c, struct trace_seq *s, struct tep_record *rec)
{
	int id = tep_data_type(c->tep, rec);
	const struct event_rule *r = rule_for(c, rec, id);
	const uint8_t *key;
	uint32_t key_len, i;
	uint64_t h;
	struct slot *sl;

	if (r->state != CACHED || !self_contained(c, r, rec)) {
		print_fresh(c, s, rec);
		return;
	}
	key = (const uint8_t *)rec->data + r->skip;
	key_len = (uint32_t)rec->size - r->skip;
	h = hash_bytes(id, key, key_len);
	for (i = (uint32_t)h & (SLOTS - 1); c->slots[i].hash; i = (i + 1) & (SLOTS - 1)) {
		sl = &c->slots[i];
		if (sl->hash == h && sl->key_len == key_len + 2 &&
		    !memcmp(c->arena + sl->key_off, &id, 2) && !memcmp(c->arena + sl->key_off + 2, key, key_len)) {
			trace_seq_puts(s, c->arena + sl->text_off);
			return;
		}
	}
	trace_seq_reset(&c->tmp);
	print_fresh(c, &c->tmp, rec);
	trace_seq_terminate(&c->tmp);
	/* text with a NUL inside cannot be replayed with puts: do not keep it */
	if (strlen(c->tmp.buffer) != c->tmp.len) {
		trace_seq_printf(s, "%.*s", (int)c->tmp.len, c->tmp.buffer);
		return;
	}
	trace_seq_puts(s, c->tmp.buffer);
	if (c->used >= MAX_FILL || c->arena_used + key_len + 3 + c->tmp.len > ARENA_SIZE) {
		reset(c);
		for (i = (uint32_t)h & (SLOTS - 1); c->slots[i].hash; i = (i + 1) & (SLOTS - 1))
			;
	}
	sl = &c->slots[i];
	sl->hash = h;
	sl->key_off = c->arena_used;
	sl->key_len = key_len + 2;
	memcpy(c->arena + c->arena_used, &id, 2);
	memcpy(c->arena + c->arena_used + 2, key, key_len);
	c->arena_used += key_len + 2;
	sl->text_off = c->arena_used;
	sl->text_len = c->tmp.len;
	memcpy(c->arena + c->arena_used, c->tmp.buffer, c->tmp.len + 1);
	c->arena_used += c->tmp.len + 1;
	c->used++;
}
