/*
 * contractsctl: the administration tool.  It creates what the
 * marketplace's hiring side would (users, agencies, contracts, diary
 * entries, payments, milestones) in the same database with the same code
 * as the app.  Prints the new row's id alone on stdout.  Bad arguments:
 * one line on stderr, exit 2, nothing written.  See DESIGN.md section 4.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "db/db.h"
#include "domain/clock.h"
#include "domain/date.h"
#include "domain/money.h"
#include "http/parse.h"
#include "metrics/metrics.h"
#include "service/mail.h"
#include "service/tick.h"

#define MAX_NAME	100
#define MAX_TITLE	200
#define MAX_MEMO	1000

void
usage_fail(const char *fmt, ...)
{
	va_list	 ap;

	fputs("contractsctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	db_rollback();
	exit(2);
}

void
db_fail(void)
{
	fputs("contractsctl: the database refused the change (see above)\n", stderr);
	db_rollback();
	exit(1);
}

/* Collect --name value pairs; allowed lists "name=" for a value, "name" for a flag. */
static void
opts_parse(int argc, char *argv[], const char *const *allowed, struct opts *o)
{
	const char *const	*a;
	const char		*name;
	size_t			 len;
	int			 i, j;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0)
			usage_fail("unexpected argument '%s'", argv[i]);
		name = argv[i] + 2;
		for (a = allowed; *a != NULL; a++) {
			len = strcspn(*a, "=");
			if (strlen(name) == len && strncmp(name, *a, len) == 0)
				break;
		}
		if (*a == NULL)
			usage_fail("unknown option --%s", name);
		for (j = 0; j < o->n; j++)
			if (strcmp(o->name[j], name) == 0)
				usage_fail("--%s given twice", name);
		if (o->n == CLI_MAX_OPTS)
			usage_fail("too many options");
		o->name[o->n] = name;
		if ((*a)[len] == '=') {
			if (i + 1 >= argc)
				usage_fail("--%s needs a value", name);
			o->val[o->n] = argv[++i];
		}
		o->n++;
	}
}

static const char *
opt(const struct opts *o, const char *name)
{
	int	 i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->name[i], name) == 0)
			return o->val[i] != NULL ? o->val[i] : "";
	return NULL;
}

static const char *
need(const struct opts *o, const char *name)
{
	const char	*v = opt(o, name);

	if (v == NULL)
		usage_fail("--%s is required", name);
	return v;
}

static const char *
text(const char *name, const char *v, size_t min, size_t max)
{
	size_t	 n = strlen(v);

	if (n < min || n > max)
		usage_fail("--%s must be %zu to %zu bytes", name, min, max);
	if (!text_valid(v, n, false))
		usage_fail("--%s must be UTF-8 text without control characters", name);
	return v;
}

static const char *
email(const char *name, const char *v)
{
	const char	*at = strchr(v, '@');

	text(name, v, 3, 254);
	if (at == NULL || at == v || at[1] == '\0' || strchr(at + 1, '@') != NULL ||
	    strpbrk(v, " \t<>\"") != NULL)
		usage_fail("--%s '%s' is not an email address", name, v);
	return v;
}

static int64_t
dollars(const char *name, const char *v)
{
	enum money_err	 e;
	int64_t		 c;

	if ((e = money_parse(v, &c)) != MONEY_OK)
		usage_fail("--%s '%s': %s", name, v, money_errors[e]);
	if (c <= 0)
		usage_fail("--%s must be more than 0.00", name);
	return c;
}

static int64_t
when(const char *name, const char *v)
{
	int64_t	 t;

	if (date_parse_when(v, &t) == -1)
		usage_fail("--%s '%s' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", name, v);
	return t;
}

static int64_t
number(const char *name, const char *v, int64_t lo, int64_t hi)
{
	int64_t	 n;

	if (parse_int(v, lo, hi, &n) == -1)
		usage_fail("--%s must be a whole number from %lld to %lld", name,
		    (long long)lo, (long long)hi);
	return n;
}

