// The Work Diary through the real stack, at the Monday boundary: with the
// clock at Monday 2026-11-30 11:59:59 UTC the week just ended can still be
// changed; at 12:00:00 it is closed (409).  Totals per day and week, the
// weekly limit, the freelancer side only (403 for the client, agency
// admins allowed), field validation (400), and the lock once the contract
// has ended (409), each refusal leaving the database as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText, unix } from './lib.mjs';

let a, b, ida, idb; // a: Monday 11:59:59, b: Monday 12:00:00

function setup(ids, st) {
  const h = String(ids.hourly);
  // Last week (Nov 23..29): 11 hours against a 10-hour limit.
  ids.e1 = st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-23', '--minutes', '300', '--memo', 'Endpoints');
  ids.e2 = st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-23', '--minutes', '60', '--memo', 'Review');
  ids.e3 = st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-27', '--minutes', '300', '--memo', 'Tests');
  ids.e4 = st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-16', '--minutes', '45', '--memo', 'Kickoff');
  ids.ended = st.ctl('contract', 'add', '--title', 'Ended one', '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--hourly', '30.00', '--started', '2026-11-01');
  ids.e5 = st.ctl('diary', 'add', '--contract', String(ids.ended), '--date', '2026-11-30', '--minutes', '30');
  st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${unix('2026-11-30 08:00:00')}, ended_by = client_id, end_reason = 'The work is done' WHERE id = ${ids.ended}`);
  // Started mid-week, in the afternoon, in the week that is still open on
  // Monday morning; and one whose start is still ahead.
  ids.late = st.ctl('contract', 'add', '--title', 'Late start', '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--hourly', '30.00', '--started', '2026-11-25T15:00:00Z');
  ids.ahead = st.ctl('contract', 'add', '--title', 'Starts in December', '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--hourly', '30.00', '--started', '2026-12-20');
}

before(async () => {
  [a, b] = await Promise.all([
    startStack({ now: '2026-11-30T11:59:59Z', setup(st) { ida = cast(st); setup(ida, st); } }),
    startStack({ now: '2026-11-30T12:00:00Z', setup(st) { idb = cast(st); setup(idb, st); } }),
  ]);
});
after(async () => { await Promise.all([a.stop(), b.stop()]); });

async function as(s, email) {
  const c = new Client(s);
  await c.login(email);
  return c;
}

test('a week shows its entries, totals per day and week, the limit and what is over it', async () => {
  const c = await as(a, 'client@example.com');
  const r = await c.get(`/contracts/${ida.hourly}/diary?week=2026-11-25`);
  assert.equal(r.status, 200);
  const t = mainText(r.text);
  assert.match(t, /Mon, Nov 23, 2026 – Sun, Nov 29, 2026/);
  assert.match(t, /Logged 11 hrs Billed 10 hrs, \$400\.00 Weekly limit 10 hrs/);
  assert.match(t, /Over the weekly limit, not billed: 1 hr\./);
  assert.match(t, /Mon, Nov 23, 2026 6 hrs 5 hrs \(300 min\) Endpoints 1 hr \(60 min\) Review/);
  assert.match(t, /Tue, Nov 24, 2026 0 hrs No hours logged/);
  assert.match(t, /Fri, Nov 27, 2026 5 hrs 5 hrs \(300 min\) Tests/);
  // Navigation both ways, and the client reads without forms.
  assert.match(r.text, /href="\/contracts\/\d+\/diary\?week=2026-11-16"/);
  assert.match(r.text, /href="\/contracts\/\d+\/diary\?week=2026-11-30"/);
  assert.doesNotMatch(r.text, /action="\/contracts\/\d+\/diary/);
  assert.match(t, /Only the freelancer side logs hours/);
  // The current week by default; no link past it.
  const cur = await c.get(`/contracts/${ida.hourly}/diary`);
  assert.match(mainText(cur.text), /Mon, Nov 30, 2026 – Sun, Dec 6, 2026/);
  assert.doesNotMatch(cur.text, /rel="next"/);
  assert.equal((await c.get(`/contracts/${ida.hourly}/diary?week=2026-13-01`)).status, 400);
  // Monday morning, the confirmation page speaks of last week too.
  const end = mainText((await c.get(`/contracts/${ida.hourly}/end`)).text);
  assert.match(end, /No hours are logged this week \(the week of Mon, Nov 30, 2026\)/);
  assert.match(end, /Last week's invoice, 10 hrs \(\$400\.00\), is issued on Mon, Nov 30, 2026, 12:00 UTC and can still be disputed until Fri, Dec 4, 2026/);
  // Invoiced at noon, it stays open until its review closes.
  assert.match(mainText((await (await as(b, 'client@example.com')).get(`/contracts/${idb.hourly}/end`)).text),
    /Last week's invoice, 10 hrs \(\$400\.00\), was issued on Mon, Nov 30, 2026, 12:00 UTC and can still be disputed until Fri, Dec 4, 2026/);
  assert.match(mainText((await c.get(`/contracts/${ida.hourly}/diary?week=yesterday`)).text), /Week: use a date like/);
});

test('Monday 11:59:59: the freelancer adds, edits and deletes last week\'s entries', async () => {
  const f = await as(a, 'freelancer@example.com');
  const page = await f.get(`/contracts/${ida.hourly}/diary?week=2026-11-23`);
  assert.match(page.text, /<select id="add-date" name="date"><option value="2026-11-23">/);
  assert.match(page.text, new RegExp(`action="/contracts/${ida.hourly}/diary/${ida.e1}/delete"`));
  let r = await f.post(`/contracts/${ida.hourly}/diary`, { date: '2026-11-29', minutes: '45', memo: 'Sunday fix' });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/contracts/${ida.hourly}/diary?week=2026-11-29`);
  const [row] = a.sql(`SELECT id, day, minutes, memo FROM diary_entries WHERE memo = 'Sunday fix'`);
  assert.deepEqual({ ...row, id: 0 }, { id: 0, day: Date.parse('2026-11-29') / 1000, minutes: 45, memo: 'Sunday fix' });
  r = await f.post(`/contracts/${ida.hourly}/diary/${row.id}`, { date: '2026-11-28', minutes: '50', memo: 'Saturday fix' });
  assert.equal(r.status, 303);
  assert.deepEqual(a.sql(`SELECT day, minutes, memo FROM diary_entries WHERE id = ${row.id}`),
    [{ day: Date.parse('2026-11-28') / 1000, minutes: 50, memo: 'Saturday fix' }]);
  r = await f.get(r.location);
  assert.match(mainText(r.text), /The Work Diary entry was saved/);
  r = await f.post(`/contracts/${ida.hourly}/diary/${row.id}/delete`, {});
  assert.equal(r.status, 303);
  assert.equal(a.sql(`SELECT count(*) AS n FROM diary_entries WHERE id = ${row.id}`)[0].n, 0);
  // This week (today) too.
  r = await f.post(`/contracts/${ida.hourly}/diary`, { date: '2026-11-30', minutes: '1440' });
  assert.equal(r.status, 303);
});

