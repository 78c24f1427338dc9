/* The curses-free parts of the UI: key table, config files, themes, time
 * parsing, the cell grid. */
#include "check.h"
#include "render/grid.h"
#include "render/timeline.h"
#include "ui/config.h"
#include "ui/keymap.h"
#include "ui/timeparse.h"

#include <unistd.h>

static void default_keys(void)
{
	struct keymap *km = keymap_new();
	int n;
	const struct action_info *acts = action_table(&n);

	CHECK_EQ_INT(keymap_lookup(km, 'q'), ACT_QUIT);
	CHECK_EQ_INT(keymap_lookup(km, '?'), ACT_HELP);
	CHECK_EQ_INT(keymap_lookup(km, '/'), ACT_SEARCH);
	CHECK_EQ_INT(keymap_lookup(km, K_LEFT), ACT_LEFT);
	CHECK_EQ_INT(keymap_lookup(km, 'h'), ACT_LEFT);
	CHECK_EQ_INT(keymap_lookup(km, '+'), ACT_ZOOM_IN);
	CHECK_EQ_INT(keymap_lookup(km, K_ENTER), ACT_ENTER);
	/* every action has a key and a name that finds it */
	for (int i = 0; i < n; i++) {
		char keys[64];

		keymap_describe(km, acts[i].action, keys, sizeof(keys));
		CHECK(keys[0] != '\0');
		CHECK(action_find(acts[i].name) == &acts[i]);
	}
	CHECK_EQ_INT(keycode_parse("Enter"), K_ENTER);
	CHECK_EQ_INT(keycode_parse("x"), 'x');
	CHECK_EQ_INT(keycode_parse("Nope"), -1);
	keymap_free(km);
}

static char *write_temp(const char *text)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/ftui-config-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return NULL;
	close(fd);
	return path;
}

static void config_files(void)
{
	struct keymap *km = keymap_new();
	struct theme t;
	char err[512];
	char *p;

	theme_default(&t);
	p = write_temp("# comment\nbind x zoom-in\nbind q none\ncolor cursor red blue bold\n");
	CHECK(p && config_load(p, &t, km, err, sizeof(err)) == 0);
	CHECK_EQ_INT(keymap_lookup(km, 'x'), ACT_ZOOM_IN);
	CHECK_EQ_INT(keymap_lookup(km, 'q'), ACT_NONE);
	CHECK_EQ_INT(t.role[ROLE_CURSOR].fg, 1);
	CHECK_EQ_INT(t.role[ROLE_CURSOR].bg, 4);
	CHECK_EQ_INT(t.role[ROLE_CURSOR].attrs, ATTR_BOLD);
	unlink(p);
	p = write_temp("bind x zoom-in\nbind x fly-away\n");
	CHECK(p && config_load(p, &t, km, err, sizeof(err)) == -1);
	CHECK(strstr(err, ":2: unknown action \"fly-away\"") != NULL);
	unlink(p);
	p = write_temp("color nothing red blue\n");
	CHECK(p && config_load(p, &t, km, err, sizeof(err)) == -1);
	CHECK(strstr(err, ":1: unknown role") != NULL);
	unlink(p);
	keymap_free(km);
}

static void shipped_themes(void)
{
	const char *names[] = { "themes/default", "themes/light", "themes/mono" };
	struct theme t;
	char err[512];

	for (int i = 0; i < 3; i++) {
		int ret = theme_load(names[i], &t, err, sizeof(err));

		CHECK_EQ_INT(ret, 0);
		if (ret)
			fprintf(stderr, "  %s\n", err);
	}
	CHECK(theme_load("no-such-theme", &t, err, sizeof(err)) == -1);
	/* the default file describes the built-in theme exactly */
	{
		struct theme built, file;

		theme_default(&built);
		theme_default(&file);
		CHECK(config_load("themes/default", &file, NULL, err, sizeof(err)) == 0);
		CHECK(!memcmp(&built, &file, sizeof(built)));
	}
}

static void times(void)
{
	uint64_t t;

	CHECK(parse_time("12.5", 0, &t) == 0 && t == 12500000000ULL);
	CHECK(parse_time("+5ms", 1000, &t) == 0 && t == 5001000ULL);
	CHECK(parse_time("-20us", 100000, &t) == 0 && t == 80000ULL);
	CHECK(parse_time("+300ns", 0, &t) == 0 && t == 300);
	CHECK(parse_time("-1s", 5, &t) == 0 && t == 0);
	CHECK(parse_time("soon", 0, &t) == -1);
	CHECK(parse_time("5 parsecs", 0, &t) == -1);
}

static void grid_text_and_dump(void)
{
	struct grid *g = grid_new(6, 2, false);
	char *text;

	grid_text(g, 0, 0, 10, "héllo\tworld", ROLE_TITLE);
	grid_put(g, 5, 1, "█", ROLE_BUSY);
	text = grid_to_text(g);
	CHECK_EQ_STR(text, "héllo\n     █\n");	/* trailing spaces dropped */
	CHECK_EQ_INT(grid_at(g, 1, 0)->role, ROLE_TITLE);
	CHECK(grid_at(g, 6, 0) == NULL);
	free(text);
	grid_free(g);
}

static void time_labels(void)
{
	char buf[64];

	format_time(buf, sizeof(buf), 12345678901ULL, 1000000);
	CHECK_EQ_STR(buf, "12.345");
	format_time(buf, sizeof(buf), 12345678901ULL, 1);
	CHECK_EQ_STR(buf, "12.345678901");
	format_duration(buf, sizeof(buf), 1500000);
	CHECK_EQ_STR(buf, "1.500 ms");
	format_duration(buf, sizeof(buf), 999);
	CHECK_EQ_STR(buf, "999 ns");
}

CHECK_MAIN(CASE(default_keys), CASE(config_files), CASE(shipped_themes), CASE(times), CASE(grid_text_and_dump),
	   CASE(time_labels))
