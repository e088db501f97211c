/*
 * test-checklist: each side's checklist items (src/domain/checklist.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/checklist.h"
#include "unit.h"

static void
test_checklist_tables(void **state)
{
	const struct checklist_item	*it;
	size_t				 n;

	(void)state;
	it = checklist_items(true, &n);
	assert_int_equal(n, 3);
	assert_ptr_equal(it, checklist_client);
	assert_string_equal(it[CHECK_CLIENT_REMIND].key, "remind-property");
	it = checklist_items(false, &n);
	assert_int_equal(n, 3);
	assert_ptr_equal(it, checklist_freelancer);

	assert_int_equal(checklist_find(true, "revoke-access"), CHECK_CLIENT_ACCESS);
	assert_int_equal(checklist_find(true, "work-received"), CHECK_CLIENT_RECEIVED);
	assert_int_equal(checklist_find(true, "remind-property"), CHECK_CLIENT_REMIND);
	assert_int_equal(checklist_find(false, "deliver-work"), CHECK_FREELANCER_DELIVER);
	assert_int_equal(checklist_find(false, "remove-property"), CHECK_FREELANCER_REMOVE);
	assert_int_equal(checklist_find(false, "return-access"), CHECK_FREELANCER_ACCESS);
	/* Each side ticks only its own items. */
	assert_int_equal(checklist_find(false, "remind-property"), -1);
	assert_int_equal(checklist_find(true, "deliver-work"), -1);
	assert_int_equal(checklist_find(true, ""), -1);
	assert_int_equal(checklist_find(true, NULL), -1);
	assert_int_equal(checklist_find(true, "Revoke-access"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checklist_tables),
	};

	return cmocka_run_group_tests_name("checklist", tests, NULL, NULL);
}
