// Weekly billing and disputes through the real stack, at each boundary:
// the week of Mon 2026-11-23 is invoiced Monday 11-30 at 12:00 UTC (11:59:59
// pending, 12:00:00 in review), disputable through Friday 12-04 23:59:59
// (Saturday 00:00:00 is refused with the date it closed), paid out
// Wednesday 12-09.  Invoices exist from the clock alone.  The client
// disputes, the freelancer side answers within 3 days: accept refunds at
// once, decline escalates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText } from './lib.mjs';

const T = (s) => Date.parse(s) / 1000;
const st = {};	// stacks by name
const ids = {};

function setup(name) {
  return (s) => {
    const i = ids[name] = cast(s);
    const h = String(i.hourly);
    const add = (c, date, minutes) => s.ctl('diary', 'add', '--contract', String(c), '--date', date, '--minutes', String(minutes));
    add(h, '2026-11-09', 60);		// paid by now
    add(h, '2026-11-16', 240);		// cleared
    add(h, '2026-11-23', 360);
    add(h, '2026-11-27', 300);		// 11 h, limit 10: 10 billed
    add(h, '2026-11-30', 30);		// this week
    if (name !== 'noon') return;
    // An invoice with two disputes opened 3 days ago and 3 days less a second.
    i.window = s.ctl('contract', 'add', '--title', 'Answer window', '--client', 'client@example.com',
      '--freelancer', 'freelancer@example.com', '--hourly', '30.00', '--started', '2026-11-01');
    add(i.window, '2026-11-16', 120);
    const now = T('2026-11-30T12:00:00Z');
    s.sql(`INSERT INTO invoices (id, contract_id, week, minutes, amount) VALUES (50, ${i.window}, ${T('2026-11-16')}, 120, 6000);
      INSERT INTO disputes (id, invoice_id, contract_id, minutes, amount, reason, opened_by, opened_at)
        VALUES (70, 50, ${i.window}, 30, 1500, 'Too slow', ${i.client}, ${now - 3 * 86400}),
               (71, 50, ${i.window}, 30, 1500, 'Not done', ${i.client}, ${now - 3 * 86400 + 1});`);
  };
}

before(async () => {
  const when = { early: '2026-11-30T11:59:59Z', noon: '2026-11-30T12:00:00Z', fri: '2026-12-04T23:59:59Z', sat: '2026-12-05T00:00:00Z' };
  await Promise.all(Object.entries(when).map(async ([name, now]) => { st[name] = await startStack({ now, setup: setup(name) }); }));
});
after(async () => { await Promise.all(Object.values(st).map((s) => s.stop())); });

async function as(s, email) {
  const c = new Client(s);
  await c.login(email);
  return c;
}

const invoice = (text, week) => {
  const m = mainText(text).match(new RegExp(`Week of ${week}.*?Funds available \\w{3}, \\w{3} \\d+, \\d{4}`));
  assert.ok(m, `no invoice for ${week}`);
  return m[0];
};

test('invoices follow from the clock: in progress, pending, in review, cleared, paid, with their dates', async () => {
  let c = await as(st.early, 'client@example.com');
  let r = await c.get(`/contracts/${ids.early.hourly}/billing`);
  assert.equal(r.status, 200);
  assert.match(invoice(r.text, 'Mon, Nov 30, 2026'), /in progress/);
  let w = invoice(r.text, 'Mon, Nov 23, 2026');
  assert.match(w, /pending Hours logged 11 hrs Hours billed 10 hrs \(over the weekly limit: not billed\) Amount \$400\.00/);
  assert.match(w, /To be invoiced Mon, Nov 30, 2026, 12:00 UTC Review until Fri, Dec 4, 2026, 23:59 UTC Funds available Wed, Dec 9, 2026/);
  assert.doesNotMatch(r.text, /name="invoice"/);
  assert.equal(st.early.sql('SELECT count(*) AS n FROM invoices')[0].n, 0);

  c = await as(st.noon, 'client@example.com');
  r = await c.get(`/contracts/${ids.noon.hourly}/billing`);
  assert.match(invoice(r.text, 'Mon, Nov 23, 2026'), /in review .* Invoiced Mon, Nov 30, 2026, 12:00 UTC/);
  assert.match(invoice(r.text, 'Mon, Nov 16, 2026'), /cleared Hours logged 4 hrs Hours billed 4 hrs Amount \$160\.00/);
  assert.match(invoice(r.text, 'Mon, Nov 9, 2026'), /paid/);
  assert.match(r.text, /name="invoice" value="2026-11-23"/);
  assert.doesNotMatch(r.text, /name="invoice" value="2026-11-16"/);
  const f = await as(st.noon, 'freelancer@example.com');
  const fr = await f.get(`/contracts/${ids.noon.hourly}/billing`);
  assert.doesNotMatch(fr.text, /name="invoice"/);
  c = await as(st.sat, 'client@example.com');
  r = await c.get(`/contracts/${ids.sat.hourly}/billing`);
  assert.match(invoice(r.text, 'Mon, Nov 23, 2026'), /cleared/);
});

