// Screenshots of the main pages with the demo data, at desktop and phone
// width, into tests/artifacts/ (and tests/screenshots/ with --readme).
//   node tests/browser/shoot.mjs [--readme]
import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, TOP } from '../e2e/lib.mjs';
import { launch, signIn, DESKTOP, PHONE } from './browser.mjs';

const out = join(TOP, 'tests/artifacts');
const readme = join(TOP, 'tests/screenshots');
mkdirSync(out, { recursive: true });
const stack = await startStack({ now: '2026-11-25T15:00:00Z', setup(st) { st.ctlRaw('seed-demo'); } });
const browser = await launch();
const shots = [];
try {
  const id = (title) => stack.sql(`SELECT id FROM contracts WHERE title = '${title}'`)[0].id;
  const pages = [
    ['login', '/login', null],
    ['dashboard', '/contracts', 'client@example.com'],
    ['contract', `/contracts/${id('Mobile app API')}`, 'client@example.com'],
    ['end', `/contracts/${id('Mobile app API')}/end`, 'client@example.com'],
    ['diary', `/contracts/${id('Mobile app API')}/diary`, 'freelancer@example.com'],
    ['billing', `/contracts/${id('Mobile app API')}/billing`, 'client@example.com'],
    ['payments', `/contracts/${id('Mobile app API')}/payments`, 'freelancer@example.com'],
    ['checklist', `/contracts/${id('Data migration')}/checklist`, 'client@example.com'],
    ['feedback', `/contracts/${id('Data migration')}/feedback`, 'client@example.com'],
    ['help', '/help/ending-a-contract', 'client@example.com'],
  ];
  for (const [vpName, vp] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const ctx = await browser.newContext({ viewport: vp });
    const page = await ctx.newPage();
    let who = null;
    for (const [name, path, email] of pages) {
      if (email !== who) {
        await ctx.clearCookies();
        if (email) await signIn(page, stack.base, email, 'demo-password');
        who = email;
      }
      await page.goto(stack.base + path);
      const file = join(out, `${name}-${vpName}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots.push(file);
    }
    await ctx.close();
  }
  if (process.argv.includes('--readme')) {
    mkdirSync(readme, { recursive: true });
    for (const f of ['dashboard-desktop', 'end-desktop', 'contract-phone', 'feedback-desktop', 'payments-phone']) {
      copyFileSync(join(out, `${f}.png`), join(readme, `${f}.png`));
    }
  }
  console.log(`${shots.length} screenshots in ${out}`);
} finally {
  await browser.close();
  await stack.stop();
}
