// Forms as users meet them (DESIGN.md section 3): a form with a mistake
// comes back as the same page, status 400, with what was typed, the
// message beside its field and a summary at the top that takes focus;
// an irreversible money action (a refund, an answer to a dispute or to an
// escrow request) first shows a confirmation page that changes nothing,
// and only the confirmed POST acts.  Each refusal is checked against a
// snapshot of every table, and each is followed by the same form sent
// right, which does change things (the positive control).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText, signedIn } from './lib.mjs';

const NOW = '2026-11-25T10:00:00Z';
let s, ids;

const as = (email) => signedIn(s, email);

before(async () => {
  s = await startStack({
    now: NOW,
    setup(st) {
      ids = cast(st);
      const h = String(ids.hourly);
      st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-24', '--minutes', '1400', '--memo', 'long day');
      st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-20', '--minutes', '300', '--memo', 'last week');
      ids.pay = st.ctl('payment', 'add', '--contract', h, '--amount', '1800.00', '--paid-at', '2026-10-26');
      st.ctl('milestone', 'add', '--contract', String(ids.fixed), '--amount', '500.00', '--funded');
      ids.other = st.ctl('contract', 'add', '--title', 'Other reason', '--client', 'client@example.com',
        '--freelancer', 'freelancer@example.com', '--hourly', '30.00', '--started', '2026-11-01');
      ids.asked = st.ctl('contract', 'add', '--title', 'Escrow asked back', '--client', 'client@example.com',
        '--freelancer', 'freelancer@example.com', '--fixed', '300.00', '--started', '2026-10-01');
      st.ctl('milestone', 'add', '--contract', String(ids.asked), '--amount', '300.00', '--funded');
    },
  });
});
after(async () => { await s.stop(); });