test('Monday 12:00:00: last week is closed (409) and unchanged; this week is open', async () => {
  const f = await as(b, 'freelancer@example.com');
  const page = await f.get(`/contracts/${idb.hourly}/diary?week=2026-11-23`);
  assert.doesNotMatch(page.text, /action="\/contracts\/\d+\/diary/);
  assert.match(mainText(page.text), /This week is closed: it could be changed until Mon, Nov 30, 2026, 11:59 UTC/);
  const before = b.snapshot();
  for (const [path, f2] of [[`/contracts/${idb.hourly}/diary`, { date: '2026-11-29', minutes: '30' }],
    [`/contracts/${idb.hourly}/diary/${idb.e1}`, { date: '2026-11-23', minutes: '30' }],
    [`/contracts/${idb.hourly}/diary/${idb.e1}/delete`, {}],
    [`/contracts/${idb.hourly}/diary`, { date: '2026-11-16', minutes: '30' }]]) {
    const r = await f.post(path, f2);
    assert.equal(r.status, 409, path);
    assert.match(mainText(r.text), /The week of Mon, Nov (23|16), 2026 is closed/);
  }
  // Moving this week's entry into last week is refused too.
  const r = await f.post(`/contracts/${idb.hourly}/diary`, { date: '2026-11-30', minutes: '30' });
  assert.equal(r.status, 303);
  const id = b.sql(`SELECT id FROM diary_entries WHERE contract_id = ${idb.hourly} AND day = ${unix('2026-11-30')}`)[0].id;
  const mid = b.snapshot();
  assert.equal((await f.post(`/contracts/${idb.hourly}/diary/${id}`, { date: '2026-11-29', minutes: '30' })).status, 409);
  assert.deepEqual(b.snapshot(), mid);
  assert.deepEqual(before.diary_entries, mid.diary_entries.filter((e) => e.id !== id));
});

// The hidden fields of the Undo form on a diary page, unescaped.
function undoFields(html) {
  const m = html.match(/<form method="post" action="\/contracts\/\d+\/diary" class="note undo"[\s\S]*?<\/form>/);
  if (!m) return null;
  const un = (v) => v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const f = {};
  for (const [, k, v] of m[0].matchAll(/type="hidden" name="(date|minutes|memo)" value="([^"]*)"/g)) f[k] = un(v);
  return f;
}

test('a deleted entry comes back with Undo while the week is open; after Monday 12:00 the Undo is refused and changes nothing', async () => {
  const f = await as(a, 'freelancer@example.com');
  await f.get(`/contracts/${ida.hourly}/diary?week=2026-11-26`);
  const memo = 'Undo <me> & "you"';
  assert.equal((await f.post(`/contracts/${ida.hourly}/diary`, { date: '2026-11-26', minutes: '75', memo })).status, 303);
  const [{ id }] = a.sql("SELECT id FROM diary_entries WHERE memo LIKE 'Undo <me>%'");
  let r = await f.post(`/contracts/${ida.hourly}/diary/${id}/delete`, {});
  assert.equal(r.status, 303);
  assert.match(r.location, new RegExp(`^/contracts/${ida.hourly}/diary\\?week=2026-11-26&deleted=\\d+$`));
  assert.equal(a.sql(`SELECT count(*) AS n FROM diary_entries WHERE id = ${id}`)[0].n, 0);
  const page = await f.get(r.location);
  assert.match(mainText(page.text), /Entry deleted \(Thu, Nov 26, 2026, 75 min, Undo <me> & "you"\) — Undo/);
  const fields = undoFields(page.text);
  assert.deepEqual(fields, { date: '2026-11-26', minutes: '75', memo });
  // Shown once: a reload, or the link without the delete's flash, has no Undo.
  assert.equal(undoFields((await f.get(r.location)).text), null);
  assert.equal(undoFields((await (await as(a, 'freelancer@example.com')).get(r.location)).text), null);

  // The same Undo after the week closed (Monday 12:00): the add's 409,
  // nothing changes.
  const late = await as(b, 'freelancer@example.com');
  await late.get(`/contracts/${idb.hourly}/diary`);
  const before = b.snapshot();
  r = await late.post(`/contracts/${idb.hourly}/diary`, fields);
  assert.equal(r.status, 409);
  assert.match(mainText(r.text), /The week of Mon, Nov 23, 2026 is closed/);
  assert.deepEqual(b.snapshot(), before);

  // While open, the Undo restores the entry as it was.
  r = await f.post(`/contracts/${ida.hourly}/diary`, fields);
  assert.equal(r.status, 303);
  assert.deepEqual(a.sql(`SELECT day, minutes, memo FROM diary_entries WHERE contract_id = ${ida.hourly} AND memo = '${memo.replace(/'/g, "''")}'`),
    [{ day: Date.parse('2026-11-26') / 1000, minutes: 75, memo }]);
  assert.match(mainText((await f.get(r.location)).text), /The hours were added to the Work Diary/);
  // Tidy: the entry goes again, so the other tests see last week as set up.
  const [{ id: back }] = a.sql("SELECT id FROM diary_entries WHERE memo LIKE 'Undo <me>%'");
  assert.equal((await f.post(`/contracts/${ida.hourly}/diary/${back}/delete`, {})).status, 303);
});

test('bad fields are refused with 400 naming the field, and change nothing', async () => {
  const f = await as(a, 'freelancer@example.com');
  await f.get(`/contracts/${ida.hourly}/diary`);
  a.sql(`INSERT INTO diary_entries (contract_id, day, week, minutes, memo, created_at, updated_at) VALUES (${ida.hourly}, ${unix('2026-11-24')}, ${unix('2026-11-23')}, 1400, 'long day', 0, 0)`);
  const before = a.snapshot();
  for (const [fields, re] of [
    [{ date: '2026-12-01', minutes: '30' }, /Date: hours can't be logged for a day after today/],
    [{ date: '30/11/2026', minutes: '30' }, /Date: use a date like/],
    [{ minutes: '30' }, /Date:/],
    [{ date: '2026-11-30', minutes: '0' }, /Minutes: enter a whole number of minutes from 1 to 1440/],
    [{ date: '2026-11-30', minutes: '1441' }, /Minutes:/],
    [{ date: '2026-11-30', minutes: '1.5' }, /Minutes:/],
    [{ date: '2026-11-30', minutes: '-5' }, /Minutes:/],
    [{ date: '2026-11-30' }, /Minutes:/],
    [{ date: '2026-11-30', minutes: '30', memo: 'x'.repeat(1001) }, /Memo: use at most 1000 characters/],
    [{ date: '2026-11-24', minutes: '41' }, /Minutes: Tue, Nov 24, 2026 already has 23\.33 hours logged.*at most 40 minutes more/],
  ]) {
    const r = await f.post(`/contracts/${ida.hourly}/diary`, fields);
    assert.equal(r.status, 400, JSON.stringify(fields));
    assert.match(mainText(r.text), re);
  }
  assert.equal((await f.post(`/contracts/${ida.hourly}/diary/99999`, { date: '2026-11-30', minutes: '5' })).status, 404);
  assert.equal((await f.post(`/contracts/${ida.hourly}/diary/${ida.e5}/delete`, {})).status, 404); // another contract's entry
  assert.deepEqual(a.snapshot(), before);
  assert.equal((await f.post(`/contracts/${ida.hourly}/diary`, { date: '2026-11-24', minutes: '40' })).status, 303);
});

test('no hours before the contract started: 400 naming the start, nothing changes; the start day itself is open', async () => {
  const f = await as(a, 'freelancer@example.com');
  const page = await f.get(`/contracts/${ida.late}/diary?week=2026-11-23`);
  assert.match(page.text, /<select id="add-date" name="date"><option value="2026-11-25">/, 'the form offers the start day first');
  assert.doesNotMatch(page.text, /value="2026-11-2[34]"/);
  const ahead = await f.get(`/contracts/${ida.ahead}/diary`);
  assert.doesNotMatch(ahead.text, /action="\/contracts\/\d+\/diary"/, 'no form before the start');
  const before = a.snapshot();
  for (const [id, date] of [[ida.late, '2026-11-24'], [ida.late, '2026-11-23'], [ida.ahead, '2026-11-30'], [ida.ahead, '2026-11-23']]) {
    const r = await f.post(`/contracts/${id}/diary`, { date, minutes: '600', memo: 'before the start' });
    assert.equal(r.status, 400, `${id} ${date}`);
    assert.match(mainText(r.text), /Date: hours can't be logged for a day before the contract started \((Wed, Nov 25|Sun, Dec 20), 2026\)/);
  }
  assert.deepEqual(a.snapshot(), before);
  // The start day (it began at 15:00) and the next are fine.
  let r = await f.post(`/contracts/${ida.late}/diary`, { date: '2026-11-25', minutes: '60', memo: 'first day' });
  assert.equal(r.status, 303);
  const [{ id }] = a.sql(`SELECT id FROM diary_entries WHERE contract_id = ${ida.late}`);
  // Moving it before the start is refused the same way.
  const mid = a.snapshot();
  r = await f.post(`/contracts/${ida.late}/diary/${id}`, { date: '2026-11-24', minutes: '60' });
  assert.equal(r.status, 400);
  assert.match(mainText(r.text), /before the contract started/);
  assert.deepEqual(a.snapshot(), mid);
  assert.equal((await f.post(`/contracts/${ida.late}/diary/${id}`, { date: '2026-11-26', minutes: '60' })).status, 303);
  assert.deepEqual(a.sql(`SELECT day FROM diary_entries WHERE id = ${id}`), [{ day: Date.parse('2026-11-26') / 1000 }]);
});

test('the client may not change the diary (403); on an agency\'s contract the freelancer of record logs, not the admins', async () => {
  const c = await as(a, 'client@example.com');
  await c.get(`/contracts/${ida.hourly}/diary`);
  const before = a.snapshot();
  for (const [p, f] of [['/diary', { date: '2026-11-30', minutes: '30' }], [`/diary/${ida.e1}`, { date: '2026-11-23', minutes: '30' }],
    [`/diary/${ida.e1}/delete`, {}]]) {
    const r = await c.post(`/contracts/${ida.hourly}${p}`, f);
    assert.equal(r.status, 403, p);
    assert.match(mainText(r.text), /Only the freelancer side logs hours/);
  }
  assert.deepEqual(a.snapshot(), before);
  // The agency's owner and admin read the member's diary but log nothing.
  for (const email of ['admin@example.com', 'owner@example.com']) {
    const adm = await as(a, email);
    const page = await adm.get(`/contracts/${ida.agencyContract}/diary`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /Log hours/);
    const r = await adm.post(`/contracts/${ida.agencyContract}/diary`, { date: '2026-11-30', minutes: '25', memo: 'Triage' });
    assert.equal(r.status, 403, email);
    assert.match(mainText(r.text), /the freelancer of record, Mia Member, logs the hours/);
  }
  assert.deepEqual(a.snapshot(), before);
  const m = await as(a, 'member@example.com');
  assert.match((await m.get(`/contracts/${ida.agencyContract}/diary`)).text, /Log hours/);
  const r = await m.post(`/contracts/${ida.agencyContract}/diary`, { date: '2026-11-30', minutes: '25', memo: 'Triage' });
  assert.equal(r.status, 303);
  assert.equal(a.sql(`SELECT count(*) AS n FROM diary_entries WHERE contract_id = ${ida.agencyContract}`)[0].n, 1);
});

test('once the contract has ended the diary is locked: add, edit and delete are 409 and change nothing', async () => {
  const f = await as(a, 'freelancer@example.com');
  const page = await f.get(`/contracts/${ida.ended}/diary`);
  assert.match(mainText(page.text), /This contract has ended: its Work Diary is locked/);
  assert.doesNotMatch(page.text, /action="\/contracts\/\d+\/diary/);
  const before = a.snapshot();
  for (const [p, fields] of [['/diary', { date: '2026-11-30', minutes: '30' }], [`/diary/${ida.e5}`, { date: '2026-11-30', minutes: '10' }],
    [`/diary/${ida.e5}/delete`, {}], ['/diary', { date: 'junk', minutes: 'junk' }]]) {
    const r = await f.post(`/contracts/${ida.ended}${p}`, fields);
    assert.equal(r.status, 409, p);
    assert.match(mainText(r.text), /This contract has ended: its Work Diary is locked/);
  }
  assert.deepEqual(a.snapshot(), before);
});

test('ending through the app locks the diary at once', async () => {
  const f = await as(b, 'freelancer@example.com');
  await f.get(`/contracts/${idb.agencyContract}/end`);
  const m = await as(b, 'member@example.com');
  await m.get(`/contracts/${idb.agencyContract}/diary`);
  assert.equal((await m.post(`/contracts/${idb.agencyContract}/diary`, { date: '2026-11-30', minutes: '30' })).status, 303);
  const o = await as(b, 'owner@example.com');
  await o.get(`/contracts/${idb.agencyContract}/end`);
  assert.equal((await o.post(`/contracts/${idb.agencyContract}/end`, { reason: 'done' })).status, 303);
  const r = await m.post(`/contracts/${idb.agencyContract}/diary`, { date: '2026-11-30', minutes: '30' });
  assert.equal(r.status, 409);
  assert.equal(b.sql(`SELECT count(*) AS n FROM diary_entries WHERE contract_id = ${idb.agencyContract}`)[0].n, 1);
});

test('a fixed-price contract has no Work Diary', async () => {
  const f = await as(a, 'freelancer@example.com');
  const r = await f.get(`/contracts/${ida.fixed}/diary`);
  assert.equal(r.status, 200);
  assert.match(mainText(r.text), /fixed-price contract: it is paid by milestone and has no Work Diary/);
  assert.equal((await f.post(`/contracts/${ida.fixed}/diary`, { date: '2026-11-30', minutes: '30' })).status, 409);
});
