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
      // Ended on Nov 1: its feedback window closed at Mon, Nov 16, 00:00 UTC.
      st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${T('2026-11-01T10:00:00Z')}, ended_by = ${ids.client}, ` +
        `end_reason = 'The work is done' WHERE id = ${ids.agencyContract}`);
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

// A user's zone, set straight in the database; each test below puts
// back UTC when it is done.
const zone = (id, tz) => s.sql(`UPDATE users SET timezone = '${tz}' WHERE id = ${id}`);

// The end-contract confirmation page (Monday 2026-11-30 12:00 UTC): this
// week is invoiced Monday Dec 7 12:00 UTC, can be disputed through Friday
// Dec 11 23:59 UTC, and its funds arrive Wednesday Dec 16 00:00 UTC; last
// week's invoice, issued now, stays open until Friday Dec 4 23:59 UTC.
test('the end page: invoice, last minute to dispute, funds day and feedback in the reader\'s zone, with UTC', async () => {
  try {
    zone(ids.freelancer, 'America/New_York');
    zone(ids.client, 'Asia/Kolkata');
    const f = mainText((await (await as('freelancer@example.com')).get(`/contracts/${ids.hourly}/end`)).text);
    assert.match(f, /Clara Client is invoiced on Mon, Dec 7, 2026, 07:00 EST \(12:00 UTC\) \. These hours can be disputed until Fri, Dec 11, 2026, 18:59 EST \(23:59 UTC\) ; your funds become available on Tue, Dec 15, 2026, 19:00 EST \(Wed, Dec 16, 00:00 UTC\)\./);
    assert.match(f, /was issued on Mon, Nov 30, 2026, 07:00 EST \(12:00 UTC\) and can still be disputed until Fri, Dec 4, 2026, 18:59 EST \(23:59 UTC\) , ended or not/);
    assert.match(f, /if you end now, until Mon, Dec 14, 2026, 19:00 EST \(Tue, Dec 15, 00:00 UTC\)/);
    // No UTC told twice, and no UTC day left without its zone.
    assert.doesNotMatch(f, /\(until 23:59 UTC\)|UTC\) ?, 23:59 UTC|UTC\) \(/);
    const c = mainText((await (await as('client@example.com')).get(`/contracts/${ids.hourly}/end`)).text);
    assert.match(c, /You are invoiced on Mon, Dec 7, 2026, 17:30 IST \(12:00 UTC\) \. These hours can be disputed until Sat, Dec 12, 2026, 05:29 IST \(Fri, Dec 11, 23:59 UTC\) ; Felix Freelancer's funds become available on Wed, Dec 16, 2026, 05:30 IST \(00:00 UTC\)\./);
    assert.match(c, /can still be disputed until Sat, Dec 5, 2026, 05:29 IST \(Fri, Dec 4, 23:59 UTC\) , ended or not/);
    // The positive control: a UTC reader reads UTC, once.
    zone(ids.client, 'UTC');
    const u = mainText((await (await as('client@example.com')).get(`/contracts/${ids.hourly}/end`)).text);
    assert.match(u, /You are invoiced on Mon, Dec 7, 2026, 12:00 UTC \. These hours can be disputed until Fri, Dec 11, 2026, 23:59 UTC ; Felix Freelancer's funds become available on Wed, Dec 16, 2026, 00:00 UTC\./);
    assert.match(u, /was issued on Mon, Nov 30, 2026, 12:00 UTC and can still be disputed until Fri, Dec 4, 2026, 23:59 UTC , ended or not/);
    assert.match(u, /if you end now, until Tue, Dec 15, 2026, 00:00 UTC\)/);
    assert.doesNotMatch(u, /EST|IST|UTC \(|23:59 UTC ?, 23:59 UTC/);
    // Billing tells the funds day the same way.
    assert.match(mainText((await (await as('freelancer@example.com')).get(`/contracts/${ids.hourly}/billing`)).text),
      /Funds available Tue, Dec 8, 2026, 19:00 EST \(Wed, Dec 9, 00:00 UTC\)/);
  } finally {
    zone(ids.freelancer, 'UTC');
    zone(ids.client, 'UTC');
  }
});

// The 409s that name a moment: in the reader's zone, the deadline's UTC
// time beside it; a UTC reader's words are the ones from before zones.
test('409 messages name their moment in the reader\'s zone with UTC; a UTC reader\'s text is as before', async () => {
  const cases = [
    ['America/New_York', {
      notYet: 'It will be on Mon, Dec 7, 2026, 07:00 EST (12:00 UTC), and can be disputed from then until Fri, Dec 11, 2026, 18:59 EST (23:59 UTC).',
      closed: 'The review period for this invoice closed on Fri, Nov 27, 2026, 18:59 EST (23:59 UTC). Hours',
      feedback: 'The feedback window closed on Sun, Nov 15, 2026, 19:00 EST (Mon, Nov 16, 00:00 UTC), 14 days after',
      diary: 'could be changed until Mon, Nov 23, 2026, 06:59 EST (11:59 UTC). Only',
    }],
    ['Asia/Kolkata', {
      notYet: 'It will be on Mon, Dec 7, 2026, 17:30 IST (12:00 UTC), and can be disputed from then until Sat, Dec 12, 2026, 05:29 IST (Fri, Dec 11, 23:59 UTC).',
      closed: 'The review period for this invoice closed on Sat, Nov 28, 2026, 05:29 IST (Fri, Nov 27, 23:59 UTC). Hours',
      feedback: 'The feedback window closed on Mon, Nov 16, 2026, 05:30 IST (00:00 UTC), 14 days after',
      diary: 'could be changed until Mon, Nov 23, 2026, 17:29 IST (11:59 UTC). Only',
    }],
    // The positive control, word for word the text from before zones.
    ['UTC', {
      notYet: 'It will be on Mon, Dec 7, 2026, 12:00 UTC, and can be disputed from then until Fri, Dec 11, 2026, 23:59 UTC.',
      closed: 'The review period for this invoice closed on Fri, Nov 27, 2026, 23:59 UTC. Hours',
      feedback: 'The feedback window closed on Mon, Nov 16, 2026, 00:00 UTC, 14 days after',
      diary: 'could be changed until Mon, Nov 23, 2026, 11:59 UTC. Only',
    }],
  ];
  try {
    for (const [tz, want] of cases) {
      zone(ids.client, tz);
      zone(ids.freelancer, tz);
      const c = await as('client@example.com');
      await c.get(`/contracts/${ids.hourly}/billing`);
      const before = s.snapshot();
      const said = async (client, path, fields) => {
        const r = await client.post(path, fields);
        assert.equal(r.status, 409, `${tz} ${path}`);
        return mainText(r.text);
      };
      assert.ok((await said(c, `/contracts/${ids.hourly}/disputes`, { invoice: '2026-11-30', minutes: '30', reason: 'early' })).includes(want.notYet), tz);
      assert.ok((await said(c, `/contracts/${ids.hourly}/disputes`, { invoice: '2026-11-16', minutes: '30', reason: 'late' })).includes(want.closed), tz);
      assert.ok((await said(c, `/contracts/${ids.agencyContract}/feedback`, { skills: '5', quality: '5', availability: '5', schedule: '5',
        communication: '5', cooperation: '5', comment: 'late', private_score: '8' })).includes(want.feedback), tz);
      const f = await as('freelancer@example.com');
      await f.get(`/contracts/${ids.hourly}/diary`);
      const d = await said(f, `/contracts/${ids.hourly}/diary`, { date: '2026-11-16', minutes: '30' });
      assert.ok(d.includes(`The week of Mon, Nov 16, 2026 is closed: its Work Diary ${want.diary}`), `${tz}: ${d}`);
      assert.deepEqual(s.snapshot(), before, `${tz}: refused, nothing changed`);
    }
  } finally {
    zone(ids.client, 'UTC');
    zone(ids.freelancer, 'UTC');
  }
});
