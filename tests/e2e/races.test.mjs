// Races through the real stack with 4 workers: the same write sent at the
// same instant from different sessions, many times over.
//  - both sides confirm "end" together (hourly, and fixed price with
//    escrow where the client releases part): exactly one end, one
//    timeline event, one notification to the side that did not end, and
//    the escrow moved once;
//  - refunds racing for the last dollars of a payment: never more than the
//    payment, every refusal because too little was left;
//  - the same feedback sent twice, both sides' feedback at once, the same
//    response twice, the same dispute twice: one row each, one notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, unix } from './lib.mjs';

const NOW = '2026-11-25T10:00:00Z';
const N_END = 20;
const N_FIXED = 10;
const N_REFUND = 40;
const N_FEEDBACK = 10;
const N_DISPUTE = 10;
let s, ids;
const counts = {};

// One contract of each kind through contractsctl, then copies of it in
// one SQL statement each (a hundred contractsctl runs take seconds on a
// busy machine).
function setup(st) {
  ids = cast(st);
  const contract = (title, terms) => st.ctl('contract', 'add', '--title', title, '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', ...terms, '--started', '2026-10-01');
  const copies = (id, title, count) => {
    st.sql(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${count - 1})
      INSERT INTO contracts (title, client_id, freelancer_id, agency_id, kind, rate, weekly_limit, status, started_at)
      SELECT '${title} ' || i, client_id, freelancer_id, agency_id, kind, rate, weekly_limit, status, started_at
      FROM contracts, k WHERE id = ${id}`);
    return [id, ...st.sql(`SELECT id FROM contracts WHERE title LIKE '${title} %' ORDER BY id`).map((r) => r.id)];
  };
  ids.ends = copies(contract('End race', ['--hourly', '20.00']), 'End race', N_END);
  const fixed = contract('Escrow race', ['--fixed', '300.00']);
  st.ctl('milestone', 'add', '--contract', String(fixed), '--amount', '100.00', '--funded');
  st.ctl('milestone', 'add', '--contract', String(fixed), '--amount', '200.00', '--funded');
  ids.fixeds = copies(fixed, 'Escrow race', N_FIXED);
  st.sql(`INSERT INTO milestones (contract_id, amount, funded, released, returned, created_at)
    SELECT c.id, m.amount, m.funded, m.released, m.returned, m.created_at FROM contracts c, milestones m
    WHERE c.title LIKE 'Escrow race %' AND m.contract_id = ${fixed}`);
  const rc = ids.refundContract = contract('Refund races', ['--hourly', '20.00']);
  const pay = st.ctl('payment', 'add', '--contract', String(rc), '--amount', '10.00', '--paid-at', '2026-11-01');
  st.sql(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${N_REFUND - 1})
    INSERT INTO payments (contract_id, amount, refunded, paid_at, memo) SELECT contract_id, amount, refunded, paid_at, memo FROM payments, k WHERE id = ${pay}`);
  ids.payments = st.sql(`SELECT id FROM payments WHERE contract_id = ${rc} ORDER BY id`).map((r) => r.id);
  ids.feedbacks = copies(contract('Feedback race', ['--hourly', '20.00']), 'Feedback race', N_FEEDBACK);
  st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${unix('2026-11-24')}, ended_by = client_id, end_reason = 'done' WHERE title LIKE 'Feedback race%'`);
  const d = contract('Dispute race', ['--hourly', '20.00']);
  const entry = st.ctl('diary', 'add', '--contract', String(d), '--date', '2026-11-17', '--minutes', '300');
  ids.disputes = copies(d, 'Dispute race', N_DISPUTE);
  st.sql(`INSERT INTO diary_entries (contract_id, day, week, minutes, memo, created_at, updated_at)
    SELECT c.id, e.day, e.week, e.minutes, e.memo, e.created_at, e.updated_at FROM contracts c, diary_entries e
    WHERE c.title LIKE 'Dispute race %' AND e.id = ${entry}`);
}

before(async () => { s = await startStack({ now: NOW, setup, env: { WORKERS: '4' } }); });
after(async () => {
  console.log(`races: ${JSON.stringify(counts)}`);
  await s.stop();
});

async function as(email) {
  const c = new Client(s);
  await c.login(email);
  await c.get('/contracts');
  return c;
}

const n = (q) => s.sql(q)[0].n;
const byId = (rows) => Object.fromEntries(rows.map((r) => [r.id, r]));
const statusesOf = (rs) => rs.map((r) => r.status).sort();

test(`both sides confirm "end" at the same instant on ${N_END} hourly contracts: one end, one event, one notification`, async () => {
  const cls = [await as('client@example.com'), await as('client@example.com')];
  const frs = [await as('freelancer@example.com'), await as('freelancer@example.com')];
  // Five contracts at a time, four confirms each (both sides, twice).
  const results = {};
  for (let i = 0; i < N_END; i += 5) {
    const batch = ids.ends.slice(i, i + 5);
    // Who sends first alternates, so that either side can win.
    const all = await Promise.all(batch.map((id, k) => {
      const order = k % 2 === 0 ? [cls[0], frs[0], cls[1], frs[1]] : [frs[0], cls[0], frs[1], cls[1]];
      return Promise.all(order.map((c) => c.post(`/contracts/${id}/end`, { reason: cls.includes(c) ? 'done' : 'budget' })
        .then((r) => ({ ...r, side: cls.includes(c) ? 'client' : 'freelancer' }))));
    }));
    batch.forEach((id, k) => { results[id] = all[k]; });
  }
  // One query for the state of every contract (sqlite3 runs are slow on a busy machine).
  const rows = byId(s.sql(`SELECT c.id, c.status, c.ended_by, c.ended_at, c.end_reason,
      (SELECT count(*) FROM events e WHERE e.contract_id = c.id AND e.kind = 'ended') AS events,
      (SELECT count(*) FROM notifications n WHERE n.contract_id = c.id) AS notes,
      (SELECT min(user_id) FROM notifications n WHERE n.contract_id = c.id) AS notified
    FROM contracts c WHERE c.id IN (${ids.ends})`));
  const reasons = { done: 'The work is done' };
  for (const id of ids.ends) {
    const rs = results[id];
    assert.deepEqual(statusesOf(rs), [303, 409, 409, 409], `contract ${id}: ${rs.map((r) => r.status)}`);
    const winner = rs.find((r) => r.status === 303).side === 'client' ? ids.client : ids.freelancer;
    const loser = winner === ids.client ? ids.freelancer : ids.client;
    for (const r of rs.filter((x) => x.status === 409)) assert.match(r.text, /already ended/);
    const c = rows[id];
    assert.equal(c.status, 'ended');
    assert.equal(c.ended_by, winner);
    assert.equal(c.ended_at, Date.parse(NOW) / 1000);
    if (winner === ids.client) assert.equal(c.end_reason, reasons.done);
    else assert.notEqual(c.end_reason, reasons.done);
    assert.equal(c.events, 1, `contract ${id}: one timeline event`);
    assert.deepEqual([c.notes, c.notified], [1, loser], `contract ${id}: one notification, to the other side`);
    if (winner === ids.freelancer) counts.endFreelancerWon = (counts.endFreelancerWon || 0) + 1;
  }
  counts.endRaces = N_END;
});

test(`fixed price: the client releasing part while the freelancer ends, ${N_FIXED} times: the escrow moves once`, async () => {
  const cl = await as('client@example.com');
  const fr = await as('freelancer@example.com');
  const rs = await Promise.all(ids.fixeds.map((id, k) => {
    const a = () => cl.post(`/contracts/${id}/end`, { reason: 'done', release: '120.00' });
    const b = () => fr.post(`/contracts/${id}/end`, { reason: 'done' });
    return k % 2 === 0 ? Promise.all([a(), b()]) : Promise.all([b(), a()]).then(([y, x]) => [x, y]);
  }));
  let clientWon = 0;
  ids.fixeds.forEach((id, k) => {
    const [a, b] = rs[k];
    assert.deepEqual([a.status, b.status].sort(), [303, 409], `contract ${id}`);
    const [c] = s.sql(`SELECT ended_by FROM contracts WHERE id = ${id}`);
    const [m] = s.sql(`SELECT sum(amount) AS funded, sum(released) AS released, sum(returned) AS returned FROM milestones WHERE contract_id = ${id}`);
    const req = s.sql(`SELECT released, refund FROM escrow_requests WHERE contract_id = ${id}`);
    if (a.status === 303) {
      clientWon++;
      assert.equal(c.ended_by, ids.client);
      assert.equal(m.released, 12000);
      assert.deepEqual(req, [{ released: 12000, refund: 18000 }]);
    } else {
      assert.equal(c.ended_by, ids.freelancer);
      assert.equal(m.released, 0);
      assert.equal(m.returned, 30000, 'the escrow went back to the client');
      assert.deepEqual(req, []);
    }
    assert.ok(m.released + m.returned <= m.funded);
    assert.equal(n(`SELECT count(*) AS n FROM events WHERE contract_id = ${id} AND kind = 'ended'`), 1);
    assert.equal(n(`SELECT count(*) AS n FROM notifications WHERE contract_id = ${id} AND kind = 'contract ended'`), 1);
  });
  counts.escrowRaces = N_FIXED;
  counts.escrowClientWon = clientWon;
});

test(`refunds racing for the last dollars of a $10.00 payment, ${N_REFUND} rounds: never more than the payment`, async () => {
  const frs = [await as('freelancer@example.com'), await as('freelancer@example.com'), await as('freelancer@example.com')];
  // Deterministic mixes: each over-asks in total.
  const mixes = [['6.00', '6.00'], ['4.00', '4.00', '4.00'], ['10.00', '0.01'], ['9.99', '0.02', '0.01'],
    ['5.00', '5.00', '0.01'], ['3.34', '3.33', '3.34'], ['10.00', '10.00', '10.00'], ['7.50', '2.50', '0.50']];
  let accepted = 0;
  let refused = 0;
  let rounds = 0;
  for (let i = 0; i < N_REFUND; i += 8) {
    const batch = ids.payments.slice(i, i + 8);
    // Half of them start with $8.00 already refunded: the race is for the last $2.00.
    await Promise.all(batch.map(async (p, k) => {
      if (k % 2 === 1) {
        const r = await frs[0].post(`/contracts/${ids.refundContract}/refunds`, { payment: String(p), amount: '8.00', confirm: '1' });
        assert.equal(r.status, 303);
      }
    }));
    const results = await Promise.all(batch.map((p, k) => Promise.all(mixes[k % mixes.length].map((amount, j) =>
      frs[j % frs.length].post(`/contracts/${ids.refundContract}/refunds`, { payment: String(p), amount, reason: `race ${k}`, confirm: '1' })
        .then((r) => ({ amount, status: r.status, text: r.text }))))));
    batch.forEach((p, k) => {
      rounds++;
      const rs = results[k];
      const [pay] = s.sql(`SELECT amount, refunded FROM payments WHERE id = ${p}`);
      const rows = s.sql(`SELECT amount FROM refunds WHERE payment_id = ${p} AND reason = 'race ${k}' ORDER BY amount`).map((r) => r.amount);
      const sum = n(`SELECT coalesce(sum(amount), 0) AS n FROM refunds WHERE payment_id = ${p}`);
      assert.equal(pay.refunded, sum, 'the payment\'s refunded total is the sum of its refunds');
      assert.ok(sum <= pay.amount, `payment ${p}: ${sum} > ${pay.amount}`);
      const cents = (a) => Math.round(Number(a) * 100);
      const ok = rs.filter((r) => r.status === 303).map((r) => cents(r.amount)).sort((a, b) => a - b);
      assert.deepEqual(ok, rows, 'every 303 is a refund row, and only those');
      const leftBefore = k % 2 === 1 ? 200 : 1000;
      if (rs.some((r) => cents(r.amount) <= leftBefore)) assert.ok(ok.length >= 1, 'someone wins');
      const left = pay.amount - pay.refunded;
      for (const r of rs.filter((x) => x.status !== 303)) {
        assert.ok([400, 409].includes(r.status), `${r.status}`);
        assert.match(r.text, /is left to refund|refunded in full/);
        assert.ok(cents(r.amount) > left, `refused ${r.amount} although ${left} cents are left`);
      }
      accepted += ok.length;
      refused += rs.length - ok.length;
    });
  }
  counts.refundRounds = rounds;
  counts.refundsAccepted = accepted;
  counts.refundsRefused = refused;
  assert.equal(rounds, N_REFUND);
  assert.ok(refused >= N_REFUND, `${refused} refused`);
});

test(`feedback: the same form twice, both sides at once, the same response twice (${N_FEEDBACK} contracts)`, async () => {
  const cls = [await as('client@example.com'), await as('client@example.com')];
  const frs = [await as('freelancer@example.com'), await as('freelancer@example.com')];
  const CL = { skills: '5', quality: '4', availability: '5', schedule: '4', communication: '5', cooperation: '3', private_score: '9', comment: 'Great' };
  const FR = { clarity: '4', communication: '5', schedule: '3', cooperation: '5', availability: '4', private_score: '8', comment: 'Clear' };
  const rs = await Promise.all(ids.feedbacks.map((id) => Promise.all([
    cls[0].post(`/contracts/${id}/feedback`, CL), cls[1].post(`/contracts/${id}/feedback`, CL),
    frs[0].post(`/contracts/${id}/feedback`, FR), frs[1].post(`/contracts/${id}/feedback`, FR),
  ])));
  // One query for every contract: a query at a time took longer on a
  // busy machine than nginx keeps the idle connections open for.
  const told = (uid, kind) => `(SELECT count(*) FROM notifications n WHERE n.contract_id = c.id AND n.user_id = ${uid} AND n.kind = '${kind}')`;
  const rows = byId(s.sql(`SELECT c.id, (SELECT count(*) FROM feedback f WHERE f.contract_id = c.id) AS feedback,
      (SELECT count(*) FROM events e WHERE e.contract_id = c.id AND e.kind = 'feedback') AS events,
      ${told(ids.client, 'feedback_left')} AS client_left, ${told(ids.freelancer, 'feedback_left')} AS freelancer_left,
      ${told(ids.client, 'feedback_revealed')} AS client_revealed, ${told(ids.freelancer, 'feedback_revealed')} AS freelancer_revealed
    FROM contracts c WHERE c.id IN (${ids.feedbacks})`));
  ids.feedbacks.forEach((id, k) => {
    const [c1, c2, f1, f2] = rs[k];
    assert.deepEqual([c1.status, c2.status].sort(), [303, 409], `client ${id}`);
    assert.deepEqual([f1.status, f2.status].sort(), [303, 409], `freelancer ${id}`);
    const r = rows[id];
    assert.equal(r.feedback, 2);
    assert.equal(r.events, 2);
    assert.deepEqual([r.client_left, r.freelancer_left], [1, 1]);
    assert.deepEqual([r.client_revealed, r.freelancer_revealed], [1, 1],
      'both left at once: each side is told once that the other\'s is revealed');
  });
  const rr = await Promise.all(ids.feedbacks.map((id) => Promise.all([
    frs[0].post(`/contracts/${id}/feedback/response`, { response: 'Thanks' }),
    frs[1].post(`/contracts/${id}/feedback/response`, { response: 'Thanks again' }),
  ])));
  const responses = byId(s.sql(`SELECT c.id,
      (SELECT count(*) FROM feedback f WHERE f.contract_id = c.id AND f.response IS NOT NULL) AS responses,
      (SELECT count(*) FROM notifications n WHERE n.contract_id = c.id AND n.kind = 'feedback_response') AS told
    FROM contracts c WHERE c.id IN (${ids.feedbacks})`));
  ids.feedbacks.forEach((id, k) => {
    assert.deepEqual(statusesOf(rr[k]), [303, 409], `response ${id}`);
    assert.deepEqual([responses[id].responses, responses[id].told], [1, 1], `response ${id}`);
  });
  counts.feedbackRaces = N_FEEDBACK * 3;
});

test(`the same dispute sent twice at once (${N_DISPUTE} invoices): one dispute, one notification`, async () => {
  const cls = [await as('client@example.com'), await as('client@example.com')];
  const rs = await Promise.all(ids.disputes.map((id) => Promise.all(cls.map((c) =>
    c.post(`/contracts/${id}/disputes`, { invoice: '2026-11-16', minutes: '200', reason: 'Too many hours' })))));
  ids.disputes.forEach((id, k) => {
    assert.deepEqual(statusesOf(rs[k]), [303, 409], `dispute ${id}`);
    assert.equal(n(`SELECT count(*) AS n FROM disputes WHERE contract_id = ${id}`), 1);
    assert.equal(n(`SELECT count(*) AS n FROM invoices WHERE contract_id = ${id}`), 1);
    assert.equal(n(`SELECT count(*) AS n FROM notifications WHERE contract_id = ${id}`), 1);
  });
  counts.disputeRaces = N_DISPUTE;
  assert.doesNotMatch(s.log(), / 5\d\d [\d.]+ms/, 'no 5xx under contention');
});
