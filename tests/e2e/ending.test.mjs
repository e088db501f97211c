// Ending a contract through the real stack, the clock pinned to Wednesday
// 2026-11-25 10:00 UTC: the confirmation page's figures for this contract,
// the one-transaction idempotent end (double confirm, both sides at once),
// fixed-price escrow (release all / part / none, accept, decline, 7 days of
// silence), the freelancer side returning the escrow, agency owners acting
// for the freelancer, and a stranger getting 404 on every route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText, signedIn } from './lib.mjs';

const NOW = '2026-11-25T10:00:00Z';
const T = (s) => Date.parse(s) / 1000;
let s, ids;

const as = (email) => signedIn(s, email);

// A fixed-price contract between Clara and Felix with funded milestones.
function fixed(st, title, ...amounts) {
  const id = st.ctl('contract', 'add', '--title', title, '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--fixed', '900.00', '--started', '2026-10-01');
  for (const a of amounts) st.ctl('milestone', 'add', '--contract', String(id), '--amount', a, '--funded');
  return id;
}

before(async () => {
  s = await startStack({
    now: NOW,
    setup(st) {
      ids = cast(st);
      const h = String(ids.hourly);
      st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-23', '--minutes', '120');
      st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-25', '--minutes', '90');
      st.ctl('diary', 'add', '--contract', h, '--date', '2026-11-20', '--minutes', '300'); // last week
      ids.recent = st.ctl('payment', 'add', '--contract', h, '--amount', '400.00', '--paid-at', '2026-10-26');
      ids.old = st.ctl('payment', 'add', '--contract', h, '--amount', '250.00', '--paid-at', '2026-05-01');
      st.ctl('milestone', 'add', '--contract', String(ids.fixed), '--amount', '200.00', '--funded');
      st.ctl('milestone', 'add', '--contract', String(ids.fixed), '--amount', '300.00', '--funded');
      ids.all = fixed(st, 'Release all', '150.00');
      ids.none = fixed(st, 'Release none', '100.00', '50.00');
      ids.accept = fixed(st, 'Accept request', '80.00');
      ids.byFreelancer = fixed(st, 'Freelancer returns', '120.00', '30.00');
      ids.overLimit = st.ctl('contract', 'add', '--title', 'Over the limit', '--client', 'client@example.com',
        '--freelancer', 'freelancer@example.com', '--hourly', '50.00', '--weekly-limit', '2', '--started', '2026-11-01');
      st.ctl('diary', 'add', '--contract', String(ids.overLimit), '--date', '2026-11-24', '--minutes', '150');
      ids.race = st.ctl('contract', 'add', '--title', 'Race', '--client', 'client@example.com',
        '--freelancer', 'freelancer@example.com', '--hourly', '20.00', '--started', '2026-11-01');
      ids.lapsed = fixed(st, 'Silent seven days', '100.00');
      ids.notYet = fixed(st, 'Not yet seven days', '100.00');
      // Escrow requests made 7 days ago to the second, and a second later.
      for (const [c, at] of [[ids.lapsed, T(NOW) - 7 * 86400], [ids.notYet, T(NOW) - 7 * 86400 + 1]]) {
        st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${at}, ended_by = client_id, end_reason = 'The work is done' WHERE id = ${c};
          UPDATE milestones SET released = 40 * 100 WHERE contract_id = ${c};
          INSERT INTO escrow_requests (contract_id, released, refund, requested_at) VALUES (${c}, 4000, 6000, ${at});`);
      }
    },
  });
});
after(async () => { await s.stop(); });

test('the confirmation page states this contract\'s figures, dates, lock, refunds and tips', async () => {
  const c = await as('client@example.com');
  const r = await c.get(`/contracts/${ids.hourly}/end`);
  assert.equal(r.status, 200);
  const t = mainText(r.text);
  assert.match(t, /3\.5 hours, \$140\.00/);
  assert.match(t, /will be billed/);
  assert.match(t, /invoiced on Mon, Nov 30, 2026, 12:00 UTC/);
  assert.match(t, /These hours can be disputed until Fri, Dec 4, 2026, 23:59 UTC ?;/);
  assert.match(t, /funds become available on Wed, Dec 9, 2026, 00:00 UTC\./);
  assert.match(t, /Work Diary locks at once/);
  assert.match(t, /180 days/);
  assert.match(t, /Talk to Felix Freelancer first/);
  assert.match(t, /Discuss the work/);
  assert.match(t, /check this week's Work Diary/);
  // The refundable payment is listed with its last day; the old one is not.
  assert.match(t, /Oct 26, 2026 \$400\.00 \$400\.00 Sat, Apr 24, 2027/);
  assert.doesNotMatch(t, /\$250\.00/);
  assert.match(r.text, /href="\/help\/ending-a-contract"/);
  assert.match(r.text, /<select id="reason" name="reason"/);
  assert.match(r.text, /<option value="other">/);
  assert.match(r.text, /name="reason_other"/);
  assert.match(r.text, /name="csrf" value="[^"]+"/);
  assert.doesNotMatch(r.text, /name="release"/);
});

test('hours over the weekly limit are shown as not billed on the confirmation page', async () => {
  const c = await as('freelancer@example.com');
  const t = mainText((await c.get(`/contracts/${ids.overLimit}/end`)).text);
  assert.match(t, /2 hours, \$100\.00/);
  assert.match(t, /0\.5 hours logged over the 2-hour weekly limit are not billed/);
});

test('a stranger gets 404 on every route of a contract, and an unknown contract is 404', async () => {
  const c = await as('stranger@example.com');
  const before = s.snapshot();
  for (const id of [ids.hourly, ids.fixed, ids.agencyContract, 999999]) {
    for (const p of ['', '/end', '/diary', '/billing', '/payments']) {
      assert.equal((await c.get(`/contracts/${id}${p}`)).status, 404, `GET ${id}${p}`);
    }
    for (const [p, f] of [['/end', { reason: 'done', release: '0' }], ['/escrow', { decision: 'accept', confirm: '1' }],
      ['/diary', { date: '2026-11-25', minutes: '30' }], ['/diary/1', { date: '2026-11-25', minutes: '30' }],
      ['/diary/1/delete', {}], ['/disputes', { invoice: '2026-11-16', minutes: '10', reason: 'x' }],
      ['/refunds', { payment: String(ids.recent), amount: '1.00', confirm: '1' }]]) {
      assert.equal((await c.post(`/contracts/${id}${p}`, f)).status, 404, `POST ${id}${p}`);
    }
  }
  assert.deepEqual(s.snapshot(), before);
});

test('refused ends change nothing: no reason, unknown reason, other without text, no CSRF', async () => {
  const c = await as('client@example.com');
  await c.get(`/contracts/${ids.hourly}/end`);
  const before = s.snapshot();
  for (const [f, re] of [[{}, /Reason/], [{ reason: 'bored' }, /Reason for ending: choose one/],
    [{ reason: 'other', reason_other: '   ' }, /Other reason/], [{ reason: 'other', reason_other: 'x'.repeat(301) }, /at most 300/]]) {
    const r = await c.post(`/contracts/${ids.hourly}/end`, f);
    assert.equal(r.status, 400, JSON.stringify(f));
    assert.match(mainText(r.text), re);
  }
  const r = await c.post(`/contracts/${ids.hourly}/end`, { reason: 'done', csrf: null });
  assert.equal(r.status, 403);
  assert.deepEqual(s.snapshot(), before);
});

test('the freelancer ends an hourly contract once; a second confirm and the client say it already ended', async () => {
  const f = await as('freelancer@example.com');
  const cl = await as('client@example.com');
  await f.get(`/contracts/${ids.hourly}/end`);
  await cl.get(`/contracts/${ids.hourly}/end`);
  let r = await f.post(`/contracts/${ids.hourly}/end`, { reason: 'other', reason_other: 'Project paused for the winter' });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/contracts/${ids.hourly}/checklist`);
  const [row] = s.sql(`SELECT status, ended_at, ended_by, end_reason FROM contracts WHERE id = ${ids.hourly}`);
  assert.deepEqual(row, { status: 'ended', ended_at: T(NOW), ended_by: ids.freelancer, end_reason: 'Project paused for the winter' });
  const notes = s.sql(`SELECT user_id, kind, body FROM notifications WHERE contract_id = ${ids.hourly}`);
  assert.equal(notes.length, 1);
  assert.equal(notes[0].user_id, ids.client);
  assert.match(notes[0].body, /Felix Freelancer ended the contract “Mobile app API”/);
  assert.equal(s.sql(`SELECT count(*) AS n FROM events WHERE contract_id = ${ids.hourly} AND kind = 'ended'`)[0].n, 1);

  const before = s.snapshot();
  r = await f.post(`/contracts/${ids.hourly}/end`, { reason: 'done' });
  assert.equal(r.status, 409);
  assert.match(mainText(r.text), /already ended \(on Wed, Nov 25, 2026\)\. Nothing was changed/);
  r = await cl.post(`/contracts/${ids.hourly}/end`, { reason: 'done' });
  assert.equal(r.status, 409);
  assert.equal((await cl.get(`/contracts/${ids.hourly}/end`)).status, 409);
  assert.deepEqual(s.snapshot(), before);

  // The timeline and the other side's notification show it.
  const page = mainText((await cl.get(`/contracts/${ids.hourly}`)).text);
  assert.match(page, /ended Project paused for the winter/);
  assert.match((await cl.get('/contracts')).text, /class="count">1</);
});

test('both sides confirming at the same moment end the contract exactly once', async () => {
  const f = await as('freelancer@example.com');
  const cl = await as('client@example.com');
  await f.get(`/contracts/${ids.race}/end`);
  await cl.get(`/contracts/${ids.race}/end`);
  const rs = await Promise.all([
    f.post(`/contracts/${ids.race}/end`, { reason: 'done' }),
    cl.post(`/contracts/${ids.race}/end`, { reason: 'budget' }),
    f.post(`/contracts/${ids.race}/end`, { reason: 'done' }),
    cl.post(`/contracts/${ids.race}/end`, { reason: 'budget' }),
  ]);
  assert.deepEqual(rs.map((r) => r.status).sort(), [303, 409, 409, 409]);
  assert.equal(s.sql(`SELECT count(*) AS n FROM events WHERE contract_id = ${ids.race} AND kind = 'ended'`)[0].n, 1);
  assert.equal(s.sql(`SELECT count(*) AS n FROM notifications WHERE contract_id = ${ids.race}`)[0].n, 1);
});

test('fixed price: the client sees the escrow and must choose a release from 0 to all of it', async () => {
  const c = await as('client@example.com');
  const r = await c.get(`/contracts/${ids.fixed}/end`);
  assert.equal(r.status, 200);
  assert.match(mainText(r.text), /\$500\.00 is in escrow/);
  // No amount is chosen for the client.
  assert.match(r.text, /<input id="release" name="release"[^>]*value=""/);
  assert.doesNotMatch(mainText(r.text), /will be billed/);
  const before = s.snapshot();
  for (const [release, re] of [[undefined, /Release: enter an amount/], ['-1', /Release: use digits/], ['1e3', /Release: use digits/],
    ['12,50', /Release: use digits/], ['0.001', /Release: use at most two decimals/], ['500.01', /Release: only \$500\.00 is in escrow/]]) {
    const f = { reason: 'done' };
    if (release !== undefined) f.release = release;
    const x = await c.post(`/contracts/${ids.fixed}/end`, f);
    assert.equal(x.status, 400, String(release));
    assert.match(mainText(x.text), re);
  }
  assert.deepEqual(s.snapshot(), before);
  // The freelancer's page says the escrow goes back instead.
  const fr = await as('freelancer@example.com');
  const t = mainText((await fr.get(`/contracts/${ids.fixed}/end`)).text);
  assert.match(t, /The \$500\.00 in escrow goes back to Clara Client/);
});

test('releasing part creates an escrow refund request; the client cannot answer it, the freelancer declines', async () => {
  const c = await as('client@example.com');
  await c.get(`/contracts/${ids.fixed}/end`);
  let r = await c.post(`/contracts/${ids.fixed}/end`, { reason: 'unhappy', release: '250.50' });
  assert.equal(r.status, 303);
  assert.deepEqual(s.sql(`SELECT released, refund, requested_at, decision FROM escrow_requests WHERE contract_id = ${ids.fixed}`),
    [{ released: 25050, refund: 24950, requested_at: T(NOW), decision: 0 }]);
  assert.deepEqual(s.sql(`SELECT amount, released, returned FROM milestones WHERE contract_id = ${ids.fixed} ORDER BY id`),
    [{ amount: 20000, released: 20000, returned: 0 }, { amount: 30000, released: 5050, returned: 0 }]);
  assert.deepEqual(s.sql(`SELECT amount, paid_at FROM payments WHERE contract_id = ${ids.fixed}`), [{ amount: 25050, paid_at: T(NOW) }]);
  const note = s.sql(`SELECT user_id, body FROM notifications WHERE contract_id = ${ids.fixed} AND kind = 'escrow request'`);
  assert.equal(note[0].user_id, ids.freelancer);
  assert.match(note[0].body, /released \$250\.50 .* asks for \$249\.50 back\. Accept or decline on the contract page by Wed, Dec 2, 2026, 10:00 UTC/);

  // The client sees it waiting; answering it is the freelancer's.
  let t = mainText((await c.get(`/contracts/${ids.fixed}`)).text);
  assert.match(t, /Escrow refund request .* asked for \$249\.50 back\. Status: waiting for the freelancer/);
  const before = s.snapshot();
  r = await c.post(`/contracts/${ids.fixed}/escrow`, { decision: 'accept', confirm: '1' });
  assert.equal(r.status, 403);
  const f = await as('freelancer@example.com');
  const page = await f.get(`/contracts/${ids.fixed}`);
  assert.match(page.text, /<button type="submit" name="decision" value="decline">/);
  r = await f.post(`/contracts/${ids.fixed}/escrow`, { decision: 'maybe' });
  assert.equal(r.status, 400);
  assert.deepEqual(s.snapshot(), before);

  r = await f.post(`/contracts/${ids.fixed}/escrow`, { decision: 'decline', confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(s.sql(`SELECT status FROM contracts WHERE id = ${ids.fixed}`)[0].status, 'disputed');
  assert.equal(s.sql(`SELECT decision FROM escrow_requests WHERE contract_id = ${ids.fixed}`)[0].decision, -1);
  assert.equal(s.sql(`SELECT sum(returned) AS r FROM milestones WHERE contract_id = ${ids.fixed}`)[0].r, 0);
  const b2 = s.snapshot();
  r = await f.post(`/contracts/${ids.fixed}/escrow`, { decision: 'accept', confirm: '1' });
  assert.equal(r.status, 409);
  assert.deepEqual(s.snapshot(), b2);
  t = mainText((await c.get(`/contracts/${ids.fixed}`)).text);
  assert.match(t, /Status: declined \(Wed, Nov 25, 2026, by Felix Freelancer\)/);
});

test('release all pays the freelancer; release none asks it all back; the freelancer accepts', async () => {
  const c = await as('client@example.com');
  await c.get(`/contracts/${ids.all}/end`);
  assert.equal((await c.post(`/contracts/${ids.all}/end`, { reason: 'done', release: '150' })).status, 303);
  assert.equal(s.sql(`SELECT count(*) AS n FROM escrow_requests WHERE contract_id = ${ids.all}`)[0].n, 0);
  assert.deepEqual(s.sql(`SELECT released, returned FROM milestones WHERE contract_id = ${ids.all}`), [{ released: 15000, returned: 0 }]);
  assert.match(s.sql(`SELECT body FROM notifications WHERE contract_id = ${ids.all}`)[0].body, /All \$150\.00 in escrow was released to you/);

  assert.equal((await c.post(`/contracts/${ids.none}/end`, { reason: 'silent', release: '0.00' })).status, 303);
  assert.deepEqual(s.sql(`SELECT released, refund FROM escrow_requests WHERE contract_id = ${ids.none}`), [{ released: 0, refund: 15000 }]);
  assert.equal(s.sql(`SELECT count(*) AS n FROM payments WHERE contract_id = ${ids.none}`)[0].n, 0);

  assert.equal((await c.post(`/contracts/${ids.accept}/end`, { reason: 'done', release: '30' })).status, 303);
  const f = await as('freelancer@example.com');
  await f.get(`/contracts/${ids.accept}`);
  const r = await f.post(`/contracts/${ids.accept}/escrow`, { decision: 'accept', confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/contracts/${ids.accept}`);
  assert.deepEqual(s.sql(`SELECT released, returned FROM milestones WHERE contract_id = ${ids.accept}`), [{ released: 3000, returned: 5000 }]);
  assert.deepEqual(s.sql(`SELECT decision, decided_by FROM escrow_requests WHERE contract_id = ${ids.accept}`), [{ decision: 1, decided_by: ids.freelancer }]);
  assert.equal(s.sql(`SELECT status FROM contracts WHERE id = ${ids.accept}`)[0].status, 'ended');
  assert.match(mainText((await c.get(`/contracts/${ids.accept}`)).text), /Status: accepted/);
});

test('the freelancer side ending a fixed-price contract returns the escrow to the client', async () => {
  const f = await as('freelancer@example.com');
  await f.get(`/contracts/${ids.byFreelancer}/end`);
  const r = await f.post(`/contracts/${ids.byFreelancer}/end`, { reason: 'moving', release: '150.00' });
  assert.equal(r.status, 303);
  assert.deepEqual(s.sql(`SELECT released, returned FROM milestones WHERE contract_id = ${ids.byFreelancer} ORDER BY id`),
    [{ released: 0, returned: 12000 }, { released: 0, returned: 3000 }]);
  assert.equal(s.sql(`SELECT count(*) AS n FROM escrow_requests WHERE contract_id = ${ids.byFreelancer}`)[0].n, 0);
  assert.match(s.sql(`SELECT body FROM notifications WHERE contract_id = ${ids.byFreelancer}`)[0].body, /The \$150\.00 in escrow goes back to you/);
});

test('7 days of silence count as accepted (at 7 days to the second, not a second before)', async () => {
  const f = await as('freelancer@example.com');
  // The page shows what the clock implies before the scheduled step runs.
  const early = mainText((await f.get(`/contracts/${ids.lapsed}`)).text);
  assert.match(early, /Status: accepted \(no answer in 7 days\)/);
  assert.match(early, /In escrow \$0\.00 Released \$40\.00/, 'the $60 asked back is no longer held');
  assert.equal(s.sql(`SELECT decision FROM escrow_requests WHERE contract_id = ${ids.lapsed}`)[0].decision, 0, 'a GET records nothing');
  assert.match(s.tick(), /escrow 1,/);
  assert.match(s.tick(), /escrow 0,/, 'a second run changes nothing');
  let t = mainText((await f.get(`/contracts/${ids.notYet}`)).text);
  assert.match(t, /Status: waiting for the freelancer/);
  assert.equal(s.sql(`SELECT decision FROM escrow_requests WHERE contract_id = ${ids.notYet}`)[0].decision, 0);
  t = mainText((await f.get(`/contracts/${ids.lapsed}`)).text);
  assert.match(t, /Status: accepted \(no answer in 7 days\) \(Wed, Nov 25, 2026\)\./);
  assert.deepEqual(s.sql(`SELECT decision, decided_by, decided_at FROM escrow_requests WHERE contract_id = ${ids.lapsed}`),
    [{ decision: 1, decided_by: null, decided_at: T(NOW) }]);
  assert.deepEqual(s.sql(`SELECT released, returned FROM milestones WHERE contract_id = ${ids.lapsed}`), [{ released: 4000, returned: 6000 }]);
  assert.equal(s.sql(`SELECT count(*) AS n FROM notifications WHERE contract_id = ${ids.lapsed} AND kind = 'escrow settled'`)[0].n, 2);
  // Too late to answer now; the other one can still be answered.
  const before = s.snapshot();
  const r = await f.post(`/contracts/${ids.lapsed}/escrow`, { decision: 'decline', confirm: '1' });
  assert.equal(r.status, 409);
  assert.match(mainText(r.text), /already settled: accepted \(no answer in 7 days\)/);
  assert.deepEqual(s.snapshot(), before);
  assert.equal((await f.post(`/contracts/${ids.notYet}/escrow`, { decision: 'decline', confirm: '1' })).status, 303);
});

test('an agency owner ends the agency\'s contract for the freelancer side; other contracts stay 404 to agency admins', async () => {
  const o = await as('owner@example.com');
  const r0 = await o.get(`/contracts/${ids.agencyContract}/end`);
  assert.equal(r0.status, 200);
  assert.match(mainText(r0.text), /Talk to Clara Client first/);
  const r = await o.post(`/contracts/${ids.agencyContract}/end`, { reason: 'done' });
  assert.equal(r.status, 303);
  assert.equal(s.sql(`SELECT ended_by FROM contracts WHERE id = ${ids.agencyContract}`)[0].ended_by, ids.owner);
  const who = s.sql(`SELECT user_id FROM notifications WHERE contract_id = ${ids.agencyContract} ORDER BY user_id`).map((n) => n.user_id);
  assert.deepEqual(who, [ids.client, ids.member].sort((a, b) => a - b));
  // The timeline names who acted, and for whom; the client acts for herself.
  const tl = (html) => html.match(/<ol class="timeline">[\s\S]*?<\/ol>/)[0];
  assert.match(mainText(tl((await o.get(`/contracts/${ids.agencyContract}`)).text)), /ended .*Olivia Owner, for Northwind Studio/);
  assert.doesNotMatch(mainText(tl((await (await as('client@example.com')).get(`/contracts/${ids.hourly}`)).text)), /, for /);
  const m = await as('admin@example.com');
  assert.equal((await m.get(`/contracts/${ids.fixed}/end`)).status, 404);
});
