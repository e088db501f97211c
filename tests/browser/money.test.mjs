// Hours and money in Chromium, by clicks and typing only: Felix (the
// freelancer, on a 375 px phone) logs, edits and deletes hours in the Work
// Diary; Clara (the client, at desktop width) disputes hours of last
// week's invoice, in review, and Felix accepts one dispute and declines the
// next; Felix refunds part of a payment from the (...) menu and is refused
// one cent too much; Clara ends two fixed-price contracts releasing part of
// the escrow, and Felix declines one request and accepts the other; Clara
// reads her notifications and marks them read, double-clicks "End
// contract" (one end), signs out and finds that Back does not bring her
// private page back.  Every page Felix meets is checked for sideways
// scrolling at 375 px; the main pages are photographed at both widths into
// tests/artifacts/.  The clock is pinned to Tuesday 2026-12-01 10:00 UTC:
// the week of Nov 23 is invoiced and in review until Friday Dec 4, 23:59
// UTC; the week of Nov 30 is open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, cast } from '../e2e/lib.mjs';
import { launch, twoSides } from './browser.mjs';
import { T, click, follow, seen, flash, unread, snap, item, noSideways, shots, checked } from './flow-helpers.mjs';

const NOW = '2026-12-01T10:00:00Z';
let s, ids, browser, clara, felix;

before(async () => {
  s = await startStack({
    now: NOW,
    setup(st) {
      ids = cast(st);
      const h = String(ids.hourly);
      st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-23', '--minutes', '360', '--memo', 'Endpoints');
      st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-26', '--minutes', '240', '--memo', 'Tests');
      st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-30', '--minutes', '60', '--memo', 'Standup');
      ids.pay = st.ctl('payment', 'add', '--contract', h, '--amount', '400.00', '--paid-at', '2026-11-16');
      st.ctl('milestone', 'add', '--contract', String(ids.fixed), '--amount', '200.00', '--funded');
      st.ctl('milestone', 'add', '--contract', String(ids.fixed), '--amount', '300.00', '--funded');
      ids.icons = st.ctl('contract', 'add', '--title', 'Icon set', '--client', 'client@example.com',
        '--freelancer', 'freelancer@example.com', '--fixed', '150.00', '--started', '2026-11-02');
      st.ctl('milestone', 'add', '--contract', String(ids.icons), '--amount', '150.00', '--funded');
    },
  });
  browser = await launch();
  [clara, felix] = await twoSides(browser, s.base);
  await noSideways(felix);
});

after(async () => {
  await browser?.close();
  await s?.stop();
  console.log(`money: ${shots.length} screenshots; pages checked at 375 px: ${[...checked].sort().join(' ')}`);
});

const nav = (page, name) => click(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }));
const row = (page, title) => item(page.locator('ul.contracts'), title);
const entries = (id) => s.sql(`SELECT day, minutes, memo FROM diary_entries WHERE contract_id = ${id} ORDER BY day, id`);

