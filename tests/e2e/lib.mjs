// The end-to-end harness: a real stack (nginx + FastCGI workers via
// scripts/serve.sh) on a free port with a fresh database built through
// contractsctl, and an HTTP client that keeps cookies and CSRF tokens
// like a browser would.
//
// The database is a SQLite file, or with CONTRACTS_TEST_PG set (a
// superuser's postgresql:// URI, as tests/pg/server.mjs writes it; make
// e2e-pg) a new PostgreSQL database per stack on that server.  Tests of
// what only SQLite has (its file, its WAL, its locks) skip themselves
// there: test(..., { skip: onlySqlite }).
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { wrap as wrapPg } from '../pg/pg.mjs';

export const TOP = resolve(new URL('../..', import.meta.url).pathname);
const CTL = join(TOP, 'cgi-bin/contractsctl');
const PG = process.env.CONTRACTS_TEST_PG || '';
export const engine = PG ? 'postgresql' : 'sqlite';
// A test's skip option: set on PostgreSQL, with the reason.
export const onlySqlite = PG ? 'SQLite only: PostgreSQL has no database file to open' : false;
// The other way round: set on SQLite, for what only a PostgreSQL server has.
export const onlyPostgres = PG ? false : 'PostgreSQL only: make e2e-pg runs it';

