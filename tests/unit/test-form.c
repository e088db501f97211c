/*
 * test-form: src/http/form.c, the declared forms.  Each kind at its
 * boundaries, a field missing, blank, repeated, too long, malformed;
 * the messages, declared and generic; and bodies with malformed
 * encodings, which never reach a form because parse_urlencoded()
 * refuses them first.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "util/arena.h"
#include "http/parse.h"
#include "http/form.h"
#include "domain/money.h"
#include "unit.h"

static struct arena	 A;

static int
teardown(void **state)
{
	(void)state;
	arena_reset(&A);
	return 0;
}

enum f {
	F_TEXT,		/* optional, one line, 5 characters */
	F_NOTE,		/* required, lines, 10 bytes */
	F_PASS,		/* required, verbatim */
	F_INT,		/* required, 1..1440 */
	F_ID,		/* optional */
	F_MONEY,	/* required, more than 0 */
	F_DAY,		/* required */
	F_CHOICE,	/* required */
	F_CHECK,	/* optional */
	F__MAX
};

static const char *const choices[] = { "accept", "decline", NULL };

static const struct form_field form[F__MAX] = {
	[F_TEXT] = { .name = "text", .kind = FORM_TEXT, .max = 5,
	    .label = "Text" },
	[F_NOTE] = { .name = "note", .kind = FORM_TEXT,
	    .flags = FORM_REQUIRED | FORM_LINES | FORM_BYTES, .max = 10,
	    .label = "Note" },
	[F_PASS] = { .name = "pass", .kind = FORM_TEXT,
	    .flags = FORM_REQUIRED | FORM_VERBATIM, .label = "Pass" },
	[F_INT] = { .name = "minutes", .kind = FORM_INT,
	    .flags = FORM_REQUIRED, .min = 1, .max = 1440, .label = "Minutes" },
	[F_ID] = { .name = "id", .kind = FORM_ID, .label = "Id", .phrase = {
		[FORM_INVALID] = "name one by its number.",
	    } },
	[F_MONEY] = { .name = "amount", .kind = FORM_MONEY,
	    .flags = FORM_REQUIRED, .min = 1, .max = MONEY_MAX,
	    .label = "Amount", .phrase = {
		[FORM_RANGE] = "enter more than 0.00.",
	    } },
	[F_DAY] = { .name = "date", .kind = FORM_DAY, .flags = FORM_REQUIRED,
	    .label = "Date" },
	[F_CHOICE] = { .name = "decision", .kind = FORM_CHOICE,
	    .flags = FORM_REQUIRED, .choices = choices, .label = "Decision",
	    .phrase = {
		[FORM_MISSING] = "choose accept or decline.",
		[FORM_INVALID] = "choose accept or decline.",
	    } },
	[F_CHECK] = { .name = "confirm", .kind = FORM_CHECK, .label = "Confirm" },
};

/* A body every field of form takes, with over (a "key=value" or "") in
 * place of the pair for its key, then extra appended. */
static const char *const good[F__MAX] = {
	"text=hello", "note=a%0D%0Ab", "pass=%20", "minutes=1440", "id=7",
	"amount=0.01", "date=2026-11-23", "decision=decline", "confirm=1",
};

static struct form_value	 V[F__MAX];

/* Decodes body and reads form from it: how many mistakes. */
static size_t
parse(const char *body)
{
	struct kvlist	 l;

	assert_int_equal(parse_urlencoded(&A, body, strlen(body), &l), PARSE_OK);
	return form_parse(&A, &l, form, F__MAX, V);
}

/* The good body with field k's pair replaced by pair (NULL: left out). */
static size_t
with(enum f k, const char *pair)
{
	const char	*body = "";
	size_t		 i;

	for (i = 0; i < F__MAX; i++) {
		const char *p = i == (size_t)k ? pair : good[i];
		if (p != NULL)
			body = arena_printf(&A, "%s%s%s", body, *body ? "&" : "", p);
	}
	return parse(body);
}

