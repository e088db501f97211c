// Helpers for the browser flows (flows.test.mjs, money.test.mjs): wait for
// the page a click or key press leads to, read what the user sees, prove
// that no page scrolls sideways at 375 px, and write screenshots of the
// pages met on the way at both widths into tests/artifacts/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TOP } from '../e2e/lib.mjs';
import { DESKTOP, PHONE } from './browser.mjs';

export const ARTIFACTS = join(TOP, 'tests/artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
export const shots = [];

export const T = (s) => Date.parse(s) / 1000;

// The width at which the pages must not scroll sideways, and the pages
// checked at it so far (for the report).
export const checked = new Set();

// The elements that stick out to the right: to say what is too wide.
async function overflow(page) {
  return page.evaluate(() => {
    const de = document.documentElement;
    if (de.scrollWidth <= de.clientWidth) return null;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > de.clientWidth + 0.5 && r.width > 0) {
        wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} right=${Math.round(r.right)}`);
      }
      if (wide.length >= 5) break;
    }
    return { scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, wide };
  });
}

// At phone width, the page (as it stands: menus open or not) must not
// scroll sideways.  At wider viewports it does nothing.
export async function noSideways(page, what = '') {
  const vp = page.viewportSize();
  if (!vp || vp.width > PHONE.width) return;
  const o = await overflow(page);
  const path = new URL(page.url()).pathname;
  checked.add(path.replace(/\/\d+/g, '/{id}'));
  assert.equal(o, null, `${path} ${what} scrolls sideways at ${vp.width}px: ${JSON.stringify(o)}`);
}

// Do something that loads a page (a click, Enter) and wait for that page;
// then check the phone width.  Returns the main frame's response status.
export async function follow(page, action) {
  const [resp] = await Promise.all([page.waitForNavigation(), action()]);
  await noSideways(page);
  return resp ? resp.status() : 0;
}

// Click a link or button and wait for the page it leads to.
export const click = (page, locator) => follow(page, () => locator.click());

// What <main> shows, spaces squeezed.
export async function seen(page) {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ').trim();
}

// The one-time message after a form was sent.
export async function flash(page) {
  const f = page.locator('main > p.flash');
  return (await f.count()) ? (await f.innerText()).trim() : '';
}

// The unread count in the header's "Notifications" link (0 when absent).
export async function unread(page) {
  const name = await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Notifications/ }).innerText();
  const m = name.match(/(\d+)/);
  return m ? Number(m[1]) : 0;
}

// Screenshots of the page as it stands at desktop and at phone width
// (full page), checking the phone one does not scroll sideways; the
// viewport is put back as it was.
export async function snap(page, name) {
  const was = page.viewportSize();
  for (const [vpName, vp] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(vp);
    if (vp === PHONE) await noSideways(page, `(screenshot ${name})`);
    const file = join(ARTIFACTS, `flow-${name}-${vpName}.png`);
    await page.screenshot({ path: file, fullPage: true });
    shots.push(file);
  }
  await page.setViewportSize(was);
}

// The item of a list (li) that contains text: to scope a button or link.
export const item = (scope, text) => scope.getByRole('listitem').filter({ hasText: text });

// The element with keyboard focus: its id, name, type, value, checked.
export function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    return e ? {
      tag: e.tagName.toLowerCase(), id: e.id, name: e.name ?? '', type: e.type ?? '', value: e.value ?? '',
      checked: !!e.checked, text: (e.innerText || '').trim(), label: e.getAttribute('aria-label') ?? '',
      href: e.getAttribute('href') ?? '',
    } : null;
  });
}

// Press Tab until the focused element matches want(f), at most n times;
// fails saying where the focus went.
export async function tabTo(page, want, n = 60, key = 'Tab') {
  const path = [];
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (f && want(f)) return f;
    path.push(f ? `${f.tag}#${f.id}[${f.name || f.text.slice(0, 20)}]` : 'none');
  }
  assert.fail(`focus never reached the element; went through: ${path.join(' → ')}`);
}
