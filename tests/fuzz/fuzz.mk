# fuzz.mk: libFuzzer harnesses, one per parser (included by the top
# Makefile; every variable here starts with FUZZ_).
#
#   make fuzz-build    build each harness into build-fuzz/
#   make fuzz          run each for FUZZTIME seconds (default 60) on a
#                      scratch copy of its seed corpus; print executions
#   make fuzz-replay   run each over its committed corpus and crash
#                      inputs once; fails if any input crashes
#
# A crash found by `make fuzz` is left in build-fuzz/<harness>-crash-*.
# Once fixed, copy it to tests/fuzz/crashes/<harness>/ so fuzz-replay
# keeps it fixed.

FUZZTIME	?= 60
FUZZ_CC		?= clang
FUZZ_DIR	 = build-fuzz
FUZZ_CFLAGS	 = -std=c17 -g -O1 -D_DEFAULT_SOURCE -Isrc \
		   $(WARN) \
		   -fsanitize=fuzzer,address,undefined \
		   -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SRCS	 = src/util/arena.c src/util/buf.c src/http/parse.c \
		   src/http/form.c \
		   src/domain/money.c src/domain/date.c src/domain/zone.c
FUZZ_HDRS	 = src/util/arena.h src/util/buf.h src/http/parse.h \
		   src/http/form.h \
		   src/domain/money.h src/domain/date.h
FUZZ_NAMES	 = fuzz-urlencoded fuzz-cookies fuzz-route fuzz-ids \
		   fuzz-money fuzz-dates fuzz-form
FUZZ_BINS	 = $(addprefix $(FUZZ_DIR)/,$(FUZZ_NAMES))
# Per input: a slow one is a bug too.
FUZZ_OPTS	 = -timeout=10 -print_final_stats=0

fuzz-build: $(FUZZ_BINS)

$(FUZZ_BINS): $(FUZZ_DIR)/%: tests/fuzz/%.c $(FUZZ_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(FUZZ_DIR)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_SRCS)

# libFuzzer ends a timed run with "Done N runs in S second(s)".
fuzz: fuzz-build
	@fail=0; \
	for h in $(FUZZ_NAMES); do \
		c=$(FUZZ_DIR)/corpus-$$h; log=$(FUZZ_DIR)/$$h.log; \
		rm -rf $$c; mkdir -p $$c; \
		cp tests/fuzz/corpus/$$h/* $$c/ 2>/dev/null; \
		if ./$(FUZZ_DIR)/$$h $(FUZZ_OPTS) \
		    -max_total_time=$(FUZZTIME) \
		    -artifact_prefix=$(FUZZ_DIR)/$$h- $$c >$$log 2>&1; then \
			runs=$$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' $$log); \
			printf '%-16s %12s executions in %ss\n' \
			    $$h "$${runs:-?}" $(FUZZTIME); \
		else \
			tail -n 40 $$log; \
			printf '%-16s FAILED: see %s and %s-crash-*\n' \
			    $$h $$log $(FUZZ_DIR)/$$h; \
			fail=1; \
		fi; \
	done; \
	exit $$fail

# Each committed input once, as a file argument (-runs=0 style: no
# mutation).  .keep files are not inputs.
fuzz-replay: fuzz-build
	@fail=0; \
	for h in $(FUZZ_NAMES); do \
		files=$$(find tests/fuzz/corpus/$$h tests/fuzz/crashes/$$h \
		    -type f ! -name .keep 2>/dev/null | sort); \
		n=$$(printf '%s\n' $$files | grep -c .); \
		if [ $$n -eq 0 ]; then \
			printf '%-16s no inputs\n' $$h; continue; \
		fi; \
		log=$(FUZZ_DIR)/$$h-replay.log; \
		if ./$(FUZZ_DIR)/$$h $(FUZZ_OPTS) -runs=0 $$files \
		    >$$log 2>&1; then \
			printf '%-16s %4d inputs ok\n' $$h $$n; \
		else \
			tail -n 40 $$log; \
			printf '%-16s FAILED: see %s\n' $$h $$log; \
			fail=1; \
		fi; \
	done; \
	exit $$fail

.PHONY: fuzz-build fuzz fuzz-replay
