'use strict';
// Journey 4: a phone-sized screen (375 x 667 CSS pixels, touch). Many
// co-creators use only a phone: every page here must pass axe and must
// never scroll sideways.

const assert = require('node:assert/strict');
const path = require('node:path');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const PHONE = { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const AMIRA = { email: 'amira@demo.emptychair.org', password: 'kettle river orange lamp' };

let server, browser;
before(async () => {
  server = await h.startServer();
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

function noSidewaysScroll(page, label) {
  return h.assertNoSidewaysScroll(page, label, 375);
}

// On a phone a table's header row is moved off screen and each row becomes
// a block, so every cell after the first must say what it is: style.css
// shows its data-label attribute before it.
async function cellsSayWhatTheyAre(page, label) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('table')]
    .filter((t) => { const th = t.tHead; return th && th.getBoundingClientRect().right <= 0; })
    .flatMap((t) => [...t.querySelectorAll('tbody td:not(:first-child)')])
    .filter((td) => !/^".+"/.test(getComputedStyle(td, '::before').content))
    .slice(0, 3).map((td) => td.outerHTML.slice(0, 120)));
  assert.deepEqual(unlabelled, [], `${label}: table cells with no label on a phone (give each <td> a data-label)`);
}

async function visit(page, p, label) {
  const r = await page.goto(server.url(p));
  await h.checkA11y(page, `${label} (phone)`);
  await noSidewaysScroll(page, label);
  await cellsSayWhatTheyAre(page, label);
  return r;
}

test('phone: the pages a co-creator uses fit a 375px screen and pass axe', { timeout: h.TEST_TIMEOUT }, async () => {
  const context = await h.newContext(browser, PHONE);
  const page = await context.newPage();
  const pages = h.trackPages(page);
  await h.signIn(page, server, AMIRA);
  await noSidewaysScroll(page, 'sign-in page');
  await h.checkA11y(page, 'my panels (phone)');
  await noSidewaysScroll(page, 'my panels');

  await visit(page, '/panels/1', 'panel page');
  await page.screenshot({ path: path.join(h.shotsDir(), 'panel-phone.png'), fullPage: true });
  await visit(page, '/profile', 'profile page');
  await page.screenshot({ path: path.join(h.shotsDir(), 'profile-phone.png') });
  // The visibility selects and the long consent text fit too.
  const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('select, input, textarea, .consent')]
    .map((e) => e.getBoundingClientRect().right)));
  assert.ok(widest <= 375, `a form control reaches ${widest}px`);
  await visit(page, '/panels/1/members', 'who is on the panel');
  await visit(page, '/my-data', 'my data');
  await visit(page, '/account', 'account');
  pages.assertAllChecked();
  h.assertNoProblems(context);
  await context.close();
});

test('phone: the pages a steward uses fit a 375px screen and pass axe', { timeout: h.TEST_TIMEOUT }, async () => {
  const context = await h.newContext(browser, PHONE);
  const page = await context.newPage();
  const pages = h.trackPages(page);
  await h.signIn(page, server, h.STEWARD);
  await h.checkA11y(page, 'my panels (phone, steward)');
  await visit(page, '/panels/1', 'panel page (steward)');
  await visit(page, '/panels/1/members', 'members and invitations');
  const role = page.locator('td[data-label="Role"]').first();
  assert.match(await role.evaluate((td) => getComputedStyle(td, '::before').content), /Role: /);
  const href = await page.getByRole('link', { name: 'Amira Haddad' }).getAttribute('href');
  await visit(page, href, "a member's page");
  await visit(page, '/panels/1/edit', 'edit the panel');
  const r = await visit(page, '/panels/1/no-such-page', 'page not found');
  assert.equal(r.status(), 404);
  pages.assertAllChecked();
  h.assertNoProblems(context);
  await context.close();
});
