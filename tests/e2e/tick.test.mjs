// The scheduled step, contractsctl tick (src/service/tick.c): every
// deadline of DESIGN.md section 2 "Deadlines run on their own" at its
// boundary, the second before (nothing) and the second it falls due
// (done, everyone told), then again (nothing more), and several steps at
// once (each deadline once).  The step runs on its own clock
// (CONTRACTS_NOW per run), moving forward as time would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startStack, Client, TOP, engine } from './lib.mjs';

const NOW = '2026-12-01T09:00:00Z';	// a Tuesday: last week's invoice is in review
const T = (s) => Date.parse(s) / 1000;

function cast(st) {
  const u = (email, name) => st.ctl('user', 'add', '--email', email, '--name', name, '--password', 'password-1');
  const ids = {
    client: u('client@example.com', 'Clara Client'),
    freelancer: u('freelancer@example.com', 'Felix Freelancer'),
    owner: u('owner@example.com', 'Olivia Owner'),
    admin: u('admin@example.com', 'Adam Admin'),
    member: u('member@example.com', 'Mia Member'),
    plain: u('plain@example.com', 'Pat Plain'),
  };
  ids.agency = st.ctl('agency', 'add', '--name', 'Northwind Studio', '--owner', 'owner@example.com');
  st.ctl('agency', 'member', '--agency', String(ids.agency), '--email', 'admin@example.com', '--role', 'admin');
  st.ctl('agency', 'member', '--agency', String(ids.agency), '--email', 'member@example.com', '--role', 'member');
  st.ctl('agency', 'member', '--agency', String(ids.agency), '--email', 'plain@example.com', '--role', 'member');
  const hourly = (title, freelancer, extra = []) => st.ctl('contract', 'add', '--title', title,
    '--client', 'client@example.com', '--freelancer', freelancer, '--hourly', '40.00',
    '--weekly-limit', '10', '--started', '2026-11-02', ...extra);
  ids.a = hourly('Direct work', 'freelancer@example.com');
  ids.b = hourly('Agency work', 'member@example.com', ['--agency', String(ids.agency)]);
  // Week of Nov 23: 12 h on A (10 billed: the limit), 2 h on B.
  st.ctl('diary', 'add', '--contract', String(ids.a), '--date', '2026-11-24', '--minutes', '600');
  st.ctl('diary', 'add', '--contract', String(ids.a), '--date', '2026-11-25', '--minutes', '120');
  st.ctl('diary', 'add', '--contract', String(ids.b), '--date', '2026-11-24', '--minutes', '120');
  ids.c = st.ctl('contract', 'add', '--title', 'Logo', '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--fixed', '500.00', '--started', '2026-11-02');
  st.ctl('milestone', 'add', '--contract', String(ids.c), '--amount', '500.00', '--funded');
  return ids;
}

const told = (st, kind, contract) => st.sql(`SELECT user_id, created_at, body FROM notifications
  WHERE kind = '${kind}' AND contract_id = ${contract} ORDER BY user_id`);
const report = (line) => Object.fromEntries([...line.matchAll(/(\w+(?: \w+)?) (\d+)(?=,| ms)/g)].map((m) => [m[1], Number(m[2])]));

