# Contracts: plain GNU make, explicit object lists.
#   make            build cgi-bin/contracts.fcgi and cgi-bin/contractsctl
#   make run        install what is missing, build, seed, serve on :8080
#   make test       install what is missing, build, run every test
#   make bench      release build, measure against nginx and the FastCGI floor
#   make fuzz       run each libFuzzer harness for FUZZTIME seconds
# SAN=1 builds with AddressSanitizer + UBSan into build-san/.

CC	 = gcc
CXX	 = g++
OPT	?= -O2
# The same warnings for every file: the app, the unit tests, the fuzz
# harnesses and the bench tools; C++ gets those that apply to it.
WARNXX	 = -Wall -Wextra -Wshadow -Wconversion -Werror
WARN	 = $(WARNXX) -Wstrict-prototypes
CFLAGS	 = -std=c17 $(OPT) -g $(WARN) -D_DEFAULT_SOURCE -Isrc -I$(BUILD) $(SANFLAGS)
CXXFLAGS = -std=c++17 $(OPT) -g $(WARNXX) -Isrc $(SANFLAGS)
LDLIBS	 = -lfcgi -lsqlite3 -lpq -lsodium -lctemplate_nothreads
BUILD	?= build
ifeq ($(SAN),1)
BUILD	 = build-san
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

UTIL_OBJS   = util/arena.o util/buf.o util/csv.o
PARSE_OBJS  = http/parse.o http/form.o
# The rules by concept (README "Where things are").
DOMAIN_OBJS = domain/clock.o domain/date.o domain/zone.o domain/money.o \
	      domain/contract.o domain/diary.o domain/billing.o domain/dispute.o \
	      domain/refund.o domain/escrow.o domain/feedback.o domain/checklist.o
# What pages, the scheduled step and contractsctl share, below the pages.
SERVICE_OBJS = service/notify.o service/escrow.o
# Pure code: no FastCGI, no SQLite, no ctemplate (libsodium for tokens).
# Unit tests link this.
CORE_OBJS   = $(UTIL_OBJS) $(PARSE_OBJS) $(DOMAIN_OBJS) auth/token.o auth/agent.o
APP_OBJS    = $(CORE_OBJS) db/db.o db/sqlite.o db/pg.o db/schema.o $(SERVICE_OBJS) auth/auth.o http/request.o \
	      http/response.o http/dispatch.o render/render.o \
	      pages/page-common.o pages/page-login.o pages/page-dashboard.o \
	      pages/page-contract.o \
	      pages/page-end.o pages/page-diary.o pages/page-billing.o \
	      pages/page-payments.o pages/page-notifications.o \
	      pages/page-checklist.o pages/page-feedback.o pages/page-user.o \
	      pages/page-help.o pages/page-settings.o pages/page-messages.o \
	      pages/page-metrics.o metrics/metrics.o
# The top: the accept loop and the route table.
FCGI_OBJS   = main.o routes.o
CLI_OBJS    = cli/contractsctl.o cli/seed.o cli/backup.o cli/checkpoint.o service/tick.o service/mail.o \
	      db/copy.o

core	:= $(addprefix $(BUILD)/,$(CORE_OBJS))
app	:= $(addprefix $(BUILD)/,$(APP_OBJS))

UNIT_SRCS  := $(wildcard tests/unit/test-*.c)
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS)) $(BUILD)/unit/test-render

all: cgi-bin/contracts.fcgi cgi-bin/contractsctl

cgi-bin/contracts.fcgi: $(BUILD)/contracts.fcgi
	install -D -m 755 $< $@
cgi-bin/contractsctl: $(BUILD)/contractsctl
	install -D -m 755 $< $@

