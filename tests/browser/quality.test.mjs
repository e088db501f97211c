// Every page, as each side, in its empty and full states and as error
// pages: valid HTML (the Nu checker, 0 errors), accessible (axe: no
// serious or critical WCAG 2.1 A/AA violation) and no sideways scrolling
// at 375 px.  The pages come from the demo data with the clock pinned.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { startStack, Client, TOP } from '../e2e/lib.mjs';
import { launch, signIn, PHONE } from './browser.mjs';

const VNU = join(TOP, 'tests/node_modules/vnu-jar/build/dist/vnu.jar');
let s, browser, plan;

// [who, path] for every page worth checking.
function pagesFor(st) {
  const id = (t) => st.sql(`SELECT id FROM contracts WHERE title = '${t}'`)[0].id;
  const uid = (e) => st.sql(`SELECT id FROM users WHERE email = '${e}'`)[0].id;
  const hourly = id('Mobile app API');
  const fixed = id('Logo redesign');
  const ended = id('Data migration');
  const both = id('Marketing site');
  const agency = id('Support retainer');
  const contractPages = (c) => [`/contracts/${c}`, `/contracts/${c}/end`, `/contracts/${c}/diary`,
    `/contracts/${c}/billing`, `/contracts/${c}/payments`, `/contracts/${c}/checklist`, `/contracts/${c}/feedback`,
    `/contracts/${c}/messages`];
  return [
    [null, '/login'],
    [null, '/help/ending-a-contract'],
    [null, '/nope'],
    ['client@example.com', '/contracts'],
    ['client@example.com', '/contracts?status=ended&page=2'],
    ['client@example.com', '/contracts?q=no-such-contract'],
    ['client@example.com', '/contracts?page=abc'],
    ['client@example.com', '/contracts/999999'],
    ['client@example.com', '/notifications'],
    ['client@example.com', `/users/${uid('freelancer@example.com')}`],
    ['client@example.com', '/help/ending-a-contract'],
    ['client@example.com', '/settings'],
    ['freelancer@example.com', '/settings'],
    ...[hourly, fixed, ended, agency].flatMap(contractPages).map((p) => ['client@example.com', p]),
    ['freelancer@example.com', '/contracts'],
    ['freelancer@example.com', '/notifications'],
    ['freelancer@example.com', `/users/${uid('bruno@example.com')}`],
    ...[hourly, fixed, ended, both].flatMap(contractPages).map((p) => ['freelancer@example.com', p]),
    ['bruno@example.com', `/contracts/${both}`],
    ['bruno@example.com', `/contracts/${both}/feedback`],
    ['owner@example.com', `/contracts/${agency}`],
    ['owner@example.com', `/contracts/${agency}/diary`],
    ['owner@example.com', `/contracts/${agency}/messages`],
    ['stranger@example.com', '/contracts'],
    ['stranger@example.com', '/notifications'],
    ['stranger@example.com', `/contracts/${hourly}`],
  ];
}

before(async () => {
  s = await startStack({ now: '2026-11-25T15:00:00Z', setup(st) { st.ctlRaw('seed-demo'); } });
  plan = pagesFor(s);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await s?.stop();
});

test('every page is valid HTML (Nu checker: 0 errors)', async () => {
  const dir = join(TOP, 'tests/artifacts/html');
  mkdirSync(dir, { recursive: true });
  const clients = new Map();
  const files = [];
  for (const [who, path] of plan) {
    let c = clients.get(who);
    if (!c) {
      c = new Client(s);
      if (who) await c.login(who, 'demo-password');
      clients.set(who, c);
    }
    const r = await c.get(path);
    assert.ok(r.status !== 500 && r.status !== 502, `${who} ${path}: ${r.status}`);
    const file = join(dir, `${String(files.length).padStart(3, '0')}-${(who || 'anon').split('@')[0]}${path.replace(/[^a-z0-9]+/gi, '_')}.html`);
    writeFileSync(file, r.text);
    files.push(file);
  }
  // Pages a POST answers with: forms that came back with mistakes and
  // the confirmations before money actions.
  const one = (q) => s.sql(q)[0]?.id;
  const hourly = one("SELECT id FROM contracts WHERE title = 'Mobile app API'");
  const posts = [
    ['client@example.com', `/contracts/${hourly}/end`, { reason: 'other', reason_other: ' ' }, 400],
    ['freelancer@example.com', `/contracts/${hourly}/diary`, { date: '2026-11-25', minutes: '1441', memo: 'x' }, 400],
    ['freelancer@example.com', `/contracts/${hourly}/refunds`, { payment: String(one(`SELECT id FROM payments WHERE contract_id = ${hourly}`)), amount: '99999.00' }, 400],
    ['freelancer@example.com', `/contracts/${hourly}/refunds`, { payment: String(one(`SELECT id FROM payments WHERE contract_id = ${hourly}`)), amount: '1.00' }, 200],
    ['freelancer@example.com', `/disputes/${one("SELECT id FROM disputes WHERE status = 'open'")}`, { decision: 'accept' }, 200],
    ['freelancer@example.com', `/contracts/${one("SELECT contract_id AS id FROM escrow_requests WHERE decision = 0")}/escrow`, { decision: 'decline' }, 200],
  ];
  for (const [who, path, fields, status] of posts) {
    const c = clients.get(who);
    const r = await c.post(path, fields);
    assert.equal(r.status, status, `${who} POST ${path}`);
    const file = join(dir, `${String(files.length).padStart(3, '0')}-post-${who.split('@')[0]}${path.replace(/[^a-z0-9]+/gi, '_')}.html`);
    writeFileSync(file, r.text);
    files.push(file);
  }
  // vnu writes its JSON report to stderr.
  const run = spawnSync('java', ['-jar', VNU, '--format', 'json', '--exit-zero-always', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const report = JSON.parse(run.stderr);
  const errors = report.messages.filter((m) => m.type === 'error');
  assert.deepEqual(errors.map((m) => `${m.url.split('/').pop()}:${m.lastLine}: ${m.message}`), [], `${files.length} pages checked`);
  console.log(`vnu: ${files.length} pages, ${errors.length} errors`);
});

test('every page: axe finds no serious or critical WCAG 2.1 A/AA violation; no sideways scroll at 375 px', async () => {
  const ctx = await browser.newContext({ viewport: PHONE });
  const page = await ctx.newPage();
  let who;
  const problems = [];
  for (const [email, path] of plan) {
    if (email !== who) {
      await ctx.clearCookies();
      if (email) await signIn(page, s.base, email, 'demo-password');
      who = email;
    }
    await page.goto(s.base + path);
    const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const v of res.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
      problems.push(`${email} ${path}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > PHONE.width) problems.push(`${email} ${path}: ${wide}px wide at 375px`);
  }
  await ctx.close();
  assert.deepEqual(problems, []);
  console.log(`axe: ${plan.length} pages, 0 serious/critical violations`);
});
