// The HTTPS example (dist/nginx/contracts-tls) started with a self-signed
// certificate beside the stack's plain listener: HTTP/2 and TLS 1.2+
// only, HSTS, and the session cookie marked Secure there (and not over
// plain HTTP, the positive control).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOP, freePort, startStack } from './lib.mjs';

test('the TLS example serves HTTP/2 with HSTS and a Secure session cookie', { timeout: 30_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const tlsPort = await freePort();
  const block = readFileSync(join(TOP, 'dist/nginx/contracts-tls'), 'utf8')
    .replaceAll('@TLS_LISTEN@', `127.0.0.1:${tlsPort}`).replaceAll('@ROOT@', TOP)
    .replaceAll('@CERT@', cert).replaceAll('@KEY@', key).replaceAll('@SNIPPETS@', join(TOP, 'dist/nginx'));
  // The stack's nginx.conf, with the zone the snippets use and the block.
  const conf = readFileSync(join(TOP, 'nginx.conf'), 'utf8').replace(/\}\s*$/,
    'limit_req_zone $login_limit_key zone=contracts_login:1m rate=@LOGIN_RATE@;\n' + block + '\n}\n');
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const s = await startStack({ setup: (st) => st.ctl('user', 'add', '--email', 'a@example.com', '--name', 'A', '--password', 'password-1'),
    env: { TICK_EVERY: '0', NGINX_CONF: join(dir, 'nginx.conf') } });
  const curl = (url, ...args) => spawnSync('curl', ['-sk', '-o', '/dev/null', '-D', '-', ...args, url], { encoding: 'utf8' });
  try {
    const tls = `https://127.0.0.1:${tlsPort}`;
    const h2 = curl(`${tls}/login`, '--http2');
    assert.equal(h2.status, 0, h2.stderr);
    assert.match(h2.stdout, /^HTTP\/2 200/);
    assert.match(h2.stdout, /^strict-transport-security: max-age=31536000/mi);
    assert.match(h2.stdout, /^content-security-policy:/mi, 'the app\'s headers too');
    // Old protocols are refused.
    assert.notEqual(curl(`${tls}/login`, '--tlsv1.1', '--tls-max', '1.1').status, 0);

    // A sign-in over HTTPS gets a Secure cookie; over plain HTTP not.
    const signIn = (base) => {
      const jar = join(dir, `jar-${base.startsWith('https') ? 's' : 'p'}`);
      const page = spawnSync('curl', ['-sk', '-c', jar, `${base}/login`], { encoding: 'utf8' }).stdout;
      const csrf = page.match(/name="csrf" value="([^"]*)"/)[1];
      return curl(`${base}/login`, '-b', jar, '--data-urlencode', `csrf=${csrf}`,
        '--data-urlencode', 'email=a@example.com', '--data-urlencode', 'password=password-1').stdout;
    };
    const secure = signIn(tls);
    assert.match(secure, /^HTTP\/2 303/m);
    const cookies = (h) => h.split(/\r?\n/).filter((l) => /^set-cookie:/i.test(l));
    assert.ok(cookies(secure).length > 0);
    for (const c of cookies(secure)) assert.match(c, /; Secure/, c);
    const plain = signIn(s.base);
    assert.match(plain, /^HTTP\/1\.1 303/m);
    assert.ok(cookies(plain).length > 0);
    for (const c of cookies(plain)) assert.doesNotMatch(c, /; Secure/, c);
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
