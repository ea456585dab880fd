'use strict';
// The interface in another language, chosen with the switcher at the foot
// of the page: Polish, then Arabic, right to left, with the layout
// mirrored; axe-core on each page; a screenshot of each for people to see
// (EMPTYCHAIR_SHOTS, default $TMPDIR/shots). Then back to English.

const assert = require('node:assert/strict');
const path = require('node:path');
const { test, before, after } = require('node:test');
const h = require('./helpers');

let server, browser;
before(async () => {
  server = await h.startServer();
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('the switcher: Polish, then Arabic right to left, then English', { timeout: h.TEST_TIMEOUT }, async () => {
  const context = await h.newContext(browser);
  const page = await context.newPage();
  await page.goto(server.url('/sign-in'));
  await h.checkA11y(page, 'sign-in page in English');

  // Each language is named in itself, in its own language.
  const polski = page.getByRole('link', { name: 'Polski' });
  assert.equal(await polski.getAttribute('lang'), 'pl');
  await h.navigates(page, () => polski.click());
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'back on the same page');
  assert.equal(await page.locator('html').getAttribute('lang'), 'pl');
  await page.getByRole('heading', { level: 1, name: 'Zaloguj się' }).waitFor();
  await page.getByLabel('Adres e-mail').waitFor();
  await h.checkA11y(page, 'sign-in page in Polish');
  await page.screenshot({ path: path.join(h.shotsDir(), 'sign-in-pl.png'), fullPage: true });

  await h.navigates(page, () => page.getByRole('link', { name: 'العربية' }).click());
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await page.getByRole('heading', { level: 1, name: 'تسجيل الدخول' }).waitFor();
  await h.checkA11y(page, 'sign-in page in Arabic');
  // Mirrored: the heading's words sit against the right edge of the
  // page's column, not the left.
  const m = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('h1'));
    const words = range.getBoundingClientRect();
    const main = document.querySelector('main').getBoundingClientRect();
    return { left: words.left, right: words.right, mainLeft: main.left, mainRight: main.right };
  });
  assert.ok(m.right > m.mainRight - 2, `the heading ends at the right (${m.right} of ${m.mainRight})`);
  assert.ok(m.left > m.mainLeft + 10, `and does not start at the left (${m.left})`);
  await page.screenshot({ path: path.join(h.shotsDir(), 'sign-in-ar.png'), fullPage: true });

  await h.navigates(page, () => page.getByRole('link', { name: 'English' }).click());
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await context.close();
});
