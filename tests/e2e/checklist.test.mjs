// The after-ending checklist through the real stack, CONTRACTS_NOW
// pinned: readable before the end but not tickable (409); after it each
// side ticks and unticks its own items, persisted with the time; "N of M
// done" on the checklist, contract page and dashboard; the client's
// reminder reaches the freelancer and ticks the item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText } from './lib.mjs';

const NOW = '2026-11-25T10:00:00Z';
const T = (s) => Date.parse(s) / 1000;

async function as(stack, email) {
  const c = new Client(stack);
  await c.login(email);
  return c;
}

const ticks = (s, id) => s.sql(`SELECT side, item, done_by, done_at FROM checklist_ticks ` +
  `WHERE contract_id = ${id} ORDER BY side, item`);

test('checklist: readable before the end, ticking refused with 409', async () => {
  let ids;
  const s = await startStack({ now: NOW, setup: (st) => { ids = cast(st); } });
  try {
    const client = await as(s, 'client@example.com');
    let r = await client.get(`/contracts/${ids.hourly}/checklist`);
    assert.equal(r.status, 200);
    const text = mainText(r.text);
    assert.match(text, /Revoke passwords and special access given to the freelancer/);
    assert.match(text, /Confirm all work and work-related materials and equipment are received/);
    assert.match(text, /Remind the freelancer to remove your property/);
    assert.match(text, /still active/);
    assert.match(text, /0 of 3 done/);
    assert.doesNotMatch(r.text, /name="done"/);
    const before = s.snapshot();
    r = await client.post(`/contracts/${ids.hourly}/checklist`, { item: 'revoke-access', done: '1' });
    assert.equal(r.status, 409);
    assert.match(mainText(r.text), /once the contract has ended/);
    r = await client.post(`/contracts/${ids.hourly}/checklist/remind`);
    assert.equal(r.status, 409);
    assert.deepEqual(s.snapshot(), before);
    r = await client.get(`/contracts/${ids.hourly}`);
    assert.match(r.text, new RegExp(`href="/contracts/${ids.hourly}/checklist"`));
  } finally { await s.stop(); }
});

