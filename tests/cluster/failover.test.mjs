// The failover test (issue 17): make cluster under a write load, then the
// primary's PostgreSQL (with its pg_autoctl keeper, so that it does not
// come straight back) and one of the three FastCGI hosts killed -9 at
// once, as a machine that dies.  Writers keep posting messages
// throughout, each recording which posts were acknowledged (303).  Once
// pg_auto_failover has promoted a standby:
//
//   - every acknowledged message is in the database, read through the new
//     primary, and none is there twice (nginx passes no POST on once sent);
//   - a request that failed did not answer 303: 503 while there was no
//     primary, 502 only for posts in the killed host's hands;
//   - contractsctl check (the kept summaries against their sources) passes;
//   - requests through nginx succeed while the killed host is down;
//   - a session made through one host works on the others, spoken to
//     directly over FastCGI, and sessions made before the failover go on;
//   - the killed node and host come back (RESTART_AFTER), the old primary
//     as a standby holding every acknowledged message; then Ctrl-C's
//     SIGTERM stops everything, leaving nothing running.
//
// It prints what it measured: the failover's length, acknowledged and
// present counts, the statuses seen.  About 3 minutes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, TOP, sleep } from '../e2e/lib.mjs';
import { startCluster } from './cluster.mjs';
import { fcgi } from './fcgi.mjs';

const UA = 'contracts-failover-test';
const PASSWORD = 'demo-password';	// scripts/cluster.sh seeds the demo data
const RESTART_AFTER = 60;	// longer than a failover (25-30 s with cluster.sh's timeouts)

// A browser-like client whose requests give up after 30 s (a request
// that hangs counts as failed, its outcome unknown).
class Browser extends Client {
  constructor(stack) { super(stack, { userAgent: UA }); }
  async request(method, path, { body, headers = {} } = {}) {
    const res = await fetch(this.stack.base + path, {
      method, body, redirect: 'manual', signal: AbortSignal.timeout(30000),
      headers: { cookie: this.cookieHeader(), 'user-agent': UA, ...headers },
    });
    this.remember(res);
    const text = await res.text();
    const m = text.match(/name="csrf" value="([^"]*)"/);
    if (m) this.csrf = m[1];
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }
}

// Sign in directly on one FastCGI host: the sid cookie, or throws.
async function signInOn(host, email) {
  const form = await fcgi(host, 'GET', '/login', { userAgent: UA });
  const lcsrf = (form.headers['set-cookie'] || []).map((c) => c.split(';')[0]).find((c) => c.startsWith('lcsrf='));
  const csrf = form.text.match(/name="csrf" value="([^"]*)"/)?.[1];
  assert.ok(lcsrf && csrf, `the login form of ${host} carries its CSRF token`);
  const r = await fcgi(host, 'POST', '/login', {
    cookie: lcsrf, userAgent: UA,
    body: new URLSearchParams({ csrf, email, password: PASSWORD }).toString(),
  });
  assert.equal(r.status, 303, `signing in on ${host}: ${r.text.slice(0, 300)}`);
  const sid = (r.headers['set-cookie'] || []).map((c) => c.split(';')[0]).find((c) => c.startsWith('sid=') && c.length > 4);
  assert.ok(sid, `${host} set a session cookie`);
  return sid;
}

// The dashboard of the session in cookie, directly on host: its status
// and whose page it is.
async function dashboardOn(host, cookie) {
  const r = await fcgi(host, 'GET', '/contracts', { cookie, userAgent: UA });
  return { status: r.status, location: r.headers.location?.[0], felix: r.text.includes('Felix Freelancer') };
}

let c;
after(async () => { if (c) await c.stop().catch(() => {}); });