static int64_t
row_id(const char *name, const char *v)
{
	int64_t	 id;

	if (parse_id(v, &id) == -1)
		usage_fail("--%s '%s' is not an id", name, v);
	return id;
}

static int64_t
user_by_email(const char *name, const char *v)
{
	struct db_stmt	*st = db_prep(STMT_USER_ID_BY_EMAIL, email(name, v));
	int64_t		 id;

	switch (db_row(st)) {
	case 1:
		id = db_int(st, 0);
		db_done(st);
		return id;
	case 0:
		usage_fail("--%s: no user has the email '%s'", name, v);
	default:
		db_fail();
	}
}

/* The contract's kind ("hourly" / "fixed"); exits 2 when there is none. */
static const char *
contract_kind(int64_t id)
{
	static char	 kind[8];
	struct db_stmt	*st = db_prep(STMT_CONTRACT_EXISTS, id);

	switch (db_row(st)) {
	case 1:
		snprintf(kind, sizeof(kind), "%s", db_text(st, 0));
		db_done(st);
		return kind;
	case 0:
		usage_fail("--contract: there is no contract %lld", (long long)id);
	default:
		db_fail();
	}
}

static void
finish(int64_t id)
{
	if (db_commit() == -1)
		db_fail();
	printf("%lld\n", (long long)id);
}

int64_t
cli_user_add(const char *em, const char *name, const char *pw, int64_t now)
{
	char		 hash[AUTH_PWHASH_LEN];
	struct db_stmt	*st;

	st = db_prep(STMT_USER_ID_BY_EMAIL, em);
	if (db_row(st) != 0)
		usage_fail("--email: a user with '%s' exists already", em);
	if (auth_hash_password(pw, hash) == -1)
		usage_fail("out of memory hashing the password");
	if (db_exec(db_prep(STMT_USER_ADD, em, name, hash, now)) == -1)
		db_fail();
	return db_last_id();
}

int64_t
cli_contract_add(const char *title, int64_t client, int64_t freelancer, int64_t agency,
    bool hourly, int64_t rate, int64_t limit, int64_t started)
{
	if (db_exec(db_prep(STMT_CONTRACT_ADD, title, client, freelancer,
	    agency, hourly ? "hourly" : "fixed", rate, limit, started)) == -1)
		db_fail();
	return db_last_id();
}

static void
cmd_user_add(int argc, char *argv[], int64_t now)
{
	static const char *const allowed[] = { "email=", "name=", "password=", NULL };
	struct opts	 o;
	const char	*em, *name, *pw;

	opts_parse(argc, argv, allowed, &o);
	em = email("email", need(&o, "email"));
	name = text("name", need(&o, "name"), 1, MAX_NAME);
	pw = need(&o, "password");
	if (strlen(pw) < AUTH_MIN_PASSWORD || strlen(pw) > 1024)
		usage_fail("--password must be 8 to 1024 bytes");
	finish(cli_user_add(em, name, pw, now));
}

static void
cmd_agency_add(int argc, char *argv[], int64_t now)
{
	static const char *const allowed[] = { "name=", "owner=", NULL };
	struct opts	 o;
	const char	*name;
	int64_t		 owner, id;

	opts_parse(argc, argv, allowed, &o);
	name = text("name", need(&o, "name"), 1, MAX_NAME);
	owner = user_by_email("owner", need(&o, "owner"));
	if (db_exec(db_prep(STMT_AGENCY_ADD, name, owner, now)) == -1)
		db_fail();
	id = db_last_id();
	if (db_exec(db_prep(STMT_AGENCY_MEMBER_ADD, id, owner, "owner")) == -1)
		db_fail();
	finish(id);
}

