'use strict';
// Error states and the remaining public pages, each checked by axe: pages
// not found, a forbidden page, an invitation link that does not work, a
// wrong password, and a profile answer that is too long. First, a check
// that the axe set-up really finds problems, so a silent axe cannot make
// every other test pass.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const AMIRA = { email: 'amira@demo.emptychair.org', password: 'kettle river orange lamp' };
const GUEST = { email: 'mark.davies@demo.emptychair.org', password: 'kettle river orange lamp' };

let server, browser;
before(async () => {
  server = await h.startServer();
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('axe is really running: an unlabelled field is reported', { timeout: h.TEST_TIMEOUT }, async () => {
  const context = await h.newContext(browser);
  const page = await context.newPage();
  await page.goto(server.url('/about'));
  await h.checkA11y(page, 'about page');
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'text';
    document.querySelector('main').append(input);
  });
  await assert.rejects(h.checkA11y(page, 'about page with a broken field'), /violation.*\n.*\blabel\b/);
  await context.close();
});

test('signed out: not found, a dead invitation link, a wrong password, password reset pages', { timeout: h.TEST_TIMEOUT }, async () => {
  const context = await h.newContext(browser);
  const page = await context.newPage();
  const pages = h.trackPages(page);

  let r = await page.goto(server.url('/no-such-page'));
  assert.equal(r.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await h.checkA11y(page, '404 page (signed out)');

  r = await page.goto(server.url('/accept-invitation?t=not-a-real-token'));
  assert.equal(r.status(), 404);
  await h.checkA11y(page, 'invitation link that does not work');

  await page.goto(server.url('/sign-in'));
  await h.checkA11y(page, 'sign-in page');
  await page.getByLabel('E-mail address').fill(AMIRA.email);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await h.navigates(page, () => page.getByRole('button', { name: 'Sign in' }).click());
  assert.match(await page.title(), /^Error: /);
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.equal(await page.getByLabel('E-mail address').inputValue(), AMIRA.email, 'the address is kept');
  await h.checkA11y(page, 'sign-in page with a wrong password');

  await h.navigates(page, () => page.getByRole('link', { name: 'I have forgotten my password' }).click());
  await h.checkA11y(page, 'forgot password');
  await page.getByLabel('E-mail address').fill(AMIRA.email);
  await h.navigates(page, () => page.getByRole('button', { name: 'Send the link' }).click());
  await page.getByRole('heading', { name: 'A reset link is ready' }).waitFor();
  // Mail is not sent yet: the page must say so rather than promise an e-mail.
  assert.match(await page.getByRole('main').innerText(), /does not send e-mail\. Ask a steward of your panel/);
  await h.checkA11y(page, 'reset link is ready');

  // A dead reset link says so at once, before anyone types a new password.
  r = await h.navigates(page, () => page.goto(server.url('/reset-password?t=not-a-real-token')));
  assert.equal(r.status(), 404, `a dead reset link answers ${r.status()}`);
  assert.equal(await page.getByRole('heading', { name: 'This link no longer works' }).count(), 1);
  assert.match(await page.getByRole('main').innerText(), /expired or has already been used/);
  assert.equal(await page.getByLabel('New password').count(), 0, 'no password form for a dead link');
  await h.checkA11y(page, 'reset with a link that does not work');

  await page.goto(server.url('/about'));
  await h.checkA11y(page, 'about page');
  pages.assertAllChecked();
  h.assertNoProblems(context);
  await context.close();
});

test('signed in: forbidden, not found, and a profile answer that is too long', { timeout: h.TEST_TIMEOUT }, async () => {
  const context = await h.newContext(browser);
  const page = await context.newPage();
  const pages = h.trackPages(page);
  await h.signIn(page, server, AMIRA);
  await h.checkA11y(page, 'my panels');

  let r = await page.goto(server.url('/panels/1/edit'));
  assert.equal(r.status(), 403);
  await page.getByRole('heading', { level: 1, name: 'You cannot do that here' }).waitFor();
  await h.checkA11y(page, '403 page');

  r = await page.goto(server.url('/panels/999'));
  assert.equal(r.status(), 404);
  await h.checkA11y(page, '404 page (no such panel)');
  r = await page.goto(server.url('/no/such/page'));
  assert.equal(r.status(), 404);
  await h.checkA11y(page, '404 page (signed in)');

  await page.goto(server.url('/profile'));
  await h.checkA11y(page, 'profile page');
  await page.getByLabel('Pronouns', { exact: true }).fill('x'.repeat(60));
  await h.navigates(page, () => page.getByRole('button', { name: 'Save my profile' }).click());
  assert.match(await page.title(), /^Error: /);
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#pronouns');
  const field = page.getByLabel('Pronouns', { exact: true });
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.match(await field.getAttribute('aria-describedby'), /pronouns-error/);
  assert.equal(await field.inputValue(), 'x'.repeat(60), 'what was typed is kept');
  await h.checkA11y(page, 'profile page with an answer that is too long');
  pages.assertAllChecked();
  h.assertNoProblems(context);
  await context.close();
});

test('a guest: a panel they are not on is not found', { timeout: h.TEST_TIMEOUT }, async () => {
  const context = await h.newContext(browser);
  const page = await context.newPage();
  const pages = h.trackPages(page);
  await h.signIn(page, server, GUEST);
  await h.checkA11y(page, 'my panels (guest)');
  const r = await page.goto(server.url('/panels/1'));
  assert.equal(r.status(), 404);
  await h.checkA11y(page, 'a panel the guest is not on');
  await page.goto(server.url('/panels/2'));
  await h.checkA11y(page, 'panel page (guest)');
  pages.assertAllChecked();
  h.assertNoProblems(context);
  await context.close();
});