// psql on uri: a query's rows as JSON values (tests/pg/pg.mjs's wrap),
// [] for a script.
function psql(uri, sql) {
  const q = wrapPg(sql);
  const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', uri],
    { input: q ?? sql, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr.trim()}\n${sql}`);
  return q === null ? [] : JSON.parse(r.stdout.trim() || '[]');
}

// A new database on the test server, and the app's URI of it.
let pgDatabases = 0;
function pgDatabase() {
  const name = `e2e_${process.pid}_${++pgDatabases}`;
  psql(PG, `CREATE DATABASE ${name}`);
  return PG.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
}

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Seconds since the epoch of a UTC date, '2026-11-24' or '2026-11-30
// 08:00:00': what test SQL writes for a time, on either engine (SQLite's
// strftime('%s', ...) is not PostgreSQL's).
export const unix = (utc) => Date.parse(`${utc.replace(' ', 'T')}${utc.length > 10 ? 'Z' : 'T00:00:00Z'}`) / 1000;

// The pids of the FastCGI workers serving database db (not multiwatch):
// argv[0] is the worker binary and the arguments name the database.
export function workersOf(db) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (argv[0].endsWith('contracts.fcgi') && argv.includes(db)) out.push(Number(d));
    } catch { /* gone */ }
  }
  return out.sort((a, b) => a - b);
}

// Start the stack.  now pins CONTRACTS_NOW for contractsctl and the workers;
// now: null runs them on the real clock.  setup(stack) runs before the
// workers start, to build data with ctl().
export async function startStack({ now = '2026-11-25T10:00:00Z', setup, env = {}, sqlite } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-e2e-'));
  chmodSync(dir, 0o755);	// nginx's workers (nobody) reach the socket through it
  // sqlite: a SQLite file to serve, whatever the run's engine.
  const onPg = Boolean(PG) && !sqlite;
  const db = sqlite ?? (PG ? pgDatabase() : join(dir, 'test.db'));
  const port = await freePort();
  const baseEnv = { ...process.env, CONTRACTS_NOW: now ?? '', DB: db };
  const stack = {
    dir, db, port, now,
    base: `http://127.0.0.1:${port}`,
    // contractsctl: returns { status, stdout, stderr } and never throws.
    ctlRaw(...args) {
      try {
        const out = execFileSync(CTL, ['--db', db, ...args], { env: baseEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        return { status: 0, stdout: out, stderr: '' };
      } catch (e) {
        return { status: e.status, stdout: e.stdout || '', stderr: e.stderr || '' };
      }
    },
    // contractsctl that must succeed: returns the new id as a number.
    ctl(...args) {
      const r = stack.ctlRaw(...args);
      if (r.status !== 0) throw new Error(`contractsctl ${args.join(' ')}: ${r.stderr}`);
      return Number(r.stdout.trim());
    },
    // The scheduled step, as cron or make run would run it: its report line.
    tick(env = {}) {
      return execFileSync(CTL, ['--db', db, 'tick'], { env: { ...baseEnv, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    },
    sql(q) {
      if (onPg) return psql(db, q);
      const out = execFileSync('sqlite3', ['-json', db, q], { encoding: 'utf8' });
      return out.trim() === '' ? [] : JSON.parse(out);
    },
    // Every table's rows, to prove that a refused request changed nothing.
    // One sqlite3 run reads them all (one a table took seconds in a row of
    // checks): each table's rows come after a one-row result naming it.
    snapshot() {
      if (onPg) {
        const names = stack.sql("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'sessions' ORDER BY 1").map((t) => t.name);
        const cols = names.map((t) => `(SELECT coalesce(json_agg(q), '[]') FROM (SELECT * FROM "${t}" ORDER BY 1) q) AS "${t}"`);
        return stack.sql(`SELECT ${cols.join(', ')}`)[0];
      }
      const tables = stack.sql("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('sessions') ORDER BY name").map((t) => t.name);
      const q = tables.map((t) => `SELECT '${t}' AS "-table-"; SELECT * FROM "${t}" ORDER BY 1;`).join(' ');
      const out = execFileSync('sqlite3', ['-json', db, q], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const snap = Object.fromEntries(tables.map((t) => [t, []]));
      let table = null, buf = '';
      for (const line of out.split('\n')) {
        buf += line;
        if (!buf.endsWith(']')) continue;
        const rows = JSON.parse(buf);
        buf = '';
        if (rows.length === 1 && Object.keys(rows[0]).length === 1 && '-table-' in rows[0]) table = rows[0]['-table-'];
        else snap[table] = rows;
      }
      return snap;
    },
    // Lines of dashboard_lines and diary_weeks, users' unread counts (of
    // notifications and of messages) and each thread's unread count, that
    // differ from what the tables they summarize say; [] when they agree.
    summariesDrift() {
      // Each entry's stored week (schema 9) is its day's Monday, by
      // SQLite's calendar; diary_weeks sums the entries by it.
      // (PostgreSQL: the Monday by arithmetic, 1970-01-05 being one.)
      const monday = onPg ? 'day - ((day - 345600) % 604800 + 604800) % 604800'
        : "CAST(strftime('%s', day, 'unixepoch', '-6 days', 'weekday 1') AS INTEGER)";
      const weeks = 'SELECT contract_id, week, sum(minutes) AS minutes FROM diary_entries GROUP BY 1, 2';
      const kept = 'SELECT contract_id, week, minutes FROM diary_weeks';
      const checks = {
        missing: 'SELECT * FROM dashboard_source EXCEPT SELECT * FROM dashboard_lines',
        extra: 'SELECT * FROM dashboard_lines EXCEPT SELECT * FROM dashboard_source',
        stale: 'SELECT * FROM dashboard_stale',
        week: `${kept} WHERE minutes <> 0 EXCEPT ${weeks}`,
        'week missing': `${weeks} EXCEPT ${kept}`,
        'week of day': `SELECT id, day, week FROM diary_entries WHERE week IS ${onPg ? 'DISTINCT FROM' : 'NOT'} ${monday}`,
        unread: `SELECT id, unread FROM users EXCEPT SELECT u.id,
          (SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL) FROM users u`,
        'unread messages': `SELECT id, unread_messages FROM users EXCEPT SELECT u.id,
          (SELECT coalesce(sum(count), 0) FROM message_unread m WHERE m.user_id = u.id) FROM users u`,
        'thread unread': `SELECT user_id, contract_id, count FROM message_unread EXCEPT
          SELECT r.user_id, r.contract_id, (SELECT count(*) FROM messages m WHERE m.contract_id = r.contract_id
          AND m.id >= r.since_id AND m.author_id <> r.user_id) FROM message_unread r`,
      };
      // On PostgreSQL all in one psql run (each run costs a process and
      // a connection: nine of them made every stop() slow).
      const found = onPg
        ? stack.sql(`SELECT ${Object.entries(checks).map(([what, q]) =>
          `(SELECT coalesce(json_agg(x), '[]') FROM (${q}) x) AS "${what}"`).join(', ')}`)[0]
        : Object.fromEntries(Object.entries(checks).map(([what, q]) => [what, stack.sql(q)]));
      return Object.entries(found).flatMap(([what, rows]) => rows.map((r) => ({ what, ...r })));
    },
    log() { try { return readFileSync(join(dir, 'serve.log'), 'utf8'); } catch { return ''; } },
    // The pids of this stack's FastCGI workers.
    workers() { return workersOf(db); },
  };
  if (setup) await setup(stack);
  const { openSync, existsSync } = await import('node:fs');
  const logfd = openSync(join(dir, 'serve.log'), 'a');
  // Another process may take the free port before nginx binds it: then
  // serve.sh stops (nginx is gone) and we try again on another port.  Ready
  // means /healthz answers and it is our nginx (its pid file is ours).
  const pidfile = join(dir, 'run', 'nginx.pid');
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      stack.port = await freePort();
      stack.base = `http://127.0.0.1:${stack.port}`;
    }
    stack.proc = spawn(join(TOP, 'scripts/serve.sh'), [], {
      env: {
        ...baseEnv, PORT: String(stack.port), RUNDIR: join(dir, 'run'), SEED: '0', WORKERS: '2',
        LOGIN_RATE: '6000r/m', LOGIN_BURST: '1000', TICK_EVERY: '0', ...env,
      },
      stdio: ['ignore', logfd, logfd],
    });
    let gone = false;
    stack.exited = new Promise((r) => stack.proc.once('exit', (code) => { gone = true; r(code); }));
    let ready = false;
    for (let i = 0; i <= 300 && !gone && !ready; i++) {
      try {
        const r = await fetch(`${stack.base}/healthz`);
        ready = r.status === 200 && existsSync(pidfile);
      } catch { /* not yet */ }
      if (!ready) await sleep(50);
    }
    if (ready) break;
    if (!gone) stack.proc.kill('SIGTERM');
    await stack.exited;
    if (attempt >= 4) throw new Error(`stack did not start:\n${stack.log()}`);
  }
  stack.stop = async () => {
    stack.proc.kill('SIGTERM');
    await stack.exited;
    // Whatever the test did, what the triggers keep (the dashboard's
    // lines, schema-2.sql; unread counts, schema-3.sql) must equal what it
    // is computed from.
    const drift = stack.summariesDrift();
    if (drift.length > 0) throw new Error(`kept summaries (dashboard lines, weeks, unread counts) out of step with their sources:\n${JSON.stringify(drift, null, 1)}`);
    const log = stack.log();
    if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
    // Workers built with SAN=1 report here; any report fails the test.
    const m = log.match(/^.*(ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:).*$/m);
    if (m) throw new Error(`sanitizer report in the server log:\n${log.slice(log.indexOf(m[0]), log.indexOf(m[0]) + 4000)}`);
    // The database layer's own alarms: a write outside a write
    // transaction, a bad bind (src/db/sqlite.c, pg.c).
    const bug = log.match(/^db: BUG: .*$/m);
    if (bug) throw new Error(`the database layer refused a statement:\n${bug[0]}`);
  };
  return stack;
}

// A browser-like client: cookies, no automatic redirects, CSRF from pages.
export class Client {
  // userAgent: the User-Agent header this browser sends (node's own
  // when not given).
  constructor(stack, { userAgent } = {}) {
    this.stack = stack;
    this.cookies = new Map();
    this.csrf = null;
    this.userAgent = userAgent;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  remember(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || attrs.some((a) => /max-age=0/i.test(a.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  // On PostgreSQL a new connection for each request: stack.sql runs psql
  // synchronously, and a test's run of queries can outlast nginx's 30 s
  // keep-alive with node's loop blocked; the next request then went out
  // on a connection nginx had closed (fetch failed: other side closed).
  async request(method, path, { body, headers = {} } = {}) {
    const res = await fetch(this.stack.base + path, {
      method, body, redirect: 'manual',
      headers: { cookie: this.cookieHeader(), ...(this.userAgent ? { 'user-agent': this.userAgent } : {}),
        ...(PG ? { connection: 'close' } : {}), ...headers },
    });
    this.remember(res);
    const text = await res.text();
    const m = text.match(/name="csrf" value="([^"]*)"/);
    if (m) this.csrf = m[1];
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }

  get(path) { return this.request('GET', path); }

  // POST a form.  The page's CSRF token is added unless fields has csrf
  // (null leaves it out).
  async post(path, fields = {}) {
    const f = { ...fields };
    if (!('csrf' in f)) {
      if (this.csrf === null) await this.get('/login');
      f.csrf = this.csrf;
    }
    if (f.csrf === null) delete f.csrf;
    const body = new URLSearchParams(f).toString();
    return this.request('POST', path, {
      body, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async login(email, password = 'password-1') {
    await this.get('/login');
    const r = await this.post('/login', { email, password });
    if (r.status !== 303) throw new Error(`login ${email}: ${r.status}\n${r.text}`);
    await this.get(r.location);
    return r;
  }
}

// A new Client of stack, signed in as email.
export async function signedIn(stack, email, password = 'password-1') {
  const c = new Client(stack);
  await c.login(email, password);
  return c;
}

// Text of the page's <main>, tags stripped, spaces squeezed: for assertions.
export function mainText(html) {
  const m = html.match(/<main[^>]*>([\s\S]*)<\/main>/);
  return (m ? m[1] : html).replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ').trim();
}

// The standard cast: a client, a freelancer, a stranger, an agency with an
// owner, an admin and a member, and one active hourly contract.
export function cast(stack) {
  const u = (email, name) => stack.ctl('user', 'add', '--email', email, '--name', name, '--password', 'password-1');
  const ids = {
    client: u('client@example.com', 'Clara Client'),
    freelancer: u('freelancer@example.com', 'Felix Freelancer'),
    stranger: u('stranger@example.com', 'Sam Stranger'),
    owner: u('owner@example.com', 'Olivia Owner'),
    admin: u('admin@example.com', 'Adam Admin'),
    member: u('member@example.com', 'Mia Member'),
  };
  ids.agency = stack.ctl('agency', 'add', '--name', 'Northwind Studio', '--owner', 'owner@example.com');
  stack.ctl('agency', 'member', '--agency', String(ids.agency), '--email', 'admin@example.com', '--role', 'admin');
  stack.ctl('agency', 'member', '--agency', String(ids.agency), '--email', 'member@example.com');
  ids.hourly = stack.ctl('contract', 'add', '--title', 'Mobile app API', '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--hourly', '40.00', '--weekly-limit', '10', '--started', '2026-09-01');
  ids.fixed = stack.ctl('contract', 'add', '--title', 'Logo redesign', '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--fixed', '500.00', '--started', '2026-10-01');
  ids.agencyContract = stack.ctl('contract', 'add', '--title', 'Support retainer', '--client', 'client@example.com',
    '--freelancer', 'member@example.com', '--agency', String(ids.agency), '--hourly', '35.00', '--started', '2026-10-15');
  return ids;
}