// The page that came back: status 400, the form's action, the summary
// taking focus and linking to the field, the message beside the field.
function cameBack(r, { action, field, message }) {
  assert.equal(r.status, 400);
  assert.doesNotMatch(r.text, /<p class="status">Error 400<\/p>/, 'not the dead-end error page');
  assert.match(r.text, new RegExp(`<form method="post" action="${action}"`));
  assert.match(r.text, /<div class="error-box" role="alert" id="form-errors" tabindex="-1" autofocus>/);
  assert.match(r.text, new RegExp(`<li><a href="#${field}">${message.source}`));
  assert.match(r.text, new RegExp(`<p class="field-error" id="err-${field}">${message.source}`));
  assert.match(r.text, new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
}

test('ending with "Other" and no text comes back with the reason chosen and the message beside it', async () => {
  const c = await as('client@example.com');
  await c.get(`/contracts/${ids.other}/end`);
  const before = s.snapshot();
  const r = await c.post(`/contracts/${ids.other}/end`, { reason: 'other', reason_other: '   ' });
  cameBack(r, { action: `/contracts/${ids.other}/end`, field: 'reason_other', message: /Other reason: you chose “Other”/ });
  assert.match(r.text, /<option value="other" selected>Other \(say why\)<\/option>/);
  assert.match(r.text, /<input id="reason_other" name="reason_other" type="text" maxlength="300" value="   "/);
  // No reason chosen: the message is beside the select.
  const x = await c.post(`/contracts/${ids.other}/end`, { reason_other: 'typed anyway' });
  cameBack(x, { action: `/contracts/${ids.other}/end`, field: 'reason', message: /Reason for ending: choose why/ });
  assert.match(x.text, /value="typed anyway"/);
  assert.deepEqual(s.snapshot(), before);
  assert.equal((await c.post(`/contracts/${ids.other}/end`, { reason: 'other', reason_other: 'Paused' })).status, 303);
});

test('releasing more escrow than there is comes back with the amount typed', async () => {
  const c = await as('client@example.com');
  const page = await c.get(`/contracts/${ids.fixed}/end`);
  assert.match(page.text, /<input id="release" name="release"[^>]*value=""/, 'no amount chosen for the client');
  const before = s.snapshot();
  const r = await c.post(`/contracts/${ids.fixed}/end`, { reason: 'done', release: '500.01' });
  cameBack(r, { action: `/contracts/${ids.fixed}/end`, field: 'release', message: /Release: only \$500\.00 is in escrow/ });
  assert.match(r.text, /<input id="release" name="release"[^>]*value="500\.01"/);
  assert.match(r.text, /<option value="done" selected>/);
  assert.deepEqual(s.snapshot(), before);
  assert.equal((await c.post(`/contracts/${ids.fixed}/end`, { reason: 'done', release: '500.00' })).status, 303);
});

test('a diary day over 24 hours comes back with the minutes and memo typed; so does an edit', async () => {
  const f = await as('freelancer@example.com');
  await f.get(`/contracts/${ids.hourly}/diary`);
  const before = s.snapshot();
  const r = await f.post(`/contracts/${ids.hourly}/diary`, { date: '2026-11-24', minutes: '41', memo: 'one more call' });
  cameBack(r, { action: `/contracts/${ids.hourly}/diary`, field: 'add-minutes',
    message: /Minutes: Tue, Nov 24, 2026 already has 23\.33 hours logged, and a day holds at most 24 hours \(1440 minutes\)\. Log at most 40 minutes more\./ });
  assert.match(r.text, /<option value="2026-11-24" selected>/);
  assert.match(r.text, /id="add-minutes"[^>]*value="41"/);
  assert.match(r.text, /id="add-memo"[^>]*value="one more call"/);
  // An edit that breaks the day: that entry's form comes back open.
  const [e] = s.sql(`SELECT id FROM diary_entries WHERE memo = 'long day'`);
  const x = await f.post(`/contracts/${ids.hourly}/diary/${e.id}`, { date: '2026-11-24', minutes: '1441', memo: 'edited' });
  cameBack(x, { action: `/contracts/${ids.hourly}/diary/${e.id}`, field: `m-${e.id}`, message: /Minutes: enter a whole number/ });
  assert.match(x.text, /<details class="edit" open>/);
  assert.match(x.text, new RegExp(`id="t-${e.id}"[^>]*value="edited"`));
  assert.deepEqual(s.snapshot(), before);
  assert.equal((await f.post(`/contracts/${ids.hourly}/diary`, { date: '2026-11-24', minutes: '40', memo: 'one more call' })).status, 303);
});

test('a refund over what is left comes back with the amount and reason typed; the amount is never prefilled', async () => {
  const f = await as('freelancer@example.com');
  const page = await f.get(`/contracts/${ids.hourly}/payments`);
  assert.match(page.text, new RegExp(`<input id="ra-${ids.pay}" name="amount"[^>]*value=""`));
  const before = s.snapshot();
  const r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.pay), amount: '1800.01', reason: 'Late work' });
  cameBack(r, { action: `/contracts/${ids.hourly}/refunds`, field: `ra-${ids.pay}`,
    message: /Amount: only \$1,800\.00 is left to refund on this payment/ });
  assert.match(r.text, /<details class="refund" open>/);
  assert.match(r.text, new RegExp(`id="ra-${ids.pay}"[^>]*value="1800\\.01"`));
  assert.match(r.text, />Late work<\/textarea>/);
  assert.deepEqual(s.snapshot(), before);
});

test('a refund asks for confirmation first; only the confirmed POST refunds', async () => {
  const f = await as('freelancer@example.com');
  await f.get(`/contracts/${ids.hourly}/payments`);
  const before = s.snapshot();
  const r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.pay), amount: '12.5', reason: 'Late work' });
  assert.equal(r.status, 200);
  const t = mainText(r.text);
  assert.match(t, /Refund \$12\.50 to Clara Client\?/);
  assert.match(t, /From the payment of \$1,800\.00 made on Mon, Oct 26, 2026; \$1,787\.50 of it will be left to refund/);
  assert.match(t, /A refund can't be undone/);
  for (const [n, v] of [['payment', String(ids.pay)], ['amount', '12.50'], ['reason', 'Late work'], ['confirm', '1']]) {
    assert.match(r.text, new RegExp(`<input type="hidden" name="${n}" value="${v}">`), n);
  }
  assert.deepEqual(s.snapshot(), before, 'the question changes nothing');
  const ok = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.pay), amount: '12.50', reason: 'Late work', confirm: '1' });
  assert.equal(ok.status, 303);
  assert.equal(s.sql(`SELECT refunded FROM payments WHERE id = ${ids.pay}`)[0].refunded, 1250);
});