static void
test_all_good(void **state)
{
	(void)state;
	assert_int_equal(with(F__MAX, NULL), 0);
	assert_string_equal(V[F_TEXT].text, "hello");
	assert_true(V[F_TEXT].set);
	assert_int_equal(V[F_TEXT].len, 5);
	assert_string_equal(V[F_NOTE].text, "a\r\nb");
	assert_string_equal(V[F_PASS].text, " ");
	assert_int_equal(V[F_INT].num, 1440);
	assert_int_equal(V[F_ID].num, 7);
	assert_int_equal(V[F_MONEY].num, 1);
	assert_int_equal(V[F_DAY].num, T("2026-11-23"));
	assert_int_equal(V[F_CHOICE].num, 1);
	assert_string_equal(V[F_CHOICE].raw, "decline");
	assert_int_equal(V[F_CHECK].num, 1);
	for (size_t i = 0; i < F__MAX; i++) {
		assert_int_equal(V[i].err, FORM_OK);
		assert_null(V[i].msg);
	}
}

/* Each required field left out, and sent blank. */
static void
test_missing(void **state)
{
	static const struct {
		enum f		 k;
		const char	*blank;
		const char	*msg;
	} t[] = {
		{ F_NOTE, "note=+%0A%09", "Note: this field is required. Fill "
		    "it in and send the form again." },
		{ F_PASS, "pass=", "Pass: this field is required. Fill it in "
		    "and send the form again." },
		{ F_INT, "minutes=", "Minutes: this field is required. Fill it "
		    "in and send the form again." },
		{ F_MONEY, "amount=", "Amount: enter an amount, like 12.50." },
		{ F_DAY, "date=", "Date: this field is required. Fill it in "
		    "and send the form again." },
		{ F_CHOICE, "decision=", "Decision: choose accept or decline." },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(with(t[i].k, NULL), 1);
		assert_int_equal(V[t[i].k].err, FORM_MISSING);
		assert_null(V[t[i].k].raw);
		assert_string_equal(V[t[i].k].text, "");
		assert_false(V[t[i].k].set);
		assert_string_equal(V[t[i].k].msg, t[i].msg);
		assert_int_equal(with(t[i].k, t[i].blank), 1);
		assert_int_equal(V[t[i].k].err, FORM_MISSING);
		assert_non_null(V[t[i].k].raw);
		assert_string_equal(V[t[i].k].msg, t[i].msg);
	}
	/* Money says why in its own words, present or not. */
	assert_int_equal(with(F_MONEY, NULL), 1);
	assert_string_equal(V[F_MONEY].why, money_errors[MONEY_EMPTY]);
}

/* Optional fields: absent or "" is not set and no mistake, except a
 * check (and a choice), where "" is not a value offered. */
static void
test_optional(void **state)
{
	(void)state;
	assert_int_equal(with(F_TEXT, NULL), 0);
	assert_false(V[F_TEXT].set);
	assert_string_equal(V[F_TEXT].text, "");
	assert_int_equal(with(F_TEXT, "text=+++"), 0);	/* spaces are text */
	assert_string_equal(V[F_TEXT].text, "   ");
	assert_int_equal(with(F_ID, "id="), 0);
	assert_false(V[F_ID].set);
	assert_int_equal(V[F_ID].num, 0);
	assert_int_equal(with(F_CHECK, NULL), 0);
	assert_false(V[F_CHECK].set);
	assert_int_equal(V[F_CHECK].num, 0);
	assert_int_equal(with(F_CHECK, "confirm="), 1);
	assert_int_equal(V[F_CHECK].err, FORM_INVALID);
	assert_string_equal(V[F_CHECK].msg, "Confirm: choose one of the "
	    "values offered.");
	assert_int_equal(with(F_CHECK, "confirm=0"), 0);
	assert_true(V[F_CHECK].set);
	assert_int_equal(V[F_CHECK].num, 0);
	assert_int_equal(with(F_CHECK, "confirm=2"), 1);
	assert_int_equal(V[F_CHECK].num, 0);
}