test('each deadline at its boundary: a second before nothing, at it once, everyone of the side told', async () => {
  let ids;
  const st = await startStack({ now: NOW, setup: (s) => { ids = cast(s); } });
  try {
    const at = (when) => report(st.tick({ CONTRACTS_NOW: when }));

    // Invoice issued: Monday 12:00 UTC for the week before.
    assert.equal(at('2026-11-30T11:59:59Z').invoices, 0);
    assert.equal(told(st, 'invoice issued', ids.a).length, 0);
    assert.equal(at('2026-11-30T12:00:00Z').invoices, 2);
    assert.equal(at('2026-11-30T12:00:00Z').invoices, 0, 'again: nothing more');
    assert.equal(at('2026-12-01T08:00:00Z').invoices, 0, 'later: nothing more');
    assert.deepEqual(st.sql(`SELECT contract_id, minutes, amount FROM invoices ORDER BY contract_id`),
      [{ contract_id: ids.a, minutes: 600, amount: 40000 }, { contract_id: ids.b, minutes: 120, amount: 8000 }]);
    const inv = told(st, 'invoice issued', ids.a);
    assert.deepEqual(inv.map((n) => [n.user_id, n.created_at]), [[ids.client, T('2026-11-30T12:00:00Z')]]);
    assert.match(inv[0].body, /You were invoiced \$400\.00 for 10 hours logged on “Direct work”.*until Fri, Dec 4, 2026, 23:59 UTC/);

    // Disputes opened now (Tuesday 09:00): 3 days to answer.
    const c = new Client(st);
    await c.login('client@example.com');
    for (const id of [ids.a, ids.b]) {
      await c.get(`/contracts/${id}/billing`);
      const r = await c.post(`/contracts/${id}/disputes`, { invoice: '2026-11-23', minutes: '60', reason: 'Not done' });
      assert.equal(r.status, 303, r.text);
    }
    // Escrow: the client releases $200 of $500 and asks $300 back, now.
    await c.get(`/contracts/${ids.c}/end`);
    assert.equal((await c.post(`/contracts/${ids.c}/end`, { reason: 'done', release: '200.00' })).status, 303);

    const billing = async () => (await c.get(`/contracts/${ids.a}/billing`)).text;
    assert.doesNotMatch(await billing(), /no answer in 3 days/);
    assert.equal(at('2026-12-04T08:59:59Z').disputes, 0);
    assert.equal(st.sql(`SELECT count(*) AS n FROM disputes WHERE status = 'open'`)[0].n, 2);
    assert.equal(at('2026-12-04T09:00:00Z').disputes, 2);
    assert.equal(at('2026-12-04T09:00:00Z').disputes, 0);
    assert.deepEqual(st.sql(`SELECT status, decided_by, decided_at FROM disputes ORDER BY id`).map((d) => [d.status, d.decided_by, d.decided_at]),
      [['escalated', null, T('2026-12-04T09:00:00Z')], ['escalated', null, T('2026-12-04T09:00:00Z')]]);
    assert.deepEqual(told(st, 'dispute escalated', ids.a).map((n) => n.user_id), [ids.client, ids.freelancer]);
    // The agency's side: the freelancer of record, the owner and the admin; not a plain member.
    assert.deepEqual(told(st, 'dispute escalated', ids.b).map((n) => n.user_id),
      [ids.client, ids.owner, ids.admin, ids.member].sort((x, y) => x - y));
    assert.match(told(st, 'dispute escalated', ids.a)[0].body, /1 hour \(\$40\.00\).*no answer within 3 days/);
    assert.match(await billing(), /no answer in 3 days, escalated to the marketplace/, 'not "declined": nobody did');

    // Escrow: silence for 7 days counts as accepted.
    assert.equal(at('2026-12-08T08:59:59Z').escrow, 0);
    assert.equal(at('2026-12-08T09:00:00Z').escrow, 1);
    assert.equal(at('2026-12-08T09:00:00Z').escrow, 0);
    assert.deepEqual(st.sql(`SELECT released, returned FROM milestones WHERE contract_id = ${ids.c}`), [{ released: 20000, returned: 30000 }]);
    assert.deepEqual(told(st, 'escrow settled', ids.c).map((n) => n.user_id), [ids.client, ids.freelancer]);

    // Funds available: the Wednesday 10 days after the week ends, less what disputes hold.
    assert.equal(at('2026-12-08T23:59:59Z').funds, 0);
    assert.equal(at('2026-12-09T00:00:00Z').funds, 2);
    assert.equal(at('2026-12-09T00:00:00Z').funds, 0);
    const fa = told(st, 'funds available', ids.a);
    assert.deepEqual(fa.map((n) => n.user_id), [ids.freelancer]);
    assert.match(fa[0].body, /\$360\.00 for the week of .* is now available to you\. \$40\.00 stays held while a dispute is reviewed\./);
    assert.deepEqual(told(st, 'funds available', ids.b).map((n) => n.user_id), [ids.owner, ids.admin, ids.member].sort((x, y) => x - y));
    // Nobody is told of a plain member's agency contract who is not on its side.
    assert.equal(st.sql(`SELECT count(*) AS n FROM notifications WHERE user_id = ${ids.plain}`)[0].n, 0);
  } finally { await st.stop(); }
});

