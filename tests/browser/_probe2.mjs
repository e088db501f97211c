import { startStack, cast } from '../e2e/lib.mjs';
import { launch, signIn, DESKTOP } from './browser.mjs';
let ids;
const s = await startStack({ now: '2026-12-01T10:00:00Z', setup(st) { ids = cast(st);
  st.ctl('diary', 'add', '--contract', String(ids.hourly), '--date', '2026-11-30', '--minutes', '120', '--memo', 'API endpoints');
  st.ctl('payment', 'add', '--contract', String(ids.hourly), '--amount', '400.00', '--paid-at', '2026-11-02');
} });
const b = await launch();
const ctx = await b.newContext({ viewport: DESKTOP });
const page = await ctx.newPage();
await signIn(page, s.base, 'client@example.com', 'password-1');
for (const q of [
  () => page.getByRole('button', { name: 'Options for Mobile app API' }),
  () => page.getByLabel('Options for Mobile app API'),
  () => page.getByRole('group', { name: 'Options for Mobile app API' }),
]) {
  try { console.log(await q().count()); } catch (e) { console.log(e.message); }
}
console.log(await page.locator('main').innerText());
await page.goto(`${s.base}/contracts/${ids.hourly}/diary`);
console.log(await page.locator('main').innerText());
await page.goto(`${s.base}/contracts/${ids.hourly}`);
console.log(await page.locator('main').innerText());
await b.close(); await s.stop();