static void
test_text_limits(void **state)
{
	(void)state;
	/* 5 characters of 2 bytes each: within 5 characters. */
	assert_int_equal(with(F_TEXT, "text=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9"), 0);
	assert_int_equal(V[F_TEXT].len, 5);
	assert_int_equal(with(F_TEXT, "text=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9x"), 1);
	assert_int_equal(V[F_TEXT].err, FORM_TOO_LONG);
	assert_int_equal(V[F_TEXT].len, 6);
	assert_string_equal(V[F_TEXT].msg, "Text: use at most 5 characters.");
	assert_string_equal(V[F_TEXT].raw, "éééééx");	/* kept to show back */
	/* A one-line text refuses line breaks and tabs; LINES takes them. */
	assert_int_equal(with(F_TEXT, "text=a%0Ab"), 1);
	assert_int_equal(V[F_TEXT].err, FORM_INVALID);
	assert_string_equal(V[F_TEXT].msg, "Text: use plain text without "
	    "control characters or line breaks.");
	assert_int_equal(with(F_TEXT, "text=a%09b"), 1);
	/* FORM_BYTES: 10 bytes, however many characters. */
	assert_int_equal(with(F_NOTE, "note=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9"), 0);
	assert_int_equal(V[F_NOTE].len, 10);
	assert_int_equal(with(F_NOTE, "note=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9x"), 1);
	assert_int_equal(V[F_NOTE].err, FORM_TOO_LONG);
	assert_string_equal(V[F_NOTE].msg, "Note: use at most 10 bytes.");
	/* Verbatim: only "" is blank. */
	assert_int_equal(with(F_PASS, "pass=%09"), 1);
	assert_int_equal(V[F_PASS].err, FORM_INVALID);
}

