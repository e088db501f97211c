// Refunds through the real stack, the clock pinned to 2026-11-25 10:00 UTC:
// the freelancer side refunds all or part of a payment of the past 180 days
// (day 180 yes, day 181 no: contact support), on active and ended
// contracts, never more than what is left (one cent over is refused, and
// so are concurrent refunds that together would exceed it); amounts parse
// exactly into cents; the client cannot refund; each refusal changes
// nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, cast, mainText, signedIn, unix } from './lib.mjs';

const NOW = '2026-11-25T10:00:00Z';
const day = (n, time = 'T00:00:00Z') => new Date(Date.parse('2026-11-25') - n * 86400e3).toISOString().slice(0, 10) + time;
let s, ids;

const as = (email) => signedIn(s, email);

before(async () => {
  s = await startStack({
    now: NOW,
    setup(st) {
      ids = cast(st);
      const pay = (c, amount, at) => st.ctl('payment', 'add', '--contract', String(c), '--amount', amount, '--paid-at', at);
      ids.p100 = pay(ids.hourly, '100.00', day(30));
      ids.day180 = pay(ids.hourly, '80.00', day(180, 'T00:00:00Z'));
      ids.day181 = pay(ids.hourly, '70.00', day(181, 'T23:59:59Z'));
      ids.race = pay(ids.hourly, '50.00', day(2));
      ids.agencyPay = pay(ids.agencyContract, '35.00', day(5));
      ids.ended = st.ctl('contract', 'add', '--title', 'Finished work', '--client', 'client@example.com',
        '--freelancer', 'freelancer@example.com', '--hourly', '45.00', '--started', '2026-06-01');
      ids.endedPay = pay(ids.ended, '90.00', day(10));
      st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${unix('2026-11-20')}, ended_by = client_id, end_reason = 'The work is done' WHERE id = ${ids.ended}`);
    },
  });
});
after(async () => { await s.stop(); });

test('the payments page lists each payment with what is left and until when it can be refunded', async () => {
  const f = await as('freelancer@example.com');
  const r = await f.get(`/contracts/${ids.hourly}/payments`);
  assert.equal(r.status, 200);
  const t = mainText(r.text);
  assert.match(t, /Paid \$300\.00 Refunded \$0\.00 Net \$300\.00/);
  assert.match(t, /\$80\.00 paid Fri, May 29, 2026 .* possible until Wed, Nov 25, 2026/);
  assert.match(t, /\$70\.00 paid Thu, May 28, 2026 .* closed after Tue, Nov 24, 2026 \(over 180 days\): contact support/);
  assert.match(r.text, new RegExp(`name="payment" value="${ids.p100}"`));
  assert.match(r.text, new RegExp(`name="payment" value="${ids.day180}"`));
  assert.doesNotMatch(r.text, new RegExp(`name="payment" value="${ids.day181}"`));
  const c = await as('client@example.com');
  const cr = await c.get(`/contracts/${ids.hourly}/payments`);
  assert.match(mainText(cr.text), /Only the freelancer side can give refunds/);
  assert.doesNotMatch(cr.text, /action="\/contracts\/\d+\/refunds"/);
});

test('amounts are parsed exactly: -1, 0, 1e3, 12,50, 0.001 and friends are 400 and change nothing', async () => {
  const f = await as('freelancer@example.com');
  await f.get(`/contracts/${ids.hourly}/payments`);
  const before = s.snapshot();
  for (const [amount, re] of [['-1', /Amount: use digits/], ['0', /Amount: enter more than 0\.00/], ['0.00', /Amount: enter more than/],
    ['1e3', /Amount: use digits/], ['12,50', /Amount: use digits/], ['0.001', /Amount: use at most two decimals/],
    ['', /Amount: enter an amount/], [' 5', /Amount: use digits/], ['$5', /Amount: use digits/], ['5.', /Amount: use digits/],
    ['.5', /Amount: use digits/], ['0x10', /Amount: use digits/], ['100000000.01', /Amount: enter at most/]]) {
    const r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.p100), amount, reason: 'x', confirm: '1' });
    assert.equal(r.status, 400, amount);
    assert.match(mainText(r.text), re, amount);
  }
  const r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.p100), confirm: '1' });
  assert.equal(r.status, 400);
  for (const payment of ['', 'abc', '0', '-1', String(ids.endedPay), '99999']) {
    const x = await f.post(`/contracts/${ids.hourly}/refunds`, { payment, amount: '1.00' });
    assert.equal(x.status, 400, payment);
    assert.match(mainText(x.text), /Payment:/);
  }
  assert.deepEqual(s.snapshot(), before);
});

test('the client cannot refund (403), and nothing changes', async () => {
  const c = await as('client@example.com');
  await c.get(`/contracts/${ids.hourly}/payments`);
  const before = s.snapshot();
  const r = await c.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.p100), amount: '10.00', confirm: '1' });
  assert.equal(r.status, 403);
  assert.match(mainText(r.text), /Only the freelancer side can give refunds/);
  assert.deepEqual(s.snapshot(), before);
});

test('partial refunds add up to the payment and never past it: one cent over is refused', async () => {
  const f = await as('freelancer@example.com');
  await f.get(`/contracts/${ids.hourly}/payments`);
  let r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.p100), amount: '12.50', reason: 'Late delivery', confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/contracts/${ids.hourly}/payments`);
  assert.equal(s.sql(`SELECT refunded FROM payments WHERE id = ${ids.p100}`)[0].refunded, 1250);
  assert.deepEqual(s.sql(`SELECT payment_id, amount, reason, source, created_by FROM refunds`),
    [{ payment_id: ids.p100, amount: 1250, reason: 'Late delivery', source: 'refund', created_by: ids.freelancer }]);
  const [n] = s.sql(`SELECT user_id, kind, body FROM notifications WHERE kind = 'refund'`);
  assert.equal(n.user_id, ids.client);
  assert.match(n.body, /Felix Freelancer refunded \$12\.50 of your payment of Mon, Oct 26, 2026 on “Mobile app API”/);
  r = await f.get(r.location);
  assert.match(mainText(r.text), /The refund was given/);
  assert.match(mainText(r.text), /Refunds given .* \$12\.50 Felix Freelancer Late delivery/);

  let before = s.snapshot();
  r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.p100), amount: '87.51', confirm: '1' });
  assert.equal(r.status, 400);
  assert.match(mainText(r.text), /Amount: only \$87\.50 is left to refund on this payment/);
  assert.deepEqual(s.snapshot(), before);
  r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.p100), amount: '87.50', confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(s.sql(`SELECT refunded FROM payments WHERE id = ${ids.p100}`)[0].refunded, 10000);
  before = s.snapshot();
  r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.p100), amount: '0.01', confirm: '1' });
  assert.equal(r.status, 409);
  assert.match(mainText(r.text), /refunded in full already/);
  assert.deepEqual(s.snapshot(), before);
});