test('Work Diary: Felix logs hours for today, edits them, deletes them; last week is closed', async () => {
  const f = felix;
  await click(f, row(f, 'Mobile app API').getByRole('link', { name: 'Mobile app API' }));
  await click(f, f.getByRole('link', { name: 'Work Diary' }));
  let t = await seen(f);
  assert.match(t, /Mon, Nov 30, 2026 – Sun, Dec 6, 2026/);
  assert.match(t, /You can change this week until Mon, Dec 7, 2026, 11:59 UTC/);
  assert.match(t, /Logged 1 hr Billed 1 hr, \$40\.00 Weekly limit 10 hrs/);

  // Log hours: the form's own fields, by their labels.
  const add = f.locator('form').filter({ has: f.getByRole('heading', { name: 'Log hours' }) });
  assert.equal(await add.getByLabel('Date').inputValue(), '2026-12-01');	// today is chosen
  assert.deepEqual(await add.getByLabel('Date').locator('option').allInnerTexts(), ['Mon, Nov 30, 2026', 'Tue, Dec 1, 2026']);
  await add.getByLabel('Minutes').fill('90');
  await add.getByLabel('Memo').fill('Design review');
  await click(f, add.getByRole('button', { name: 'Add to the Work Diary' }));
  assert.equal(await flash(f), 'The hours were added to the Work Diary.');
  t = await seen(f);
  assert.match(t, /Logged 2\.5 hrs Billed 2\.5 hrs, \$100\.00/);
  assert.match(t, /Tue, Dec 1, 2026 1\.5 hrs 1\.5 hrs \(90 min\) Design review/);
  assert.deepEqual(entries(ids.hourly).slice(-2), [{ day: T('2026-11-30'), minutes: 60, memo: 'Standup' },
    { day: T('2026-12-01'), minutes: 90, memo: 'Design review' }]);

  // Edit it: open the row's "Edit", move it to Monday, shorten it.
  let entry = f.getByRole('row').filter({ hasText: 'Design review' });
  await entry.getByText('Edit', { exact: true }).click();
  await noSideways(f, '(edit form open)');
  await snap(f, 'diary-edit');
  await entry.getByLabel('Date').selectOption({ label: 'Mon, Nov 30, 2026' });
  await entry.getByLabel('Minutes').fill('45');
  await entry.getByLabel('Memo').fill('Design review, short');
  await click(f, entry.getByRole('button', { name: 'Save' }));
  assert.equal(await flash(f), 'The Work Diary entry was saved.');
  t = await seen(f);
  assert.match(t, /Mon, Nov 30, 2026 1\.75 hrs .*0\.75 hrs \(45 min\) Design review, short/);
  assert.match(t, /Tue, Dec 1, 2026 0 hrs No hours logged/);
  assert.deepEqual(entries(ids.hourly).slice(-1), [{ day: T('2026-11-30'), minutes: 45, memo: 'Design review, short' }]);

  // Delete it: the button says what it deletes.
  entry = f.getByRole('row').filter({ hasText: 'Design review, short' });
  const del = entry.getByRole('button', { name: 'Delete 0.75 hours on Mon, Nov 30, 2026' });
  await click(f, del);
  assert.equal(await flash(f), 'The Work Diary entry was deleted.');
  assert.match(await seen(f), /Logged 1 hr/);
  assert.equal(await f.getByRole('row').filter({ hasText: 'Design review' }).count(), 0);
  assert.deepEqual(entries(ids.hourly).map((e) => e.memo), ['Endpoints', 'Tests', 'Standup']);
  await snap(f, 'diary');

  // Last week: closed since Monday 11:59 UTC, nothing to change.
  await click(f, f.getByRole('link', { name: '← Previous week' }));
  t = await seen(f);
  assert.match(t, /Mon, Nov 23, 2026 – Sun, Nov 29, 2026/);
  assert.match(t, /This week is closed: it could be changed until Mon, Nov 30, 2026, 11:59 UTC/);
  assert.match(t, /Logged 10 hrs Billed 10 hrs, \$400\.00/);
  assert.equal(await f.getByRole('button', { name: 'Add to the Work Diary' }).count(), 0);
  assert.equal(await f.getByRole('button', { name: /^Delete/ }).count(), 0);
});

