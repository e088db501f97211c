// Both sides in Chromium, by clicks, typing and key presses only, through
// ending a contract and what follows: Clara (the client, at desktop width)
// signs in after a wrong password, finds "Mobile app API" on her
// dashboard, ends it through the (...) menu and sees what that did; both
// sides work through their checklists and Clara sends the reminder; Clara
// leaves her feedback with the keyboard alone, Felix (the freelancer, on a
// 375 px phone) leaves his by clicking stars, both are revealed and Felix
// responds; Felix reads his notifications (one of them a reveal by the
// closing of an older contract's window) and marks them read; the (...)
// menu offers only what applies and opens by keyboard; both vote on the
// help article, Felix signs out and back in from it.
// Every page Felix meets is checked for sideways scrolling at 375 px;
// the main pages are photographed at both widths into tests/artifacts/.
// The clock is pinned to Tuesday 2026-12-01 10:00 UTC.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, cast } from '../e2e/lib.mjs';
import { launch, signIn, DESKTOP, PHONE } from './browser.mjs';
import { T, click, follow, seen, flash, unread, snap, item, focused, tabTo, noSideways, shots, checked } from './flow-helpers.mjs';

const NOW = '2026-12-01T10:00:00Z';
let s, ids, browser, clara, felix;	// clara, felix: their pages

