#include "ui/live_tasks.h"
#include "capture/live.h"
#include "model/taskstats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void live_tasks_init(struct live_tasks *t, const struct live *l, bool following)
{
	memset(t, 0, sizeof(*t));
	t->l = l;
	t->following = following;
	live_tasks_refresh(t);
}

void live_tasks_done(struct live_tasks *t)
{
	pidmap_free(&t->tgid);
	pidmap_free(&t->followed);
}

void live_tasks_refresh(struct live_tasks *t)
{
	int32_t *pids;
	int n;

	t->saved_read = false;
	if (!t->following || (n = live_followed(t->l, &pids)) < 0)
		return;	/* unreadable: keep the last set */
	/* a union: a task that exits leaves the kernel's set, but its last
	 * interval is still shown */
	for (int i = 0; i < n; i++)
		if (pidmap_find(&t->followed, pids[i]) < 0)
			pidmap_add(&t->followed, pids[i], 0);
	free(pids);
}

static int tgid_from_proc(int32_t tid)
{
	char path[64], line[128];
	FILE *f;
	int tgid = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Tgid:", 5)) {
			tgid = atoi(line + 5);
			break;
		}
	fclose(f);
	return tgid;
}

/* Every "pid tgid" of saved_tgids not known yet joins the map: once a
 * refresh, and only when a task was not found in /proc. */
static void read_saved(struct live_tasks *t)
{
	struct metadata_blob b;
	char *p, *end;

	t->saved_read = true;
	if (live_saved_tgids(&b))
		return;
	for (p = b.data; p && *p; p = end) {
		long pid = strtol(p, &end, 10), tgid;

		if (end == p)
			break;
		tgid = strtol(end, &end, 10);
		if (pid > 0 && tgid > 0 && pidmap_find(&t->tgid, (int32_t)pid) < 0)
			pidmap_add(&t->tgid, (int32_t)pid, (int32_t)tgid);
		while (*end && *end != '\n')
			end++;
	}
	free(b.data);
}

int live_tasks_tgid(void *arg, int32_t tid)
{
	struct live_tasks *t = arg;
	int tgid = pidmap_find(&t->tgid, tid);

	if (tgid > 0)
		return tgid;
	tgid = tgid_from_proc(tid);
	if (tgid <= 0 && !t->saved_read) {
		read_saved(t);
		tgid = pidmap_find(&t->tgid, tid);
	}
	if (tgid > 0 && pidmap_find(&t->tgid, tid) < 0)
		pidmap_add(&t->tgid, tid, tgid);
	return tgid > 0 ? tgid : -1;
}

bool live_tasks_known(void *arg, const struct task_row *r)
{
	struct live_tasks *t = arg;

	if (!t->following || pidmap_find(&t->followed, r->tid) >= 0)
		return true;
	if (r->parent <= 0 || pidmap_find(&t->followed, r->parent) < 0)
		return false;
	pidmap_add(&t->followed, r->tid, 0);
	return true;
}