test('payment day 180 can be refunded; day 181 is refused with a pointer to support', async () => {
  const f = await as('freelancer@example.com');
  await f.get(`/contracts/${ids.hourly}/payments`);
  const before = s.snapshot();
  let r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.day181), amount: '1.00', confirm: '1' });
  assert.equal(r.status, 409);
  assert.match(mainText(r.text), /made on Thu, May 28, 2026, more than 180 days ago.*Contact support/);
  assert.deepEqual(s.snapshot(), before);
  r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.day180), amount: '80', confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(s.sql(`SELECT refunded FROM payments WHERE id = ${ids.day180}`)[0].refunded, 8000);
});

test('concurrent refunds can never together exceed the payment', async () => {
  const f = await as('freelancer@example.com');
  const g = await as('freelancer@example.com');
  await f.get(`/contracts/${ids.hourly}/payments`);
  await g.get(`/contracts/${ids.hourly}/payments`);
  const rs = await Promise.all([f, g, f, g].map((c) => c.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.race), amount: '30.00', confirm: '1' })));
  assert.equal(rs.filter((r) => r.status === 303).length, 1);
  assert.ok(rs.every((r) => r.status === 303 || r.status === 400), rs.map((r) => r.status).join());
  assert.equal(s.sql(`SELECT refunded FROM payments WHERE id = ${ids.race}`)[0].refunded, 3000);
  assert.equal(s.sql(`SELECT sum(amount) AS a FROM refunds WHERE payment_id = ${ids.race}`)[0].a, 3000);
});

test('refunds stay possible on an ended contract, and agency admins refund for the freelancer side', async () => {
  const f = await as('freelancer@example.com');
  await f.get(`/contracts/${ids.ended}/payments`);
  assert.equal((await f.post(`/contracts/${ids.ended}/refunds`, { payment: String(ids.endedPay), amount: '90.00', confirm: '1' })).status, 303);
  const adm = await as('admin@example.com');
  const page = await adm.get(`/contracts/${ids.agencyContract}/payments`);
  assert.match(page.text, /Give a refund/);
  const r = await adm.post(`/contracts/${ids.agencyContract}/refunds`, { payment: String(ids.agencyPay), amount: '5.25', confirm: '1' });
  assert.equal(r.status, 303);
  assert.deepEqual(s.sql(`SELECT amount, created_by FROM refunds WHERE payment_id = ${ids.agencyPay}`), [{ amount: 525, created_by: ids.admin }]);
});
