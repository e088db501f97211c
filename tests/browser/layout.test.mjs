// Layouts that hold at every width from 320 to 1,440 px (issue 14), on
// the demo data made harder: a long name, a long title and big amounts.
// Measured in Chromium on every page of both sides, not only "no
// sideways scroll":
//  - no money broken inside a number: each "$1,234,567.89" in the text
//    lies on one line (its Range has one line box);
//  - no text squeezed below a readable width: any element holding more
//    than 12 characters of its own text is at least 6 em wide, or on at
//    most two lines;
//  - the dashboard's title column keeps at least 12 em.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../e2e/lib.mjs';
import { launch, signIn } from './browser.mjs';

const WIDTHS = [320, 375, 768, 1024, 1440];
let s, browser, plan;

before(async () => {
  s = await startStack({
    now: '2026-11-25T15:00:00Z',
    setup(st) {
      st.ctlRaw('seed-demo');
      st.ctl('user', 'add', '--email', 'long@example.com', '--name', 'Maximiliana Featherstonehaugh-Bartholomew', '--password', 'demo-password');
      const id = st.ctl('contract', 'add', '--title', 'Internationalisation of the customer onboarding experience', '--client', 'client@example.com',
        '--freelancer', 'long@example.com', '--hourly', '1250.00', '--weekly-limit', '40', '--started', '2026-06-01');
      st.ctl('payment', 'add', '--contract', String(id), '--amount', '1234567.89', '--paid-at', '2026-11-02');
      st.ctl('payment', 'add', '--contract', String(id), '--amount', '98765.43', '--paid-at', '2026-10-05');
      st.ctl('diary', 'add', '--contract', String(id), '--date', '2026-11-24', '--minutes', '600', '--memo', 'Localisation review with the regional teams and the translators');
      st.ctl('diary', 'add', '--contract', String(id), '--date', '2026-11-17', '--minutes', '900', '--memo', 'Workshops');
    },
  });
  const id = (t) => s.sql(`SELECT id FROM contracts WHERE title = '${t}'`)[0].id;
  const long = id('Internationalisation of the customer onboarding experience');
  const pages = (c) => [`/contracts/${c}`, `/contracts/${c}/end`, `/contracts/${c}/diary`, `/contracts/${c}/billing`, `/contracts/${c}/payments`];
  plan = [
    ...['/contracts', '/contracts?status=ended', '/notifications', ...pages(long), ...pages(id('Marketing site')), ...pages(id('Logo redesign'))]
      .map((p) => ['client@example.com', p]),
    ...['/contracts', ...pages(long)].map((p) => ['long@example.com', p]),
    ...['/contracts', '/notifications', `/contracts/${id('Marketing site')}/feedback`].map((p) => ['freelancer@example.com', p]),
  ];
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await s?.stop();
});

// What is wrong with the page in view: a list of lines, [] when it holds.
function measure() {
  const out = [];
  const vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw) out.push(`${document.documentElement.scrollWidth}px wide`);
  const money = /\$\d{1,3}(,\d{3})*\.\d\d/g;
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (const m of n.data.matchAll(money)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const tops = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
      if (tops.size > 1) out.push(`${m[0]} broken over ${tops.size} lines`);
    }
  }
  const em = parseFloat(getComputedStyle(document.body).fontSize);
  for (const el of document.querySelectorAll('main p, main h1, main h2, main h3, main dd, main dt, main td, main li, main label, main a')) {
    const own = [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.data).join('').trim();
    // Squeezed: narrower than 6 em and wrapped onto more than two lines
    // (a visually hidden label, 1 px wide, is not on screen at all).
    const box = el.getBoundingClientRect();
    const line = parseFloat(getComputedStyle(el).lineHeight) || 1.5 * em;
    if (own.length > 12 && box.width > 2 && box.width < 6 * em && box.height > 2.5 * line) {
      out.push(`"${own.slice(0, 30)}" squeezed to ${Math.round(box.width)}px`);
    }
  }
  for (const el of document.querySelectorAll('.c-main')) {
    if (el.getBoundingClientRect().width < Math.min(12 * em, vw - 4 * em)) out.push(`dashboard title column ${Math.round(el.getBoundingClientRect().width)}px`);
  }
  return out;
}

test('every page holds from 320 to 1,440 px: no sideways scroll, no money broken, no text squeezed', async () => {
  const problems = [];
  let n = 0;
  for (const width of WIDTHS) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    let who;
    for (const [email, path] of plan) {
      if (email !== who) {
        await ctx.clearCookies();
        await signIn(page, s.base, email, 'demo-password');
        who = email;
      }
      await page.goto(s.base + path);
      for (const p of await page.evaluate(measure)) problems.push(`${width}px ${email} ${path}: ${p}`);
      n++;
    }
    await ctx.close();
  }
  assert.deepEqual(problems, []);
  console.log(`layout: ${n} page views at ${WIDTHS.join(', ')} px`);
});
