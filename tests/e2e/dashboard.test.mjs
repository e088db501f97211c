// The dashboard as users meet it (issue 14): active contracts first by
// default, a sort (start date, end date, title, other side) read from
// indexes (schema-6.sql), "1–25 of 29", page numbers, filters and pages
// that keep the search and the order, rows that say who works for whom,
// and a (...) menu of the actions that apply and nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText, signedIn } from './lib.mjs';

let s, ids;
const titles = (html) => [...html.matchAll(/<h2><a href="\/contracts\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
const unesc = (h) => h.replace(/&amp;/g, '&');

before(async () => {
  s = await startStack({
    now: '2026-11-25T10:00:00Z',
    setup(st) {
      ids = cast(st);
      st.ctl('user', 'add', '--email', 'zed@example.com', '--name', 'Zed Zimmer', '--password', 'password-1');
      st.ctl('user', 'add', '--email', 'amy@example.com', '--name', 'amy adams', '--password', 'password-1');
      // 26 more for Clara: 13 ended (the older starts), 13 active.
      for (let i = 1; i <= 26; i++) {
        const id = st.ctl('contract', 'add', '--title', `Task ${String.fromCharCode(96 + i)}`, '--client', 'client@example.com',
          '--freelancer', i % 2 ? 'zed@example.com' : 'amy@example.com', '--hourly', '20.00',
          '--started', `2026-0${1 + (i % 9)}-${String(1 + i).padStart(2, '0')}`);
        if (i <= 13) st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${Date.parse('2026-11-01') / 1000 + i * 3600}, ended_by = client_id, end_reason = 'x' WHERE id = ${id}`);
      }
    },
  });
});
after(async () => { await s.stop(); });

const as = (email) => signedIn(s, email);

test('active first, "1–25 of 29", page numbers that keep the search and the order', async () => {
  const c = await as('client@example.com');
  const r = await c.get('/contracts');
  const t = titles(r.text);
  assert.equal(t.length, 25);
  // 16 active (3 cast + 13), then ended ones.
  const status = [...r.text.matchAll(/<span class="badge (\w+)">/g)].map((m) => m[1]);
  assert.deepEqual(status.slice(0, 16), Array(16).fill('active'));
  assert.ok(status.slice(16).every((x) => x === 'ended'), status.join());
    assert.match(mainText(r.text), /1–25 of 29/);
  assert.match(unesc(r.text), /<span aria-current="page">1<\/span>/);
  assert.match(unesc(r.text), /<a href="\/contracts\?status=all&q=&sort=start&page=2">2<\/a>/);
  const p2 = await c.get('/contracts?page=2');
  assert.match(mainText(p2.text), /26–29 of 29/);
  assert.equal(titles(p2.text).length, 4);
  // A search and an order are kept by the filters and the pages.
  const q = await c.get('/contracts?q=Task&sort=title');
  assert.match(mainText(q.text), /1–25 of 26/);
  for (const st of ['active', 'ended', 'all']) {
    assert.match(unesc(q.text), new RegExp(`href="/contracts\\?status=${st}&q=Task&sort=title&page=1"`), st);
  }
  assert.match(unesc(q.text), /href="\/contracts\?status=all&q=Task&sort=title&page=2">2</);
  assert.match(q.text, /<option value="title" selected>Title<\/option>/);
});

test('each order: title and other side ignore case, end date newest first; a bad order is 400', async () => {
  const c = await as('client@example.com');
  const byTitle = titles((await c.get('/contracts?status=active&sort=title')).text);
  assert.deepEqual(byTitle, [...byTitle].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  assert.equal(byTitle[0], 'Logo redesign');
  const other = await c.get('/contracts?status=active&sort=other');
  const names = [...other.text.matchAll(/You (?:hired|work for) <strong>([^<]*)<\/strong>|You hired <strong>[^<]*<\/strong> \(freelancer: ([^<)]*)\)/g)].map((m) => m[1] ?? m[2]);
  assert.equal(names[0], 'amy adams', names.join());
  assert.equal(names.at(-1), 'Zed Zimmer');
  const ended = titles((await c.get('/contracts?status=ended&sort=end')).text);
  assert.deepEqual(ended.slice(0, 3), ['Task m', 'Task l', 'Task k']);
  for (const bad of ['bogus', 'TITLE', 'title ']) {
    const r = await c.get(`/contracts?sort=${encodeURIComponent(bad)}`);
    assert.equal(r.status, 400, bad);
    assert.match(mainText(r.text), /Sort: choose start date, end date, title or other side/);
  }
});

test('rows say who works for whom; the (...) menu lists only actions', async () => {
  const o = await as('owner@example.com');
  const t = mainText((await o.get('/contracts')).text);
  assert.match(t, /Northwind Studio works for Clara Client/);
  assert.doesNotMatch(t, /You work for Clara Client \(Northwind Studio\)/);
  const c = await as('client@example.com');
  const r = await c.get('/contracts?q=Support');
  assert.match(mainText(r.text), /You hired Northwind Studio \(freelancer: Mia Member\)/);
  assert.doesNotMatch(r.text, />View contract</);
});

test('the (...) menu offers End, feedback and refund only to who decides: not an agency\'s plain member', async () => {
  // One active and one ended agency contract, each with a payment that
  // can still be refunded; Mia is the freelancer of record, a plain member.
  const add = (title) => s.ctl('contract', 'add', '--title', title, '--client', 'stranger@example.com',
    '--freelancer', 'member@example.com', '--agency', String(ids.agency), '--hourly', '30.00', '--started', '2026-10-01');
  const live = add('Agency live');
  const done = add('Agency done');
  for (const id of [live, done]) s.ctl('payment', 'add', '--contract', String(id), '--amount', '90.00', '--paid-at', '2026-11-20');
  s.sql(`UPDATE contracts SET status = 'ended', ended_at = ${Date.parse('2026-11-24') / 1000}, ended_by = client_id, end_reason = 'x' WHERE id = ${done}`);
  const offers = (html, id) => ({
    end: new RegExp(`href="/contracts/${id}/end">End contract<`).test(html),
    feedback: new RegExp(`href="/contracts/${id}/feedback">Give feedback<`).test(html),
    refund: new RegExp(`href="/contracts/${id}/payments">Give refund<`).test(html),
  });
  const m = await as('member@example.com');
  const mine = (await m.get('/contracts?status=all&q=Agency')).text;
  assert.deepEqual(offers(mine, live), { end: false, feedback: false, refund: false });
  assert.deepEqual(offers(mine, done), { end: false, feedback: false, refund: false });
  // The pages the menu would lead to refuse her too (403).
  assert.equal((await m.get(`/contracts/${live}/end`)).status, 403);
  // Positive control: the owner and the admin decide, so they are offered
  // each action that applies.
  for (const email of ['owner@example.com', 'admin@example.com']) {
    const html = (await (await as(email)).get('/contracts?status=all&q=Agency')).text;
    assert.deepEqual(offers(html, live), { end: true, feedback: false, refund: true }, email);
    assert.deepEqual(offers(html, done), { end: false, feedback: true, refund: true }, email);
  }
  // A role changed is a menu changed: the member made admin decides.
  s.ctl('agency', 'member', '--agency', String(ids.agency), '--email', 'member@example.com', '--role', 'admin');
  assert.deepEqual(offers((await m.get('/contracts?status=all&q=Agency')).text, live), { end: true, feedback: false, refund: true });
  s.ctl('agency', 'member', '--agency', String(ids.agency), '--email', 'member@example.com', '--role', 'member');
  // The kept lines still equal what they are computed from.
  assert.equal(s.ctlRaw('check').status, 0);
});
