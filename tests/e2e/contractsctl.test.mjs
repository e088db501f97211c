// contractsctl: every command prints the new id alone; bad arguments get
// one line on stderr, exit 2, and change nothing.  Plus the login rate
// limit, which needs a stack with the production setting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast } from './lib.mjs';

let s, ids;
before(async () => { s = await startStack({ setup(st) { ids = cast(st); } }); });
after(async () => { await s.stop(); });

test('each command prints the new id alone', () => {
  const r = s.ctlRaw('user', 'add', '--email', 'new@example.com', '--name', 'New Person', '--password', 'password-1');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^\d+\n$/);
  const id = Number(r.stdout);
  assert.equal(s.sql(`SELECT name FROM users WHERE id = ${id}`)[0].name, 'New Person');
  assert.match(s.sql(`SELECT pwhash FROM users WHERE id = ${id}`)[0].pwhash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  const m = s.ctl('milestone', 'add', '--contract', String(ids.fixed), '--amount', '200.00', '--funded');
  assert.deepEqual(s.sql(`SELECT amount, funded FROM milestones WHERE id = ${m}`), [{ amount: 20000, funded: 1 }]);
  const p = s.ctl('payment', 'add', '--contract', String(ids.hourly), '--amount', '12.50', '--paid-at', '2026-06-01T08:30:00Z');
  assert.deepEqual(s.sql(`SELECT amount, paid_at FROM payments WHERE id = ${p}`), [{ amount: 1250, paid_at: 1780302600 }]);
  const d = s.ctl('diary', 'add', '--contract', String(ids.hourly), '--date', '2026-11-24', '--minutes', '90', '--memo', 'Review');
  assert.deepEqual(s.sql(`SELECT minutes, memo FROM diary_entries WHERE id = ${d}`), [{ minutes: 90, memo: 'Review' }]);
});

test('bad arguments: exit 2, one line, nothing written', () => {
  const before = JSON.stringify(s.snapshot());
  const H = String(ids.hourly);
  const F = String(ids.fixed);
  const bad = [
    ['user', 'add', '--email', 'client@example.com', '--name', 'Dup', '--password', 'password-1'],
    ['user', 'add', '--email', 'not-an-email', '--name', 'X', '--password', 'password-1'],
    ['user', 'add', '--email', 'x@example.com', '--name', 'X', '--password', 'short'],
    ['user', 'add', '--email', 'x@example.com', '--name', '', '--password', 'password-1'],
    ['user', 'add', '--email', 'x@example.com', '--name', 'Bad\u0001Name', '--password', 'password-1'],
    ['user', 'add', '--email', 'x@example.com', '--name', 'X'],
    ['user', 'add', '--email', 'x@example.com', '--name', 'X', '--password', 'password-1', '--bogus', '1'],
    ['agency', 'add', '--name', 'A', '--owner', 'ghost@example.com'],
    ['agency', 'member', '--agency', '999', '--email', 'client@example.com'],
    ['agency', 'member', '--agency', String(ids.agency), '--email', 'client@example.com', '--role', 'boss'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'client@example.com', '--hourly', '40'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'freelancer@example.com'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'freelancer@example.com', '--hourly', '40', '--fixed', '40'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'freelancer@example.com', '--hourly', '-1'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'freelancer@example.com', '--hourly', '0'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'freelancer@example.com', '--hourly', '1e3'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'freelancer@example.com', '--hourly', '12,50'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'freelancer@example.com', '--hourly', '0.001'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'freelancer@example.com', '--fixed', '10', '--weekly-limit', '5'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'freelancer@example.com', '--hourly', '10', '--weekly-limit', '169'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'freelancer@example.com', '--hourly', '10', '--started', '2026-02-30'],
    ['contract', 'add', '--title', 'T', '--client', 'client@example.com', '--freelancer', 'stranger@example.com', '--hourly', '10', '--agency', String(ids.agency)],
    ['diary', 'add', '--contract', H, '--date', '2026-11-31', '--minutes', '60'],
    ['diary', 'add', '--contract', H, '--date', '2026-11-24', '--minutes', '0'],
    ['diary', 'add', '--contract', H, '--date', '2026-11-24', '--minutes', '1441'],
    ['diary', 'add', '--contract', F, '--date', '2026-11-24', '--minutes', '60'],
    ['diary', 'add', '--contract', '999', '--date', '2026-11-24', '--minutes', '60'],
    ['payment', 'add', '--contract', H, '--amount', '0', '--paid-at', '2026-11-01'],
    ['payment', 'add', '--contract', H, '--amount', '10', '--paid-at', '2026-11-01T10:00'],
    ['milestone', 'add', '--contract', H, '--amount', '10'],
    ['milestone', 'add', '--contract', 'x', '--amount', '10'],
    ['contract', 'remove'],
    ['seed-demo', '--now'],
  ];
  for (const args of bad) {
    const r = s.ctlRaw(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^(contractsctl: |usage: )/, args.join(' '));
  }
  assert.equal(JSON.stringify(s.snapshot()), before);
});

test('seed-demo fills an empty database once', async () => {
  const demo = await startStack({ setup(st) { assert.equal(st.ctlRaw('seed-demo').status, 0); } });
  try {
    const counts = demo.sql(`SELECT (SELECT count(*) FROM users) AS users,
      (SELECT count(*) FROM contracts WHERE status = 'active') AS active,
      (SELECT count(*) FROM contracts WHERE status = 'ended') AS ended,
      (SELECT count(*) FROM feedback) AS feedback,
      (SELECT count(*) FROM milestones WHERE funded = 1) AS funded`)[0];
    assert.ok(counts.users >= 6 && counts.active >= 3 && counts.ended >= 2 && counts.feedback === 2 && counts.funded >= 1, JSON.stringify(counts));
    assert.equal(demo.ctlRaw('seed-demo').status, 2, 'a second seed is refused');
    const c = new Client(demo);
    await c.login('client@example.com', 'demo-password');
    assert.equal((await c.get('/contracts')).status, 200);
  } finally { await demo.stop(); }
});

test('nginx rate-limits sign-in attempts (429) with the production setting', async () => {
  const limited = await startStack({ env: { LOGIN_RATE: '30r/m', LOGIN_BURST: '10' }, setup(st) { cast(st); } });
  try {
    const c = new Client(limited);
    await c.get('/login');
    // All at once: one after another, each argon2id check (about 1 s
    // under the sanitizers on a loaded machine) let the 2 s refill hand
    // back slots, and the test measured the machine's speed.
    const statuses = (await Promise.all(Array.from({ length: 15 },
      () => c.post('/login', { email: 'client@example.com', password: 'wrong-password' })))).map((r) => r.status);
    const count = (x) => statuses.filter((y) => y === x).length;
    assert.equal(count(400) + count(429), 15, statuses.join());
    assert.ok(count(400) >= 10 && count(400) <= 11, statuses.join());	// 1 + a burst of 10
    assert.equal((await c.get('/login')).status, 200, 'GET /login is not limited');
  } finally { await limited.stop(); }
});
