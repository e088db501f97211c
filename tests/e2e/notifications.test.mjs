// Notifications through the real stack: what the other side does (end,
// refund, dispute and its answer, escrow request and its settling) shows up
// for the right person only, newest first, with the unread count in the
// header of every page until it is marked read; paging and refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText, signedIn } from './lib.mjs';

let s, ids;

const as = (email) => signedIn(s, email);

const unread = (html) => {
  const m = html.match(/class="count">(\d+)<span class="sr"> unread/);
  return m ? Number(m[1]) : 0;
};

before(async () => {
  s = await startStack({
    now: '2026-11-30T12:00:00Z',
    setup(st) {
      ids = cast(st);
      st.ctl('diary', 'add', '--contract', String(ids.hourly), '--date', '2026-11-24', '--minutes', '120');
      ids.pay = st.ctl('payment', 'add', '--contract', String(ids.hourly), '--amount', '100.00', '--paid-at', '2026-11-01');
      st.ctl('milestone', 'add', '--contract', String(ids.fixed), '--amount', '100.00', '--funded');
      ids.busy = st.ctl('user', 'add', '--email', 'busy@example.com', '--name', 'Busy Bee', '--password', 'password-1');
      const rows = Array.from({ length: 60 }, (_, i) => `(${ids.busy}, NULL, 'note', 'Message ${i + 1}', ${1700000000 + i})`);
      st.sql(`INSERT INTO notifications (user_id, contract_id, kind, body, created_at) VALUES ${rows.join(', ')}`);
    },
  });
});
after(async () => { await s.stop(); });

test('no notifications: an empty page and no count', async () => {
  const c = await as('client@example.com');
  const r = await c.get('/notifications');
  assert.equal(r.status, 200);
  assert.match(mainText(r.text), /No notifications yet/);
  assert.equal(unread(r.text), 0);
  assert.doesNotMatch(r.text, /Mark all as read/);
});

test('each action notifies the other side, newest first, and the header counts the unread', async () => {
  const c = await as('client@example.com');
  const f = await as('freelancer@example.com');
  await c.get(`/contracts/${ids.hourly}/billing`);
  assert.equal((await c.post(`/contracts/${ids.hourly}/disputes`, { invoice: '2026-11-23', minutes: '60', reason: 'Too long' })).status, 303);
  await f.get(`/contracts/${ids.hourly}/payments`);
  assert.equal((await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.pay), amount: '10.00', confirm: '1' })).status, 303);
  const d = s.sql('SELECT id FROM disputes')[0].id;
  assert.equal((await f.post(`/disputes/${d}`, { decision: 'decline', confirm: '1' })).status, 303);
  await c.get(`/contracts/${ids.fixed}/end`);
  assert.equal((await c.post(`/contracts/${ids.fixed}/end`, { reason: 'done', release: '40.00' })).status, 303);
  assert.equal((await f.post(`/contracts/${ids.fixed}/escrow`, { decision: 'accept', confirm: '1' })).status, 303);

  let r = await c.get('/contracts');
  assert.equal(unread(r.text), 3);
  r = await c.get('/notifications');
  const t = mainText(r.text);
  // Each kind reads as words, not as its stored name.
  const order = ['An escrow refund request was settled', 'A dispute was answered', 'A refund was given'].map((k) => t.indexOf(`new ${k}`));
  assert.doesNotMatch(t, /escrow settled|dispute answered|_/);
  assert.ok(order.every((i) => i >= 0) && order[0] < order[1] && order[1] < order[2], t);
  assert.match(t, /Felix Freelancer accepted your escrow refund request on “Logo redesign”: \$60\.00 went back to you/);
  assert.match(t, /declined your dispute of 1 hour of the week of Mon, Nov 23, 2026/);
  assert.match(t, /refunded \$10\.00 of your payment of Sun, Nov 1, 2026/);
  // Each links to where one acts on it.
  assert.match(r.text, new RegExp(`href="/contracts/${ids.fixed}">Logo redesign: go to the contract</a>`));
  assert.match(r.text, new RegExp(`href="/contracts/${ids.hourly}/payments">Mobile app API: go to payments and refunds</a>`));
  assert.match(r.text, new RegExp(`href="/contracts/${ids.hourly}/billing">Mobile app API: go to billing and disputes</a>`));

  r = await f.get('/notifications');
  assert.equal(unread(r.text), 3);
  const ft = mainText(r.text);
  assert.match(ft, /An escrow refund request to answer .* released \$40\.00 of the escrow of “Logo redesign” and asks for \$60\.00 back/);
  assert.match(ft, /A contract was ended .* Clara Client ended the contract “Logo redesign”\. Reason: The work is done\./);
  assert.match(ft, /Hours were disputed .* Clara Client disputes 1 hour \(\$40\.00\)/);
  assert.doesNotMatch(ft, /refunded \$10\.00/);	// the client's, not Felix's

  // Nobody else sees them.
  const x = await as('stranger@example.com');
  assert.match(mainText((await x.get('/notifications')).text), /No notifications yet/);
});

test('marking read: one by id, then all; the count follows; CSRF is required', async () => {
  const c = await as('client@example.com');
  await c.get('/notifications');
  const before = s.snapshot();
  assert.equal((await c.post('/notifications/read', { csrf: null })).status, 403);
  assert.equal((await c.post('/notifications/read', { id: 'x' })).status, 400);
  assert.deepEqual(s.snapshot(), before);
  const [one] = s.sql(`SELECT id FROM notifications WHERE user_id = ${ids.client} AND read_at IS NULL ORDER BY id LIMIT 1`);
  const other = s.sql(`SELECT id FROM notifications WHERE user_id = ${ids.freelancer} LIMIT 1`)[0].id;
  assert.equal((await c.post('/notifications/read', { id: String(other) })).status, 303);
  assert.equal(s.sql(`SELECT read_at FROM notifications WHERE id = ${other}`)[0].read_at, null);
  let r = await c.post('/notifications/read', { id: String(one.id) });
  assert.equal(r.status, 303);
  r = await c.get('/notifications');
  assert.equal(unread(r.text), 2);
  r = await c.post('/notifications/read', {});
  assert.equal(r.status, 303);
  assert.equal(r.location, '/notifications');
  r = await c.get(r.location);
  assert.equal(unread(r.text), 0);
  assert.match(mainText(r.text), /Notifications marked as read/);
  assert.doesNotMatch(mainText(r.text), /\bnew\b escrow/);
  assert.ok(s.sql(`SELECT read_at FROM notifications WHERE user_id = ${ids.client}`).every((n) => n.read_at === Date.parse('2026-11-30T12:00:00Z') / 1000));
});

test('50 a page, newest first; bad page numbers are 400', async () => {
  const b = await as('busy@example.com');
  let r = await b.get('/notifications');
  assert.equal(unread(r.text), 60);
  let t = mainText(r.text);
  assert.match(t, /Message 60 .* Message 11/);
  assert.doesNotMatch(t, /Message 10\b/);
  assert.match(r.text, /href="\/notifications\?page=2"/);
  r = await b.get('/notifications?page=2');
  t = mainText(r.text);
  assert.match(t, /Message 10 .* Message 1\b/);
  assert.doesNotMatch(t, /Message 11\b/);
  assert.match(mainText((await b.get('/notifications?page=3')).text), /There are no more notifications/);
  for (const p of ['0', '-1', 'abc', '1.5']) assert.equal((await b.get(`/notifications?page=${p}`)).status, 400, p);
});