test('a dispute form with a mistake comes back with the reason typed; answering it asks first', async () => {
  const c = await as('client@example.com');
  await c.get(`/contracts/${ids.hourly}/billing`);
  let before = s.snapshot();
  const r = await c.post(`/contracts/${ids.hourly}/disputes`, { invoice: '2026-11-16', minutes: '301', reason: 'Too long for a review' });
  cameBack(r, { action: `/contracts/${ids.hourly}/disputes`, field: 'dm-2026-11-16',
    message: /Minutes you dispute: at most 300 minutes \(5 hours\) of this invoice can be disputed/ });
  assert.match(r.text, /<details class="dispute" open>/);
  assert.match(r.text, />Too long for a review<\/textarea>/);
  assert.deepEqual(s.snapshot(), before);
  assert.equal((await c.post(`/contracts/${ids.hourly}/disputes`, { invoice: '2026-11-16', minutes: '60', reason: 'Too long' })).status, 303);
  const [d] = s.sql(`SELECT id FROM disputes WHERE contract_id = ${ids.hourly}`);

  const f = await as('freelancer@example.com');
  await f.get(`/contracts/${ids.hourly}/billing`);
  before = s.snapshot();
  for (const [decision, re] of [['accept', /Accept Clara Client's dispute of 1 hour \(\$40\.00\).*\$40\.00 is refunded to Clara Client at once/],
    ['decline', /Decline Clara Client's dispute of 1 hour \(\$40\.00\).*The marketplace reviews the dispute/]]) {
    const q = await f.post(`/disputes/${d.id}`, { decision });
    assert.equal(q.status, 200, decision);
    assert.match(mainText(q.text), re);
    assert.match(mainText(q.text), /Clara Client's reason: Too long/);
    assert.match(q.text, new RegExp(`<form method="post" action="/disputes/${d.id}"`));
    assert.match(q.text, new RegExp(`<input type="hidden" name="decision" value="${decision}">`));
  }
  assert.deepEqual(s.snapshot(), before, 'the question changes nothing');
  assert.equal((await f.post(`/disputes/${d.id}`, { decision: 'accept', confirm: '1' })).status, 303);
  assert.equal(s.sql(`SELECT status FROM disputes WHERE id = ${d.id}`)[0].status, 'accepted');
});

test('answering an escrow refund request asks first; only the confirmed POST answers', async () => {
  const c = await as('client@example.com');
  await c.get(`/contracts/${ids.asked}/end`);
  assert.equal((await c.post(`/contracts/${ids.asked}/end`, { reason: 'done', release: '100.00' })).status, 303);
  const f = await as('freelancer@example.com');
  await f.get(`/contracts/${ids.asked}`);
  const before = s.snapshot();
  const q = await f.post(`/contracts/${ids.asked}/escrow`, { decision: 'accept' });
  assert.equal(q.status, 200);
  assert.match(mainText(q.text), /Accept giving \$200\.00 back to Clara Client\?.*Clara Client released \$100\.00 to you/);
  assert.match(q.text, /<input type="hidden" name="confirm" value="1">/);
  const d = await f.post(`/contracts/${ids.asked}/escrow`, { decision: 'decline' });
  assert.equal(d.status, 200);
  assert.match(mainText(d.text), /The contract becomes disputed/);
  assert.deepEqual(s.snapshot(), before, 'the question changes nothing');
  assert.equal((await f.post(`/contracts/${ids.asked}/escrow`, { decision: 'accept', confirm: '1' })).status, 303);
  assert.equal(s.sql(`SELECT decision FROM escrow_requests WHERE contract_id = ${ids.asked}`)[0].decision, 1);
});
