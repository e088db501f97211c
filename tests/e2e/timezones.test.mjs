// Time zones through the real stack (DESIGN.md section 2, "Time zones"):
// /settings sets the reader's zone from the system's tzdata (UTC until
// then); every time on the pages is in it, deadlines with their UTC time
// as well; the rules stay in UTC.  At the edges: New York's DST ending on
// 2026-11-01, Kolkata's half-hour offset, a deadline on another UTC day,
// and names that are not zones (400, nothing changed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, cast, mainText, signedIn } from './lib.mjs';

let s, ids;
const T = (iso) => Date.parse(iso) / 1000;

const as = (email) => signedIn(s, email);

const selected = (html) => {
  const m = html.match(/<option selected>([^<]*)<\/option>/g);
  return m ? m.map((o) => o.replace(/<[^>]+>/g, '')) : [];
};

before(async () => {
  s = await startStack({
    now: '2026-11-30T12:00:00Z',
    setup(st) {
      ids = cast(st);
      st.ctl('diary', 'add', '--contract', String(ids.hourly), '--date', '2026-11-24', '--minutes', '120');
      // Two messages either side of New York's 02:00 EDT -> 01:00 EST.
      st.sql(`INSERT INTO messages (contract_id, author_id, body, created_at) VALUES
        (${ids.hourly}, ${ids.freelancer}, 'before the change', ${T('2026-11-01T05:30:00Z')}),
        (${ids.hourly}, ${ids.freelancer}, 'after the change', ${T('2026-11-01T06:30:00Z')})`);
    },
  });
});
after(async () => { await s.stop(); });