test('checklist: each side ticks its own items, persisted with time, N of M everywhere', async () => {
  let ids;
  const s = await startStack({
    now: NOW,
    setup: (st) => {
      ids = cast(st);
      for (const id of [ids.hourly, ids.agencyContract]) {
        st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${T('2026-11-24T09:00:00Z')}, ` +
          `ended_by = ${ids.client}, end_reason = 'done' WHERE id = ${id}`);
      }
    },
  });
  try {
    const id = ids.hourly;
    const client = await as(s, 'client@example.com');
    const freelancer = await as(s, 'freelancer@example.com');
    const stranger = await as(s, 'stranger@example.com');

    let r = await client.get(`/contracts/${id}/checklist`);
    assert.equal(r.status, 200);
    // One small form per item, with item and done.
    assert.equal((r.text.match(/<form method="post" action="\/contracts\/\d+\/checklist">/g) || []).length, 3);
    assert.match(r.text, /name="item" value="revoke-access"/);
    assert.match(r.text, /name="done" value="1"/);

    r = await client.post(`/contracts/${id}/checklist`, { item: 'revoke-access', done: '1' });
    assert.equal(r.status, 303);
    assert.equal(r.location, `/contracts/${id}/checklist#item-revoke-access`);
    assert.deepEqual(ticks(s, id), [{ side: 'client', item: 'revoke-access', done_by: ids.client, done_at: T(NOW) }]);
    // Ticking again keeps the first time.
    r = await client.post(`/contracts/${id}/checklist`, { item: 'revoke-access', done: '1' });
    assert.equal(r.status, 303);
    assert.equal(ticks(s, id).length, 1);

    r = await client.get(`/contracts/${id}/checklist`);
    assert.match(mainText(r.text), /Marked as done\./);
    assert.match(mainText(r.text), /1 of 3 done/);
    assert.match(mainText(r.text), /Done Wed, Nov 25, 2026, 10:00 UTC by Clara Client/);
    r = await client.get(`/contracts/${id}`);
    assert.match(mainText(r.text), /Your checklist 1 of 3 done/);
    r = await client.get('/contracts?status=ended');
    assert.match(mainText(r.text), /Checklist 1 of 3 done/);

    // The freelancer's list is its own.
    r = await freelancer.get(`/contracts/${id}/checklist`);
    assert.match(mainText(r.text), /Deliver all remaining work/);
    assert.match(mainText(r.text), /0 of 3 done/);
    assert.doesNotMatch(mainText(r.text), /Revoke passwords/);
    r = await freelancer.post(`/contracts/${id}/checklist`, { item: 'return-access', done: '1' });
    assert.equal(r.status, 303);
    r = await freelancer.post(`/contracts/${id}/checklist`, { item: 'deliver-work', done: '1' });
    assert.equal(r.status, 303);
    r = await freelancer.get(`/contracts/${id}`);
    assert.match(mainText(r.text), /Your checklist 2 of 3 done/);

    // Unticking removes the tick.
    r = await freelancer.post(`/contracts/${id}/checklist`, { item: 'return-access', done: '0' });
    assert.equal(r.status, 303);
    assert.deepEqual(ticks(s, id).map((t) => `${t.side}:${t.item}`), ['client:revoke-access', 'freelancer:deliver-work']);

    // Bad input: 400 naming the field; the other side's item is not yours.
    const before = s.snapshot();
    for (const [f, why] of [
      [{ item: 'deliver-work', done: '1' }, /item/],
      [{ item: 'nope', done: '1' }, /item/],
      [{ done: '1' }, /item/],
      [{ item: 'revoke-access', done: '2' }, /done/],
      [{ item: 'revoke-access' }, /done/],
    ]) {
      r = await client.post(`/contracts/${id}/checklist`, f);
      assert.equal(r.status, 400, JSON.stringify(f));
      assert.match(mainText(r.text), why);
    }
    // Strangers: the contract does not exist.
    assert.equal((await stranger.get(`/contracts/${id}/checklist`)).status, 404);
    assert.equal((await stranger.post(`/contracts/${id}/checklist`, { item: 'revoke-access', done: '1' })).status, 404);
    assert.equal((await stranger.post(`/contracts/${id}/checklist/remind`)).status, 404);
    // Only the client reminds.
    r = await freelancer.post(`/contracts/${id}/checklist/remind`);
    assert.equal(r.status, 403);
    assert.deepEqual(s.snapshot(), before);

    // On the agency's contract the member who is the freelancer of record
    // ticks the freelancer side's list; the agency's admin does not.
    const admin = await as(s, 'admin@example.com');
    const agencyPage = await admin.get(`/contracts/${ids.agencyContract}/checklist`);
    assert.equal(agencyPage.status, 200);
    assert.doesNotMatch(agencyPage.text, /action="\/contracts\/\d+\/checklist"/);
    const mid = s.snapshot();
    r = await admin.post(`/contracts/${ids.agencyContract}/checklist`, { item: 'deliver-work', done: '1' });
    assert.equal(r.status, 403);
    assert.match(mainText(r.text), /the freelancer of record, Mia Member, logs the hours and ticks the freelancer's checklist/);
    assert.deepEqual(s.snapshot(), mid);
    const member = await as(s, 'member@example.com');
    r = await member.post(`/contracts/${ids.agencyContract}/checklist`, { item: 'deliver-work', done: '1' });
    assert.equal(r.status, 303);
    assert.deepEqual(ticks(s, ids.agencyContract), [{ side: 'freelancer', item: 'deliver-work', done_by: ids.member, done_at: T(NOW) }]);
  } finally { await s.stop(); }
});

test('checklist: the reminder reaches the freelancer and ticks the item, once', async () => {
  let ids;
  const s = await startStack({
    now: NOW,
    setup: (st) => {
      ids = cast(st);
      st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${T('2026-11-24T09:00:00Z')}, ` +
        `ended_by = ${ids.client}, end_reason = 'done' WHERE id = ${ids.hourly}`);
    },
  });
  try {
    const id = ids.hourly;
    const client = await as(s, 'client@example.com');
    const freelancer = await as(s, 'freelancer@example.com');
    let r = await client.get(`/contracts/${id}/checklist`);
    assert.match(r.text, new RegExp(`action="/contracts/${id}/checklist/remind"`));
    r = await client.post(`/contracts/${id}/checklist/remind`);
    assert.equal(r.status, 303);
    const n = s.sql(`SELECT user_id, kind, body, created_at FROM notifications WHERE contract_id = ${id}`);
    assert.equal(n.length, 1);
    assert.equal(n[0].user_id, ids.freelancer);
    assert.equal(n[0].kind, 'property_reminder');
    assert.match(n[0].body, /Clara Client reminds you to remove their property/);
    assert.equal(n[0].created_at, T(NOW));
    assert.deepEqual(ticks(s, id).map((t) => t.item), ['remind-property']);
    r = await client.get(`/contracts/${id}/checklist`);
    assert.match(mainText(r.text), /reminder was sent/);
    assert.match(mainText(r.text), /1 of 3 done/);
    assert.doesNotMatch(r.text, /checklist\/remind"/);

    const before = s.snapshot();
    r = await client.post(`/contracts/${id}/checklist/remind`);
    assert.equal(r.status, 409);
    assert.match(mainText(r.text), /already sent/);
    assert.deepEqual(s.snapshot(), before);

    r = await freelancer.get(`/contracts/${id}/checklist`);
    assert.match(mainText(r.text), /The client reminded you on Wed, Nov 25, 2026, 10:00 UTC/);
    assert.match(r.text, /class="count">1/);
  } finally { await s.stop(); }
});