test('disputes: Clara disputes hours of the invoice in review; Felix accepts (refunded) and then declines the next (escalated)', async () => {
  const p = clara;
  await click(p, row(p, 'Mobile app API').getByRole('link', { name: 'Mobile app API' }));
  await click(p, p.getByRole('link', { name: 'Billing and disputes' }));
  const invoice = item(p.locator('ul.invoices'), 'Week of Mon, Nov 23, 2026');
  assert.match((await invoice.innerText()).replace(/\s+/g, ' '),
    /in review Hours logged 10 hrs Hours billed 10 hrs Amount \$400\.00 Invoiced Mon, Nov 30, 2026, 12:00 UTC Review until Fri, Dec 4, 2026, 23:59 UTC Funds available Wed, Dec 9, 2026/);
  // Only the invoice in review can be disputed.
  assert.equal(await p.getByText('Dispute hours of this invoice').count(), 1);

  await invoice.getByText('Dispute hours of this invoice').click();
  const minutes = invoice.getByLabel('Minutes you dispute');
  assert.equal(await minutes.inputValue(), '600');
  await minutes.fill('90');
  await invoice.getByLabel('Reason').fill('The review took 30 minutes, not 2 hours');
  await snap(p, 'billing-dispute-form');
  await click(p, invoice.getByRole('button', { name: 'Send dispute' }));
  assert.equal(await flash(p), 'Your dispute was sent. The freelancer has 3 days to answer.');
  const disputes = p.getByRole('region', { name: 'Disputes' });
  assert.match((await disputes.innerText()).replace(/\s+/g, ' '),
    /1\.5 hours \(\$60\.00\) of the week of Mon, Nov 23, 2026 · opened by Clara Client on Tue, Dec 1, 2026, 10:00 UTC Reason: The review took 30 minutes, not 2 hours Status: waiting for the freelancer, answer due by Fri, Dec 4, 2026, 10:00 UTC/);
  assert.equal(await disputes.getByRole('button').count(), 0);	// answering is Felix's
  const [d] = s.sql(`SELECT id, minutes, amount, status, opened_by FROM disputes WHERE contract_id = ${ids.hourly}`);
  assert.deepEqual({ ...d, id: 0 }, { id: 0, minutes: 90, amount: 6000, status: 'open', opened_by: ids.client });

  // Felix: notified; from the contract page to the dispute; accepts.
  const f = felix;
  await nav(f, 'All contracts');
  assert.equal(await unread(f), 1);
  await nav(f, /^Notifications/);
  assert.match(await seen(f), /Hours were disputed .*Clara Client disputes 1\.5 hours \(\$60\.00\)/);
  // The notification links to where one answers: Billing.
  await click(f, f.locator('ol.notes').getByRole('link', { name: 'Mobile app API: go to billing and disputes' }));
  assert.equal(new URL(f.url()).pathname, `/contracts/${ids.hourly}/billing`);
  await click(f, f.getByRole('button', { name: 'Accept and refund $60.00' }));
  // Asked first: nothing is refunded until he confirms.
  assert.match(await seen(f), /Accept Clara Client's dispute of 1\.5 hours \(\$60\.00\) of the week of Mon, Nov 23, 2026\?/);
  assert.equal(s.sql(`SELECT status FROM disputes WHERE id = ${d.id}`)[0].status, 'open');
  await click(f, f.getByRole('button', { name: 'Accept and refund $60.00' }));
  assert.equal(await flash(f), 'You accepted the dispute: the hours were refunded to the client.');
  assert.match(await f.getByRole('region', { name: 'Disputes' }).innerText(), /Status: accepted/);
  assert.equal(s.sql(`SELECT status FROM disputes WHERE id = ${d.id}`)[0].status, 'accepted');
  assert.equal(s.sql(`SELECT refunded FROM invoices WHERE contract_id = ${ids.hourly}`)[0].refunded, 6000);

  // Clara sees the refund, and disputes two more hours: declined.
  await click(p, p.locator('p.crumbs').getByRole('link', { name: 'Mobile app API' }));
  await click(p, p.getByRole('link', { name: 'Billing and disputes' }));
  assert.match(await invoice.innerText(), /Refunded\s+\$60\.00/);
  await invoice.getByText('Dispute hours of this invoice').click();
  assert.equal(await minutes.getAttribute('max'), '510');
  await minutes.fill('120');
  await invoice.getByLabel('Reason').fill('The tests were not delivered');
  await click(p, invoice.getByRole('button', { name: 'Send dispute' }));
  await click(f, f.locator('p.crumbs').getByRole('link', { name: 'Mobile app API' }));
  await click(f, f.getByRole('link', { name: 'Billing and disputes' }));
  await snap(f, 'billing-answer');
  await click(f, f.getByRole('button', { name: 'Decline (the marketplace reviews it)' }));
  await click(f, f.getByRole('button', { name: 'Decline the dispute' }));
  assert.equal(await flash(f), 'You declined the dispute: the marketplace will review it.');
  assert.deepEqual(s.sql(`SELECT minutes, amount, status FROM disputes WHERE contract_id = ${ids.hourly} ORDER BY id`),
    [{ minutes: 90, amount: 6000, status: 'accepted' }, { minutes: 120, amount: 8000, status: 'escalated' }]);
  assert.equal(s.sql(`SELECT refunded FROM invoices WHERE contract_id = ${ids.hourly}`)[0].refunded, 6000);

  await click(p, p.locator('p.crumbs').getByRole('link', { name: 'Mobile app API' }));
  await click(p, p.getByRole('link', { name: 'Billing and disputes' }));
  assert.match(await seen(p), /2 hours \(\$80\.00\) .*Status: declined, escalated to the marketplace/);
  assert.equal(await p.getByText('Dispute hours of this invoice').count(), 0);	// one escalated: no more
  await snap(p, 'billing');
  await click(p, p.locator('p.crumbs').getByRole('link', { name: 'Mobile app API' }));
  await click(p, p.getByRole('link', { name: 'Payments and refunds' }));
  assert.match(await seen(p), /Refunded through disputes .*Mon, Nov 23, 2026 1\.5 \$60\.00/);
});

test('refunds: Felix refunds part of a payment from the (...) menu, is refused one cent too much; Clara is told', async () => {
  const f = felix;
  await nav(f, 'All contracts');
  const r = row(f, 'Mobile app API');
  await r.getByLabel('Options for Mobile app API').click();
  assert.deepEqual(await r.locator('details.menu').getByRole('link').allInnerTexts(), ['End contract', 'Give refund']);
  await noSideways(f, '(menu open)');
  await click(f, r.getByRole('link', { name: 'Give refund' }));
  assert.equal(new URL(f.url()).pathname, `/contracts/${ids.hourly}/payments`);
  const pay = item(f.locator('ul.payments'), '$400.00');
  assert.match(await pay.innerText(), /possible until Sat, May 15, 2027/);

  await pay.getByText('Give a refund').click();
  const amount = pay.getByLabel('Amount (dollars)');
  assert.equal(await amount.inputValue(), '', 'no amount chosen for him');
  // A comma is not a decimal point: the browser does not send the form.
  await amount.fill('25,50');
  await pay.getByRole('button', { name: 'Refund' }).click();
  assert.equal(await amount.evaluate((e) => e.validity.patternMismatch), true);
  assert.equal(s.sql('SELECT count(*) AS n FROM refunds')[0].n, 0);
  await amount.fill('25.50');
  await pay.getByLabel('Reason (shown to Clara Client)').fill('Sorry for the late delivery');
  await click(f, pay.getByRole('button', { name: 'Refund' }));
  assert.match(await seen(f), /Refund \$25\.50 to Clara Client\? .*A refund can't be undone/);
  assert.equal(s.sql('SELECT count(*) AS n FROM refunds')[0].n, 0);
  await snap(f, 'refund-confirm');
  await click(f, f.getByRole('button', { name: 'Refund $25.50' }));
  assert.equal(await flash(f), 'The refund was given. The client has been told.');
  let t = await seen(f);
  // "Refunded" counts the $60.00 refunded through the accepted dispute too.
  assert.match(t, /Paid \$400\.00 Refunded \$85\.50 Net \$314\.50/);
  assert.match(t, /Refunds given .*\$25\.50 Felix Freelancer Sorry for the late delivery/);
  assert.deepEqual(s.sql('SELECT payment_id, amount, reason, created_by FROM refunds'),
    [{ payment_id: ids.pay, amount: 2550, reason: 'Sorry for the late delivery', created_by: ids.freelancer }]);
  await snap(f, 'payments');

  // One cent more than is left: the form comes back with what he typed
  // and why, the summary focused; nothing changes.
  const before = s.snapshot();
  await pay.getByText('Give a refund').click();
  assert.equal(await amount.inputValue(), '');
  await amount.fill('374.51');
  const status = await click(f, pay.getByRole('button', { name: 'Refund' }));
  assert.equal(status, 400);
  assert.match(await seen(f), /Amount: only \$374\.50 is left to refund on this payment/);
  assert.equal(await f.evaluate(() => document.activeElement?.id), 'form-errors');
  assert.equal(await pay.getByLabel('Amount (dollars)').inputValue(), '374.51');
  await snap(f, 'refund-refused');
  assert.deepEqual(s.snapshot(), before);
  await nav(f, 'All contracts');

  // Clara: told, sees the refund, and cannot give one herself.
  const p = clara;
  await nav(p, /^Notifications/);
  assert.match(await seen(p), /refund .*Felix Freelancer refunded \$25\.50 of your payment of Mon, Nov 16, 2026 on “Mobile app API”/);
  await click(p, item(p.locator('ol.notes'), 'refunded $25.50').getByRole('link', { name: 'Mobile app API: go to payments and refunds' }));
  t = await seen(p);
  assert.match(t, /Only the freelancer side can give refunds/);
  assert.match(t, /Refunds given .*\$25\.50 Felix Freelancer Sorry for the late delivery/);
  assert.equal(await p.getByText('Give a refund').count(), 0);
});

test('escrow: Clara ends two fixed-price contracts releasing part; Felix declines one (disputed) and accepts the other', async () => {
  const p = clara;
  await nav(p, 'All contracts');
  const logo = row(p, 'Logo redesign');
  await logo.getByLabel('Options for Logo redesign').click();
  await click(p, logo.locator('details.menu').getByRole('link', { name: 'End contract' }));
  assert.match(await seen(p), /\$500\.00 is in escrow\. Below, choose how much of it to release to Felix Freelancer: all, part or none\. .*until Tue, Dec 8, 2026, 10:00 UTC/);
  const release = p.getByLabel('Release to Felix Freelancer (dollars)');
  assert.equal(await release.inputValue(), '');
  await release.fill('200.00');
  await p.getByLabel('Reason for ending').selectOption({ label: 'Not satisfied with how the work went' });
  await snap(p, 'end-fixed');
  await click(p, p.getByRole('button', { name: 'End contract' }));
  assert.match(await flash(p), /The contract has ended/);
  assert.deepEqual(s.sql(`SELECT released, refund, requested_at, decision FROM escrow_requests WHERE contract_id = ${ids.fixed}`),
    [{ released: 20000, refund: 30000, requested_at: T(NOW), decision: 0 }]);
  await click(p, p.locator('p.crumbs').getByRole('link', { name: 'Logo redesign' }));
  assert.match(await p.getByRole('region', { name: 'Escrow refund request' }).innerText(),
    /you released \$200\.00 of the escrow to Felix Freelancer and asked for \$300\.00 back\.\s+Status: waiting for the freelancer/);
  assert.equal(await p.getByRole('button', { name: 'Decline' }).count(), 0);

  // The other one: "Other", in her own words; half of $150 kept back.
  await nav(p, 'All contracts');
  const icons = row(p, 'Icon set');
  await icons.getByLabel('Options for Icon set').click();
  await click(p, icons.locator('details.menu').getByRole('link', { name: 'End contract' }));
  await p.getByLabel('Reason for ending').selectOption({ label: 'Other (say why)' });
  await p.getByLabel('If “Other”: the reason, in a few words').fill('Scope cut in half');
  await p.getByLabel('Release to Felix Freelancer (dollars)').fill('50');
  await click(p, p.getByRole('button', { name: 'End contract' }));
  assert.equal(s.sql(`SELECT end_reason FROM contracts WHERE id = ${ids.icons}`)[0].end_reason, 'Scope cut in half');

  // Felix: two requests in his notifications; declines the first.
  const f = felix;
  await nav(f, /^Notifications/);
  const notes = f.locator('ol.notes');
  assert.match(await seen(f), /An escrow refund request to answer .*released \$200\.00 of the escrow of “Logo redesign” and asks for \$300\.00 back/);
  await click(f, item(notes, 'asks for $300.00 back').getByRole('link', { name: 'Logo redesign' }));
  const req = f.getByRole('region', { name: 'Escrow refund request' });
  assert.match(await req.innerText(), /Clara Client released \$200\.00 of the escrow to you and asked for \$300\.00 back/);
  assert.match(await req.innerText(), /Answer by Tue, Dec 8, 2026, 10:00 UTC\. If you accept, \$300\.00 goes back to Clara Client/);
  await snap(f, 'contract-escrow');
  await click(f, req.getByRole('button', { name: 'Decline' }));
  await click(f, f.getByRole('button', { name: 'Decline and dispute' }));
  assert.equal(await flash(f), 'You declined the escrow refund: the contract is now disputed.');
  assert.match(await seen(f), /All contracts Logo redesign disputed ·/);
  assert.deepEqual(s.sql(`SELECT c.status, e.decision, e.decided_by FROM contracts c JOIN escrow_requests e ON e.contract_id = c.id WHERE c.id = ${ids.fixed}`),
    [{ status: 'disputed', decision: -1, decided_by: ids.freelancer }]);
  assert.equal(s.sql(`SELECT sum(returned) AS r FROM milestones WHERE contract_id = ${ids.fixed}`)[0].r, 0);

  // ...and accepts the second.
  await nav(f, /^Notifications/);
  await click(f, item(notes, 'asks for $100.00 back').getByRole('link', { name: 'Icon set' }));
  await click(f, f.getByRole('button', { name: 'Accept: return $100.00' }));
  await click(f, f.getByRole('button', { name: 'Give $100.00 back' }));
  assert.equal(await flash(f), 'You accepted the escrow refund: the money went back to the client.');
  assert.match(await f.getByRole('region', { name: 'Escrow refund request' }).innerText(), /Status: accepted/);
  assert.deepEqual(s.sql(`SELECT released, returned FROM milestones WHERE contract_id = ${ids.icons}`), [{ released: 5000, returned: 10000 }]);
  assert.equal(s.sql(`SELECT status FROM contracts WHERE id = ${ids.icons}`)[0].status, 'ended');
  assert.match(await seen(f), /Paid \$50\.00 .*Milestones \$150\.00 In escrow \$0\.00 Released \$50\.00/);

  // Clara: both answers are in her notifications; she marks them read.
  await nav(p, /^Notifications/);
  assert.equal(await unread(p), s.sql(`SELECT count(*) AS n FROM notifications WHERE user_id = ${ids.client} AND read_at IS NULL`)[0].n);
  const t = await seen(p);
  assert.match(t, /accepted your escrow refund request on “Icon set”: \$100\.00 went back to you/);
  assert.match(t, /declined your escrow refund request of \$300\.00 on “Logo redesign”\. The contract is now disputed/);
  await snap(p, 'notifications-client');
  await click(p, p.getByRole('button', { name: 'Mark all as read' }));
  assert.equal(await unread(p), 0);
  assert.equal(s.sql(`SELECT count(*) AS n FROM notifications WHERE user_id = ${ids.client} AND read_at IS NULL`)[0].n, 0);
  // The disputed contract is listed with the ended ones.
  await nav(p, 'All contracts');
  await click(p, p.getByRole('link', { name: 'Ended', exact: true }));
  assert.deepEqual((await p.locator('ul.contracts h2').allInnerTexts()).sort(), ['Icon set', 'Logo redesign']);
  assert.match(await row(p, 'Logo redesign').innerText(), /Status\s+disputed/);
});

test('a double click on "End contract" ends the agency contract once', async () => {
  const p = clara;
  await nav(p, 'All contracts');
  await click(p, row(p, 'Support retainer').locator('.c-actions > a', { hasText: 'End contract' }));
  assert.match(await seen(p), /Talk to Mia Member first/);
  await p.getByLabel('Reason for ending').selectOption({ label: 'The budget or the schedule changed' });
  // The second click cancels the first click's page load (the request may
  // have reached the server): wait for whichever answer is shown.
  await p.getByRole('button', { name: 'End contract' }).dblclick();
  await p.locator('main').getByText(/The contract has ended|already ended/).first().waitFor();
  await p.waitForLoadState('load');
  await noSideways(p);
  const t = await seen(p);
  // Whichever answer came last: the end, or that it had already ended.
  assert.ok(/The contract has ended/.test(t) || /already ended \(on Tue, Dec 1, 2026\)\. Nothing was changed/.test(t), t);
  assert.equal(s.sql(`SELECT status FROM contracts WHERE id = ${ids.agencyContract}`)[0].status, 'ended');
  assert.equal(s.sql(`SELECT count(*) AS n FROM events WHERE contract_id = ${ids.agencyContract} AND kind = 'ended'`)[0].n, 1);
  const told = s.sql(`SELECT user_id, count(*) AS n FROM notifications WHERE contract_id = ${ids.agencyContract} GROUP BY user_id`);
  assert.ok(told.length >= 1 && told.every((n) => n.n === 1), JSON.stringify(told));
  assert.ok(told.some((n) => n.user_id === ids.member));
});

test('after signing out, Back does not show the private page again', async () => {
  const p = clara;
  await nav(p, 'All contracts');
  assert.match(await seen(p), /Support retainer/);
  await click(p, p.getByRole('button', { name: 'Sign out' }));
  assert.equal(await flash(p), 'You are signed out.');
  await p.goBack();
  await p.waitForLoadState('load');
  assert.equal(new URL(p.url()).pathname, '/login');
  assert.doesNotMatch(await seen(p), /Support retainer|Mobile app API/);
});
