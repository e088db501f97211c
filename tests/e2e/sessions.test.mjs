// Sessions beyond foundation.test.mjs (which covers a new token at each
// sign-in, HttpOnly + SameSite=Lax, server-side logout, idle and too-old
// sessions, tokens kept out of the log): the Secure flag when served over
// https, proven through a second nginx server block that terminates TLS
// with a throw-away certificate (nginx then passes HTTPS=on to the
// workers, as in production); no Secure over plain http; session
// fixation; no token in any URL, link, form action or Location.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest, Agent } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, Client, cast, mainText, TOP } from './lib.mjs';

let s, ids, tlsPort, tlsDir;

const freePort = () => new Promise((ok) => {
  const srv = createServer();
  srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => ok(port)); });
});

before(async () => {
  tlsDir = mkdtempSync(join(tmpdir(), 'contracts-tls-'));
  const key = join(tlsDir, 'key.pem');
  const crt = join(tlsDir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', crt, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  tlsPort = await freePort();
  // nginx.conf plus one server block on tlsPort that speaks TLS and passes
  // requests on exactly as the plain one does.
  const conf = readFileSync(join(TOP, 'nginx.conf'), 'utf8');
  // The headers of the plain server, as a TLS listener of it would send.
  const headers = conf.match(/^\s*add_header .*$/gm).join('\n');
  const block = `
	server {
		listen 127.0.0.1:${tlsPort} ssl;
		ssl_certificate ${crt};
		ssl_certificate_key ${key};
${headers}
		location / {
			include /etc/nginx/fastcgi_params;
			fastcgi_pass contracts;
		}
	}
}
`;
  const i = conf.lastIndexOf('}');
  writeFileSync(join(tlsDir, 'nginx.conf'), conf.slice(0, i) + block);
  s = await startStack({ setup(st) { ids = cast(st); }, env: { NGINX_CONF: join(tlsDir, 'nginx.conf') } });
});
after(async () => {
  await s.stop();
  rmSync(tlsDir, { recursive: true, force: true });
});

const agent = new Agent({ rejectUnauthorized: false, keepAlive: false });

// One request over https: { status, cookies (Set-Cookie lines), text }.
function tls(method, path, { cookie = '', body } = {}) {
  return new Promise((ok, fail) => {
    const headers = { cookie };
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = httpsRequest({ host: '127.0.0.1', port: tlsPort, method, path, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => ok({ status: res.statusCode, cookies: res.headers['set-cookie'] || [], location: res.headers.location, headers: res.headers, text }));
    });
    req.on('error', fail);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const pair = (line) => line.split(';')[0];

test('over https every cookie is Secure (sign-in, login CSRF, flash, sign-out); over http none is', async () => {
  const page = await tls('GET', '/login');
  assert.equal(page.status, 200);
  // HSTS over https only: over plain http it would mean nothing.
  assert.equal(page.headers['strict-transport-security'], 'max-age=31536000');
  assert.equal((await fetch(`${s.base}/login`)).headers.get('strict-transport-security'), null);
  const lcsrf = page.cookies.find((c) => c.startsWith('lcsrf='));
  assert.ok(lcsrf, 'the login form\'s token cookie');
  const csrf = page.text.match(/name="csrf" value="([^"]*)"/)[1];
  const login = await tls('POST', '/login', {
    cookie: pair(lcsrf), body: new URLSearchParams({ email: 'client@example.com', password: 'password-1', csrf }).toString(),
  });
  assert.equal(login.status, 303);
  const sid = login.cookies.find((c) => c.startsWith('sid='));
  assert.ok(sid, login.cookies.join('\n'));
  const all = [lcsrf, ...login.cookies];
  for (const c of all) {
    assert.match(c, /; Secure(;|$)/, c);
    assert.match(c, /; HttpOnly/, c);
    assert.match(c, /; SameSite=Lax/, c);
  }
  // Signed in over https: a page with a flash, then sign-out.
  const dash = await tls('GET', '/contracts', { cookie: pair(sid) });
  assert.equal(dash.status, 200);
  const token = dash.text.match(/name="csrf" value="([^"]*)"/)[1];
  const out = await tls('POST', '/logout', { cookie: pair(sid), body: `csrf=${token}` });
  assert.equal(out.status, 303);
  const cleared = out.cookies.find((c) => c.startsWith('sid='));
  assert.match(cleared, /^sid=;.*Secure.*Max-Age=0/);
  assert.equal((await tls('GET', '/contracts', { cookie: pair(sid) })).status, 303, 'the session is gone server-side');

  // The same app over plain http: no Secure (it would never come back).
  const c = new Client(s);
  const p = await c.get('/login');
  const r = await c.post('/login', { email: 'client@example.com', password: 'password-1' });
  for (const line of [...p.headers.getSetCookie(), ...r.headers.getSetCookie()]) assert.doesNotMatch(line, /Secure/, line);
});

test('a planted session (fixation) is replaced at sign-in and ended', async () => {
  const attacker = new Client(s);
  await attacker.login('stranger@example.com');
  const planted = attacker.cookies.get('sid');
  const victim = new Client(s);
  victim.cookies.set('sid', planted);
  // Signed in already as the stranger, /login sends the victim on; a
  // sign-in posted anyway (with the token that session's pages carry)
  // starts a new session for the client.
  assert.equal((await victim.get('/login')).status, 303);
  victim.csrf = attacker.csrf;
  const r = await victim.post('/login', { email: 'client@example.com', password: 'password-1' });
  assert.equal(r.status, 303);
  assert.notEqual(victim.cookies.get('sid'), planted);
  assert.equal((await victim.get(`/contracts/${ids.hourly}`)).status, 200);
  // The planted token never became the client's: the sign-in that
  // replaced it in that browser ended it.
  assert.equal((await attacker.get(`/contracts/${ids.hourly}`)).status, 303);
  // A well-formed but unknown token is dropped with a clearing cookie.
  const fake = new Client(s);
  fake.cookies.set('sid', 'A'.repeat(43));
  const g = await fake.get('/contracts');
  assert.equal(g.status, 303);
  assert.ok(g.headers.getSetCookie().some((l) => /^sid=;.*Max-Age=0/.test(l)));
});

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const sessionsOf = (uid) => s.sql(`SELECT id FROM sessions WHERE user_id = ${uid} ORDER BY id`).map((r) => r.id);

test('signing in again ends the session it replaces in that browser, not the others', async () => {
  const b = new Client(s);
  await b.login('freelancer@example.com');
  const elsewhere = new Client(s);
  await elsewhere.login('freelancer@example.com');
  const old = b.cookies.get('sid');
  assert.equal((await b.get(`/contracts/${ids.hourly}`)).status, 200, 'the first session works');
  const before = sessionsOf(ids.freelancer);
  assert.equal(before.length, 2);
  // The same browser signs in again (a form of that session's pages).
  const r = await b.post('/login', { email: 'freelancer@example.com', password: 'password-1' });
  assert.equal(r.status, 303);
  assert.notEqual(b.cookies.get('sid'), old);
  assert.equal((await b.get(`/contracts/${ids.hourly}`)).status, 200, 'the new session works');
  const replay = new Client(s);
  replay.cookies.set('sid', old);
  const g = await replay.get(`/contracts/${ids.hourly}`);
  assert.equal(g.status, 303, 'the old cookie is dead');
  assert.equal(g.location, `/login?next=/contracts/${ids.hourly}`);
  const after = sessionsOf(ids.freelancer);
  assert.equal(after.length, 2);
  assert.ok(!after.includes(before[0]), 'its row is gone');
  assert.equal((await elsewhere.get(`/contracts/${ids.hourly}`)).status, 200, 'another browser keeps its session');
});

test('/settings lists your sessions (browser, started, last seen), this one marked; no one else\'s', async () => {
  s.sql(`DELETE FROM sessions WHERE user_id = ${ids.owner}`);
  const ff = new Client(s, { userAgent: FIREFOX });
  await ff.login('owner@example.com');
  const ch = new Client(s, { userAgent: CHROME });
  await ch.login('owner@example.com');
  const odd = new Client(s, { userAgent: '<script>alert(1)</script> "quoted"' });
  await odd.login('owner@example.com');
  const other = new Client(s, { userAgent: FIREFOX });
  await other.login('admin@example.com');
  const r = await ff.get('/settings');
  assert.equal(r.status, 200);
  assert.match(r.text, /<a href="\/settings">Settings<\/a>/, 'the header links to it');
  const rows = [...r.text.matchAll(/<tr( class="current")?>\s*<td>([^<]*)/g)].map((m) => [m[2].trim(), !!m[1]]);
  assert.deepEqual(rows.sort(), [['A browser', false], ['Chrome on Windows', false], ['Firefox on Linux', true]]);
  const t = mainText(r.text);
  assert.match(t, /Sessions Where you are signed in\. A session ends after 12 hours without use, 7 days after sign-in, or when you sign out\./);
  assert.match(t, /Firefox on Linux this session Wed, Nov 25, 2026, 10:00 UTC Wed, Nov 25, 2026, 10:00 UTC/);
  assert.match(t, /Sign out all other sessions \(2\)/);
  // What is stored is the summary, never the header.
  assert.deepEqual(s.sql(`SELECT DISTINCT agent FROM sessions WHERE user_id = ${ids.owner} ORDER BY agent`).map((x) => x.agent),
    ['A browser', 'Chrome on Windows', 'Firefox on Linux']);
  assert.doesNotMatch(r.text, /alert|quoted/);
  // Alone, the page says so and offers no form.
  const lone = new Client(s);
  await lone.login('stranger@example.com');
  s.sql(`DELETE FROM sessions WHERE user_id = ${ids.stranger} AND id <> (SELECT max(id) FROM sessions WHERE user_id = ${ids.stranger})`);
  const l = await lone.get('/settings');
  assert.match(mainText(l.text), /This is your only session\./);
  assert.doesNotMatch(l.text, /sessions\/revoke/);
});

test('signing out the other sessions ends them all but this one; others\' sessions stay', async () => {
  s.sql(`DELETE FROM sessions WHERE user_id = ${ids.client}`);
  const mine = [new Client(s, { userAgent: FIREFOX }), new Client(s, { userAgent: CHROME }), new Client(s)];
  for (const c of mine) await c.login('client@example.com');
  const someone = new Client(s);
  await someone.login('freelancer@example.com');
  for (const c of mine) assert.equal((await c.get('/contracts')).status, 200);
  // A refused request (no token) ends nothing.
  const before = s.sql('SELECT id FROM sessions ORDER BY id');
  assert.equal((await mine[0].post('/settings/sessions/revoke', { csrf: null })).status, 403);
  assert.deepEqual(s.sql('SELECT id FROM sessions ORDER BY id'), before);
  await mine[0].get('/settings');
  const r = await mine[0].post('/settings/sessions/revoke');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/settings');
  const page = await mine[0].get('/settings');
  assert.equal(page.status, 200);
  assert.match(mainText(page.text), /Your other sessions are signed out\. This one goes on\..*This is your only session\./);
  for (const c of mine.slice(1)) assert.equal((await c.get('/contracts')).status, 303, 'signed out');
  assert.equal(sessionsOf(ids.client).length, 1);
  assert.equal((await someone.get('/contracts')).status, 200, 'another user\'s session goes on');
  assert.equal((await mine[0].get('/contracts')).status, 200);
});

test('no session or CSRF token ever appears in a URL: links, form actions, redirects, the log', async () => {
  const c = new Client(s);
  await c.login('client@example.com');
  const sid = c.cookies.get('sid');
  const [{ csrf }] = s.sql(`SELECT csrf FROM sessions WHERE user_id = ${ids.client} ORDER BY id DESC LIMIT 1`);
  assert.equal(c.csrf, csrf);
  const paths = ['/contracts', `/contracts/${ids.hourly}`, `/contracts/${ids.hourly}/end`, `/contracts/${ids.hourly}/diary`,
    `/contracts/${ids.hourly}/billing`, `/contracts/${ids.hourly}/payments`, `/contracts/${ids.hourly}/checklist`,
    `/contracts/${ids.hourly}/feedback`, '/notifications', `/users/${ids.freelancer}`, '/help/ending-a-contract', '/nope'];
  let urls = 0;
  for (const p of paths) {
    const r = await c.get(p);
    for (const m of r.text.matchAll(/(?:href|action|src)="([^"]*)"/g)) {
      urls++;
      assert.ok(!m[1].includes(sid) && !m[1].includes(csrf), `${p}: ${m[1]}`);
      assert.doesNotMatch(m[1], /[?&](csrf|sid|token)=/, `${p}: ${m[1]}`);
    }
    // The token travels only in hidden inputs of POST forms.
    for (const m of r.text.matchAll(/<form\b[^>]*>/g)) {
      if (/method="get"/i.test(m[0])) continue;
      assert.match(m[0], /method="post"/i, `${p}: ${m[0]}`);
    }
    for (const m of r.text.matchAll(/<form[^>]*method="get"[^>]*>([\s\S]*?)<\/form>/gi)) assert.doesNotMatch(m[1], /name="csrf"/, p);
  }
  assert.ok(urls > 50, `${urls} URLs checked`);
  const w = await c.post(`/contracts/${ids.hourly}/checklist/remind`);
  assert.ok(!String(w.location).includes(csrf));
  const log = s.log();
  assert.ok(!log.includes(sid) && !log.includes(csrf));
  assert.doesNotMatch(log, /csrf=|sid=|password/);
});