static void
cmd_agency_member(int argc, char *argv[])
{
	static const char *const allowed[] = { "agency=", "email=", "role=", NULL };
	struct opts	 o;
	const char	*role;
	struct db_stmt	*st;
	int64_t		 agency, user;

	opts_parse(argc, argv, allowed, &o);
	agency = row_id("agency", need(&o, "agency"));
	role = opt(&o, "role") != NULL ? opt(&o, "role") : "member";
	if (strcmp(role, "admin") != 0 && strcmp(role, "member") != 0)
		usage_fail("--role must be admin or member");
	st = db_prep(STMT_AGENCY_EXISTS, agency);
	if (db_row(st) != 1)
		usage_fail("--agency: there is no agency %lld", (long long)agency);
	db_done(st);
	user = user_by_email("email", need(&o, "email"));
	st = db_prep(STMT_AGENCY_MEMBER_ROLE, agency, user);
	if (db_row(st) == 1) {
		if (strcmp(db_text(st, 0), "owner") == 0)
			usage_fail("--email: that user owns the agency already");
		db_done(st);
	}
	if (db_exec(db_prep(STMT_AGENCY_MEMBER_ADD, agency, user, role)) == -1)
		db_fail();
	finish(user);
}

static void
cmd_contract_add(int argc, char *argv[], int64_t now)
{
	static const char *const allowed[] = { "title=", "client=", "freelancer=",
	    "agency=", "hourly=", "weekly-limit=", "fixed=", "started=", NULL };
	struct opts	 o;
	const char	*title, *v;
	struct db_stmt	*st;
	int64_t		 client, freelancer, agency = 0, rate, limit = 0, started = now;
	bool		 hourly;

	opts_parse(argc, argv, allowed, &o);
	title = text("title", need(&o, "title"), 1, MAX_TITLE);
	if ((opt(&o, "hourly") == NULL) == (opt(&o, "fixed") == NULL))
		usage_fail("give exactly one of --hourly RATE or --fixed PRICE");
	hourly = opt(&o, "hourly") != NULL;
	rate = dollars(hourly ? "hourly" : "fixed", opt(&o, hourly ? "hourly" : "fixed"));
	if ((v = opt(&o, "weekly-limit")) != NULL) {
		if (!hourly)
			usage_fail("--weekly-limit applies to hourly contracts only");
		limit = number("weekly-limit", v, 1, 168);
	}
	if ((v = opt(&o, "started")) != NULL)
		started = when("started", v);
	client = user_by_email("client", need(&o, "client"));
	freelancer = user_by_email("freelancer", need(&o, "freelancer"));
	if (client == freelancer)
		usage_fail("--client and --freelancer must be different users");
	if ((v = opt(&o, "agency")) != NULL) {
		agency = row_id("agency", v);
		st = db_prep(STMT_AGENCY_MEMBER_ROLE, agency, freelancer);
		if (db_row(st) != 1)
			usage_fail("--agency: the freelancer is not a member of agency %lld",
			    (long long)agency);
		db_done(st);
	}
	finish(cli_contract_add(title, client, freelancer, agency, hourly, rate, limit,
	    started));
}

static void
cmd_diary_add(int argc, char *argv[], int64_t now)
{
	static const char *const allowed[] = { "contract=", "date=", "minutes=", "memo=", NULL };
	struct opts	 o;
	const char	*memo;
	int64_t		 contract, day, minutes;

	opts_parse(argc, argv, allowed, &o);
	contract = row_id("contract", need(&o, "contract"));
	if (date_parse_day(need(&o, "date"), &day) == -1)
		usage_fail("--date '%s' is not a day YYYY-MM-DD", opt(&o, "date"));
	minutes = number("minutes", need(&o, "minutes"), 1, 1440);
	memo = opt(&o, "memo") != NULL ? text("memo", opt(&o, "memo"), 0, MAX_MEMO) : "";
	if (strcmp(contract_kind(contract), "hourly") != 0)
		usage_fail("--contract %lld is fixed price: it has no Work Diary",
		    (long long)contract);
	if (db_exec(db_prep(STMT_DIARY_ADD, contract, day, week_start(day), minutes, memo,
	    now)) == -1)
		db_fail();
	finish(db_last_id());
}

static void
cmd_payment_add(int argc, char *argv[])
{
	static const char *const allowed[] = { "contract=", "amount=", "paid-at=", NULL };
	struct opts	 o;
	int64_t		 contract, amount, paid;

	opts_parse(argc, argv, allowed, &o);
	contract = row_id("contract", need(&o, "contract"));
	amount = dollars("amount", need(&o, "amount"));
	paid = when("paid-at", need(&o, "paid-at"));
	(void)contract_kind(contract);
	if (db_exec(db_prep(STMT_PAYMENT_ADD, contract, amount, paid, "")) == -1)
		db_fail();
	finish(db_last_id());
}

