// A paid invoice is a payment (issue 14, DESIGN.md section 2, weekly
// billing): every week Billing calls "paid" (from the Wednesday its funds
// become available) is listed on Payments with the same amount, counted
// in the contract page's and the Payments page's totals, offered on the
// end page and the dashboard for a refund, exported in payments.csv, and
// can be refunded like any payment (its row is made then, once).  Weeks
// Billing does not call paid (in review, held by an escalated dispute)
// are not listed.  The clock is pinned to Wednesday 2026-11-25 10:00 UTC:
// the week of Nov 9 became paid at 00:00 that day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText } from './lib.mjs';

const NOW = '2026-11-25T10:00:00Z';
const at = (day) => Date.parse(`${day}T00:00:00Z`) / 1000;
let s, ids, f, c;

before(async () => {
  s = await startStack({
    now: NOW,
    setup(st) {
      ids = cast(st);
      const add = (id, date, minutes) => st.ctl('diary', 'add', '--contract', String(id), '--date', date,
        '--minutes', String(minutes));
      add(ids.hourly, '2026-10-20', 240);	// week of Oct 19: one hour of it refunded by a dispute
      add(ids.hourly, '2026-10-27', 180);	// week of Oct 26: held by an escalated dispute
      add(ids.hourly, '2026-11-03', 720);	// week of Nov 2: 12 h logged, 10 billed
      add(ids.hourly, '2026-11-10', 90);	// week of Nov 9: paid since 00:00 today
      add(ids.hourly, '2026-11-17', 60);	// week of Nov 16: in review
      // The agency's contract: only a week in review, so nothing to refund.
      add(ids.agencyContract, '2026-11-17', 60);
      st.sql(`INSERT INTO invoices (id, contract_id, week, minutes, amount, refunded) VALUES
        (1, ${ids.hourly}, ${at('2026-10-19')}, 240, 16000, 4000),
        (2, ${ids.hourly}, ${at('2026-10-26')}, 180, 12000, 0);
        INSERT INTO disputes (invoice_id, contract_id, minutes, amount, reason, opened_by, opened_at, status,
          decided_by, decided_at) VALUES
        (1, ${ids.hourly}, 60, 4000, 'A cancelled call', ${ids.client}, ${at('2026-10-27')}, 'accepted',
          ${ids.freelancer}, ${at('2026-10-28')}),
        (2, ${ids.hourly}, 60, 4000, 'Not agreed', ${ids.client}, ${at('2026-11-03')}, 'escalated', NULL,
          ${at('2026-11-06')})`);
    },
  });
  f = new Client(s);
  await f.login('freelancer@example.com');
  c = new Client(s);
  await c.login('client@example.com');
});
after(async () => { await s.stop(); });

// Billing's invoices: week ("Mon, Nov 2, 2026 – Sun, Nov 8, 2026"), state, amount.
function billed(html) {
  return [...html.matchAll(/<h2>Week of (.*?) <span class="badge \w+">(.*?)<\/span><\/h2>[\s\S]*?<dt>Amount<\/dt><dd>(.*?)<\/dd>/g)]
    .map(([, week, state, amount]) => ({ week, state, amount }));
}

