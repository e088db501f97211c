// The foundation through the real stack: sign-in, sessions, CSRF, the
// dashboard's filters, search and paging, the contract page's 404 for
// strangers, and the request gate (404, 405, 400, 413).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText, engine } from './lib.mjs';

let s, ids;

before(async () => {
  s = await startStack({
    now: '2026-11-25T10:00:00Z',
    setup(st) {
      ids = cast(st);
      // 30 more contracts for Clara with Dana: ended and active, for paging.
      st.ctl('user', 'add', '--email', 'dana@example.com', '--name', 'Dana Developer', '--password', 'password-1');
      for (let i = 1; i <= 30; i++) {
        st.ctl('contract', 'add', '--title', `Paging task ${String(i).padStart(2, '0')}`, '--client', 'client@example.com',
          '--freelancer', 'dana@example.com', '--fixed', '100.00', '--started', `2025-0${1 + (i % 9)}-${String(1 + i % 28).padStart(2, '0')}`);
      }
      st.sql("UPDATE contracts SET status = 'ended', ended_at = 1764000000, ended_by = client_id, end_reason = 'done' WHERE title LIKE 'Paging task %' AND CAST(substr(title, 13) AS INTEGER) % 2 = 0");
      st.ctl('contract', 'add', '--title', '100% done_site', '--client', 'client@example.com', '--freelancer', 'dana@example.com', '--fixed', '50.00');
      st.ctl('diary', 'add', '--contract', String(ids.hourly), '--date', '2026-11-23', '--minutes', '150');
      st.ctl('diary', 'add', '--contract', String(ids.hourly), '--date', '2026-11-24', '--minutes', '60');
      st.ctl('diary', 'add', '--contract', String(ids.hourly), '--date', '2026-11-20', '--minutes', '600'); // last week
      // This week's hours when the latest week logged is an older one, and
      // when an entry is dated after this week (the dashboard's lines keep
      // only the latest week's minutes).
      st.ctl('user', 'add', '--email', 'weeks@example.com', '--name', 'Wanda Weeks', '--password', 'password-1');
      const older = st.ctl('contract', 'add', '--title', 'Older weeks only', '--client', 'weeks@example.com',
        '--freelancer', 'dana@example.com', '--hourly', '30.00', '--started', '2026-10-01');
      st.ctl('diary', 'add', '--contract', String(older), '--date', '2026-11-17', '--minutes', '120');
      const ahead = st.ctl('contract', 'add', '--title', 'Entry ahead', '--client', 'weeks@example.com',
        '--freelancer', 'dana@example.com', '--hourly', '30.00', '--started', '2026-10-02');
      st.ctl('diary', 'add', '--contract', String(ahead), '--date', '2026-11-29', '--minutes', '90'); // Sunday
      const monday = Date.parse('2026-11-30T00:00:00Z') / 1000;
      st.sql(`INSERT INTO diary_entries (contract_id, day, week, minutes, created_at, updated_at)
        VALUES (${ahead}, ${monday}, ${monday}, 300, 0, 0)`); // next Monday
    },
  });
});
after(async () => { await s.stop(); });

test('healthz answers ok without sign-in', async () => {
  const r = await fetch(`${s.base}/healthz`);
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'ok\n');
});