test('four steps at once meet each of 40 deadlines once', async () => {
  const N = 40;
  const st = await startStack({
    now: NOW,
    setup(s) {
      s.ctl('user', 'add', '--email', 'client@example.com', '--name', 'Clara Client', '--password', 'password-1');
      s.ctl('user', 'add', '--email', 'freelancer@example.com', '--name', 'Felix', '--password', 'password-1');
      for (let i = 0; i < N; i++) {
        const id = s.ctl('contract', 'add', '--title', `C${i}`, '--client', 'client@example.com',
          '--freelancer', 'freelancer@example.com', '--hourly', '30.00', '--started', '2026-11-02');
        s.ctl('diary', 'add', '--contract', String(id), '--date', '2026-11-24', '--minutes', String(30 + i));
      }
    },
  });
  try {
    const run = () => new Promise((ok, fail) => {
      const p = spawn(join(TOP, 'cgi-bin/contractsctl'), ['--db', st.db, 'tick'],
        { env: { ...process.env, CONTRACTS_NOW: '2026-12-09T00:00:00Z' } });
      let out = '';
      p.stdout.on('data', (d) => { out += d; });
      // 'close', not 'exit': the output may still be on its way at exit.
      p.on('close', (code) => (code === 0 ? ok(report(out)) : fail(new Error(`tick exit ${code}`))));
    });
    const reports = await Promise.all([run(), run(), run(), run()]);
    assert.equal(reports.reduce((a, r) => a + r.invoices, 0), N, JSON.stringify(reports));
    assert.equal(reports.reduce((a, r) => a + r.funds, 0), N);
    const n = (q) => st.sql(q)[0].n;
    assert.equal(n(`SELECT count(*) AS n FROM invoices`), N);
    assert.equal(n(`SELECT count(*) AS n FROM notifications WHERE kind = 'invoice issued'`), N);
    assert.equal(n(`SELECT count(*) AS n FROM notifications WHERE kind = 'funds available'`), N);
    assert.equal(n(`SELECT count(*) AS n FROM outbox`), 2 * N, 'an email each');
    const again = await run();
    assert.equal(again.invoices + again.funds, 0);
  } finally { await st.stop(); }
});

// make run's serving script runs the step every TICK_EVERY seconds beside
// the workers: the invoice falls due and is announced with nobody
// running anything, the step runs as the app's user (not root), and
// /metrics counts its runs and shows the outbox it leaves.
test('the serving script runs the step on its own, as the app user, counted in /metrics', async () => {
  let ids;
  const st = await startStack({ now: NOW, env: { TICK_EVERY: '1' }, setup: (s) => { ids = cast(s); } });
  try {
    let n = 0;
    for (let i = 0; i < 100 && n === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      n = st.sql(`SELECT count(*) AS n FROM notifications WHERE kind = 'invoice issued'`)[0].n;
    }
    assert.equal(n, 2, 'the invoices of last week were announced without anyone asking');
    await new Promise((r) => setTimeout(r, 2500));	// more runs: nothing twice
    assert.equal(st.sql(`SELECT count(*) AS n FROM notifications WHERE kind = 'invoice issued'`)[0].n, 2);
    const [stats] = st.sql('SELECT runs, failed FROM tick_stats');
    assert.ok(stats.runs >= 2, JSON.stringify(stats));
    assert.equal(stats.failed, 0);
    const text = await (await fetch(`${st.base}/metrics`)).text();
    const runs = Number(text.match(/^contracts_tick_runs_total (\d+)$/m)[1]);
    assert.ok(runs >= 2, text);
    assert.match(text, /^contracts_outbox_backlog \d+$/m);
    assert.doesNotMatch(st.log(), /scheduled step failed/);
    if (process.getuid() === 0 && engine === 'sqlite') {
      // Who wrote the database last is who ran the step: never root.
      // (A file of SQLite's; PostgreSQL's server writes its own.)
      const { statSync } = await import('node:fs');
      assert.notEqual(statSync(st.db + '-wal').uid, 0, 'the WAL is not root\'s');
    }
  } finally { await st.stop(); }
});