$(BUILD)/contracts.fcgi: $(app) $(addprefix $(BUILD)/,$(FCGI_OBJS))
	$(CXX) $(SANFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/contractsctl: $(app) $(addprefix $(BUILD)/,$(CLI_OBJS))
	$(CXX) $(SANFLAGS) -o $@ $^ $(LDLIBS) -lcurl

$(BUILD)/%.o: src/%.c | $(BUILD)/db/binds.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<
# libpq's header is in its own directory.
$(BUILD)/db/pg.o $(BUILD)/db/copy.o: CFLAGS += -I/usr/include/postgresql
$(BUILD)/%.o: src/%.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -MMD -MP -c -o $@ $<

# The schema is kept as SQL, one file per version, and compiled in as
# strings: db_schema_v1 from schema.sql, db_schema_vN from schema-N.sql.
SCHEMAS = src/db/schema.sql src/db/schema-2.sql src/db/schema-3.sql \
	  src/db/schema-4.sql src/db/schema-5.sql src/db/schema-6.sql src/db/schema-7.sql \
	  src/db/schema-8.sql src/db/schema-9.sql src/db/schema-10.sql \
	  src/db/schema-11.sql
# PostgreSQL's own (src/db/pg/): db_pg_schema_v8 from pg/schema.sql (an
# empty database to version 8 at once), db_pg_schema_vN from
# pg/schema-N.sql.
PG_SCHEMAS = src/db/pg/schema.sql src/db/pg/schema-9.sql src/db/pg/schema-10.sql \
	  src/db/pg/schema-11.sql
SQL_TO_C = sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/'
$(BUILD)/db/schema.c: $(SCHEMAS) $(PG_SCHEMAS)
	@mkdir -p $(dir $@)
	{ v=1; for f in $(SCHEMAS); do echo "const char db_schema_v$$v[] ="; \
	  $(SQL_TO_C) $$f; echo ';'; v=$$((v + 1)); done; \
	  v=8; for f in $(PG_SCHEMAS); do echo "const char db_pg_schema_v$$v[] ="; \
	  $(SQL_TO_C) $$f; echo ';'; v=$$((v + 1)); done; } > $@
$(BUILD)/db/schema.o: $(BUILD)/db/schema.c
	$(CC) $(CFLAGS) -c -o $@ $<

# db_prep()'s arguments checked at compile time against each statement's
# signature (src/db/db.h): one macro per statement, made from the table.
$(BUILD)/db/binds.h: src/db/binds.awk $(wildcard src/db/stmts*.def)
	@mkdir -p $(dir $@)
	awk -f src/db/binds.awk $(filter %.def,$^) > $@.tmp && mv $@.tmp $@

$(BUILD)/unit/%: tests/unit/%.c tests/unit/unit.h $(core)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(core) -lcmocka -lsodium

# The app's dictionary against ctemplate's own, at run time; the real
# templates are read from this tree (TOP).
$(BUILD)/unit/test-render: tests/unit/test-render.cc $(core) $(BUILD)/render/render.o
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -DTOP='"$(CURDIR)"' -o $@ $< $(BUILD)/render/render.o $(core) \
	    -lcmocka -lsodium -lctemplate_nothreads

# The database layer's guards, on a real SQLite file.
DB_OBJS = $(addprefix $(BUILD)/db/,db.o sqlite.o pg.o schema.o)
$(BUILD)/unit/test-db: tests/unit/test-db.c $(core) $(DB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(DB_OBJS) $(core) -lcmocka -lsodium -lsqlite3 -lpq

# Also the layers of src/: no #include climbs (tests/layers.sh).
unit: $(UNIT_BINS) db-bad-args
	@fail=0; sh tests/layers.sh || fail=1; \
	    for t in $(UNIT_BINS); do $$t || fail=1; done; exit $$fail

# db_prep()'s compile-time check bites: each wrong call fails to compile,
# the right ones compile.
db-bad-args: $(BUILD)/db/binds.h
	@$(CC) $(CFLAGS) -DBAD_CASE=0 -fsyntax-only tests/unit/db-bad-args.c
	@for n in 1 2 3 4 5; do \
	  if $(CC) $(CFLAGS) -DBAD_CASE=$$n -fsyntax-only tests/unit/db-bad-args.c 2>/dev/null; \
	  then echo "db-bad-args: case $$n compiles"; exit 1; fi; done; \
	  echo "db-bad-args: 5 wrong calls refused by the compiler"

# ---- running and testing ----

run:
	sh scripts/deps.sh run
	$(MAKE) all
	exec scripts/serve.sh

# The operational tests start whole stacks again and again or
# put them under load: run alone, after the rest, so that their load does
# not skew the timing of others (sign-in rate limits) nor theirs.
OPS	 = tests/e2e/stop.test.mjs tests/e2e/reload.test.mjs tests/e2e/backup.test.mjs
E2E	 = $(filter-out $(OPS),$(wildcard tests/e2e/*.test.mjs))

test:
	sh scripts/deps.sh test
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) fuzz-replay
	$(MAKE) e2e
	$(MAKE) ops
	$(MAKE) browser
	$(MAKE) e2e-san

e2e: all
	node --test --test-concurrency=2 $(E2E)

ops: all
	node --test --test-concurrency=1 $(OPS)

# Debian's Chromium through playwright-core: flows, the Nu HTML checker,
# axe, phone widths.
browser: all
	node --test --test-concurrency=1 tests/browser/*.test.mjs

# The whole end-to-end suite again, against workers built with ASan+UBSan;
# the harness fails a test whose server log holds a sanitizer report.
# The end-to-end suite again, each stack on a new database of one
# throwaway PostgreSQL server (tests/pg/server.mjs) instead of a SQLite file.
e2e-pg: all
	@rm -f $(BUILD)/pg.uri; node tests/pg/server.mjs $(BUILD)/pg.uri & pid=$$!; \
	    i=0; while [ ! -s $(BUILD)/pg.uri ] && kill -0 $$pid 2>/dev/null && [ $$i -lt 600 ]; do \
	    sleep 0.1; i=$$((i + 1)); done; \
	    CONTRACTS_TEST_PG=$$(cat $(BUILD)/pg.uri) node --test --test-concurrency=2 $(E2E); \
	    rc=$$?; kill $$pid; wait $$pid; exit $$rc

e2e-san:
	$(MAKE) SAN=1 build-san/contracts.fcgi
	FCGI=build-san/contracts.fcgi ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	    node --test --test-concurrency=2 $(E2E)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

clean:
	rm -rf build build-san build-rel cgi-bin/contracts.fcgi cgi-bin/contractsctl

.PHONY: all unit db-bad-args clean run test e2e ops e2e-san e2e-pg browser

# ---- install (README "Operating it") ----
# GNU directory variables; PREFIX sets prefix.  Configuration, the nginx
# site and logrotate go under /etc, where Debian's nginx and logrotate
# read them, whatever the prefix; units and sysusers.d under prefix/lib,
# which systemd reads for /usr and /usr/local alike.  DESTDIR stages it.

PREFIX		?= /usr/local
prefix		 = $(PREFIX)
exec_prefix	 = $(prefix)
bindir		 = $(exec_prefix)/bin
libexecdir	 = $(exec_prefix)/libexec
datadir		 = $(prefix)/share
docdir		 = $(datadir)/doc/contracts
sysconfdir	 = /etc
unitdir		 = $(prefix)/lib/systemd/system
sysusersdir	 = $(prefix)/lib/sysusers.d
INSTALL		 = install

# The paths the installed files name, filled in as they are copied.
subst = sed -e 's|@BINDIR@|$(bindir)|g' -e 's|@LIBEXECDIR@|$(libexecdir)|g' \
	    -e 's|@DATADIR@|$(datadir)|g' -e 's|@SYSCONFDIR@|$(sysconfdir)|g' \
	    -e 's|@DOCDIR@|$(docdir)|g' -e 's|@ROOT@|$(datadir)/contracts|g' \
	    -e 's|@SNIPPETS@|$(sysconfdir)/nginx/snippets|g' -e 's|@TLS_LISTEN@|443|g' \
	    -e 's|@CERT@|/etc/ssl/certs/contracts.pem|g' \
	    -e 's|@KEY@|/etc/ssl/private/contracts.key|g'
UNITS = contracts.socket contracts.service contracts-checkpoint.service contracts-tick.service \
	contracts-tick.timer

install: all
	$(INSTALL) -D -m 755 cgi-bin/contractsctl $(DESTDIR)$(bindir)/contractsctl
	$(INSTALL) -D -m 755 cgi-bin/contracts.fcgi $(DESTDIR)$(libexecdir)/contracts/contracts.fcgi
	$(INSTALL) -D -m 755 scripts/reload-workers.sh $(DESTDIR)$(libexecdir)/contracts/reload-workers
	$(INSTALL) -d $(DESTDIR)$(datadir)/contracts
	cp -R templates static $(DESTDIR)$(datadir)/contracts/
	chmod -R u=rwX,go=rX $(DESTDIR)$(datadir)/contracts
	$(INSTALL) -D -m 644 README.md $(DESTDIR)$(docdir)/README.md
	for u in $(UNITS); do $(INSTALL) -d $(DESTDIR)$(unitdir) && \
	    $(subst) dist/systemd/$$u > $(DESTDIR)$(unitdir)/$$u || exit 1; done
	$(INSTALL) -D -m 644 dist/sysusers.conf $(DESTDIR)$(sysusersdir)/contracts.conf
	$(INSTALL) -d $(DESTDIR)$(sysconfdir)/default $(DESTDIR)$(sysconfdir)/logrotate.d \
	    $(DESTDIR)$(sysconfdir)/nginx/sites-available $(DESTDIR)$(sysconfdir)/nginx/snippets
	test -e $(DESTDIR)$(sysconfdir)/default/contracts || \
	    $(INSTALL) -m 644 dist/default.conf $(DESTDIR)$(sysconfdir)/default/contracts
	$(INSTALL) -m 644 dist/logrotate.conf $(DESTDIR)$(sysconfdir)/logrotate.d/contracts
	$(subst) dist/nginx/contracts > $(DESTDIR)$(sysconfdir)/nginx/sites-available/contracts
	$(subst) dist/nginx/contracts-tls > $(DESTDIR)$(sysconfdir)/nginx/sites-available/contracts-tls
	$(INSTALL) -m 644 dist/nginx/contracts-headers.conf dist/nginx/contracts-locations.conf \
	    $(DESTDIR)$(sysconfdir)/nginx/snippets/

uninstall:
	rm -f $(DESTDIR)$(bindir)/contractsctl $(DESTDIR)$(sysusersdir)/contracts.conf \
	    $(addprefix $(DESTDIR)$(unitdir)/,$(UNITS)) \
	    $(DESTDIR)$(sysconfdir)/logrotate.d/contracts \
	    $(DESTDIR)$(sysconfdir)/nginx/sites-available/contracts \
	    $(DESTDIR)$(sysconfdir)/nginx/sites-available/contracts-tls \
	    $(DESTDIR)$(sysconfdir)/nginx/snippets/contracts-headers.conf \
	    $(DESTDIR)$(sysconfdir)/nginx/snippets/contracts-locations.conf
	rm -rf $(DESTDIR)$(libexecdir)/contracts $(DESTDIR)$(datadir)/contracts $(DESTDIR)$(docdir)

.PHONY: install uninstall

# ---- benchmark (not part of make test) ----
# make bench: release build in build-rel/, the FastCGI floor, then
# tests/bench/bench.mjs: the small-database run of every target and the
# large-database dashboard ratio (about 4 minutes; the large database is
# kept in build-rel/bench/ between runs).  BENCH_ARGS passes options, e.g.
# BENCH_ARGS='--rounds 1 --duration 2 --no-large'.  BENCHMARKS.md holds
# the latest results.

REL_OPT	= -O2 -DNDEBUG

bench:
	sh scripts/deps.sh bench
	$(MAKE) BUILD=build-rel OPT='$(REL_OPT)' build-rel/contracts.fcgi build-rel/contractsctl
	$(MAKE) build-rel/floor build-rel/openloop
	node tests/bench/bench.mjs $(BENCH_ARGS)

build-rel/openloop: tests/bench/openloop.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O2 -D_GNU_SOURCE $(WARN) -o $@ $<

build-rel/floor: tests/bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O2 $(WARN) -o $@ $< -lfcgi

.PHONY: bench
include tests/fuzz/fuzz.mk

# ---- soak (not part of make test) ----
# make soak: the real stack (nginx + spawn-fcgi + multiwatch, one worker
# per core) under 60 s of wrk with tests/soak/soak.lua (dashboard,
# contract pages, diary writes); prints errors and each worker's VmRSS at
# start, every 10 s and at the end; fails on any error or growth.
# SOAK_ARGS passes options, e.g. SOAK_ARGS='--duration 10 --connections 32'.

soak:
	sh scripts/deps.sh bench
	$(MAKE) all
	node tests/soak/soak.mjs $(SOAK_ARGS)

.PHONY: soak

# ---- PostgreSQL (issue 17, in progress; not part of make test yet) ----
# The PostgreSQL schema and its migrations against SQLite's, step by step;
# and that every statement prepares on PostgreSQL (src/db/pg/stmts-pg.def's
# text where it has one), which fails when one does not.  Each starts its
# own throwaway PostgreSQL (tests/pg/pg.mjs).

test-pg: all
	node --test tests/pg/schema.test.mjs
	node tests/pg/stmts.mjs

.PHONY: test-pg