// Payments' invoices: week and amount.
function listed(html) {
  return [...html.matchAll(/<h2>(\S+) <span class="muted">paid .*?<\/span><\/h2>\s*<dl>\s*<dt>For<\/dt><dd>the invoice for the week of (.*?) \(/g)]
    .map(([, amount, week]) => ({ week, amount }));
}

const totals = (text) => text.match(/Paid (\$[\d,.]+) Refunded (\$[\d,.]+) Net (-?\$[\d,.]+)/).slice(1);

test('every invoice Billing calls paid is on Payments, with its amount; no other invoice is', async () => {
  for (const who of [f, c]) {
    const b = billed((await who.get(`/contracts/${ids.hourly}/billing`)).text);
    assert.deepEqual(b.map((x) => x.state), ['in review', 'paid', 'paid', 'disputed', 'paid'],
      'weeks of Nov 16, Nov 9, Nov 2, Oct 26, Oct 19');
    const paid = b.filter((x) => x.state === 'paid').map(({ week, amount }) => ({ week, amount }));
    const r = await who.get(`/contracts/${ids.hourly}/payments`);
    assert.equal(r.status, 200);
    assert.deepEqual(listed(r.text), paid);
    assert.deepEqual(paid.map((x) => x.amount), ['$60.00', '$400.00', '$160.00'],
      '1.5 h; 12 h logged over the 10-hour limit; 4 h');
    const t = mainText(r.text);
    // Paid: the three invoices; Refunded: the hour refunded by the dispute.
    assert.deepEqual(totals(t), ['$620.00', '$40.00', '$580.00']);
    assert.match(t, /\$60\.00 paid Wed, Nov 25, 2026/, 'paid the Wednesday its funds became available');
    assert.match(t, /\$160\.00 paid Wed, Nov 4, 2026 For the invoice for the week of Mon, Oct 19, 2026 – Sun, Oct 25, 2026 \( ?Billing ?\) Refunded \$40\.00 Left \$120\.00/);
    assert.doesNotMatch(t, /week of Mon, Oct 26, 2026/, 'held by an escalated dispute');
    assert.doesNotMatch(t, /week of Mon, Nov 16, 2026/, 'in review');
    // The contract page's card reads the same figures.
    const card = mainText((await who.get(`/contracts/${ids.hourly}`)).text);
    assert.match(card, /Payments 3 Paid \$620\.00 Refunded \$40\.00 Net \$580\.00/);
  }
});

test('the dashboard offers a refund when the only payments are paid invoices', async () => {
  assert.equal(s.sql('SELECT count(*) AS n FROM payments')[0].n, 0, 'no payment rows yet');
  const dash = (await f.get('/contracts?status=all')).text;
  assert.match(dash, new RegExp(`href="/contracts/${ids.hourly}/payments">Give refund`));
  // Positive control: a contract whose only week is in review offers none.
  const o = new Client(s);
  await o.login('owner@example.com');
  const od = (await o.get('/contracts?status=all')).text;
  assert.match(od, new RegExp(`href="/contracts/${ids.agencyContract}/end"`), 'the owner decides here');
  assert.doesNotMatch(od, new RegExp(`href="/contracts/${ids.agencyContract}/payments">Give refund`));
});

test('a paid invoice can be refunded: asked first, its row made once, never beyond what is left', async () => {
  let r = await f.get(`/contracts/${ids.hourly}/payments`);
  assert.match(r.text, /name="payment" value="week-2026-11-02"/);
  // Over what is left: the form again, typed values kept.
  r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: 'week-2026-10-19', amount: '120.01', reason: 'Too much' });
  assert.equal(r.status, 400);
  assert.match(mainText(r.text), /only \$120\.00 is left to refund on this payment/);
  assert.match(r.text, /id="ra-week-2026-10-19"[^>]*value="120\.01"/);
  // The question first; nothing written.
  r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: 'week-2026-11-02', amount: '25.00', reason: 'Overtime' });
  assert.equal(r.status, 200);
  assert.match(mainText(r.text), /Refund \$25\.00 to Clara Client\? From the invoice for the week of Mon, Nov 2, 2026 to Sun, Nov 8, 2026, \$400\.00 paid on Wed, Nov 18, 2026; \$375\.00 of it will be left to refund\./);
  assert.equal(s.sql('SELECT count(*) AS n FROM payments')[0].n, 0, 'no row before the confirmation');
  // Confirmed, twice: one row for the week, two refunds against it.
  for (const amount of ['25.00', '5.00']) {
    r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: 'week-2026-11-02', amount, reason: 'Overtime', confirm: '1' });
    assert.equal(r.status, 303);
  }
  const rows = s.sql('SELECT id, amount, refunded, paid_at, week FROM payments');
  assert.deepEqual(rows.map(({ amount, refunded, paid_at, week }) => ({ amount, refunded, paid_at, week })),
    [{ amount: 40000, refunded: 3000, paid_at: at('2026-11-18'), week: at('2026-11-02') }]);
  assert.deepEqual(s.sql('SELECT payment_id, amount FROM refunds ORDER BY id'),
    [{ payment_id: rows[0].id, amount: 2500 }, { payment_id: rows[0].id, amount: 500 }]);
  // A week's row keeps what its dispute refunded: Left is what the page said.
  r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: 'week-2026-10-19', amount: '120.00', confirm: '1' });
  assert.equal(r.status, 303);
  assert.deepEqual(s.sql(`SELECT amount, refunded FROM payments WHERE week = ${at('2026-10-19')}`),
    [{ amount: 16000, refunded: 16000 }]);
  r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment: 'week-2026-10-19', amount: '0.01', confirm: '1' });
  assert.equal(r.status, 409, 'refunded in full');
  // Not a paid week of this contract: in review, held, or made up.
  for (const payment of ['week-2026-11-16', 'week-2026-10-26', 'week-2026-11-03', 'week-x']) {
    r = await f.post(`/contracts/${ids.hourly}/refunds`, { payment, amount: '1.00', confirm: '1' });
    assert.equal(r.status, 400, payment);
  }
  assert.equal(s.sql('SELECT count(*) AS n FROM refunds')[0].n, 3, 'the refusals changed nothing');
  // The pages: the same payments, each once, with their refunds.
  const t = mainText((await c.get(`/contracts/${ids.hourly}/payments`)).text);
  assert.deepEqual(totals(t), ['$620.00', '$190.00', '$430.00'], '$40 by dispute, $30 and $120 given');
  assert.match(t, /\$400\.00 paid Wed, Nov 18, 2026 For the invoice for the week of Mon, Nov 2, 2026 – Sun, Nov 8, 2026 \( ?Billing ?\) Refunded \$30\.00 Left \$370\.00/);
  assert.equal(listed((await c.get(`/contracts/${ids.hourly}/payments`)).text).length, 3);
  // The end page offers what is left of them.
  const end = mainText((await f.get(`/contracts/${ids.hourly}/end`)).text);
  assert.match(end, /Wed, Nov 25, 2026 \$60\.00 \$60\.00 \w+, May 24, 2027 Invoice for the week of Mon, Nov 9, 2026/);
  assert.match(end, /Wed, Nov 18, 2026 \$400\.00 \$370\.00 \w+, May 17, 2027 Invoice for the week of Mon, Nov 2, 2026/);
  assert.doesNotMatch(end, /week of Mon, Oct 19/, 'refunded in full');
  assert.match(mainText((await c.get('/notifications')).text), /Felix Freelancer refunded \$25\.00 of the invoice for the week of Mon, Nov 2, 2026 to Sun, Nov 8, 2026 on “Mobile app API”/);
});

test('payments.csv lists the paid invoices as the page does', async () => {
  const r = await c.get(`/contracts/${ids.hourly}/payments.csv`);
  assert.equal(r.status, 200);
  const lines = r.text.trim().split('\r\n').filter((l) => l.startsWith('payment,'));
  const [made] = s.sql(`SELECT id FROM payments WHERE week = ${at('2026-11-02')}`);
  const [oct] = s.sql(`SELECT id FROM payments WHERE week = ${at('2026-10-19')}`);
  assert.deepEqual(lines, [
    `payment,${oct.id},2026-11-04T00:00:00Z,160.00,160.00,0.00,2027-05-03,,invoice,,the week of 2026-10-19`,
    `payment,${made.id},2026-11-18T00:00:00Z,400.00,30.00,370.00,2027-05-17,,invoice,,the week of 2026-11-02`,
    'payment,,2026-11-25T00:00:00Z,60.00,0.00,60.00,2027-05-24,,invoice,,the week of 2026-11-09',
  ]);
});
