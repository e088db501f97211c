// The ownership, roles and CSRF matrix: every route and method, as a
// stranger, as the side whose action it is not, and signed out; every
// POST with a missing, wrong or other session's token.  Each refused
// request must leave the database exactly as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast } from './lib.mjs';

let s, ids, cells = 0;

before(async () => {
  s = await startStack({
    now: '2026-11-25T10:00:00Z', // a Wednesday: last week's invoice is in review
    setup(st) {
      ids = cast(st);
      ids.entry = st.ctl('diary', 'add', '--contract', String(ids.hourly), '--date', '2026-11-24', '--minutes', '60', '--memo', 'work');
      st.ctl('diary', 'add', '--contract', String(ids.hourly), '--date', '2026-11-17', '--minutes', '120', '--memo', 'last week');
      ids.payment = st.ctl('payment', 'add', '--contract', String(ids.hourly), '--amount', '100.00', '--paid-at', '2026-11-01');
      st.ctl('milestone', 'add', '--contract', String(ids.fixed), '--amount', '500.00', '--funded');
      // An invoice for last week with an open dispute, made directly.
      st.sql(`INSERT INTO invoices (contract_id, week, minutes, amount) VALUES (${ids.hourly}, 1763337600, 120, 8000)`);
      ids.invoice = st.sql('SELECT max(id) AS id FROM invoices')[0].id;
      st.sql(`INSERT INTO disputes (invoice_id, contract_id, minutes, amount, reason, opened_by, opened_at)
              VALUES (${ids.invoice}, ${ids.hourly}, 30, 2000, 'too long', ${ids.client}, 1764000000)`);
      ids.dispute = st.sql('SELECT max(id) AS id FROM disputes')[0].id;
    },
  });
});
after(async () => {
  await s.stop();
  console.log(`matrix: ${cells} cells checked`);
});

// Every POST route with fields that would be valid for its owner.
function posts() {
  const H = ids.hourly;
  return [
    { path: `/contracts/${H}/end`, fields: { reason: 'done', reason_other: '' } },
    { path: `/contracts/${ids.fixed}/escrow`, fields: { decision: 'accept' }, owner: 'freelancer' },
    { path: `/contracts/${H}/diary`, fields: { date: '2026-11-24', minutes: '30', memo: 'x' }, owner: 'freelancer' },
    { path: `/contracts/${H}/diary/${ids.entry}`, fields: { date: '2026-11-24', minutes: '45', memo: 'y' }, owner: 'freelancer' },
    { path: `/contracts/${H}/diary/${ids.entry}/delete`, fields: {}, owner: 'freelancer' },
    { path: `/contracts/${H}/disputes`, fields: { invoice: String(ids.invoice), minutes: '30', reason: 'too long' }, owner: 'client' },
    { path: `/disputes/${ids.dispute}`, fields: { decision: 'accept' }, owner: 'freelancer' },
    { path: `/contracts/${H}/refunds`, fields: { payment: String(ids.payment), amount: '1.00', reason: 'x' }, owner: 'freelancer' },
    { path: `/contracts/${H}/checklist`, fields: { item: 'revoke_access', done: '1' } },
    { path: `/contracts/${H}/checklist/remind`, fields: {}, owner: 'client' },
    { path: `/contracts/${H}/feedback`, fields: { skills: '5', quality: '5', availability: '5', schedule: '5', communication: '5', cooperation: '5', clarity: '5', comment: 'x', private_reason: 'x', private_score: '9' } },
    { path: `/contracts/${H}/feedback/response`, fields: { response: 'thanks' } },
  ];
}

function gets() {
  const H = ids.hourly;
  return [`/contracts/${H}`, `/contracts/${H}/end`, `/contracts/${H}/diary`, `/contracts/${H}/billing`,
    `/contracts/${H}/payments`, `/contracts/${H}/checklist`, `/contracts/${H}/feedback`];
}

test('a stranger gets 404 for every contract route and method, and changes nothing', async () => {
  const c = new Client(s);
  await c.login('stranger@example.com');
  const before = JSON.stringify(s.snapshot());
  for (const path of gets()) {
    const r = await c.get(path);
    assert.equal(r.status, 404, `GET ${path}`);
    cells++;
  }
  for (const { path, fields } of posts()) {
    const r = await c.post(path, fields);
    assert.equal(r.status, 404, `POST ${path}: ${r.status}`);
    cells++;
  }
  assert.equal(JSON.stringify(s.snapshot()), before);
});

test('the side whose action it is not gets 403, and nothing changes', async () => {
  const sides = { client: new Client(s), freelancer: new Client(s) };
  await sides.client.login('client@example.com');
  await sides.freelancer.login('freelancer@example.com');
  const before = JSON.stringify(s.snapshot());
  for (const { path, fields, owner } of posts().filter((p) => p.owner)) {
    const other = owner === 'client' ? 'freelancer' : 'client';
    const c = sides[other];
    await c.get(`/contracts/${ids.hourly}`); // a fresh token from a page
    const r = await c.post(path, fields);
    assert.equal(r.status, 403, `${other} POST ${path}: ${r.status}`);
    assert.doesNotMatch(r.text, /expired or did not come from this site/, 'refused for the role, not the token');
    cells++;
  }
  assert.equal(JSON.stringify(s.snapshot()), before);
});

test('signed out: pages redirect to sign-in; POSTs are refused; nothing changes', async () => {
  const before = JSON.stringify(s.snapshot());
  const anon = new Client(s);
  for (const path of [...gets(), '/contracts', '/notifications', `/users/${ids.client}`]) {
    const r = await anon.get(path);
    assert.equal(r.status, 303, path);
    assert.equal(r.location, `/login?next=${path}`);
    cells++;
  }
  await anon.get('/login'); // a sign-in form's token is not a session
  for (const { path, fields } of [...posts(), { path: '/notifications/read', fields: {} }, { path: '/help/ending-a-contract/vote', fields: { helpful: 'yes' } }]) {
    let r = await anon.post(path, fields);
    assert.equal(r.status, 303, `POST ${path}`);
    assert.equal(r.location, '/login');
    r = await anon.post(path, { ...fields, csrf: null });
    assert.equal(r.status, 403, `POST ${path} without a token`);
    cells += 2;
  }
  assert.equal(JSON.stringify(s.snapshot()), before);
});

test('CSRF: every POST route refuses a missing, wrong or other session\'s token with 403', async () => {
  const c = new Client(s);
  await c.login('client@example.com');
  const f = new Client(s);
  await f.login('freelancer@example.com');
  const before = JSON.stringify(s.snapshot());
  const all = [...posts(), { path: '/notifications/read', fields: {} }, { path: '/help/ending-a-contract/vote', fields: { helpful: 'yes' } }, { path: '/logout', fields: {} }, { path: '/login', fields: { email: 'client@example.com', password: 'password-1' } }];
  for (const { path, fields, owner } of all) {
    const who = owner === 'freelancer' ? f : c;
    const other = who === c ? f : c;
    for (const csrf of [null, '', 'A'.repeat(43), other.csrf]) {
      const r = await who.post(path, { ...fields, csrf });
      assert.equal(r.status, 403, `POST ${path} csrf=${csrf}`);
      cells++;
    }
  }
  assert.equal(JSON.stringify(s.snapshot()), before);
});