static void
cmd_milestone_add(int argc, char *argv[], int64_t now)
{
	static const char *const allowed[] = { "contract=", "amount=", "funded", NULL };
	struct opts	 o;
	int64_t		 contract, amount;

	opts_parse(argc, argv, allowed, &o);
	contract = row_id("contract", need(&o, "contract"));
	amount = dollars("amount", need(&o, "amount"));
	if (strcmp(contract_kind(contract), "fixed") != 0)
		usage_fail("--contract %lld is hourly: milestones are for fixed price",
		    (long long)contract);
	if (db_exec(db_prep(STMT_ESCROW_MILESTONE_ADD, contract, amount,
	    (int64_t)(opt(&o, "funded") != NULL), now)) == -1)
		db_fail();
	finish(db_last_id());
}

/*
 * tick: everything due at now, once (service/tick.c), then the mail that
 * is due (service/mail.c) when SMTP_URL is set.  Prints one line of what
 * it did.  Exit 1 after a database error: what was done stays done, and
 * the next run goes on from there.
 */
static int
cmd_tick(int argc, int64_t now)
{
	struct tick_report	 t;
	struct mail_report	 m = { 0, 0 };
	struct db_stmt		*st;
	int64_t			 t0, ms;
	int			 rc = 0;

	if (argc != 0)
		usage_fail("tick takes no options");
	t0 = clock_mono_us();
	if (tick_run(now, &t) == -1) {
		fprintf(stderr, "contractsctl: tick: a database error (see above)\n");
		rc = 1;
	}
	if (mail_deliver(getenv("SMTP_URL"), (int64_t)time(NULL), &m) == -1) {
		fprintf(stderr, "contractsctl: tick: the outbox could not be read or "
		    "updated (see above)\n");
		rc = 1;
	}
	ms = (clock_mono_us() - t0) / 1000;
	if (db_begin_write() == -1 ||
	    db_exec(db_prep(STMT_TICK_STATS_ADD, (int64_t)rc, ms,
	    (int64_t)time(NULL), (int64_t)m.sent, (int64_t)m.failed)) == -1 ||
	    db_commit() == -1) {
		db_rollback();
		rc = 1;
	}
	/* /metrics: the run, and what it left in the outbox. */
	(void)metrics_open(getenv("CONTRACTS_METRICS"));
	metrics_tick((double)ms / 1000, rc != 0);
	st = db_prep(STMT_OUTBOX_BACKLOG);
	if (db_row(st) == 1) {
		metrics_outbox((uint64_t)db_int(st, 0), (uint64_t)m.failed);
		db_done(st);
	}
	printf("tick: escrow %d, disputes %d, reminders %d, reveals %d, invoices %d, "
	    "funds %d, mail sent %d, mail failed %d, %lld ms\n", t.escrow, t.disputes,
	    t.reminders, t.reveals, t.invoices, t.funds, m.sent, m.failed, (long long)ms);
	return rc;
}

/* outbox: the mail not yet delivered, one line each. */
static int
cmd_outbox(int argc)
{
	struct db_stmt	*st;
	char		 when[40];
	int		 rc;

	if (argc != 0)
		usage_fail("outbox takes no options");
	st = db_prep(STMT_OUTBOX_PENDING);
	while ((rc = db_row(st)) == 1) {
		date_format_time(db_int(st, 4), when);
		printf("%lld\t%s\t%s\ttries %lld\tnext %s\t%s\n", (long long)db_int(st, 0),
		    db_text(st, 1), db_text(st, 2), (long long)db_int(st, 3), when,
		    db_text(st, 5));
	}
	return rc == -1 ? 1 : 0;
}

