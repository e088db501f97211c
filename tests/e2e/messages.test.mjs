// A contract's message thread through the real stack (DESIGN.md section 2,
// "Messages"): both sides and the agency's owner/admins read and write it,
// before and after the end; each message shows its author and time, its
// text escaped; a new message notifies (and emails) the other side; the
// header counts unread messages until the reader marks the thread read or
// writes in it; anyone else gets the one 404; a blank or oversized message
// comes back as the form with the text kept, and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText, signedIn } from './lib.mjs';

let s, ids;

const as = (email) => signedIn(s, email);

// The header's unread messages, and the thread it links to.
const header = (html) => {
  const m = html.match(/<a href="\/contracts\/(\d+)\/messages">Messages <span class="count">(\d+)<span class="sr"> unread/);
  return m ? { thread: Number(m[1]), unread: Number(m[2]) } : { thread: 0, unread: 0 };
};
const notes = (uid, kind = 'message') => s.sql(`SELECT n.id, n.contract_id, n.body, CAST(o.notification_id IS NOT NULL AS INTEGER) AS mailed
  FROM notifications n LEFT JOIN outbox o ON o.notification_id = n.id WHERE n.user_id = ${uid} AND n.kind = '${kind}' ORDER BY n.id`);
const textarea = (html) => {
  const m = html.match(/<textarea id="body" name="body"[^>]*>([\s\S]*?)<\/textarea>/);
  return m ? m[1] : null;
};

before(async () => {
  s = await startStack({
    now: '2026-11-25T10:00:00Z',
    setup(st) {
      ids = cast(st);
      ids.ended = st.ctl('contract', 'add', '--title', 'Old site', '--client', 'client@example.com',
        '--freelancer', 'freelancer@example.com', '--hourly', '30.00', '--started', '2026-08-01');
      st.sql(`UPDATE contracts SET status = 'ended', ended_at = 1790000000, ended_by = ${ids.client}, end_reason = 'done' WHERE id = ${ids.ended}`);
      ids.bulk = st.ctl('contract', 'add', '--title', 'Long talk', '--client', 'client@example.com',
        '--freelancer', 'freelancer@example.com', '--fixed', '100.00', '--started', '2026-08-01');
    },
  });
});
after(async () => { await s.stop(); });

test('an empty thread, linked from the contract page and the end page tip', async () => {
  const c = await as('client@example.com');
  let r = await c.get(`/contracts/${ids.hourly}/messages`);
  assert.equal(r.status, 200);
  assert.match(mainText(r.text), /No messages yet/);
  assert.match(mainText(r.text), /with Felix Freelancer/);
  r = await c.get(`/contracts/${ids.hourly}`);
  assert.match(r.text, new RegExp(`href="/contracts/${ids.hourly}/messages">Messages</a>`));
  r = await c.get(`/contracts/${ids.hourly}/end`);
  assert.match(r.text, new RegExp(`Talk to Felix Freelancer first: <a href="/contracts/${ids.hourly}/messages">a message</a>`));
});