static void
test_int_bounds(void **state)
{
	static const struct {
		const char	*pair;
		enum form_err	 err;
		int64_t		 num;
	} t[] = {
		{ "minutes=1", FORM_OK, 1 },
		{ "minutes=1440", FORM_OK, 1440 },
		{ "minutes=0", FORM_RANGE, 0 },
		{ "minutes=1441", FORM_RANGE, 0 },
		{ "minutes=-1", FORM_RANGE, 0 },
		{ "minutes=-9223372036854775808", FORM_RANGE, 0 },
		{ "minutes=9223372036854775808", FORM_INVALID, 0 },
		{ "minutes=%2B5", FORM_INVALID, 0 },
		{ "minutes=5+", FORM_INVALID, 0 },	/* "5 " */
		{ "minutes=1e3", FORM_INVALID, 0 },
		{ "minutes=0x10", FORM_INVALID, 0 },
		{ "minutes=-", FORM_INVALID, 0 },
		{ "minutes=007", FORM_OK, 7 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		with(F_INT, t[i].pair);
		assert_int_equal(V[F_INT].err, t[i].err);
		assert_int_equal(V[F_INT].num, t[i].num);
		assert_int_equal(V[F_INT].set, t[i].err == FORM_OK);
		if (t[i].err != FORM_OK)
			assert_string_equal(V[F_INT].msg, "Minutes: enter a "
			    "whole number from 1 to 1440.");
	}
}

static void
test_id(void **state)
{
	(void)state;
	assert_int_equal(with(F_ID, "id=9007199254740992"), 0);
	assert_int_equal(V[F_ID].num, 9007199254740992LL);
	assert_int_equal(with(F_ID, "id=9007199254740993"), 1);
	assert_int_equal(with(F_ID, "id=0"), 1);
	assert_int_equal(V[F_ID].err, FORM_INVALID);
	assert_string_equal(V[F_ID].msg, "Id: name one by its number.");
	assert_int_equal(with(F_ID, "id=07"), 1);
	assert_int_equal(with(F_ID, "id=-7"), 1);
}

static void
test_money(void **state)
{
	(void)state;
	assert_int_equal(with(F_MONEY, "amount=0.00"), 1);
	assert_int_equal(V[F_MONEY].err, FORM_RANGE);
	assert_string_equal(V[F_MONEY].msg, "Amount: enter more than 0.00.");
	assert_int_equal(with(F_MONEY, "amount=100000000.00"), 0);
	assert_int_equal(V[F_MONEY].num, MONEY_MAX);
	assert_int_equal(with(F_MONEY, "amount=100000000.01"), 1);
	assert_int_equal(V[F_MONEY].err, FORM_INVALID);
	assert_string_equal(V[F_MONEY].why, money_errors[MONEY_RANGE]);
	assert_int_equal(with(F_MONEY, "amount=1.001"), 1);
	assert_string_equal(V[F_MONEY].why, money_errors[MONEY_PRECISION]);
	assert_string_equal(V[F_MONEY].msg, arena_printf(&A, "Amount: %s.",
	    money_errors[MONEY_PRECISION]));
	assert_int_equal(with(F_MONEY, "amount=%2412"), 1);	/* $12 */
	assert_string_equal(V[F_MONEY].why, money_errors[MONEY_SYNTAX]);
	assert_int_equal(with(F_MONEY, "amount=12.5"), 0);
	assert_int_equal(V[F_MONEY].num, 1250);
	assert_string_equal(V[F_MONEY].why, "");
}

static void
test_day(void **state)
{
	(void)state;
	assert_int_equal(with(F_DAY, "date=2024-02-29"), 0);
	assert_int_equal(V[F_DAY].num, T("2024-02-29"));
	assert_int_equal(with(F_DAY, "date=2026-02-29"), 1);
	assert_int_equal(V[F_DAY].err, FORM_INVALID);
	assert_string_equal(V[F_DAY].msg, "Date: use a date like 2026-11-23.");
	assert_int_equal(with(F_DAY, "date=2026-11-23T00:00:00Z"), 1);
	assert_int_equal(with(F_DAY, "date=+2026-11-23"), 1);
}

static void
test_choice(void **state)
{
	(void)state;
	assert_int_equal(with(F_CHOICE, "decision=accept"), 0);
	assert_int_equal(V[F_CHOICE].num, 0);
	assert_int_equal(with(F_CHOICE, "decision=ACCEPT"), 1);
	assert_int_equal(V[F_CHOICE].err, FORM_INVALID);
	assert_string_equal(V[F_CHOICE].msg, "Decision: choose accept or decline.");
	assert_int_equal(with(F_CHOICE, "decision=accept+"), 1);
	assert_int_equal(with(F_CHOICE, "decision=acc"), 1);
}

/* Names the form does not declare are ignored; several mistakes are
 * counted and each kept. */
static void
test_extra_and_many(void **state)
{
	(void)state;
	assert_int_equal(parse("csrf=x&other=%E2%82%AC&minutes=5&date=2026-11-23"
	    "&note=n&pass=p&amount=1&decision=accept"), 0);
	assert_int_equal(parse("minutes=0&date=x&note=n&pass=p&amount=1"), 3);
	assert_int_equal(V[F_INT].err, FORM_RANGE);
	assert_int_equal(V[F_DAY].err, FORM_INVALID);
	assert_int_equal(V[F_CHOICE].err, FORM_MISSING);
	assert_int_equal(parse(""), 6);
}

/* A name twice never reaches a form from a body (parse_urlencoded()
 * refuses it), but a list made otherwise is refused here too. */
static void
test_repeated(void **state)
{
	struct kv	 kv[2] = { { "minutes", "5", 1 }, { "minutes", "6", 1 } };
	struct kvlist	 l = { kv, 2 };
	struct form_value v;
	const char	*body = "minutes=5&minutes=6";
	struct kvlist	 d;

	(void)state;
	assert_false(form_parse_field(&A, &l, &form[F_INT], NULL, NULL, &v));
	assert_int_equal(v.err, FORM_REPEATED);
	assert_int_equal(v.num, 0);
	assert_string_equal(v.msg, "Minutes: send this field once.");
	assert_int_equal(parse_urlencoded(&A, body, strlen(body), &d),
	    PARSE_DUPLICATE);
}

/* Malformed bodies are refused before any form reads them. */
static void
test_malformed_encodings(void **state)
{
	static const char *const bad[] = {
		"minutes=%", "minutes=%4", "minutes=%zz", "minutes=%C3",
		"minutes=%C0%AF", "minutes=%ED%A0%80", "minutes=%F4%90%80%80",
		"minutes=%00", "minutes=1%07", "min%0Autes=1", "note=%7F",
	};
	struct kvlist	 l;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_not_equal(parse_urlencoded(&A, bad[i], strlen(bad[i]),
		    &l), PARSE_OK);
	/* A key with no '=' has the empty value: blank, so missing. */
	assert_int_equal(with(F_INT, "minutes"), 1);
	assert_int_equal(V[F_INT].err, FORM_MISSING);
	/* '+' is a space: "1+2" is not a number. */
	assert_int_equal(with(F_INT, "minutes=1+2"), 1);
	assert_int_equal(V[F_INT].err, FORM_INVALID);
	/* %-escapes decode before the kind reads them. */
	assert_int_equal(with(F_INT, "minutes=%31%34%34%30"), 0);
	assert_int_equal(V[F_INT].num, 1440);
}

/* One declaration read under several names and labels. */
static void
test_parse_field_as(void **state)
{
	static const struct form_field rating = { .kind = FORM_INT,
		.flags = FORM_REQUIRED, .min = 1, .max = 5, .phrase = {
			[FORM_MISSING] = "choose 1 to 5 stars.",
		} };
	struct kvlist	 l;
	struct form_value v;
	const char	*body = "skills=5&quality=6";

	(void)state;
	assert_int_equal(parse_urlencoded(&A, body, strlen(body), &l), PARSE_OK);
	assert_true(form_parse_field(&A, &l, &rating, "skills", "Skills", &v));
	assert_int_equal(v.num, 5);
	assert_false(form_parse_field(&A, &l, &rating, "quality", "Quality", &v));
	assert_string_equal(v.msg, "Quality: enter a whole number from 1 to 5.");
	assert_false(form_parse_field(&A, &l, &rating, "clarity", "Clarity", &v));
	assert_string_equal(v.msg, "Clarity: choose 1 to 5 stars.");
	/* A form's own name and label when none is given. */
	assert_false(form_parse_field(&A, &l, &form[F_INT], NULL, NULL, &v));
	assert_string_equal(v.msg, "Minutes: this field is required. Fill it "
	    "in and send the form again.");
}

static void
test_message(void **state)
{
	(void)state;
	assert_string_equal(form_message(&A, &form[F_ID], FORM_INVALID),
	    "Id: name one by its number.");
	assert_string_equal(form_message(&A, &form[F_INT], FORM_RANGE),
	    "Minutes: enter a whole number from 1 to 1440.");
	assert_string_equal(form_message(&A, &form[F_TEXT], FORM_TOO_LONG),
	    "Text: use at most 5 characters.");
	assert_string_equal(form_message(&A, &form[F_NOTE], FORM_INVALID),
	    "Note: use plain text without control characters.");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_all_good, teardown),
		cmocka_unit_test_teardown(test_missing, teardown),
		cmocka_unit_test_teardown(test_optional, teardown),
		cmocka_unit_test_teardown(test_text_limits, teardown),
		cmocka_unit_test_teardown(test_int_bounds, teardown),
		cmocka_unit_test_teardown(test_id, teardown),
		cmocka_unit_test_teardown(test_money, teardown),
		cmocka_unit_test_teardown(test_day, teardown),
		cmocka_unit_test_teardown(test_choice, teardown),
		cmocka_unit_test_teardown(test_extra_and_many, teardown),
		cmocka_unit_test_teardown(test_repeated, teardown),
		cmocka_unit_test_teardown(test_malformed_encodings, teardown),
		cmocka_unit_test_teardown(test_parse_field_as, teardown),
		cmocka_unit_test_teardown(test_message, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