test('a dispute before the invoice, or after Friday 23:59:59, is 409 with the dates; at 23:59:59 it is accepted', async () => {
  let c = await as(st.early, 'client@example.com');
  await c.get(`/contracts/${ids.early.hourly}/billing`);
  let before = st.early.snapshot();
  let r = await c.post(`/contracts/${ids.early.hourly}/disputes`, { invoice: '2026-11-23', minutes: '60', reason: 'Too many hours' });
  assert.equal(r.status, 409);
  assert.match(mainText(r.text), /not invoiced yet\. It will be on Mon, Nov 30, 2026, 12:00 UTC, and can be disputed from then until Fri, Dec 4, 2026/);
  assert.deepEqual(st.early.snapshot(), before);

  c = await as(st.sat, 'client@example.com');
  await c.get(`/contracts/${ids.sat.hourly}/billing`);
  before = st.sat.snapshot();
  r = await c.post(`/contracts/${ids.sat.hourly}/disputes`, { invoice: '2026-11-23', minutes: '60', reason: 'Too many hours' });
  assert.equal(r.status, 409);
  assert.match(mainText(r.text), /The review period for this invoice closed on Fri, Dec 4, 2026, 23:59 UTC\./);
  assert.deepEqual(st.sat.snapshot(), before);

  c = await as(st.fri, 'client@example.com');
  await c.get(`/contracts/${ids.fri.hourly}/billing`);
  r = await c.post(`/contracts/${ids.fri.hourly}/disputes`, { invoice: '2026-11-25', minutes: '60', reason: 'Too many hours' });
  assert.equal(r.status, 303);
  assert.equal(st.fri.sql('SELECT count(*) AS n FROM disputes')[0].n, 1);
});

test('disputes are the client\'s (403 for the freelancer side) and bad fields are 400; nothing changes', async () => {
  const s = st.noon, id = ids.noon.hourly;
  const f = await as(s, 'freelancer@example.com');
  await f.get(`/contracts/${id}/billing`);
  const c = await as(s, 'client@example.com');
  await c.get(`/contracts/${id}/billing`);
  const before = s.snapshot();
  let r = await f.post(`/contracts/${id}/disputes`, { invoice: '2026-11-23', minutes: '60', reason: 'x' });
  assert.equal(r.status, 403);
  assert.match(mainText(r.text), /Only the client disputes hours/);
  for (const [fields, re] of [
    [{ invoice: 'last week', minutes: '60', reason: 'x' }, /Invoice:/],
    [{ invoice: '999', minutes: '60', reason: 'x' }, /Invoice:/],
    [{ invoice: '2026-11-23', minutes: '0', reason: 'x' }, /Minutes you dispute:/],
    [{ invoice: '2026-11-23', minutes: '1.5', reason: 'x' }, /Minutes you dispute:/],
    [{ invoice: '2026-11-23', minutes: '60', reason: ' ' }, /Reason: this field is required/],
    [{ invoice: '2026-11-23', minutes: '60' }, /Reason:/],
    [{ invoice: '2026-11-23', minutes: '601', reason: 'x' }, /Minutes you dispute: at most 600 minutes \(10 hours\) of this invoice can be disputed/],
  ]) {
    r = await c.post(`/contracts/${id}/disputes`, fields);
    assert.equal(r.status, 400, JSON.stringify(fields));
    assert.match(mainText(r.text), re);
  }
  r = await c.post(`/contracts/${id}/disputes`, { invoice: '2026-11-16', minutes: '60', reason: 'Late' });
  assert.equal(r.status, 409);
  assert.match(mainText(r.text), /closed on Fri, Nov 27, 2026/);
  r = await c.post(`/contracts/${id}/disputes`, { invoice: '2026-11-30', minutes: '10', reason: 'Early' });
  assert.equal(r.status, 409);
  assert.deepEqual(s.snapshot(), before);
});