test('a message: escaped, with author and time; the other side is notified, emailed and counts it unread', async () => {
  const c = await as('client@example.com');
  const f = await as('freelancer@example.com');
  await c.get(`/contracts/${ids.hourly}/messages`);
  const body = 'Hello <b>Felix</b> & "team"\nsecond line <script>alert(1)</script>';
  const r = await c.post(`/contracts/${ids.hourly}/messages`, { body });
  assert.equal(r.status, 303);
  const [m] = s.sql(`SELECT id, author_id, body, created_at FROM messages WHERE contract_id = ${ids.hourly}`);
  assert.equal(r.location, `/contracts/${ids.hourly}/messages#m${m.id}`);
  assert.deepEqual([m.author_id, m.body, m.created_at], [ids.client, body, Date.parse('2026-11-25T10:00:00Z') / 1000]);

  let page = await f.get(`/contracts/${ids.hourly}/messages`);
  assert.ok(page.text.includes('Hello &lt;b&gt;Felix&lt;/b&gt; &amp; &quot;team&quot;\nsecond line &lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.doesNotMatch(page.text, /<script>alert/);
  const item = page.text.match(new RegExp(`<li class="message new" id="m${m.id}">[\\s\\S]*?</li>`));
  assert.ok(item, 'the unread message is marked new');
  assert.match(item[0], /<strong>Clara Client<\/strong>/);
  assert.match(item[0], /<time datetime="2026-11-25T10:00:00Z">Wed, Nov 25, 2026, 10:00 UTC<\/time>/);
  assert.match(mainText(page.text), /1 new message since you last read this thread/);

  // The freelancer is told, once, with the message's words; the email is queued.
  const n = notes(ids.freelancer);
  assert.equal(n.length, 1);
  assert.equal(n[0].contract_id, ids.hourly);
  assert.match(n[0].body, /^Clara Client wrote on “Mobile app API”: “Hello <b>Felix<\/b> & "team" second line/);
  assert.equal(n[0].mailed, 1);
  assert.equal(notes(ids.client).length, 0, 'the author is not told of their own message');

  // The header counts it on every page, linking to the thread; a GET
  // changes nothing, so it stays until marked read.
  assert.deepEqual(header((await f.get('/contracts')).text), { thread: ids.hourly, unread: 1 });
  assert.deepEqual(header((await f.get(`/contracts/${ids.hourly}/messages`)).text), { thread: ids.hourly, unread: 1 });
  assert.match((await f.get(`/contracts/${ids.hourly}`)).text, /Messages <span class="count">1<span class="sr"> unread/);
  assert.deepEqual(header((await c.get('/contracts')).text), { thread: 0, unread: 0 }, 'not unread for its author');

  // Marking read clears it; the message stays.
  page = await f.post(`/contracts/${ids.hourly}/messages/read`, {});
  assert.equal(page.status, 303);
  page = await f.get(page.location);
  assert.match(page.text, /The thread is marked as read/);
  assert.deepEqual(header(page.text), { thread: 0, unread: 0 });
  assert.match(page.text, new RegExp(`<li class="message theirs" id="m${m.id}">`));

  // A reply: the client is told and counts it; the author's own is "mine".
  assert.equal((await f.post(`/contracts/${ids.hourly}/messages`, { body: 'Sure, talk tomorrow.' })).status, 303);
  assert.equal(notes(ids.client).length, 1);
  assert.deepEqual(header((await c.get('/contracts')).text), { thread: ids.hourly, unread: 1 });
  page = await f.get(`/contracts/${ids.hourly}/messages`);
  assert.match(page.text, /<li class="message mine"[^>]*>\s*<p class="meta"><strong>Felix Freelancer<\/strong> <span class="sr">\(you\)<\/span>/);
  // Replying reads the thread: the client's count goes when they write.
  await c.get(`/contracts/${ids.hourly}/messages`);
  assert.equal((await c.post(`/contracts/${ids.hourly}/messages`, { body: 'Good.' })).status, 303);
  assert.deepEqual(header((await c.get('/contracts')).text), { thread: 0, unread: 0 });
  assert.deepEqual(header((await f.get('/contracts')).text), { thread: ids.hourly, unread: 1 });
});

test('someone else\'s thread is 404 with the one text, for GET and both POSTs, and changes nothing', async () => {
  const x = await as('stranger@example.com');
  const missing = await x.get('/contracts/999999/messages');
  assert.equal(missing.status, 404);
  const mia = await as('member@example.com');	// an agency member, not on this contract
  for (const who of [x, mia]) {
    const r = await who.get(`/contracts/${ids.hourly}/messages`);
    assert.equal(r.status, 404);
    assert.equal(mainText(r.text), mainText(missing.text));
  }
  const snap = s.snapshot();
  for (const path of [`/contracts/${ids.hourly}/messages`, `/contracts/${ids.hourly}/messages/read`]) {
    const r = await x.post(path, { body: 'let me in' });
    assert.equal(r.status, 404);
    assert.equal(mainText(r.text), mainText(missing.text));
  }
  assert.deepEqual(s.snapshot(), snap);
  // Positive control: the same POST by a side of the contract writes.
  const c = await as('client@example.com');
  await c.get(`/contracts/${ids.hourly}/messages`);
  assert.equal((await c.post(`/contracts/${ids.hourly}/messages`, { body: 'let me in' })).status, 303);
  assert.notDeepEqual(s.snapshot(), snap);
});

test('the body: 5,000 characters is the most; blank and longer come back with the text kept', async () => {
  const c = await as('client@example.com');
  await c.get(`/contracts/${ids.fixed}/messages`);
  const snap = s.snapshot();
  const cases = [
    ['', 'write something'],
    [' \n\t ', 'write something'],
    ['é'.repeat(5001), 'at most 5,000 characters'],
    ['x'.repeat(5001), 'at most 5,000 characters'],
  ];
  for (const [body, why] of cases) {
    const r = await c.post(`/contracts/${ids.fixed}/messages`, { body });
    assert.equal(r.status, 400, JSON.stringify(body.slice(0, 10)));
    assert.match(r.text, new RegExp(`<p class="field-error" id="err-body">Message: [^<]*${why}`));
    assert.match(r.text, /<div class="error-box" role="alert">/);
    assert.equal(textarea(r.text), body, 'the text is kept');
    assert.match(r.text, /aria-invalid="true"/);
  }
  // Without the CSRF token: 403.
  assert.equal((await c.post(`/contracts/${ids.fixed}/messages`, { body: 'hi', csrf: null })).status, 403);
  assert.deepEqual(s.snapshot(), snap);
  // The boundary that passes, in 4-byte characters too.
  for (const body of ['x'.repeat(5000), '😀'.repeat(5000)]) {
    const r = await c.post(`/contracts/${ids.fixed}/messages`, { body });
    assert.equal(r.status, 303);
    assert.equal(s.sql(`SELECT body FROM messages ORDER BY id DESC LIMIT 1`)[0].body, body);
  }
  // The notification quotes the first 200 characters, then "…".
  const [n] = s.sql(`SELECT body FROM notifications WHERE user_id = ${ids.freelancer} AND kind = 'message' ORDER BY id DESC LIMIT 1`);
  assert.equal(n.body, `Clara Client wrote on “Logo redesign”: “${'😀'.repeat(200)}…”`);
});

test('the agency\'s owner and admins read and write; the client is told who wrote for whom', async () => {
  const c = await as('client@example.com');
  const adam = await as('admin@example.com');
  const mia = await as('member@example.com');
  const olivia = await as('owner@example.com');
  await adam.get(`/contracts/${ids.agencyContract}/messages`);
  assert.equal((await adam.post(`/contracts/${ids.agencyContract}/messages`, { body: 'From the agency' })).status, 303);
  const page = await c.get(`/contracts/${ids.agencyContract}/messages`);
  assert.match(page.text, /<strong>Adam Admin, for Northwind Studio<\/strong>/);
  assert.match(notes(ids.client).at(-1).body, /^Adam Admin, for Northwind Studio wrote on “Support retainer”/);
  // Unread for everyone on the thread but its author.
  for (const who of [c, mia, olivia]) assert.equal(header((await who.get('/contracts')).text).unread >= 1, true);
  assert.equal(s.sql(`SELECT count(*) AS n FROM message_unread WHERE contract_id = ${ids.agencyContract}`)[0].n, 3);
  // The client writes: the freelancer side, member and owner/admins, is told.
  const before = s.sql("SELECT count(*) AS n FROM notifications WHERE kind = 'message'")[0].n;
  assert.equal((await c.post(`/contracts/${ids.agencyContract}/messages`, { body: 'Thanks' })).status, 303);
  const told = s.sql(`SELECT user_id FROM notifications WHERE kind = 'message' AND id > (SELECT max(id) - 3 FROM notifications) ORDER BY user_id`).map((n) => n.user_id);
  assert.equal(s.sql("SELECT count(*) AS n FROM notifications WHERE kind = 'message'")[0].n, before + 3);
  assert.deepEqual(told, [ids.owner, ids.admin, ids.member].sort((a, b) => a - b));
  // Mia, the member of record, writes too (she is a side of this contract).
  await mia.get(`/contracts/${ids.agencyContract}/messages`);
  assert.equal((await mia.post(`/contracts/${ids.agencyContract}/messages`, { body: 'Hi, Mia here' })).status, 303);
});

test('after the end the thread goes on', async () => {
  const f = await as('freelancer@example.com');
  let r = await f.get(`/contracts/${ids.ended}/messages`);
  assert.match(mainText(r.text), /the contract has ended; you can still write/);
  r = await f.post(`/contracts/${ids.ended}/messages`, { body: 'One more question' });
  assert.equal(r.status, 303);
  assert.equal(notes(ids.client).at(-1).contract_id, ids.ended);
});

test('a long thread pages back 100 at a time', async () => {
  const rows = Array.from({ length: 130 }, (_, i) => `(${ids.bulk}, ${i % 2 ? ids.client : ids.freelancer}, 'Message number ${i + 1}', ${1790000000 + i})`);
  s.sql(`INSERT INTO messages (contract_id, author_id, body, created_at) VALUES ${rows.join(', ')}`);
  const c = await as('client@example.com');
  let r = await c.get(`/contracts/${ids.bulk}/messages`);
  let t = mainText(r.text);
  assert.equal((r.text.match(/<li class="message /g) || []).length, 100);
  assert.ok(t.indexOf('Message number 31 ') < t.indexOf('Message number 130'), 'oldest first');
  assert.doesNotMatch(t, /Message number 30 /);
  const older = r.text.match(/href="(\/contracts\/\d+\/messages\?before=\d+)">Older messages/);
  assert.ok(older);
  r = await c.get(older[1]);
  t = mainText(r.text);
  assert.equal((r.text.match(/<li class="message /g) || []).length, 30);
  assert.match(t, /Message number 1 .*Message number 30 /);
  assert.doesNotMatch(t, /Older messages/);
  assert.equal((await c.get(`/contracts/${ids.bulk}/messages?before=abc`)).status, 400);
  // The 65 the freelancer wrote are the client's unread, on the contract page.
  assert.match((await c.get(`/contracts/${ids.bulk}`)).text, /Messages <span class="count">65<span class="sr"> unread/);
});
