# ftui — the ftrace terminal UI.
#
#   make              build build/ftui
#   make test         build, then run every test (tests/run.sh)
#   make SAN=1 test   the same with AddressSanitizer + UBSan, in build-san/
#   make deps         install missing Debian packages (as root)
#   make run          install what is missing, build, open the sample trace
#   make check        install what is missing, build, run all tests, and again
#                     under ASan+UBSan (what .ci/run does)
#   make fuzz         build the libFuzzer targets: trace.dat reader, filter/hist parsers (clang),
#                     then random key scripts under ASan+UBSan (KEYFUZZ_SEED=, KEYFUZZ_COUNT=;
#                     make keyfuzz runs only those)
#   make install      PREFIX=/usr/local DESTDIR= honoured

VERSION  := 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
PKGS     := ncursesw libtraceevent libtracefs libzstd zlib

ifeq ($(SAN),)
BUILD    ?= build
OPT      ?= -O2
else
BUILD    ?= build-san
OPT      ?= -O1 -fno-omit-frame-pointer
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined
endif

# Say which Debian package is missing instead of failing inside the compiler.
PKG_OK := $(shell pkg-config --exists $(PKGS) && echo yes)
ifneq ($(PKG_OK),yes)
ifeq ($(filter deps clean check run,$(MAKECMDGOALS)),)
$(error missing build dependencies: run 'make deps' as root, or apt-get install $(shell scripts/deps.sh --missing))
endif
endif

CFLAGS   ?= $(OPT) -g
CFLAGS   += -std=gnu11 -Wall -Wextra -Wno-unused-parameter -pthread $(SANFLAGS)
CPPFLAGS += -Isrc -DFTUI_VERSION='"$(VERSION)"' -D_GNU_SOURCE \
            -DFTUI_THEME_DIR='"$(PREFIX)/share/ftui/themes"' \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDFLAGS  += -pthread $(SANFLAGS)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

SRCS     := $(wildcard src/capture/*.c src/model/*.c src/render/*.c src/ui/*.c)
LIBSRCS  := $(filter-out src/ui/main.c,$(SRCS))
OBJS     := $(SRCS:%.c=$(BUILD)/%.o)
LIBOBJS  := $(LIBSRCS:%.c=$(BUILD)/%.o)
TESTSRCS := $(wildcard tests/unit/*.c)
TESTBINS := $(TESTSRCS:tests/unit/%.c=$(BUILD)/tests/%)
# The libFuzzer targets with a plain main() (tests/fuzz/replay.c), built by
# the ordinary compiler: tests/fuzz/replay.sh runs them in make test.
FUZZSRCS := $(wildcard tests/fuzz/fuzz_*.c)
REPLAYBINS := $(FUZZSRCS:tests/fuzz/fuzz_%.c=$(BUILD)/fuzz/replay_%)

SAMPLE   := tests/fixtures/sched_v7_zstd.dat
# make fuzz: random key scripts through the headless browser under
# ASan+UBSan, on every fixture; a failure prints the seed and the script.
KEYFUZZ_SEED  ?= $(shell date +%s)
KEYFUZZ_COUNT ?= 3000

.PHONY: all test deps install clean fuzz keyfuzz bench check run
all: $(BUILD)/ftui $(TESTBINS) $(REPLAYBINS)

$(BUILD)/ftui: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libftui.a: $(LIBOBJS)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h tests/unit/trace.h $(BUILD)/libftui.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libftui.a $(LDLIBS)

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(BUILD)/libftui.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(BUILD)/libftui.a $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

test: all
	FTUI_BUILD=$(BUILD) tests/run.sh

deps:
	scripts/deps.sh

run:
	scripts/deps.sh
	$(MAKE) all
	$(BUILD)/ftui $(SAMPLE)

check:
	scripts/deps.sh --test
	$(MAKE) all
	$(MAKE) test
	$(MAKE) SAN=1 test

fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" build-fuzz/libftui.a
	clang -Isrc $(shell pkg-config --cflags $(PKGS)) -g -fsanitize=fuzzer,address,undefined \
		-o build-fuzz/fuzz_tracedat tests/fuzz/fuzz_tracedat.c build-fuzz/libftui.a $(LDLIBS) -lm
	clang -Isrc $(shell pkg-config --cflags $(PKGS)) -g -fsanitize=fuzzer,address,undefined \
		-o build-fuzz/fuzz_filter tests/fuzz/fuzz_filter.c build-fuzz/libftui.a $(LDLIBS) -lm
	$(MAKE) keyfuzz

keyfuzz:
	$(MAKE) SAN=1 build-san/ftui
	tests/keyfuzz.py build-san --directed-all --seed $(KEYFUZZ_SEED) --count $(KEYFUZZ_COUNT) --fixtures $(notdir $(wildcard tests/fixtures/*.dat))

bench: all
	bench/run.sh

install: $(BUILD)/ftui
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/ftui/themes
	install -m 755 $(BUILD)/ftui $(DESTDIR)$(PREFIX)/bin/ftui
	install -m 644 man/ftui.1 $(DESTDIR)$(PREFIX)/share/man/man1/ftui.1
	for t in themes/*; do [ -f "$$t" ] && install -m 644 "$$t" $(DESTDIR)$(PREFIX)/share/ftui/themes/; done; true

clean:
	rm -rf build build-san build-fuzz

-include $(OBJS:.o=.d)