test('the client disputes; the freelancer accepts (refunded at once) or declines (escalated), once', async () => {
  const s = st.noon, id = ids.noon.hourly;
  const c = await as(s, 'client@example.com');
  await c.get(`/contracts/${id}/billing`);
  let r = await c.post(`/contracts/${id}/disputes`, { invoice: '2026-11-23', minutes: '90', reason: 'The review took 30 minutes, not 2 hours' });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/contracts/${id}/billing`);
  const [inv] = s.sql(`SELECT id, week, minutes, amount, refunded FROM invoices WHERE contract_id = ${id}`);
  assert.deepEqual({ ...inv, id: 0 }, { id: 0, week: T('2026-11-23'), minutes: 600, amount: 40000, refunded: 0 });
  const [d] = s.sql(`SELECT id, invoice_id, minutes, amount, status, opened_by FROM disputes WHERE contract_id = ${id}`);
  assert.deepEqual({ ...d, id: 0 }, { id: 0, invoice_id: inv.id, minutes: 90, amount: 6000, status: 'open', opened_by: ids.noon.client });
  const [n] = s.sql(`SELECT user_id, body FROM notifications WHERE kind = 'dispute opened'`);
  assert.equal(n.user_id, ids.noon.freelancer);
  assert.match(n.body, /Clara Client disputes 1\.5 hours \(\$60\.00\) of the invoice for the week of Mon, Nov 23, 2026 .* by Thu, Dec 3, 2026, 12:00 UTC/);
  r = await c.get(r.location);
  assert.match(invoice(r.text, 'Mon, Nov 23, 2026'), /disputed/);
  assert.match(mainText(r.text), /1\.5 hours \(\$60\.00\) of the week of Mon, Nov 23, 2026 .* Status: waiting for the freelancer, answer due by Thu, Dec 3, 2026, 12:00 UTC/);
  // One open dispute per invoice; answering is the freelancer's.
  let before = s.snapshot();
  assert.equal((await c.post(`/contracts/${id}/disputes`, { invoice: String(inv.id), minutes: '10', reason: 'More' })).status, 409);
  assert.equal((await c.post(`/disputes/${d.id}`, { decision: 'accept', confirm: '1' })).status, 403);
  const x = await as(s, 'stranger@example.com');
  assert.equal((await x.post(`/disputes/${d.id}`, { decision: 'accept', confirm: '1' })).status, 404);
  assert.equal((await x.post('/disputes/999', { decision: 'accept', confirm: '1' })).status, 404);
  const f = await as(s, 'freelancer@example.com');
  const fp = await f.get(`/contracts/${id}/billing`);
  assert.match(fp.text, new RegExp(`action="/disputes/${d.id}"`));
  assert.equal((await f.post(`/disputes/${d.id}`, { decision: 'maybe' })).status, 400);
  assert.deepEqual(s.snapshot(), before);

  r = await f.post(`/disputes/${d.id}`, { decision: 'accept', confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(s.sql(`SELECT refunded FROM invoices WHERE id = ${inv.id}`)[0].refunded, 6000);
  assert.equal(s.sql(`SELECT status FROM disputes WHERE id = ${d.id}`)[0].status, 'accepted');
  assert.match(s.sql(`SELECT body FROM notifications WHERE kind = 'dispute answered'`)[0].body, /accepted your dispute .* \$60\.00 is refunded to you/);
  before = s.snapshot();
  assert.equal((await f.post(`/disputes/${d.id}`, { decision: 'decline', confirm: '1' })).status, 409);
  assert.deepEqual(s.snapshot(), before);
  r = await c.get(`/contracts/${id}/billing`);
  assert.match(invoice(r.text, 'Mon, Nov 23, 2026'), /in review .* Refunded \$60\.00/);
  assert.match(r.text, /max="510"/);

  // The rest of the invoice, declined: escalated.
  r = await c.post(`/contracts/${id}/disputes`, { invoice: '2026-11-23', minutes: '510', reason: 'Not delivered' });
  assert.equal(r.status, 303);
  const [d2] = s.sql(`SELECT id, amount FROM disputes WHERE contract_id = ${id} AND status = 'open'`);
  assert.equal(d2.amount, 34000);
  r = await f.post(`/disputes/${d2.id}`, { decision: 'decline', confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(s.sql(`SELECT status FROM disputes WHERE id = ${d2.id}`)[0].status, 'escalated');
  assert.equal(s.sql(`SELECT refunded FROM invoices WHERE id = ${inv.id}`)[0].refunded, 6000);
  r = await c.get(`/contracts/${id}/billing`);
  assert.match(invoice(r.text, 'Mon, Nov 23, 2026'), /disputed/);
  assert.match(mainText(r.text), /declined, escalated to the marketplace/);
  assert.equal((await c.post(`/contracts/${id}/disputes`, { invoice: '2026-11-23', minutes: '1', reason: 'x' })).status, 409);
  // Payments page lists the refund through the dispute.
  assert.match(mainText((await c.get(`/contracts/${id}/payments`)).text), /Refunded through disputes .* Mon, Nov 23, 2026 1\.5 \$60\.00/);
});

test('the freelancer has 3 days to answer: a second before is accepted, at 3 days it is refused', async () => {
  const s = st.noon, id = ids.noon.window;
  const f = await as(s, 'freelancer@example.com');
  const page = await f.get(`/contracts/${id}/billing`);
  assert.match(mainText(page.text), /no answer in 3 days, escalated to the marketplace/);
  assert.doesNotMatch(page.text, /action="\/disputes\/70"/);
  assert.match(page.text, /action="\/disputes\/71"/);
  const before = s.snapshot();
  const r = await f.post('/disputes/70', { decision: 'accept', confirm: '1' });
  assert.equal(r.status, 409);
  assert.match(mainText(r.text), /The 3 days to answer this dispute ended on Mon, Nov 30, 2026, 12:00 UTC/);
  assert.deepEqual(s.snapshot(), before);
  assert.equal((await f.post('/disputes/71', { decision: 'accept', confirm: '1' })).status, 303);
  assert.equal(s.sql('SELECT refunded FROM invoices WHERE id = 50')[0].refunded, 1500);
});
