// Debian's Chromium driven by playwright-core: never a downloaded browser.
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

// The two sides of the flows, each in its own browser context: Clara at
// desktop width and Felix on a phone, both signed in; [clara, felix].
export async function twoSides(browser, base, password = 'password-1') {
  const clara = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  const felix = await (await browser.newContext({ viewport: PHONE })).newPage();
  for (const pg of [clara, felix]) { pg.setDefaultTimeout(10000); pg.setDefaultNavigationTimeout(15000); }
  await signIn(clara, base, 'client@example.com', password);
  await signIn(felix, base, 'freelancer@example.com', password);
  return [clara, felix];
}

// Sign in through the form, as a person would.
export async function signIn(page, base, email, password) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/contracts/);
}
