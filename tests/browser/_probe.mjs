import { startStack, cast } from '/work/main/tests/e2e/lib.mjs';
import { launch, signIn, DESKTOP, PHONE } from '/work/main/tests/browser/browser.mjs';
let t0 = Date.now();
let ids;
const s = await startStack({ now: '2026-12-01T10:00:00Z', setup(st) { ids = cast(st);
  st.sql(`UPDATE contracts SET status='ended', ended_at=strftime('%s','2026-11-30 09:00:00'), ended_by=client_id, end_reason='The work is done' WHERE id=${ids.fixed}`);
} });
console.log('stack', Date.now() - t0); t0 = Date.now();
const b = await launch();
console.log('launch', Date.now() - t0); t0 = Date.now();
const ctx = await b.newContext({ viewport: DESKTOP });
const page = await ctx.newPage();
await signIn(page, s.base, 'client@example.com', 'password-1');
console.log('signin', Date.now() - t0); t0 = Date.now();
await page.goto(`${s.base}/contracts/${ids.fixed}/feedback`);
const g = page.getByRole('group', { name: /^Skills/ });
console.log(await g.count(), await g.getByRole('radio').count());
try { await g.getByRole('radio', { name: '4 stars' }).check({timeout: 2000}); console.log('check ok', await g.getByRole('radio', { name: '4 stars' }).isChecked()); } catch (e) { console.log('check fail', e.message.slice(0, 400)); }
try { await page.getByRole('group', { name: /^Quality/ }).getByText('3 stars').click({timeout: 2000}); console.log('label ok', await page.getByRole('group', { name: /^Quality/ }).getByRole('radio', { name: '3 stars' }).isChecked()); } catch (e) { console.log('label fail', e.message.slice(0, 400)); }
console.log(await page.locator('main').innerText());
await b.close(); await s.stop();
