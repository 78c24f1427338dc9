#include "ui/view_host.h"
#include "ui/view_rows.h"
#include "ui/view.h"

static uint64_t host_cursor(void *ctx)
{
	return ((struct view *)ctx)->tl.cursor;
}

static int host_cpu(void *ctx)
{
	struct view *v = ctx;

	if (v->zoom_cpu >= 0)
		return v->zoom_cpu;
	if (v->task_view || v->tl.selected < 0 || v->tl.selected >= v->nr_rows)
		return -1;
	return v->tl.selected;	/* a CPU number */
}

static uint64_t host_last_ts(void *ctx)
{
	return ((struct view *)ctx)->last_ts;
}

static bool host_range(void *ctx, uint64_t *from, uint64_t *to)
{
	struct view *v = ctx;

	if (!v->tl.has_a || !v->tl.has_b || v->tl.a == v->tl.b)
		return false;
	*from = v->tl.a < v->tl.b ? v->tl.a : v->tl.b;
	*to = (v->tl.a < v->tl.b ? v->tl.b : v->tl.a) + 1;
	return true;
}

static void host_show_time(void *ctx, uint64_t ts)
{
	view_show_time(ctx, ts);
}

static void host_show_markers(void *ctx, uint64_t a, uint64_t b)
{
	view_set_markers(ctx, a, b);
}

static void host_show_cpu(void *ctx, int cpu)
{
	view_rows_show_cpu(ctx, cpu);
}

static void host_message(void *ctx, bool error, const char *text)
{
	view_message(ctx, error, "%s", text);
}

static void host_prompt(void *ctx, const struct prompt_def *def, void *arg)
{
	view_prompt(ctx, def, arg);
}

static bool host_push(void *ctx, struct pane *p)
{
	return view_push_pane(ctx, p);
}

static struct pane *host_top(void *ctx)
{
	return view_top_pane(ctx);
}

static const struct pane_host_ops host_ops = {
	.cursor = host_cursor, .cpu = host_cpu, .last_ts = host_last_ts, .range = host_range,
	.show_time = host_show_time, .show_markers = host_show_markers, .show_cpu = host_show_cpu,
	.message = host_message,
	.prompt = host_prompt, .push = host_push, .top = host_top,
};

struct pane_host view_host(struct view *v)
{
	return (struct pane_host){ &host_ops, v, v->ss, v->keys, v->ascii };
}
