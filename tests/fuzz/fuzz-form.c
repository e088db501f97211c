/*
 * fuzz-form: libFuzzer harness for form_parse() (src/http/form.c).
 *
 * The input is a form body: decoded by parse_urlencoded() as a request
 * is, then read against a form with a field of every kind.  For each
 * field: a value without a mistake is set only when sent and in its
 * kind's limits (a number in [min, max], a choice's index among the
 * choices, a check 0 or 1, a text within max and valid for its lines);
 * a mistake has a message that starts with the label and num 0; raw is
 * what the body sent; form_parse() counts the mistakes it reports.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/money.h"
#include "http/form.h"
#include "http/parse.h"
#include "util/arena.h"

#define CHECK(c)	do { if (!(c)) fail(#c, __LINE__); } while (0)

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	 arena;

static void
fail(const char *what, int line)
{
	fprintf(stderr, "fuzz-form:%d: invariant broken: %s\n", line, what);
	abort();
}

static const char *const choices[] = { "accept", "decline", NULL };

enum { F_TEXT, F_LINES, F_BYTES, F_INT, F_ID, F_MONEY, F_DAY, F_CHOICE,
	F_CHECK, F__MAX };

static const struct form_field form[F__MAX] = {
	[F_TEXT] = { .name = "t", .kind = FORM_TEXT, .max = 8, .label = "T" },
	[F_LINES] = { .name = "l", .kind = FORM_TEXT,
	    .flags = FORM_REQUIRED | FORM_LINES, .max = 16, .label = "L" },
	[F_BYTES] = { .name = "b", .kind = FORM_TEXT,
	    .flags = FORM_REQUIRED | FORM_VERBATIM | FORM_BYTES, .max = 8,
	    .label = "B" },
	[F_INT] = { .name = "i", .kind = FORM_INT, .flags = FORM_REQUIRED,
	    .min = -5, .max = 1440, .label = "I" },
	[F_ID] = { .name = "d", .kind = FORM_ID, .label = "D" },
	[F_MONEY] = { .name = "m", .kind = FORM_MONEY, .min = 1,
	    .max = MONEY_MAX, .label = "M" },
	[F_DAY] = { .name = "y", .kind = FORM_DAY, .label = "Y" },
	[F_CHOICE] = { .name = "c", .kind = FORM_CHOICE, .flags = FORM_REQUIRED,
	    .choices = choices, .label = "C" },
	[F_CHECK] = { .name = "k", .kind = FORM_CHECK, .label = "K" },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form_value	 v[F__MAX];
	struct kvlist		 l;
	size_t			 i, bad, n;

	if (parse_urlencoded(&arena, (const char *)data, size, &l) != PARSE_OK) {
		arena_reset(&arena);
		return 0;
	}
	bad = form_parse(&arena, &l, form, F__MAX, v);
	for (n = 0, i = 0; i < F__MAX; i++) {
		const struct form_field	*f = &form[i];
		const struct form_value	*x = &v[i];

		CHECK(x->raw == kv_get(&l, f->name));
		CHECK(x->text != NULL && x->why != NULL);
		CHECK(x->err < FORM_ERR__MAX);
		if (x->err != FORM_OK) {
			n++;
			CHECK(!x->set && x->num == 0);
			CHECK(x->msg != NULL);
			CHECK(strncmp(x->msg, f->label, strlen(f->label)) == 0);
			CHECK(x->msg[strlen(f->label)] == ':');
			continue;
		}
		CHECK(x->msg == NULL);
		if (x->raw == NULL)
			CHECK(!(f->flags & FORM_REQUIRED) && !x->set);
		if (!x->set) {
			CHECK(f->kind == FORM_TEXT || x->num == 0);
			continue;
		}
		switch (f->kind) {
		case FORM_TEXT:
			CHECK(x->text == x->raw);
			CHECK(text_valid(x->text, strlen(x->text),
			    (f->flags & FORM_LINES) != 0));
			CHECK(x->len <= (size_t)f->max);
			break;
		case FORM_INT:
		case FORM_MONEY:
			CHECK(x->num >= f->min && x->num <= f->max);
			break;
		case FORM_ID:
			CHECK(x->num >= 1 && x->num <= 9007199254740992LL);
			break;
		case FORM_CHOICE:
			CHECK(x->num >= 0 && x->num < 2);
			CHECK(strcmp(x->raw, choices[x->num]) == 0);
			break;
		case FORM_CHECK:
			CHECK(x->num == (x->raw[0] == '1'));
			break;
		default:
			break;
		}
	}
	CHECK(n == bad);
	arena_reset(&arena);
	return 0;
}
