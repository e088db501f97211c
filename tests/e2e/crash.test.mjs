// Crash durability: eight writers keep posting diary entries, ends,
// feedback and refunds while workers are killed with SIGKILL at random
// moments.  Afterwards every write that was answered 303 is in the
// database, nothing is half-written (an ended contract has its end time,
// who, reason, one timeline event and one notification; refunds add up
// and never pass the payment; each feedback row has its event and
// notification), the database passes integrity_check, and multiwatch has
// brought every worker back.
//
// multiwatch restarts a worker slot that dies less than 10 s after it
// started at most 3 times, then gives up on it (and exits when no slot is
// left).  The kills are paced (1 to 1.8 s apart) and spread so that no
// slot is killed more than twice.
//
// SIGKILL proves atomicity and that no acknowledged write sits in a
// process buffer; it does not simulate power loss (the kernel still
// holds what was written), which synchronous=FULL is there for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, sleep, unix, engine } from './lib.mjs';

const NOW = '2026-11-25T10:00:00Z';	// Wednesday: Nov 23..25 can be logged
const WORKERS = 4;
const KILLS = 8;
const WRITERS = 8;
let s, ids;

function setup(st) {
  ids = cast(st);
  const contract = (title) => st.ctl('contract', 'add', '--title', title, '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--hourly', '20.00', '--started', '2026-10-01');
  const copies = (id, title, count) => {
    st.sql(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${count - 1})
      INSERT INTO contracts (title, client_id, freelancer_id, kind, rate, weekly_limit, status, started_at)
      SELECT '${title} ' || i, client_id, freelancer_id, kind, rate, weekly_limit, status, started_at
      FROM contracts, k WHERE id = ${id}`);
    return [id, ...st.sql(`SELECT id FROM contracts WHERE title LIKE '${title} %' ORDER BY id`).map((r) => r.id)];
  };
  ids.diary = copies(contract('Diary'), 'Diary', 20);
  ids.ends = copies(contract('End'), 'End', 500);
  ids.feedback = copies(contract('Feedback'), 'Feedback', 300);
  st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${unix('2026-11-24')}, ended_by = client_id,
    end_reason = 'The work is done' WHERE title LIKE 'Feedback%'`);
  ids.refundContract = contract('Refunds');
  ids.payments = Array.from({ length: 5 }, () => st.ctl('payment', 'add', '--contract', String(ids.refundContract),
    '--amount', '1000.00', '--paid-at', '2026-11-01'));
}

before(async () => { s = await startStack({ now: NOW, setup, env: { WORKERS: String(WORKERS) } }); });
after(async () => { await s.stop(); });



async function as(email) {
  const c = new Client(s);
  await c.login(email);
  await c.get('/contracts');
  return c;
}

