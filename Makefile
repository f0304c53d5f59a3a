# Soleus — build, test and install. `make demo` and `make check` are the only
# set-up a fresh Debian machine needs: both run the deps step first.

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
BUILD   ?= build
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror
XML_CFLAGS := $(shell xml2-config --cflags 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS   := $(shell xml2-config --libs 2>/dev/null || echo -lxml2)
CPPFLAGS_ALL = $(XML_CFLAGS) -DSOL_DATADIR='"$(SHARE)"'
LIBS    := -lclips $(XML_LIBS) -lpcre2-8 -ljansson -lmicrohttpd -ljwt -lpthread -lm
SHARE   := $(PREFIX)/share/soleus

SRCS    := $(filter-out src/main.c,$(wildcard src/*.c))
OBJS    := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
BIN     := $(BUILD)/soleus
# The rules as a CLIPS binary image (bsave), rebuilt whenever a rule file
# changes; soleus loads it when its hash matches rules/*.clp, else the text.
IMAGE   := rules/soleus.img

# Packages a fresh Debian machine lacks; checked by header/tool presence.
DEB_PKGS := libclips-dev libxml2-dev libxml2-utils libpcre2-dev libjansson-dev lcov graphviz valgrind \
            libmicrohttpd-dev libjwt-dev curl openssl python3 python3-jsonschema man-db \
            clang libclang-rt-14-dev \
            chromium fonts-dejavu-core \
            jq parallel cppcheck clang-format

.PHONY: all deps demo check test asan ubsan leakcheck lint format format-check bench coverage docs clean install uninstall \
        fuzz fuzz-build fuzz-smoke

all: $(BIN) $(IMAGE)

deps:
	@sh tools/deps.sh $(DEB_PKGS)

# -MMD -MP: each object depends on the headers it includes (build/obj/*.d),
# so touching one header rebuilds only its users. An object without its .d
# (built before) is rebuilt once, through the empty rule of the .d.
$(BUILD)/obj/%.o: src/%.c $(BUILD)/obj/%.d
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/obj/%.d: ;
.PRECIOUS: $(BUILD)/obj/%.d
-include $(OBJS:.o=.d) $(BUILD)/obj/main.d

$(BUILD)/libsoleus.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(BUILD)/libsoleus.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libsoleus.a
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -Isrc -MMD -MP -o $@ $< $(BUILD)/libsoleus.a $(LDFLAGS) $(LIBS)

-include $(UNIT_BINS:=.d)

$(BUILD)/rule-image: tools/rule-image.c $(BUILD)/libsoleus.a
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -Isrc -o $@ $< $(BUILD)/libsoleus.a $(LDFLAGS) $(LIBS)

$(IMAGE): $(wildcard rules/*.clp) $(wildcard knowledge/*) $(BUILD)/rule-image
	./$(BUILD)/rule-image rules knowledge

demo: deps $(BIN)
	./$(BIN) assess examples/tc1-hayley-overstride.xml

test: $(BIN) $(IMAGE) $(UNIT_BINS) $(BUILD)/bench-bounds
	@SOLEUS=$(BIN) BUILD=$(BUILD) sh tests/run.sh

# The fuzz smoke run first, so the output ends with the test runner's
# "N passed, N failed" line (of the sanitizer run).
check: deps
	@$(MAKE) --no-print-directory fuzz-smoke
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory asan

# Sanitizer builds live in their own build directories.
asan:
	@SOLEUS_FREE_AT_EXIT=1 $(MAKE) --no-print-directory BUILD=build-asan CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' LDFLAGS='-fsanitize=address,undefined' test

ubsan:
	@$(MAKE) --no-print-directory BUILD=build-ubsan CFLAGS='-O1 -g -fsanitize=undefined -fno-sanitize-recover=all' LDFLAGS='-fsanitize=undefined' test

leakcheck: $(BIN) $(UNIT_BINS) $(BUILD)/bench-bounds
	@SOLEUS_FREE_AT_EXIT=1 SOLEUS_DIFF_STRIDE=30 SOLEUS=$(BIN) BUILD=$(BUILD) SOLEUS_WRAP='valgrind -q --error-exitcode=99 --suppressions=$(CURDIR)/tests/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite' sh tests/run.sh

# The knowledge base (soleus lint), then the C (cppcheck). System headers
# are not given to cppcheck (missingIncludeSystem): it checks our code, and
# reading libxml2/CLIPS headers only slows it; any other suppression is inline
# beside the line, with its reason, but readdirCalled: readdir_r is obsolete
# (POSIX.1-2024, glibc), and readdir on a stream one thread owns is safe.
CPPCHECK_FLAGS := --enable=warning,performance,portability --error-exitcode=1 --inline-suppr \
                  --std=c11 -D_POSIX_C_SOURCE=200809L -DSOL_DATADIR='"x"' -Isrc --library=posix \
                  --suppress=missingIncludeSystem --suppress=readdirCalled -q
lint: $(BIN)
	./$(BIN) lint
	cppcheck $(CPPCHECK_FLAGS) src/

# Rule coverage of the golden corpus as LCOV, rendered to HTML by genhtml.
coverage: deps $(BIN)
	./$(BIN) coverage --format lcov --output $(BUILD)/coverage.info tests/cases/*/ || true
	./$(BIN) coverage tests/cases/*/ > $(BUILD)/coverage.txt || true
	genhtml -q --branch-coverage --function-coverage -o $(BUILD)/coverage-html $(BUILD)/coverage.info
	@echo "coverage: $(BUILD)/coverage-html/index.html (text: $(BUILD)/coverage.txt)"

# Every example's reasoning as SVG under docs/examples/, and the generated
# knowledge-base listing.
docs: deps $(BIN)
	SOLEUS=$(BIN) sh tools/render-docs.sh
	SOLEUS=$(BIN) sh tools/gen-kb-doc.sh

# Style of .clang-format. format-check is a dry run that fails on any line
# clang-format would change (not part of make check).
FORMAT_FILES = src/*.c src/*.h tests/unit/*.c tests/unit/*.h
format:
	clang-format -i $(FORMAT_FILES)

format-check:
	clang-format --dry-run --Werror $(FORMAT_FILES)

clean:
	rm -rf build build-asan build-ubsan build-fuzz $(IMAGE) $(IMAGE).sum $(IMAGE).reads $(IMAGE).notes

# The binary finds its data beside itself (BINDIR/../share/soleus), so PREFIX
# given here is honoured whatever PREFIX the build had.
COMPLETIONS := $(PREFIX)/share/bash-completion/completions
install: $(BIN) $(IMAGE)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SHARE)/rules $(DESTDIR)$(SHARE)/knowledge \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(COMPLETIONS)
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/soleus
	install -m 644 rules/*.clp $(IMAGE) $(IMAGE).sum $(IMAGE).reads $(IMAGE).notes $(DESTDIR)$(SHARE)/rules/
	install -m 644 knowledge/* $(DESTDIR)$(SHARE)/knowledge/
	install -m 644 docs/soleus.1 $(DESTDIR)$(PREFIX)/share/man/man1/soleus.1
	./$(BIN) --bash-completion > $(DESTDIR)$(COMPLETIONS)/soleus

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/soleus $(DESTDIR)$(PREFIX)/share/man/man1/soleus.1
	rm -f $(DESTDIR)$(COMPLETIONS)/soleus
	rm -rf $(DESTDIR)$(SHARE)

$(BUILD)/bench: tools/bench.c $(BUILD)/libsoleus.a
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -Isrc -o $@ $< $(BUILD)/libsoleus.a $(LDFLAGS) $(LIBS)

# Every figure of issue 11 with its target, from one interleaved run; RSS
# and GNU parallel on 10^5 records by default, on 10^6 with BENCH_FULL=1
# (minutes more). Never fails on time. Then the worst accepted record
# against a normal one (issue 15), as a ratio of CPU times.
BENCH_FULL ?= 0
bench: $(BUILD)/bench $(BUILD)/bench-bounds $(BIN) $(IMAGE)
	nice ./$(BUILD)/bench --soleus $(BIN) $(if $(filter 1,$(BENCH_FULL)),--full)
	@mkdir -p $(BUILD)/bounds
	@sh tools/limit-record.sh worst 0 > $(BUILD)/bounds/worst-accepted.xml
	@sh tools/limit-record.sh note-bytes 3932160 > $(BUILD)/bounds/60-notes-of-64k.xml
	@sh tools/limit-record.sh attrs 80000 > $(BUILD)/bounds/80000-attributes.xml
	@sh tools/limit-record.sh elements 160000 > $(BUILD)/bounds/160000-elements.xml
	./$(BUILD)/bench-bounds 21 examples/tc3-dvt.xml $(BUILD)/bounds/*.xml

$(BUILD)/bench-bounds: tools/bench_bounds.c $(BUILD)/libsoleus.a
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -Isrc -o $@ $< $(BUILD)/libsoleus.a $(LDFLAGS) $(LIBS)

# libFuzzer harnesses (tests/fuzz/, clang with ASan+UBSan) in build-fuzz/.
# `make fuzz` runs each for FUZZ_SECONDS (FUZZ=record to pick one);
# `make fuzz-smoke` (part of `make check`) runs each for FUZZ_RUNS
# executions plus every kept crash reproducer, so the harnesses never rot.
FUZZ_HARNESSES := record notes whatif
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?= 300
FUZZ ?= $(FUZZ_HARNESSES)
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
              -fno-sanitize-recover=all

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(BUILD)/libsoleus.a
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -fsanitize=fuzzer $(CPPFLAGS_ALL) -Isrc -o $@ $< $(BUILD)/libsoleus.a $(LIBS)

fuzz-build: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang CFLAGS='$(FUZZ_FLAGS)' \
	    $(FUZZ_HARNESSES:%=build-fuzz/fuzz/fuzz_%)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh build-fuzz time $(FUZZ_SECONDS) $(FUZZ)

fuzz-smoke: fuzz-build
	@sh tests/fuzz/run.sh build-fuzz runs $(FUZZ_RUNS) $(FUZZ_HARNESSES)
