/* A main() for a libFuzzer target, built with the ordinary compiler (and
 * under ASan+UBSan in build-san): feed it the committed corpus, and
 * optionally every truncation of each input and seeded mutations of it, so
 * that make test runs the fuzz targets deterministically without clang.
 *
 *   replay_NAME [-t] [-m N] [-s SEED] FILE...
 *     -t       also every prefix of each file (truncated inputs)
 *     -m N     also N mutations of each file (bit flips, byte pokes with
 *              0x00/0xff/'"'/'(', cuts and repeats), from the seed -s
 *
 * Prints "replay: N inputs" and exits 0 unless the target crashed (the
 * sanitizers abort the process, naming the input on stderr). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long long replay_rng;

static unsigned replay_rand(void)	/* a fixed LCG: the same inputs on every machine */
{
	replay_rng = replay_rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(replay_rng >> 33);
}

static uint8_t *replay_read(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			uint8_t *grown = realloc(buf, cap = cap ? cap * 2 : 4096);

			if (!grown) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = grown;
		}
		size_t got = fread(buf + n, 1, cap - n, f);

		if (!got)
			break;
		n += got;
	}
	fclose(f);
	*size = n;
	return buf;
}

/* One mutation of in (size n) into out (room for 2 n + 1 bytes). */
static size_t replay_mutate(const uint8_t *in, size_t n, uint8_t *out)
{
	static const uint8_t pokes[] = { 0x00, 0xff, 0x7f, 0x80, '"', '(', ')', ' ', '&', '=' };
	size_t at = n ? replay_rand() % n : 0;

	memcpy(out, in, n);
	if (!n)
		return 0;
	switch (replay_rand() % 5) {
	case 0:	/* a bit */
		out[at] ^= (uint8_t)(1u << (replay_rand() % 8));
		return n;
	case 1:	/* a hostile byte */
		out[at] = pokes[replay_rand() % sizeof(pokes)];
		return n;
	case 2:	/* a byte out */
		memmove(out + at, out + at + 1, n - at - 1);
		return n - 1;
	case 3:	/* the tail from at repeated */
		memcpy(out + n, in + at, n - at);
		return n + (n - at);
	default:	/* four bytes of all ones (hostile sizes) */
		for (size_t i = at; i < n && i < at + 4; i++)
			out[i] = 0xff;
		return n;
	}
}

/* With REPLAY_LAST=FILE each input is written there first: after a crash
 * FILE holds the one that did it. */
static void replay_keep(const uint8_t *data, size_t n)
{
	const char *path = getenv("REPLAY_LAST");
	FILE *f = path ? fopen(path, "wb") : NULL;

	if (f) {
		fwrite(data, 1, n, f);
		fclose(f);
	}
}

/* The target on an exact copy of n bytes, so that ASan sees a read past them. */
static void replay_one(const uint8_t *data, size_t n)
{
	uint8_t *exact = malloc(n ? n : 1);

	if (!exact) {
		fprintf(stderr, "replay: out of memory\n");
		exit(2);
	}
	memcpy(exact, data, n);
	replay_keep(data, n);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
}

int main(int argc, char **argv)
{
	int opt, prefixes = 0;
	long mutations = 0, inputs = 0;

	replay_rng = 1;
	while ((opt = getopt(argc, argv, "tm:s:")) != -1) {
		if (opt == 't')
			prefixes = 1;
		else if (opt == 'm')
			mutations = atol(optarg);
		else if (opt == 's')
			replay_rng = strtoull(optarg, NULL, 0);
		else {
			fprintf(stderr, "usage: %s [-t] [-m N] [-s SEED] FILE...\n", argv[0]);
			return 2;
		}
	}
	for (int i = optind; i < argc; i++) {
		size_t n;
		uint8_t *data = replay_read(argv[i], &n);
		uint8_t *work = data ? malloc(2 * n + 1) : NULL;

		if (!work) {
			fprintf(stderr, "replay: cannot read %s\n", argv[i]);
			free(data);
			return 2;
		}
		fprintf(stderr, "replay: %s\n", argv[i]);	/* the last one named is the culprit */
		replay_one(data, n);
		inputs++;
		for (size_t k = 0; prefixes && k < n; k++, inputs++)
			replay_one(data, k);
		for (long k = 0; k < mutations; k++, inputs++)
			replay_one(work, replay_mutate(data, n, work));
		free(work);
		free(data);
	}
	printf("replay: %ld inputs\n", inputs);
	return 0;
}