test('signed out: / and pages redirect to /login, then back after sign-in', async () => {
  const c = new Client(s);
  let r = await c.get('/');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/login');
  r = await c.get(`/contracts/${ids.hourly}`);
  assert.equal(r.status, 303);
  assert.equal(r.location, `/login?next=/contracts/${ids.hourly}`);
  r = await c.get(r.location);
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`name="next" value="/contracts/${ids.hourly}"`));
  r = await c.post('/login', { email: 'client@example.com', password: 'password-1', next: `/contracts/${ids.hourly}` });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/contracts/${ids.hourly}`);
  r = await c.get('/');
  assert.equal(r.location, '/contracts');
});

test('sign-in refuses a wrong password or unknown email with 400 and no session', async () => {
  for (const [email, password] of [['client@example.com', 'wrong-password'], ['nobody@example.com', 'password-1'], ['client@example.com', '']]) {
    const c = new Client(s);
    await c.get('/login');
    const r = await c.post('/login', { email, password });
    assert.equal(r.status, 400, `${email}/${password}`);
    assert.ok(!c.cookies.has('sid'));
    assert.match(mainText(r.text), /(do not match an account|Enter your email and your password)/);
    assert.match(r.text, /aria-invalid="true"/);
  }
});

test('sign-in issues a new HttpOnly SameSite=Lax token each time and stores only its hash', async () => {
  const a = new Client(s);
  const b = new Client(s);
  await a.get('/login');
  const ra = await a.post('/login', { email: 'freelancer@example.com', password: 'password-1' });
  await b.get('/login');
  await b.post('/login', { email: 'freelancer@example.com', password: 'password-1' });
  const cookie = ra.headers.getSetCookie().find((c) => c.startsWith('sid='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.match(cookie, /Path=\//);
  const tok = a.cookies.get('sid');
  assert.match(tok, /^[A-Za-z0-9_-]{43}$/); // 256 bits
  assert.notEqual(tok, b.cookies.get('sid'));
  // The hash's bytes in upper-case hex (a BLOB on SQLite, a bytea on PostgreSQL).
  const hex = engine === 'sqlite' ? 'hex(token_hash)' : "upper(encode(token_hash, 'hex'))";
  const rows = s.sql(`SELECT ${hex} AS h, csrf FROM sessions`);
  assert.ok(rows.length >= 2);
  for (const row of rows) assert.match(row.h, /^[0-9A-F]{64}$/, 'a 32-byte hash');
  for (const row of rows) assert.ok(!row.h.includes(Buffer.from(tok).toString('hex').toUpperCase()));
  assert.ok(!s.log().includes(tok), 'the token never reaches the log');
});

test('sign-out deletes the session server-side; the old cookie no longer works', async () => {
  const c = new Client(s);
  await c.login('stranger@example.com');
  const old = c.cookies.get('sid');
  const before = s.sql('SELECT count(*) AS n FROM sessions')[0].n;
  const r = await c.post('/logout');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/login');
  assert.equal(s.sql('SELECT count(*) AS n FROM sessions')[0].n, before - 1);
  const replay = new Client(s);
  replay.cookies.set('sid', old);
  const r2 = await replay.get('/contracts');
  assert.equal(r2.status, 303);
  assert.match(r2.location, /^\/login/);
});

test('an idle or too old session is refused and removed', async () => {
  const c = new Client(s);
  await c.login('owner@example.com');
  assert.equal((await c.get('/contracts')).status, 200);
  s.sql(`UPDATE sessions SET seen_at = seen_at - 12 * 3600 WHERE user_id = ${ids.owner}`);
  let r = await c.get('/contracts');
  assert.equal(r.status, 303);
  assert.equal(s.sql(`SELECT count(*) AS n FROM sessions WHERE user_id = ${ids.owner}`)[0].n, 0);
  await c.login('owner@example.com');
  s.sql(`UPDATE sessions SET created_at = created_at - 7 * 86400 WHERE user_id = ${ids.owner}`);
  r = await c.get('/contracts');
  assert.equal(r.status, 303);
});

test('every POST without the right CSRF token is 403 and changes nothing', async () => {
  const c = new Client(s);
  await c.login('client@example.com');
  const other = new Client(s);
  await other.login('freelancer@example.com');
  const sessions = s.sql('SELECT count(*) AS n FROM sessions')[0].n;
  for (const csrf of [null, '', 'x'.repeat(43), other.csrf]) {
    const r = await c.post('/logout', { csrf });
    assert.equal(r.status, 403, `csrf=${csrf}`);
    assert.match(mainText(r.text), /expired or did not come from this site/);
  }
  assert.equal(s.sql('SELECT count(*) AS n FROM sessions')[0].n, sessions);
  assert.equal((await c.get('/contracts')).status, 200, 'still signed in');
  // The login form is protected too.
  const anon = new Client(s);
  await anon.get('/login');
  const r = await anon.post('/login', { email: 'client@example.com', password: 'password-1', csrf: null });
  assert.equal(r.status, 403);
  assert.ok(!anon.cookies.has('sid'));
});

test('dashboard: rows show terms, the other side, status and this week\'s hours', async () => {
  const c = new Client(s);
  await c.login('client@example.com');
  const r = await c.get('/contracts?q=Mobile');
  assert.equal(r.status, 200);
  const t = mainText(r.text);
  assert.match(t, /Mobile app API/);
  assert.match(t, /You hired Felix Freelancer/);
  assert.match(t, /\$40\.00\/hr/);
  assert.match(t, /This week 3\.5 hrs/); // 150 + 60 minutes; last week's 600 not counted
  assert.match(r.text, new RegExp(`href="/contracts/${ids.hourly}/end"`));
  const f = mainText((await c.get('/contracts?q=Logo')).text);
  assert.match(f, /\$500\.00 fixed/);
  // The freelancer sees the client as the other side.
  const fr = new Client(s);
  await fr.login('freelancer@example.com');
  assert.match(mainText((await fr.get('/contracts')).text), /You work for Clara Client/);
});

test('dashboard: this week\'s hours when only older weeks were logged, and with an entry dated after this week', async () => {
  const c = new Client(s);
  await c.login('weeks@example.com', 'password-1');
  assert.match(mainText((await c.get('/contracts?q=Older+weeks')).text), /This week 0 hrs/);
  assert.match(mainText((await c.get('/contracts?q=Entry+ahead')).text), /This week 1\.5 hrs/);
  // Logging this week on the older contract brings it up at once.
  s.ctl('diary', 'add', '--contract', String(s.sql("SELECT id FROM contracts WHERE title = 'Older weeks only'")[0].id),
    '--date', '2026-11-23', '--minutes', '60');
  assert.match(mainText((await c.get('/contracts?q=Older+weeks')).text), /This week 1 hr\b/);
});

test('dashboard: status filters, paging 25 a page, clamped and malformed pages', async () => {
  const c = new Client(s);
  await c.login('client@example.com');
  const titles = (html) => [...html.matchAll(/<h2><a href="\/contracts\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
  const all1 = titles((await c.get('/contracts?status=all')).text);
  assert.equal(all1.length, 25);
  const all2 = titles((await c.get('/contracts?status=all&page=2')).text);
  assert.equal(all2.length, 34 - 25); // 3 cast + 30 paging + 1
  assert.equal(new Set([...all1, ...all2]).size, 34);
  const ended = titles((await c.get('/contracts?status=ended')).text);
  assert.equal(ended.length, 15);
  assert.ok(ended.every((t) => /Paging task/.test(t)));
  const active = (await c.get('/contracts?status=active')).text;
  assert.equal(titles(active).length, 19);
  assert.doesNotMatch(active, /class="paging"/);
  const first = (await c.get('/contracts?status=all')).text;
  assert.match(first, /rel="next" href="\/contracts\?status=all&amp;q=&amp;sort=start&amp;page=2"/);
  assert.doesNotMatch(first, /rel="prev"/);
  let r = await c.get('/contracts?status=all&page=99999');
  assert.equal(r.status, 200);
  assert.match(mainText(r.text), /There are no more contracts/);
  for (const bad of ['page=abc', 'page=0', 'page=-1', 'page=1.5', 'status=bogus', 'q=%zz', 'q=%00']) {
    r = await c.get(`/contracts?${bad}`);
    assert.equal(r.status, 400, bad);
    assert.match(r.text, /Check what you entered/);
  }
});

test('dashboard: search by title or the other side\'s name; % and _ are literal', async () => {
  const c = new Client(s);
  await c.login('client@example.com');
  const titles = (html) => [...html.matchAll(/<h2><a href="\/contracts\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
  assert.deepEqual(titles((await c.get('/contracts?q=logo')).text), ['Logo redesign']);
  assert.equal(titles((await c.get('/contracts?q=Dana&page=2')).text).length, 31 - 25);
  assert.deepEqual(titles((await c.get('/contracts?q=100%25')).text), ['100% done_site']);
  assert.deepEqual(titles((await c.get('/contracts?q=e_s')).text), ['100% done_site']);
  const r = await c.get('/contracts?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('<script>alert(1)'));
  assert.match(r.text, /&lt;script&gt;alert\(1\)/);
  assert.match(mainText(r.text), /No contracts match/);
  // The limit is 100 characters, not bytes: 100 three-byte characters pass.
  assert.equal((await c.get(`/contracts?q=${encodeURIComponent('契'.repeat(100))}`)).status, 200);
  assert.equal((await c.get(`/contracts?q=${encodeURIComponent('契'.repeat(101))}`)).status, 400);
  assert.equal((await c.get(`/contracts?q=${'a'.repeat(101)}`)).status, 400);
  const st = new Client(s);
  await st.login('stranger@example.com');
  assert.match(mainText((await st.get('/contracts')).text), /You have no contracts yet/);
});

test('contract page for its sides; 404 for strangers, unknown and malformed ids', async () => {
  const c = new Client(s);
  await c.login('client@example.com');
  let r = await c.get(`/contracts/${ids.hourly}`);
  assert.equal(r.status, 200);
  const t = mainText(r.text);
  assert.match(t, /Clara Client/);
  assert.match(t, /Felix Freelancer/);
  assert.match(t, /\$40\.00\/hr/);
  assert.match(t, /Weekly limit 10 hrs/);
  assert.match(t, /3\.5 hrs/);
  assert.match(t, /\$140\.00 for the week of Mon, Nov 23, 2026/);
  const st = new Client(s);
  await st.login('stranger@example.com');
  for (const path of [`/contracts/${ids.hourly}`, `/contracts/${ids.fixed}`, '/contracts/99999']) {
    r = await st.get(path);
    assert.equal(r.status, 404, path);
    assert.match(r.text, /Page not found/);
  }
  for (const path of ['/contracts/abc', '/contracts/0', '/contracts/01', `/contracts/${ids.hourly}/`, '/nope', '/contracts/1/nope']) {
    assert.equal((await c.get(path)).status, 404, path);
  }
});

test('agency owner and admin act for the agency contract; a plain member only if the freelancer', async () => {
  for (const email of ['owner@example.com', 'admin@example.com', 'member@example.com']) {
    const c = new Client(s);
    await c.login(email);
    const r = await c.get(`/contracts/${ids.agencyContract}`);
    assert.equal(r.status, 200, email);
    assert.match(mainText(r.text), /you are the freelancer side/);
    assert.equal((await c.get(`/contracts/${ids.hourly}`)).status, 404, email);
  }
});

test('wrong method is 405 with Allow; HEAD works', async () => {
  const c = new Client(s);
  await c.login('client@example.com');
  let r = await c.post('/contracts', {});
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, HEAD');
  assert.match(r.text, /Method not allowed/);
  r = await c.get('/logout');
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'POST');
  r = await c.request('PUT', '/contracts');
  assert.equal(r.status, 405);
  r = await c.request('HEAD', '/contracts');
  assert.equal(r.status, 200);
});

test('bodies over 64 KB are 413 from the app, far larger ones from nginx; bad forms 400', async () => {
  const c = new Client(s);
  await c.login('client@example.com');
  let r = await c.post('/logout', { pad: 'x'.repeat(70 * 1024) });
  assert.equal(r.status, 413);
  assert.match(r.text, /Too much data/);
  r = await c.post('/logout', { pad: 'x'.repeat(400 * 1024) });
  assert.equal(r.status, 413);
  assert.match(r.text, /Too much data/);
  r = await c.request('POST', '/logout', { body: `csrf=${c.csrf}&a=%zz`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 400);
  r = await c.request('POST', '/logout', { body: `csrf=${c.csrf}`, headers: { 'content-type': 'multipart/form-data; boundary=x' } });
  assert.equal(r.status, 400);
  assert.equal((await c.get('/contracts')).status, 200, 'nothing changed: still signed in');
});

test('security headers on app pages, error pages and static files', async () => {
  for (const path of ['/login', '/nope', '/static/style.css']) {
    const r = await fetch(s.base + path);
    const csp = r.headers.get('content-security-policy');
    assert.match(csp, /default-src 'none'/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.doesNotMatch(csp, /unsafe-inline/, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.ok(r.headers.get('referrer-policy'), path);
  }
  const css = await fetch(`${s.base}/static/style.css`);
  assert.match(css.headers.get('cache-control'), /max-age=3600/);
  const page = await fetch(`${s.base}/login`);
  assert.equal(page.headers.get('cache-control'), 'no-store');
});

test('templates escape what users typed', async () => {
  const c = new Client(s);
  await c.get('/login');
  const r = await c.post('/login', { email: '"><script>x()</script>', password: 'p' });
  assert.equal(r.status, 400);
  assert.ok(!r.text.includes('<script>x()'));
  assert.match(r.text, /&quot;&gt;&lt;script&gt;/);
});

test('one log line per request, without tokens', async () => {
  const log = s.log();
  assert.match(log, /^\S+Z \d+ GET \/contracts 200 [\d.]+ms uid=\d+$/m);
  for (const tok of s.sql('SELECT csrf FROM sessions').map((r) => r.csrf)) assert.ok(!log.includes(tok));
});