test(`${KILLS} SIGKILLs under ${WRITERS} writers: every 303 is stored, nothing half-written, workers come back`, async () => {
  const cl = await as('client@example.com');
  const fr = await as('freelancer@example.com');
  const acked = { diary: [], end: [], feedback: [], refund: [] };
  const sent = { diary: 0, end: 0, feedback: 0, refund: 0 };
  const other = {};	// status -> count, for the answers that were not 303
  const endPool = [...ids.ends];
  const fbPool = ids.feedback.flatMap((id) => [[id, 'client'], [id, 'freelancer']]).sort(() => Math.random() - 0.5);
  let seq = 0;
  let stop = false;
  const doubt = [];

  async function write() {
    const n = ++seq;
    const kinds = ['diary', 'refund'];
    if (endPool.length) kinds.push('end');
    if (fbPool.length) kinds.push('feedback');
    const kind = kinds[Math.floor(Math.random() * kinds.length)];
    let r;
    let rec;
    if (kind === 'diary') {
      const id = ids.diary[n % ids.diary.length];
      rec = { id, memo: `w${n}`, minutes: 1 + (n % 5), day: `2026-11-2${3 + (n % 3)}` };
      r = await fr.post(`/contracts/${id}/diary`, { date: rec.day, minutes: String(rec.minutes), memo: rec.memo });
    } else if (kind === 'refund') {
      rec = { payment: ids.payments[n % ids.payments.length], cents: 1 + (n % 100), reason: `r${n}` };
      r = await fr.post(`/contracts/${ids.refundContract}/refunds`, { payment: String(rec.payment), amount: (rec.cents / 100).toFixed(2), reason: rec.reason, confirm: '1' });
    } else if (kind === 'end') {
      const id = endPool.shift();
      const by = n % 2 ? 'client' : 'freelancer';
      rec = { id, by };
      r = await (by === 'client' ? cl : fr).post(`/contracts/${id}/end`, { reason: 'other', reason_other: `e${n}` });
      rec.reason = `e${n}`;
    } else {
      const [id, side] = fbPool.shift();
      rec = { id, side, comment: `f${n}` };
      r = await (side === 'client' ? cl : fr).post(`/contracts/${id}/feedback`, side === 'client'
        ? { skills: '5', quality: '4', availability: '5', schedule: '4', communication: '5', cooperation: '3', private_score: '9', comment: rec.comment }
        : { clarity: '4', communication: '5', schedule: '3', cooperation: '5', availability: '4', private_score: '8', comment: rec.comment });
    }
    sent[kind]++;
    if (r.status === 303) acked[kind].push(rec);
    else other[r.status] = (other[r.status] || 0) + 1;
    if (r.status === 502) doubt.push({ kind, ...rec });	// the worker died with it
  }

  async function writer() {
    while (!stop) {
      try {
        await write();
      } catch (e) {
        other[e.code || 'error'] = (other[e.code || 'error'] || 0) + 1;	// a reset connection
      }
    }
  }

  // The killer: a random worker, never a slot killed twice already.
  const slotOf = new Map(s.workers().map((p, i) => [p, i]));
  assert.equal(slotOf.size, WORKERS, 'all workers up at the start');
  const killsPerSlot = new Array(WORKERS).fill(0);
  const restartMs = [];
  async function killer() {
    await sleep(500);
    for (let k = 0; k < KILLS; k++) {
      const live = s.workers().filter((p) => slotOf.has(p) && killsPerSlot[slotOf.get(p)] < 2);
      const victim = live[Math.floor(Math.random() * live.length)];
      const slot = slotOf.get(victim);
      const beforeSet = new Set(s.workers());
      process.kill(victim, 'SIGKILL');
      killsPerSlot[slot]++;
      const t0 = Date.now();
      let fresh;
      while (!fresh && Date.now() - t0 < 5000) {
        await sleep(10);
        fresh = s.workers().find((p) => !beforeSet.has(p));
      }
      assert.ok(fresh, `multiwatch restarted slot ${slot} after kill ${k + 1}`);
      restartMs.push(Date.now() - t0);
      slotOf.set(fresh, slot);
      await sleep(1000 + Math.random() * 800);
    }
  }

  const t0 = Date.now();
  const loops = Array.from({ length: WRITERS }, () => writer());
  await killer();
  await sleep(300);
  stop = true;
  await Promise.all(loops);
  const secs = (Date.now() - t0) / 1000;

  // Workers are all back and answer.
  await sleep(200);
  assert.equal(s.workers().length, WORKERS, 'every worker slot is running again');
  for (let i = 0; i < 20; i++) assert.equal((await fetch(`${s.base}/healthz`)).status, 200);
  const after = await fr.post(`/contracts/${ids.diary[0]}/diary`, { date: '2026-11-25', minutes: '1', memo: 'after the kills' });
  assert.equal(after.status, 303);

  // Every acknowledged write is there.
  const q = (sql) => s.sql(sql);
  const memos = new Map(q(`SELECT contract_id, day, minutes, memo FROM diary_entries WHERE memo LIKE 'w%'`).map((r) => [r.memo, r]));
  for (const w of acked.diary) {
    const row = memos.get(w.memo);
    assert.ok(row, `diary ${w.memo} acknowledged but missing`);
    assert.deepEqual(row, { contract_id: w.id, day: Date.parse(w.day) / 1000, minutes: w.minutes, memo: w.memo });
  }
  const refunds = new Map(q(`SELECT payment_id, amount, reason FROM refunds WHERE reason LIKE 'r%'`).map((r) => [r.reason, r]));
  for (const w of acked.refund) assert.deepEqual(refunds.get(w.reason), { payment_id: w.payment, amount: w.cents, reason: w.reason }, `refund ${w.reason}`);
  const ended = new Map(q(`SELECT id, status, ended_at, ended_by, end_reason FROM contracts WHERE title LIKE 'End%'`).map((r) => [r.id, r]));
  for (const w of acked.end) {
    assert.deepEqual(ended.get(w.id), { id: w.id, status: 'ended', ended_at: Date.parse(NOW) / 1000,
      ended_by: w.by === 'client' ? ids.client : ids.freelancer, end_reason: w.reason }, `end ${w.id}`);
  }
  const fbs = new Map(q(`SELECT contract_id, side, comment FROM feedback`).map((r) => [`${r.contract_id}/${r.side}`, r]));
  for (const w of acked.feedback) assert.equal(fbs.get(`${w.id}/${w.side}`)?.comment, w.comment, `feedback ${w.id} ${w.side}`);

  // Nothing is half-written.
  // SQLite's own checks of its file; PostgreSQL checks its pages itself
  // and always enforces the foreign keys.
  if (engine === 'sqlite') {
    assert.deepEqual(q('PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
    assert.deepEqual(q('PRAGMA foreign_key_check'), []);
  }
  // The counts are named in a subquery: PostgreSQL's WHERE does not see
  // the output columns' names, which SQLite's does.
  const badEnds = q(`SELECT * FROM (SELECT c.id, c.status, c.ended_at, c.ended_by, c.end_reason,
      (SELECT count(*) FROM events e WHERE e.contract_id = c.id AND e.kind = 'ended') AS ev,
      (SELECT count(*) FROM notifications n WHERE n.contract_id = c.id AND n.kind = 'contract ended'
        AND n.user_id = CASE WHEN c.ended_by = c.client_id THEN c.freelancer_id ELSE c.client_id END) AS note,
      (SELECT count(*) FROM notifications n WHERE n.contract_id = c.id) AS notes
    FROM contracts c WHERE c.title LIKE 'End%') x WHERE NOT (
      (status = 'active' AND ended_at IS NULL AND ended_by IS NULL AND ev = 0 AND notes = 0) OR
      (status = 'ended' AND ended_at IS NOT NULL AND ended_by IS NOT NULL AND end_reason IS NOT NULL AND ev = 1 AND note = 1 AND notes = 1))`);
  assert.deepEqual(badEnds, [], 'every contract is wholly active or wholly ended');
  const badPay = q(`SELECT * FROM (SELECT p.id, p.amount, p.refunded,
      (SELECT coalesce(sum(amount), 0) FROM refunds r WHERE r.payment_id = p.id) AS total
    FROM payments p WHERE p.contract_id = ${ids.refundContract}) x WHERE refunded <> total OR refunded > amount`);
  assert.deepEqual(badPay, [], 'refunds add up and stay within the payment');
  const [rn] = q(`SELECT (SELECT count(*) FROM refunds WHERE contract_id = ${ids.refundContract}) AS refunds,
    (SELECT count(*) FROM notifications WHERE contract_id = ${ids.refundContract} AND kind = 'refund') AS notes`);
  assert.equal(rn.notes, rn.refunds, 'one notification per refund');
  const badFb = q(`SELECT * FROM (SELECT f.contract_id, f.side, f.overall, f.private_score,
      (SELECT count(*) FROM events e WHERE e.contract_id = f.contract_id AND e.kind = 'feedback') AS ev,
      (SELECT count(*) FROM feedback g WHERE g.contract_id = f.contract_id) AS given,
      (SELECT count(*) FROM notifications n WHERE n.contract_id = f.contract_id AND n.kind = 'feedback_left') AS told
    FROM feedback f) x WHERE ev <> given OR told <> given OR overall IS NULL OR private_score IS NULL`);
  assert.deepEqual(badFb, [], 'each feedback row has its event and notification');

  // The writes whose worker died under them: either wholly there or not
  // at all (checked above); count which.
  const committed = doubt.filter((w) => (w.kind === 'diary' ? memos.has(w.memo) : w.kind === 'refund' ? refunds.has(w.reason)
    : w.kind === 'end' ? ended.get(w.id)?.status === 'ended' : fbs.has(`${w.id}/${w.side}`))).length;
  const total = Object.values(acked).reduce((a, v) => a + v.length, 0);
  const found = acked.diary.filter((w) => memos.has(w.memo)).length + acked.refund.filter((w) => refunds.has(w.reason)).length +
    acked.end.filter((w) => ended.get(w.id)?.status === 'ended').length + acked.feedback.filter((w) => fbs.has(`${w.id}/${w.side}`)).length;
  console.log(`crash: ${KILLS} kills in ${secs.toFixed(1)} s (per slot ${killsPerSlot.join('/')}), restarts in ${Math.min(...restartMs)}-${Math.max(...restartMs)} ms; ` +
    `writes sent ${Object.values(sent).reduce((a, b) => a + b, 0)}, acknowledged ${total}, found ${found} ` +
    `(diary ${acked.diary.length}, refunds ${acked.refund.length}, ends ${acked.end.length}, feedback ${acked.feedback.length}); ` +
    `not acknowledged: ${JSON.stringify(other)}, of the ${doubt.length} cut off by a kill ${committed} had committed`);
  assert.equal(found, total);
  assert.ok(total > 100, `${total} writes acknowledged`);
  assert.ok(acked.end.length > 5 && acked.feedback.length > 5 && acked.refund.length > 5 && acked.diary.length > 5);
});