test('/settings: UTC until chosen, every zone of the system in a select', async () => {
  const c = await as('client@example.com');
  const r = await c.get('/settings');
  assert.equal(r.status, 200);
  assert.deepEqual(selected(r.text), ['UTC']);
  const options = [...r.text.matchAll(/<option(?: selected)?>([^<]*)<\/option>/g)].map((m) => m[1]);
  assert.ok(options.length > 300, `${options.length} zones`);
  for (const z of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/London', 'Asia/Kathmandu']) assert.ok(options.includes(z), z);
  assert.match(mainText(r.text), /Now: Mon, Nov 30, 2026, 12:00 UTC\./);
  assert.match(r.text, /Times are in your time zone, UTC/);
  assert.equal(s.sql(`SELECT timezone FROM users WHERE id = ${ids.client}`)[0].timezone, 'UTC');
});

test('a name that is not a zone of the list: 400, the form again, nothing changed', async () => {
  const c = await as('client@example.com');
  await c.get('/settings');
  const snap = s.snapshot();
  for (const bad of ['Mars/Olympus', 'america/new_york', 'Asia/Kolkata ', '../../etc/passwd', '', 'EST5EDT/../UTC']) {
    const r = await c.post('/settings', { timezone: bad });
    assert.equal(r.status, 400, JSON.stringify(bad));
    assert.match(r.text, /<p class="error-box" role="alert" id="zone-error">Time zone: choose one of the list/);
    assert.match(r.text, /aria-invalid="true"/);
  }
  // A bad zone with good email choices: nothing of either is saved.
  assert.equal((await c.post('/settings', { timezone: 'Nowhere', email_refund: '0' })).status, 400);
  assert.deepEqual(s.snapshot(), snap);
  // Positive control: a zone of the list is saved.
  const ok = await c.post('/settings', { timezone: 'Asia/Kolkata' });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/settings#zone-h');
  assert.notDeepEqual(s.snapshot(), snap);
  assert.equal(s.sql(`SELECT timezone FROM users WHERE id = ${ids.client}`)[0].timezone, 'Asia/Kolkata');
  const r = await c.get('/settings');
  assert.deepEqual(selected(r.text), ['Asia/Kolkata']);
  assert.match(mainText(r.text), /Now: Mon, Nov 30, 2026, 17:30 IST\./);
  // Both in one POST, as the two forms' fields could be.
  assert.equal((await c.post('/settings', { timezone: 'UTC', email_refund: '1' })).status, 303);
  assert.equal(s.sql(`SELECT timezone FROM users WHERE id = ${ids.client}`)[0].timezone, 'UTC');
});

test('New York across the end of DST on 2026-11-01: 01:30 EDT, then 01:30 EST', async () => {
  const f = await as('freelancer@example.com');
  await f.get('/settings');
  assert.equal((await f.post('/settings', { timezone: 'America/New_York' })).status, 303);
  const r = await f.get(`/contracts/${ids.hourly}/messages`);
  assert.match(r.text, /<time datetime="2026-11-01T05:30:00Z">Sun, Nov 1, 2026, 01:30 EDT<\/time>/);
  assert.match(r.text, /<time datetime="2026-11-01T06:30:00Z">Sun, Nov 1, 2026, 01:30 EST<\/time>/);
  assert.match(r.text, /Times are in your time zone, America\/New_York/);
  // The other side, still in UTC, reads UTC.
  const c = await as('client@example.com');
  const cr = await c.get(`/contracts/${ids.hourly}/messages`);
  assert.match(cr.text, /<time datetime="2026-11-01T05:30:00Z">Sun, Nov 1, 2026, 05:30 UTC<\/time>/);
  // A deadline shows UTC as well: the diary of last week can change until Monday 11:59 UTC.
  const d = mainText((await f.get(`/contracts/${ids.hourly}/diary?week=2026-11-23`)).text);
  assert.match(d, /could be changed until Mon, Nov 30, 2026, 06:59 EST \(11:59 UTC\)/);
  assert.match(mainText((await c.get(`/contracts/${ids.hourly}/diary?week=2026-11-23`)).text),
    /could be changed until Mon, Nov 30, 2026, 11:59 UTC\./);
});

test('Kolkata, +05:30: a deadline falls on the next local day, named with its UTC day', async () => {
  const c = await as('client@example.com');
  await c.get('/settings');
  assert.equal((await c.post('/settings', { timezone: 'Asia/Kolkata' })).status, 303);
  const b = mainText((await c.get(`/contracts/${ids.hourly}/billing`)).text);
  // Invoiced Monday 12:00 UTC, review until Friday 23:59 UTC.
  assert.match(b, /Invoiced Mon, Nov 30, 2026, 17:30 IST \(12:00 UTC\)/);
  assert.match(b, /Review until Sat, Dec 5, 2026, 05:29 IST \(Fri, Dec 4, 23:59 UTC\)/);
  // The rules are unchanged: the dispute window is the UTC one.
  await c.get(`/contracts/${ids.hourly}/billing`);
  assert.equal((await c.post(`/contracts/${ids.hourly}/disputes`, { invoice: '2026-11-23', minutes: '30', reason: 'check' })).status, 303);
  const [{ opened_at }] = s.sql('SELECT opened_at FROM disputes');
  assert.equal(opened_at, T('2026-11-30T12:00:00Z'));
  // The contract page's timeline too.
  assert.match((await c.get(`/contracts/${ids.hourly}`)).text, /<time datetime="2026-11-30T12:00:00Z">Mon, Nov 30, 2026, 17:30 IST<\/time>/);
});

// Deadlines inside notifications (and so their emails) are written in
// each reader's zone with their UTC time: the invoice's last day to
// dispute reaches a New York client as 18:59 EST and a UTC one as before.
test('a deadline in a notification reads in its reader\'s zone; UTC readers as before', async () => {
  s.sql(`UPDATE users SET timezone = 'America/New_York' WHERE id = ${ids.client}`);
  try {
    assert.match(s.tick({ CONTRACTS_NOW: '2026-11-30T12:00:00Z' }), /invoices 1,/);
    const [n] = s.sql(`SELECT body FROM notifications WHERE kind = 'invoice issued' AND user_id = ${ids.client}`);
    assert.match(n.body, /dispute hours until Fri, Dec 4, 2026, 18:59 EST \(23:59 UTC\)\.$/);
    assert.doesNotMatch(n.body, /\x01/);
    const c = await as('client@example.com');
    assert.match(mainText((await c.get('/notifications')).text), /until Fri, Dec 4, 2026, 18:59 EST \(23:59 UTC\)/);
    // The positive control: the same deadline told to a UTC reader.
    s.sql(`UPDATE users SET timezone = 'UTC' WHERE id = ${ids.client}`);
    s.sql(`DELETE FROM deadlines_done WHERE kind = 'invoice_issued'`);
    assert.match(s.tick({ CONTRACTS_NOW: '2026-11-30T12:00:00Z' }), /invoices 1,/);
    const bodies = s.sql(`SELECT body FROM notifications WHERE kind = 'invoice issued' ORDER BY id`).map((r) => r.body);
    assert.match(bodies[1], /dispute hours until Fri, Dec 4, 2026, 23:59 UTC\.$/);
  } finally {
    s.sql(`UPDATE users SET timezone = 'UTC' WHERE id = ${ids.client}`);
  }
});