before(async () => {
  s = await startStack({
    now: NOW,
    setup(st) {
      ids = cast(st);
      const h = String(ids.hourly);
      st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-30', '--minutes', '120', '--memo', 'API endpoints');
      st.ctl('diary', 'add', '--contract', h, '--date', '2026-12-01', '--minutes', '90', '--memo', 'Push notifications');
      st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-24', '--minutes', '300', '--memo', 'Auth');
      st.ctl('payment', 'add', '--contract', h, '--amount', '400.00', '--paid-at', '2026-11-02');
      // An older contract, ended Nov 10: Clara left feedback, Felix did
      // not, and the window closed Nov 25 00:00: revealed, and both told
      // by the scheduled step at that moment (run below).
      ids.old = st.ctl('contract', 'add', '--title', 'Brand guide', '--client', 'client@example.com',
        '--freelancer', 'freelancer@example.com', '--fixed', '300.00', '--started', '2026-08-01');
      st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${T('2026-11-10T16:00:00Z')}, ended_by = client_id,
          end_reason = 'The work is done' WHERE id = ${ids.old};
        INSERT INTO feedback (contract_id, side, author_id, recipient_id, skills, quality, availability, schedule,
          communication, cooperation, overall, comment, private_reason, private_score, created_at)
        VALUES (${ids.old}, 'client', ${ids.client}, ${ids.freelancer}, 5, 5, 4, 4, 5, 5, 467,
          'Lovely guide, on time.', 'PRIVATE-old', 9, ${T('2026-11-12T09:00:00Z')});`);
    },
  });
  s.tick({ CONTRACTS_NOW: '2026-11-25T00:00:00Z' });
  browser = await launch();
  clara = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  felix = await (await browser.newContext({ viewport: PHONE })).newPage();
  for (const pg of [clara, felix]) { pg.setDefaultTimeout(10000); pg.setDefaultNavigationTimeout(15000); }
  await signIn(felix, s.base, 'freelancer@example.com', 'password-1');
  await noSideways(felix);
});

after(async () => {
  await browser?.close();
  await s?.stop();
  console.log(`flows: ${shots.length} screenshots; pages checked at 375 px: ${[...checked].sort().join(' ')}`);
});

const dashboardRow = (page, title) => item(page.locator('ul.contracts'), title);

test('Clara signs in (after a wrong password), finds the contract on her dashboard, ends it through the (...) menu, and sees what that did', async () => {
  const p = clara;
  await p.goto(`${s.base}/`);
  assert.equal(new URL(p.url()).pathname, '/login');
  await snap(p, 'login');
  await p.getByLabel('Email').fill('client@example.com');
  await p.getByLabel('Password').fill('password-2');
  assert.equal(await click(p, p.getByRole('button', { name: 'Sign in' })), 400);
  assert.match(await p.getByRole('alert').innerText(), /That email and password do not match an account/);
  assert.equal(await p.getByLabel('Email').inputValue(), 'client@example.com');
  assert.equal(await p.getByLabel('Password').getAttribute('aria-invalid'), 'true');
  await p.getByLabel('Password').fill('password-1');
  await click(p, p.getByRole('button', { name: 'Sign in' }));
  assert.equal(new URL(p.url()).pathname, '/contracts');
  assert.match(await flash(p), /Welcome back/);
  // "All" by default: the three active ones and Brand guide, ended.
  assert.equal(await p.locator('ul.contracts > li').count(), 4);
  // Search by the other side's name, then by title.
  await p.getByRole('searchbox', { name: 'Search by title or name' }).fill('Felix');
  await click(p, p.getByRole('button', { name: 'Search' }));
  assert.deepEqual((await p.locator('ul.contracts h2').allInnerTexts()).sort(), ['Brand guide', 'Logo redesign', 'Mobile app API']);
  await p.getByRole('searchbox', { name: 'Search by title or name' }).fill('mobile');
  await click(p, p.getByRole('button', { name: 'Search' }));
  assert.deepEqual(await p.locator('ul.contracts h2').allInnerTexts(), ['Mobile app API']);
  const row = dashboardRow(p, 'Mobile app API');
  assert.match(await row.innerText(), /This week\s+3\.5 hrs/);

  // The (...) menu is a <details>: closed, its links are hidden.
  const menu = row.getByLabel('Options for Mobile app API');
  const menuEnd = row.locator('details.menu').getByRole('link', { name: 'End contract' });
  assert.equal(await menuEnd.isVisible(), false);
  await menu.click();
  assert.equal(await row.locator('details.menu').getAttribute('open'), '');
  assert.deepEqual(await row.locator('details.menu').getByRole('link').allInnerTexts(), ['End contract']);
  await snap(p, 'dashboard-menu');
  await click(p, menuEnd);

  // The confirmation page: this contract's figures, dates, lock, refunds, tips.
  assert.equal(new URL(p.url()).pathname, `/contracts/${ids.hourly}/end`);
  const t = await seen(p);
  assert.match(t, /This week's hours will be billed: 3\.5 hours, \$140\.00, logged in the week of Mon, Nov 30, 2026/);
  assert.match(t, /invoiced on Mon, Dec 7, 2026, 12:00 UTC\. These hours can be disputed until Fri, Dec 11, 2026, 23:59 UTC/);
  assert.match(t, /The Work Diary locks at once/);
  assert.match(t, /Refunds stay possible for payments made in the past 180 days/);
  assert.match(t, /Talk to Felix Freelancer first/);
  assert.match(t, /Discuss the work/);
  assert.match(t, /Let Felix Freelancer check this week's Work Diary first/);
  const refundable = p.getByRole('table', { name: 'Payments that can still be refunded' });
  assert.match(await refundable.innerText(), /Mon, Nov 2, 2026\s+\$400\.00\s+\$400\.00\s+Sat, May 1, 2027/);
  await snap(p, 'end');

  // Without a reason the browser does not send the form.
  const reason = p.getByLabel('Reason for ending');
  await p.getByRole('button', { name: 'End contract' }).click();
  assert.equal(await reason.evaluate((e) => e.validity.valueMissing), true);
  assert.equal(new URL(p.url()).pathname, `/contracts/${ids.hourly}/end`);
  assert.equal(s.sql(`SELECT status FROM contracts WHERE id = ${ids.hourly}`)[0].status, 'active');

  await reason.selectOption({ label: 'The work is done' });
  await click(p, p.getByRole('button', { name: 'End contract' }));
  assert.equal(new URL(p.url()).pathname, `/contracts/${ids.hourly}/checklist`);
  assert.match(await flash(p), /The contract has ended\. Its Work Diary is locked; the other side has been told\./);
  assert.deepEqual(s.sql(`SELECT status, ended_at, ended_by, end_reason FROM contracts WHERE id = ${ids.hourly}`),
    [{ status: 'ended', ended_at: T(NOW), ended_by: ids.client, end_reason: 'The work is done' }]);
  assert.deepEqual(s.sql(`SELECT user_id, kind FROM notifications WHERE contract_id = ${ids.hourly}`),
    [{ user_id: ids.freelancer, kind: 'contract ended' }]);

  // The contract page: ended, why, the timeline, what comes next.
  await click(p, p.locator('p.crumbs').getByRole('link', { name: 'Mobile app API' }));
  const c = await seen(p);
  assert.match(c, /^All contracts Mobile app API ended ·/);
  assert.match(c, /Ended on Tue, Dec 1, 2026\. Reason: The work is done\./);
  assert.match(c, /Your checklist 0 of 3 done/);
  assert.match(c, /Your feedback Not left yet: give feedback until Wed, Dec 16, 2026, 00:00 UTC/);
  assert.match(c, /Timeline .*ended The work is done Clara Client/);
  assert.equal(await p.getByRole('link', { name: 'End contract' }).count(), 0);

  // The dashboard: gone from "Active", listed under "Ended" with its checklist.
  await click(p, p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All contracts' }));
  await click(p, p.getByRole('link', { name: 'Active', exact: true }));
  assert.deepEqual((await p.locator('ul.contracts h2').allInnerTexts()).sort(), ['Logo redesign', 'Support retainer']);
  await click(p, p.getByRole('link', { name: 'Ended', exact: true }));
  const ended = dashboardRow(p, 'Mobile app API');
  assert.match(await ended.innerText(), /Status\s+ended[\s\S]*Checklist\s+0 of 3 done/);
  await ended.getByLabel('Options for Mobile app API').click();
  assert.deepEqual(await ended.locator('details.menu').getByRole('link').allInnerTexts(), ['Give feedback']);

  // Felix, on his phone: told, and his Work Diary is locked.
  const f = felix;
  await click(f, f.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All contracts' }));
  assert.equal(await unread(f), 2);	// the end, and Brand guide's reveal
  await click(f, f.getByRole('link', { name: 'Ended', exact: true }));
  await click(f, dashboardRow(f, 'Mobile app API').getByRole('link', { name: 'Mobile app API' }));
  assert.match(await seen(f), /Ended on Tue, Dec 1, 2026\. Reason: The work is done\./);
  await click(f, f.getByRole('link', { name: 'Work Diary' }));
  const d = await seen(f);
  assert.match(d, /This contract has ended: its Work Diary is locked/);
  assert.match(d, /Logged 3\.5 hrs Billed 3\.5 hrs, \$140\.00/);
  assert.equal(await f.getByRole('button', { name: 'Add to the Work Diary' }).count(), 0);
  assert.equal(await f.getByRole('button', { name: /^Delete/ }).count(), 0);
  assert.equal(await f.getByText('Edit', { exact: true }).count(), 0);
  await snap(f, 'diary-locked');
});

test('checklists: Clara ticks, unticks and sends the reminder; Felix sees it and ticks his own', async () => {
  const p = clara;
  await click(p, dashboardRow(p, 'Mobile app API').getByRole('link', { name: '0 of 3 done' }));
  assert.match(await seen(p), /Your items as the client\./);
  const progress = async (pg) => (await pg.locator('p.progress strong').innerText()).trim();
  const list = p.locator('ol.checklist');
  const revoke = item(list, 'Revoke passwords and special access given to the freelancer');
  const confirm = item(list, 'Confirm all work and work-related materials and equipment are received');
  const remind = item(list, 'Remind the freelancer to remove your property');

  await click(p, revoke.getByRole('button', { name: 'Mark as done' }));
  assert.equal(await flash(p), 'Marked as done.');
  assert.equal(await progress(p), '1 of 3 done');
  assert.match(await revoke.innerText(), /Done Tue, Dec 1, 2026, 10:00 UTC by Clara Client/);
  await click(p, confirm.getByRole('button', { name: 'Mark as done' }));
  assert.equal(await progress(p), '2 of 3 done');
  await click(p, revoke.getByRole('button', { name: 'Mark as not done' }));
  assert.equal(await flash(p), 'Marked as not done.');
  assert.equal(await progress(p), '1 of 3 done');
  assert.match(await revoke.innerText(), /Not done/);

  await click(p, remind.getByRole('button', { name: 'Send reminder to Felix Freelancer' }));
  assert.equal(await flash(p), 'The reminder was sent to the freelancer and the item is ticked.');
  assert.equal(await progress(p), '2 of 3 done');
  assert.equal(await p.getByRole('button', { name: /^Send reminder/ }).count(), 0);
  assert.deepEqual(s.sql(`SELECT side, item, done_by, done_at FROM checklist_ticks WHERE contract_id = ${ids.hourly} ORDER BY item`),
    [{ side: 'client', item: 'remind-property', done_by: ids.client, done_at: T(NOW) },
      { side: 'client', item: 'work-received', done_by: ids.client, done_at: T(NOW) }]);
  assert.equal(s.sql(`SELECT count(*) AS n FROM notifications WHERE user_id = ${ids.freelancer} AND kind = 'property_reminder'`)[0].n, 1);
  await snap(p, 'checklist');

  // Felix: the reminder is in his header count and on his checklist.
  const f = felix;
  await click(f, f.getByRole('link', { name: 'Mobile app API' }).first());
  assert.equal(await unread(f), 3);
  await click(f, f.getByRole('link', { name: 'Checklist' }).first());
  let t = await seen(f);
  assert.match(t, /Your items as the freelancer side\./);
  assert.match(t, /The client reminded you on Tue, Dec 1, 2026, 10:00 UTC to remove their property/);
  assert.match(t, /Clara Client's own checklist: 2 of 3 done/);
  assert.doesNotMatch(t, /Revoke passwords/);
  const flist = f.locator('ol.checklist');
  await click(f, item(flist, 'Remove the client\'s property').getByRole('button', { name: 'Mark as done' }));
  await click(f, item(flist, 'Deliver all remaining work').getByRole('button', { name: 'Mark as done' }));
  assert.equal(await progress(f), '2 of 3 done');
  await snap(f, 'checklist-freelancer');
  await click(f, f.locator('p.crumbs').getByRole('link', { name: 'Mobile app API' }));
  assert.match(await seen(f), /Your checklist 2 of 3 done/);
  assert.equal(s.sql(`SELECT count(*) AS n FROM checklist_ticks WHERE contract_id = ${ids.hourly} AND side = 'freelancer' AND done_by = ${ids.freelancer}`)[0].n, 2);
});

// Clara's ratings, typed with the keyboard: category → stars.
const CLARA = { skills: 5, quality: 4, availability: 5, schedule: 4, communication: 5, cooperation: 3 };	// 26/6 = 4.33
const FELIX = { 'Clarity of requirements': 4, Communication: 5, 'Adherence to schedule': 3, Cooperation: 5, Availability: 4 };	// 4.2

test('feedback: Clara leaves hers with the keyboard only; hidden from Felix until he leaves his by clicking stars; then both revealed, and Felix responds', async () => {
  const p = clara;
  await click(p, p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All contracts' }));
  await click(p, p.getByRole('link', { name: 'Ended', exact: true }));
  const row = dashboardRow(p, 'Mobile app API');
  await row.getByLabel('Options for Mobile app API').click();
  await click(p, row.getByRole('link', { name: 'Give feedback' }));
  assert.match(await seen(p), /The feedback window is open until Wed, Dec 16, 2026, 00:00 UTC/);
  assert.equal(await p.getByRole('group').filter({ has: p.getByRole('radio') }).count(), 6);

  // From the top of the page, Tab to the first star of the first category.
  let f = await tabTo(p, (x) => x.type === 'radio');
  assert.deepEqual([f.name, f.value, f.checked], ['skills', '1', false]);
  const fields = Object.keys(CLARA);
  for (const [i, field] of fields.entries()) {
    if (i > 0) {
      await p.keyboard.press('Tab');	// into the next group: its first star
      f = await focused(p);
      assert.deepEqual([f.name, f.value], [field, '1'], `Tab leads to ${field}`);
    }
    await p.keyboard.press('Space');	// 1 star
    for (let n = 1; n < CLARA[field]; n++) await p.keyboard.press('ArrowRight');
    f = await focused(p);
    assert.deepEqual([f.name, f.value, f.checked], [field, String(CLARA[field]), true]);
  }
  await p.keyboard.press('Tab');
  assert.equal((await focused(p)).id, 'comment');
  await p.keyboard.type('Felix shipped a solid API. PUBLIC-clara');
  await p.keyboard.press('Tab');
  assert.equal((await focused(p)).id, 'private_reason');
  await p.keyboard.type('Project finished. PRIVATE-clara');
  await p.keyboard.press('Tab');
  assert.equal((await focused(p)).id, 'private_score');
  await p.keyboard.type('8');
  assert.equal(await p.getByLabel(/How likely are you to recommend Felix Freelancer/).inputValue(), '8');
  await p.keyboard.press('Tab');
  assert.equal((await focused(p)).text, 'Leave feedback');
  // What the keyboard chose is what the page shows as chosen.
  for (const [field, n] of Object.entries(CLARA)) {
    assert.equal(await p.locator(`fieldset#${field}`).getByRole('radio', { name: `${n} stars` }).isChecked(), true, field);
  }
  await follow(p, () => p.keyboard.press('Enter'));

  assert.match(await flash(p), /Your feedback is saved\. The other side sees it once they leave theirs/);
  assert.deepEqual(s.sql(`SELECT skills, quality, availability, schedule, communication, cooperation, overall, comment,
      private_reason, private_score, author_id, recipient_id FROM feedback WHERE contract_id = ${ids.hourly}`),
  [{ ...CLARA, overall: 433, comment: 'Felix shipped a solid API. PUBLIC-clara', private_reason: 'Project finished. PRIVATE-clara',
    private_score: 8, author_id: ids.client, recipient_id: ids.freelancer }]);
  let t = await seen(p);
  assert.match(t, /4\.33 out of 5 overall · left Tue, Dec 1, 2026/);
  assert.match(t, /Skills ★★★★★ 5 out of 5 Quality of work ★★★★☆ 4 out of 5 .*Cooperation ★★★☆☆ 3 out of 5/);
  assert.match(t, /Felix Freelancer has not left feedback yet/);
  assert.equal(await p.getByRole('button', { name: 'Leave feedback' }).count(), 0);

  // Felix: told that she left some, but not what.
  const fx = felix;
  await click(fx, fx.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All contracts' }));
  assert.equal(await unread(fx), 4);
  await click(fx, fx.getByRole('link', { name: 'Ended', exact: true }));
  assert.match(await dashboardRow(fx, 'Mobile app API').innerText(), /theirs left, yours not yet/);
  await click(fx, dashboardRow(fx, 'Mobile app API').getByRole('link', { name: 'Mobile app API' }));
  t = await seen(fx);
  assert.match(t, /Clara Client's feedback Left; you will see it once you leave yours, or when the window closes/);
  assert.doesNotMatch(t, /PUBLIC-clara|4\.33/);
  await click(fx, fx.locator('section.after').getByRole('link', { name: 'give feedback' }));
  t = await seen(fx);
  assert.match(t, /Clara Client left feedback\. You will see it once you leave yours/);
  assert.doesNotMatch(t, /PUBLIC-clara|PRIVATE-clara|4\.33/);

  // He clicks the stars (the labels: the radios themselves are hidden).
  for (const [legend, n] of Object.entries(FELIX)) {
    const group = fx.getByRole('group', { name: new RegExp(`^${legend}`) });
    await group.locator('label').filter({ hasText: `${n} star` }).click();
    assert.equal(await group.getByRole('radio', { name: `${n} stars` }).isChecked(), true, legend);
  }
  await fx.getByLabel(/^Public comment/).fill('Clear brief, quick answers. PUBLIC-felix');
  await fx.getByLabel(/^Reason for ending/).fill('PRIVATE-felix');
  await fx.getByLabel(/^How likely are you to recommend Clara Client/).selectOption('9');
  await snap(fx, 'feedback-form');
  await click(fx, fx.getByRole('button', { name: 'Leave feedback' }));
  assert.match(await flash(fx), /Both sides have left theirs, so each of you can now read the other's/);
  t = await seen(fx);
  assert.match(t, /Your feedback for Clara Client .*4\.20? out of 5 overall/);
  assert.match(t, /Clara Client's feedback for you .*4\.33 out of 5 overall .*Felix shipped a solid API\. PUBLIC-clara/);
  assert.doesNotMatch(t, /PRIVATE-clara/);
  assert.equal(s.sql(`SELECT overall FROM feedback WHERE contract_id = ${ids.hourly} AND side = 'freelancer'`)[0].overall, 420);

  // He responds once.
  const resp = fx.getByLabel(/^Your public response/);
  await resp.fill('Thank you, Clara! RESPONSE-felix');
  await click(fx, fx.getByRole('button', { name: 'Post response' }));
  assert.equal(await flash(fx), 'Your response is posted.');
  assert.match(await seen(fx), /Your response .*Thank you, Clara! RESPONSE-felix/);
  assert.equal(await fx.getByRole('button', { name: 'Post response' }).count(), 0);
  assert.equal(s.sql(`SELECT response FROM feedback WHERE contract_id = ${ids.hourly} AND side = 'client'`)[0].response,
    'Thank you, Clara! RESPONSE-felix');
  await snap(fx, 'feedback-revealed');

  // Clara sees his feedback and his response; never his private part.
  await click(p, p.locator('p.crumbs').getByRole('link', { name: 'Mobile app API' }));
  t = await seen(p);
  assert.match(t, /Felix Freelancer's feedback ★+☆* 4\.20? out of 5: “Clear brief, quick answers\. PUBLIC-felix”/);
  assert.doesNotMatch(t, /PRIVATE-felix/);
  await click(p, p.locator('section.after').getByRole('link', { name: 'Feedback' }));
  t = await seen(p);
  assert.match(t, /Felix Freelancer's response .*Thank you, Clara! RESPONSE-felix/);
  assert.match(t, /Felix Freelancer's feedback for you .*4\.20? out of 5 overall .*Clarity of requirements ★+☆* 4 out of 5/);
  assert.doesNotMatch(t, /PRIVATE-felix/);
  await snap(p, 'feedback');
  // Her public profile, through the header: Felix's 4.2.
  await click(p, p.locator('header .who').getByRole('link', { name: 'Clara Client' }));
  t = await seen(p);
  assert.match(t, /4\.20? out of 5 From 1 review/);
  assert.doesNotMatch(t, /PRIVATE-felix/);
  await snap(p, 'profile');
});

test('notifications: Felix reads them, newest first, follows the reveal of an older contract, and marks them read', async () => {
  const f = felix;
  assert.equal(await unread(f), 5);
  await click(f, f.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Notifications/ }));
  const notes = f.locator('ol.notes > li');
  assert.equal(await notes.count(), 5);
  const heads = (await notes.locator('p.note-head').allInnerTexts()).map((h) => h.replace(/\s+/g, ' '));
  assert.equal(heads.filter((h) => h.startsWith('new ')).length, 5);
  // The reveal at Brand guide's close comes first in time, then the end,
  // the reminder, Clara's feedback left, both revealed.
  const kinds = s.sql(`SELECT kind FROM notifications WHERE user_id = ${ids.freelancer} ORDER BY created_at DESC, id DESC`).map((n) => n.kind);
  assert.deepEqual(kinds.slice().sort(), ['contract ended', 'feedback_left', 'feedback_revealed', 'feedback_revealed', 'property_reminder']);
  const t = await seen(f);
  assert.match(t, /Clara Client ended the contract “Mobile app API”\. Reason: The work is done\./);
  assert.match(t, /Clara Client reminds you to remove their property/);
  assert.doesNotMatch(t, /PUBLIC-clara|PRIVATE/);
  await snap(f, 'notifications');

  // The Brand guide reveal: the window closed, so Clara's feedback shows.
  const reveal = notes.filter({ hasText: 'Brand guide' });
  assert.equal(await reveal.count(), 1);
  // It links to where the feedback is read.
  await click(f, reveal.getByRole('link', { name: 'Brand guide: go to feedback' }));
  assert.match(new URL(f.url()).pathname, /^\/contracts\/\d+\/feedback$/);
  const c = await seen(f);
  assert.match(c, /You did not leave feedback on this contract, and the window has closed/);
  assert.match(c, /Clara Client's feedback for you ★+☆* 4\.67 out of 5 overall/);
  assert.match(c, /Lovely guide, on time\./);
  assert.doesNotMatch(c, /PRIVATE-old/);

  // Mark all as read: the count goes, and so do the "new" badges.
  await click(f, f.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Notifications/ }));
  await click(f, f.getByRole('button', { name: 'Mark all as read' }));
  assert.equal(await flash(f), 'Notifications marked as read.');
  assert.equal(await unread(f), 0);
  assert.equal(await f.locator('ol.notes .badge.new').count(), 0);
  assert.equal(await f.getByRole('button', { name: 'Mark all as read' }).count(), 0);
  assert.deepEqual(s.sql(`SELECT count(*) AS n, count(read_at) AS r, min(read_at) AS at FROM notifications WHERE user_id = ${ids.freelancer}`),
    [{ n: 5, r: 5, at: T(NOW) }]);
  // Clara's stay unread: each their own (Brand guide's reveal, told to
  // her as its author too, Felix's feedback left, both revealed, his
  // response).
  assert.equal(s.sql(`SELECT count(*) AS n FROM notifications WHERE user_id = ${ids.client} AND read_at IS NULL`)[0].n, 4);
  assert.equal(await unread(clara), 4);
});

test('the (...) menu offers only what applies, and works with the keyboard', async () => {
  const p = clara;
  await click(p, p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All contracts' }));
  const options = async (page, title) => {
    const menu = dashboardRow(page, title).locator('details.menu');
    if (await menu.count() === 0) return [];
    await menu.getByLabel(`Options for ${title}`).click();
    return menu.getByRole('link').allInnerTexts();
  };
  // Clara: feedback left or window closed, and the client never refunds.
  assert.deepEqual(await options(p, 'Mobile app API'), []);
  assert.deepEqual(await options(p, 'Brand guide'), []);
  assert.deepEqual(await options(p, 'Logo redesign'), ['End contract']);
  // Felix: a payment of the past 180 days on Mobile app API; Brand
  // guide's window closed and it has no payment.
  const f = felix;
  await click(f, f.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All contracts' }));
  assert.deepEqual(await options(f, 'Mobile app API'), ['Give refund']);
  assert.deepEqual(await options(f, 'Brand guide'), []);

  // By keyboard: Tab to the (...) of Logo redesign, Enter opens it, Tab
  // to its first link, Enter follows it.
  await click(p, p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All contracts' }));
  await tabTo(p, (x) => x.tag === 'summary' && x.label === 'Options for Logo redesign');
  await p.keyboard.press('Enter');
  assert.equal(await dashboardRow(p, 'Logo redesign').locator('details.menu').getAttribute('open'), '');
  await p.keyboard.press('Tab');
  assert.deepEqual(await focused(p).then((x) => [x.tag, x.text, x.href]), ['a', 'End contract', `/contracts/${ids.fixed}/end`]);
  await follow(p, () => p.keyboard.press('Enter'));
  assert.equal(new URL(p.url()).pathname, `/contracts/${ids.fixed}/end`);
  await click(p, p.getByRole('link', { name: 'Keep the contract' }));
  assert.equal(new URL(p.url()).pathname, `/contracts/${ids.fixed}`);
  assert.equal(s.sql(`SELECT status FROM contracts WHERE id = ${ids.fixed}`)[0].status, 'active');
});

test('help: Clara votes yes, changes to no; Felix votes yes; the tally follows', async () => {
  const p = clara;
  await click(p, p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Help' }));
  const tally = async (pg) => (await pg.locator('section#helpful p.tally').innerText()).trim();
  assert.equal(await tally(p), 'No one has answered yet.');
  const helpful = p.getByRole('region', { name: 'Was this article helpful?' });
  await click(p, helpful.getByRole('button', { name: 'Yes' }));
  assert.equal(new URL(p.url()).hash, '#helpful');
  assert.equal(await tally(p), '1 out of 1 found this helpful.');
  assert.equal(await helpful.getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed'), 'true');
  assert.match(await helpful.innerText(), /You answered yes\. You can change your answer\./);
  await click(p, helpful.getByRole('button', { name: 'No' }));
  assert.equal(await tally(p), '0 out of 1 found this helpful.');
  assert.equal(await helpful.getByRole('button', { name: 'No' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await helpful.getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed'), null);
  assert.match(await helpful.innerText(), /You answered no/);
  assert.deepEqual(s.sql('SELECT user_id, helpful FROM help_votes'), [{ user_id: ids.client, helpful: 0 }]);
  await snap(p, 'help');

  const f = felix;
  await click(f, f.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Help' }));
  await click(f, f.getByRole('region', { name: 'Was this article helpful?' }).getByRole('button', { name: 'Yes' }));
  assert.equal(await tally(f), '1 out of 2 found this helpful.');
  assert.deepEqual(s.sql('SELECT user_id, helpful FROM help_votes ORDER BY user_id'),
    [{ user_id: ids.client, helpful: 0 }, { user_id: ids.freelancer, helpful: 1 }]);

  // And signs out.
  await click(f, f.getByRole('button', { name: 'Sign out' }));
  assert.equal(await flash(f), 'You are signed out.');
  assert.equal(new URL(f.url()).pathname, '/login');
  await click(f, f.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Help' }));
  assert.equal(await tally(f), '1 out of 2 found this helpful.');
  const region = f.getByRole('region', { name: 'Was this article helpful?' });
  assert.match(await region.innerText(), /Sign in to answer/);
  assert.equal(await f.getByRole('button', { name: 'Yes' }).count(), 0);
  // "Sign in" there brings him back to the article, his vote kept.
  await click(f, region.getByRole('link', { name: 'Sign in' }));
  await f.getByLabel('Email').fill('freelancer@example.com');
  await f.getByLabel('Password').fill('password-1');
  await click(f, f.getByRole('button', { name: 'Sign in' }));
  assert.equal(new URL(f.url()).pathname, '/help/ending-a-contract');
  assert.equal(await region.getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed'), 'true');
  assert.match(await region.innerText(), /You answered yes/);
});