test('failover: the primary and a host killed under writes; nothing acknowledged is lost', { timeout: 480000 }, async (t) => {
  c = await startCluster({ env: { RESTART_AFTER: String(RESTART_AFTER) } });
  const say = (s) => { t.diagnostic(s); console.log(`# ${s}`); };
  say(`cluster up in ${c.startedIn.toFixed(0)} s (first start: monitor, 3 nodes, seed)`);
  const [{ id: contract }] = c.psql(`SELECT c.id FROM contracts c JOIN users a ON a.id = c.client_id
    JOIN users b ON b.id = c.freelancer_id WHERE a.email = 'client@example.com'
    AND b.email = 'freelancer@example.com' AND c.agency_id IS NULL ORDER BY c.id LIMIT 1`);
  const old = c.primary();
  assert.ok(old, 'a primary before the failover');
  const sync = c.psql('SELECT setting FROM pg_settings WHERE name = \'synchronous_standby_names\'')[0].setting;
  assert.match(sync, /^ANY 1 \(/, 'one of the two standbys must have each commit');

  // ---- writers: two as each side, each with its own session ----
  const writers = [];
  for (const email of ['client@example.com', 'freelancer@example.com', 'client@example.com', 'freelancer@example.com']) {
    const b = new Browser(c);
    await b.login(email, PASSWORD);
    writers.push(b);
  }
  const log = [];	// { body, status, sent, at } for every post
  let stopWriting = false;
  const write = async (b, k) => {
    for (let n = 1; !stopWriting; n++) {
      const body = `failover w${k} #${n}`;
      const sent = Date.now();
      let status;
      try {
        status = (await b.post(`/contracts/${contract}/messages`, { body })).status;
      } catch (e) {
        status = `error: ${e.name}`;
      }
      log.push({ body, status, sent, at: Date.now() });
      await sleep(status === 303 ? 20 : 200);	// the machine is shared
    }
  };
  const running = writers.map((b, k) => write(b, k + 1));
  await sleep(5000);
  const before = log.filter((e) => e.status === 303).length;
  assert.ok(before > 0, `writes are acknowledged before the failover: ${JSON.stringify(log.slice(0, 5))}`);

  // ---- the primary's node and host1 die at once ----
  const tKill = Date.now();
  c.kill(old.name);
  c.kill('host1');
  say(`killed ${old.name} (the primary: keeper and PostgreSQL) and host1 (${c.hosts[0]}) after ${before} acknowledged writes`);
  let promoted;
  while (!promoted) {
    assert.ok(Date.now() - tKill < 240000, `no standby promoted in 240 s: ${JSON.stringify(c.state())}`);
    await sleep(1000);
    const p = c.primary();
    if (p && p.name !== old.name) promoted = p;
  }
  const failover = (Date.now() - tKill) / 1000;
  say(`${promoted.name} promoted ${failover.toFixed(1)} s after the kill (pg_autoctl show state)`);

  // Requests through nginx while host1 is still down: all answered.
  assert.equal(c.pidOf('host1'), 0, `host1 is still down (RESTART_AFTER ${RESTART_AFTER} s outlasts the failover)`);
  const reader = writers[1];
  const pages = [];
  for (let i = 0; i < 9; i++) pages.push((await reader.get('/contracts')).status);
  assert.deepEqual(pages, Array(9).fill(200), 'the dashboard through nginx with host1 down');

  // Writers go on for a while on the new primary, with their sessions
  // from before the failover.
  const tPromoted = Date.now();
  while (log.filter((e) => e.status === 303 && e.at > tPromoted).length < 20 && Date.now() - tPromoted < 60000) await sleep(500);
  stopWriting = true;
  await Promise.all(running);
  const after303 = log.filter((e) => e.status === 303 && e.at > tPromoted).length;
  assert.ok(after303 > 0, 'writes are acknowledged after the failover');
  const firstAck = log.find((e) => e.status === 303 && e.sent > tKill);
  say(`writes acknowledged again ${((firstAck.at - tKill) / 1000).toFixed(1)} s after the kill`);

  // ---- every acknowledged write is there, once ----
  const [{ port }] = c.psql('SELECT inet_server_port() AS port');
  assert.equal(port, promoted.port, 'the checks read the new primary');
  const rows = c.psql("SELECT body, count(*) AS n FROM messages WHERE body LIKE 'failover w%' GROUP BY body");
  const present = new Map(rows.map((r) => [r.body, r.n]));
  const acked = log.filter((e) => e.status === 303);
  const lost = acked.filter((e) => !present.has(e.body));
  const statuses = {};
  for (const e of log) statuses[e.status] = (statuses[e.status] || 0) + 1;
  say(`posts: ${log.length}, statuses ${JSON.stringify(statuses)}; acknowledged ${acked.length}, ` +
    `present ${present.size} (${present.size - acked.length + lost.length} present without a 303: their answer was lost)`);
  assert.deepEqual(lost.map((e) => e.body), [], 'acknowledged writes missing after the failover');
  assert.deepEqual(rows.filter((r) => r.n !== 1), [], 'a message written twice');
  const wrong = log.filter((e) => e.status !== 303 && e.status !== 503 && e.status !== 502 && !String(e.status).startsWith('error'));
  assert.deepEqual(wrong, [], 'a failed post answers 503 (no primary) or 502 (its host died)');
  assert.ok((statuses[502] || 0) <= writers.length, `502 only for posts in host1's hands when it died: ${statuses[502]}`);

  // ---- the app's invariants on the new primary ----
  const check = spawnSync(join(TOP, 'cgi-bin/contractsctl'), ['--db', c.uri, 'check'], { encoding: 'utf8' });
  assert.equal(check.status, 0, `contractsctl check after the failover:\n${check.stdout}${check.stderr}`);

  // ---- sessions are the database's, not a host's ----
  const [, h2, h3] = c.hosts;
  const sid = await signInOn(h2, 'freelancer@example.com');
  assert.deepEqual(await dashboardOn(h3, sid), { status: 200, location: undefined, felix: true },
    'a session made on host2, on host3');
  assert.deepEqual(await dashboardOn(h2, sid), { status: 200, location: undefined, felix: true });
  const viaNginx = new Browser(c);
  viaNginx.cookies.set('sid', sid.slice(4));
  for (let i = 0; i < 4; i++) assert.equal((await viaNginx.get('/contracts')).status, 200, 'host2\'s session through nginx');
  const before_ = `sid=${reader.cookies.get('sid')}`;	// made through nginx before the kill, on some host
  for (const h of [h2, h3]) {
    assert.equal((await dashboardOn(h, before_)).status, 200, `a session from before the failover on ${h}`);
  }
  assert.match((await dashboardOn(h3, '')).location || '', /^\/login/, 'the control: no session, sent to sign in');

  // ---- the dead come back: host1, and the old primary as a standby ----
  const tBack = Date.now();
  for (;;) {
    const s = c.state().find((n) => n.name === old.name);
    if (s && s.reported === 'secondary' && s.assigned === 'secondary' && c.pidOf('host1')) break;
    assert.ok(Date.now() - tBack < 180000, `${old.name} or host1 not back: ${JSON.stringify(c.state())}`);
    await sleep(1000);
  }
  say(`${old.name} back as a standby ${((Date.now() - tKill) / 1000).toFixed(0)} s after the kill (restarted after ${RESTART_AFTER} s)`);
  let back;
  for (let i = 0; i < 50 && !(back?.status === 200); i++) {
    back = await dashboardOn(c.hosts[0], sid).catch((e) => ({ status: e.message }));
    if (back.status !== 200) await sleep(200);
  }
  assert.equal(back.status, 200, 'host2\'s session on host1, once it is back');
  const want = present.size;
  for (const [name, p] of Object.entries(c.nodes)) {
    let n;
    for (let i = 0; i < 60; i++) {
      n = c.psqlOn(p, "SELECT count(DISTINCT body) AS n FROM messages WHERE body LIKE 'failover w%'")[0].n;
      if (n === want) break;
      await sleep(500);
    }
    assert.equal(n, want, `${name} holds every message`);
  }

  // ---- Ctrl-C (SIGTERM to the group leader): nothing left behind ----
  const code = await c.stop();
  c = null;
  assert.equal(code, 0, 'cluster.sh exits 0 on SIGTERM');
});