static void __attribute__((noreturn))
usage(void)
{
	fputs("contractsctl: usage: contractsctl [--db PATH] user add | agency add | "
	    "agency member | contract add | diary add | payment add | milestone add | "
	    "seed-demo [--if-empty] | tick | outbox | backup --to FILE | check | "
	    "checkpoint [--every MS] | copy-to URI "
	    "(options as in DESIGN.md "
	    "section 4)\n", stderr);
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char	*path = getenv("DB");
	const char	*noun, *verb = "";
	struct db_stmt	*st;
	int64_t		 now;
	int		 i = 1;

	if (argc > 2 && strcmp(argv[1], "--db") == 0) {
		path = argv[2];
		i = 3;
	}
	if (path == NULL || *path == '\0')
		path = "var/contracts.db";
	if (i >= argc)
		usage();
	noun = argv[i++];
	if (strcmp(noun, "backup") == 0)	/* no migration, no statements: a copy */
		return cli_backup(argc - i, argv + i, path);
	if (strcmp(noun, "seed-demo") != 0 && strcmp(noun, "check") != 0 &&
	    strcmp(noun, "tick") != 0 && strcmp(noun, "outbox") != 0 &&
	    strcmp(noun, "checkpoint") != 0) {
		if (i >= argc)
			usage();
		verb = argv[i++];
	}
	if (clock_init() == -1)
		usage_fail("CONTRACTS_NOW is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
	now = clock_now();
	if (auth_init() == -1 || db_open(path) == -1) {
		fprintf(stderr, "contractsctl: cannot open %s\n", path);
		return 1;
	}
	argc -= i;
	argv += i;
	if (strcmp(noun, "copy-to") == 0) {	/* the source migrated, then copied */
		db_close();
		if (argc != 0 || db_is_pg(path))
			usage_fail("copy-to takes a postgresql:// URI, from a SQLite --db");
		return db_copy_to(path, verb, stdout) == -1 ? 1 : 0;
	}
	if (strcmp(noun, "check") == 0)		/* reads only */
		return cli_check(argc, argv);
	if (strcmp(noun, "checkpoint") == 0) {
		i = cli_checkpoint(argc, argv);
		db_close();
		return i;
	}
	/* The scheduled step and the outbox run their own transactions. */
	if (strcmp(noun, "tick") == 0 || strcmp(noun, "outbox") == 0) {
		i = strcmp(noun, "tick") == 0 ? cmd_tick(argc, now) : cmd_outbox(argc);
		db_close();
		return i;
	}
	if (db_begin_write() == -1)
		db_fail();
	if (strcmp(noun, "seed-demo") == 0) {
		/* --if-empty: only into a database without users (a new
		 * PostgreSQL database, where there is no file to look at). */
		if (argc > 1 || (argc == 1 && strcmp(argv[0], "--if-empty") != 0))
			usage_fail("seed-demo takes no options but --if-empty");
		if (argc == 1 && (st = db_prep(STMT_CHECK_HEALTH), db_row(st)) == 1 &&
		    db_int(st, 0) > 0) {
			db_done(st);
			db_rollback();
			return 0;
		}
		if (seed_demo(now) == -1)
			db_fail();
		if (db_commit() == -1)
			db_fail();
	} else if (strcmp(noun, "user") == 0 && strcmp(verb, "add") == 0)
		cmd_user_add(argc, argv, now);
	else if (strcmp(noun, "agency") == 0 && strcmp(verb, "add") == 0)
		cmd_agency_add(argc, argv, now);
	else if (strcmp(noun, "agency") == 0 && strcmp(verb, "member") == 0)
		cmd_agency_member(argc, argv);
	else if (strcmp(noun, "contract") == 0 && strcmp(verb, "add") == 0)
		cmd_contract_add(argc, argv, now);
	else if (strcmp(noun, "diary") == 0 && strcmp(verb, "add") == 0)
		cmd_diary_add(argc, argv, now);
	else if (strcmp(noun, "payment") == 0 && strcmp(verb, "add") == 0)
		cmd_payment_add(argc, argv);
	else if (strcmp(noun, "milestone") == 0 && strcmp(verb, "add") == 0)
		cmd_milestone_add(argc, argv, now);
	else {
		db_rollback();
		usage();
	}
	db_close();
	return 0;
}
