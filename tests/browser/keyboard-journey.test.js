'use strict';
// Journey 2: the same journey with the keyboard only. No mouse and no
// locator clicks or fills: Tab and Shift+Tab move, Space and Enter act,
// arrow keys move within radios and selects, and typing goes to whatever
// has focus. page.goto stands for typing an address (the invitation link
// arrives by e-mail). Focus must be visible on every control used, the
// skip link must be the first Tab stop and take focus to <main>, and axe
// checks every page loaded on the way.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const NEWCOMER = {
  email: 'kai.keys@example.org',
  name: 'Kai Ferreira',
  password: 'green lantern cobble nine',
  pronouns: 'they/them',                           // hidden: "Only me"
  accessNotes: 'Large print agenda please; I use a screen magnifier.',
};

let server, browser;
before(async () => {
  server = await h.startServer();
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return { tag: e.tagName.toLowerCase(), id: e.id, type: e.type || '', value: e.value ?? '',
    checked: !!e.checked, href: e.getAttribute('href') || '', text: (e.textContent || '').trim() };
});
const path = (page) => new URL(page.url()).pathname;

// Tab to a control, check that its focus can be seen, and say what it is.
async function tabToVisible(page, selector, what, opts) {
  await h.tabTo(page, selector, opts);
  await h.assertFocusVisible(page, what);
  return focused(page);
}

// The skip link is the first Tab stop, shows its focus, and Enter moves
// focus into <main>; the next Tab goes to the first control in <main>.
async function skipToMain(page) {
  await page.keyboard.press('Tab');
  const first = await focused(page);
  assert.equal(first.href, '#main', `the first Tab stop is the skip link, not ${JSON.stringify(first)}`);
  assert.equal(first.text, 'Skip to main content');
  await h.assertFocusVisible(page, 'the skip link');
  const box = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  });
  assert.ok(box.x >= 0 && box.y >= 0 && box.w > 0 && box.h > 0, 'the focused skip link is on screen');
  await page.keyboard.press('Enter');
  const now = await focused(page);
  assert.equal(now.tag, 'main', 'Enter on the skip link moves focus to main');
}

async function pressAndLoad(page, key) {
  await h.navigates(page, () => page.keyboard.press(key));
}

test('keyboard journey: invite, join, fill in the profile, hide a field, with the keyboard only', { timeout: h.TEST_TIMEOUT }, async (t) => {
  const context = await h.newContext(browser);
  const page = await context.newPage();
  const pages = h.trackPages(page);
  const step = h.steps(t);
  let link;

  await step('the steward signs in and invites a co-creator with the keyboard', async () => {
    await page.goto(server.url('/sign-in'));
    await h.checkA11y(page, 'sign-in page');
    await skipToMain(page);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'email', 'after the skip link, Tab goes to the first field');
    await h.assertFocusVisible(page, 'the e-mail field');
    await page.keyboard.type(h.STEWARD.email);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'password');
    await h.assertFocusVisible(page, 'the password field');
    await page.keyboard.type(h.STEWARD.password);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, 'Sign in');
    await h.assertFocusVisible(page, 'the sign-in button');
    await pressAndLoad(page, 'Enter');
    assert.equal(path(page), '/panels');
    await h.checkA11y(page, 'my panels');

    await skipToMain(page);
    await tabToVisible(page, 'a[href="/panels/1"]', 'the link to panel 1');
    await pressAndLoad(page, 'Enter');
    assert.equal(path(page), '/panels/1');
    await h.checkA11y(page, 'panel page (steward)');

    await tabToVisible(page, 'a[href="/panels/1/members"]', 'the members link');
    await pressAndLoad(page, 'Enter');
    assert.equal(path(page), '/panels/1/members');
    await h.checkA11y(page, 'members page');

    await tabToVisible(page, '#email', 'the invitation e-mail field', { max: 200 });
    await page.keyboard.type(NEWCOMER.email);
    // Then the box for someone with no e-mail address, left unticked.
    await page.keyboard.press('Tab');
    let f = await focused(page);
    assert.deepEqual([f.id, f.type, f.checked], ['by_hand', 'checkbox', false]);
    await h.assertFocusVisible(page, 'the no-e-mail box');
    // Tab enters the role radios at the chosen one; arrows move the choice.
    await page.keyboard.press('Tab');
    f = await focused(page);
    assert.deepEqual([f.type, f.value, f.checked], ['radio', 'co_creator', true]);
    await h.assertFocusVisible(page, 'the role radios');
    await page.keyboard.press('ArrowDown');
    f = await focused(page);
    assert.deepEqual([f.value, f.checked], ['steward', true], 'ArrowDown chooses the next role');
    await page.keyboard.press('ArrowUp');
    f = await focused(page);
    assert.deepEqual([f.value, f.checked], ['co_creator', true], 'ArrowUp goes back to co-creator');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, 'Make an invitation');
    await h.assertFocusVisible(page, 'the invite button');
    await pressAndLoad(page, 'Enter');
    await h.checkA11y(page, 'members page with the new invitation');

    // The link in the notice is reachable, visible when focused, and read.
    const a = await tabToVisible(page, '.notice a', 'the invitation link');
    link = a.href;
    assert.match(link, /\/accept-invitation\?t=[A-Za-z0-9_-]+$/);

    // Sign out: the header button, by Shift+Tab back up the page, and Space.
    await tabToVisible(page, 'nav button[type="submit"]', 'the sign-out button', { back: true, max: 200 });
    await pressAndLoad(page, 'Space');
    assert.equal(path(page), '/sign-out');
    await h.checkA11y(page, 'signed-out page');
  });

  await step('the newcomer accepts the invitation with the keyboard, mistake included', async () => {
    const u = new URL(link);
    await page.goto(server.url(u.pathname + u.search));
    await h.checkA11y(page, 'accept-invitation page');
    await skipToMain(page);
    await tabToVisible(page, '#display_name', 'the name field');
    await page.keyboard.type(NEWCOMER.name);
    // Enter in a field submits the form: here without a password.
    await pressAndLoad(page, 'Enter');
    assert.match(await page.title(), /^Error: /);
    await h.checkA11y(page, 'accept-invitation page with an empty password (error summary)');
    // The summary comes first in main; its link takes focus to the field.
    await skipToMain(page);
    await page.keyboard.press('Tab');
    const s = await focused(page);
    assert.equal(s.href, '#password', 'the first thing after the skip link is the error in the summary');
    await h.assertFocusVisible(page, 'the error summary link');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).id, 'password', 'the summary link moves focus to the field');
    await h.assertFocusVisible(page, 'the password field with an error');
    await page.keyboard.type(NEWCOMER.password);
    await pressAndLoad(page, 'Enter');
    assert.equal(path(page), '/profile');
    await h.checkA11y(page, 'profile page, welcome');
  });

  await step('the newcomer fills in the profile with the keyboard and hides the pronouns', async () => {
    await tabToVisible(page, '#pronouns', 'the pronouns field', { max: 200 });
    await page.keyboard.type(NEWCOMER.pronouns);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'pronouns__vis', 'the visibility of pronouns comes next');
    await h.assertFocusVisible(page, 'the pronouns visibility select');
    // Options: Only me, Stewards, Everyone on my panels (the default).
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal((await focused(page)).value, 'self');

    await tabToVisible(page, '#access_needs-0', 'the first access-need checkbox');
    await page.keyboard.press('Space');
    assert.ok((await focused(page)).checked, 'Space ticks "Step-free access"');
    await tabToVisible(page, '#access_needs-4', 'the "Regular breaks" checkbox');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focused(page)).id, 'access_needs-4', 'Shift+Tab comes back');
    assert.ok((await focused(page)).checked);
    await tabToVisible(page, '#access_notes', 'the access needs textarea');
    await page.keyboard.type(NEWCOMER.accessNotes);

    await tabToVisible(page, 'main button[type="submit"]', 'the save button', { max: 200 });
    await pressAndLoad(page, 'Enter');
    assert.equal(new URL(page.url()).search, '?saved=1');
    await h.checkA11y(page, 'profile page, saved');
    const saved = await page.evaluate(() => ({
      pronouns: document.getElementById('pronouns').value,
      vis: document.getElementById('pronouns__vis').value,
      access: [...document.querySelectorAll('input[name="access_needs"]:checked')].map((e) => e.value),
      notes: document.getElementById('access_notes').value,
    }));
    assert.deepEqual(saved, { pronouns: NEWCOMER.pronouns, vis: 'self', access: ['step_free', 'breaks'],
      notes: NEWCOMER.accessNotes });

    // To the panel by the header navigation.
    await tabToVisible(page, 'nav a[href="/panels"]', 'the "My panels" link');
    await pressAndLoad(page, 'Enter');
    await h.checkA11y(page, 'my panels (newcomer)');
    await tabToVisible(page, 'a[href="/panels/1"]', 'the link to panel 1');
    await pressAndLoad(page, 'Enter');
    assert.equal(path(page), '/panels/1');
    await h.checkA11y(page, 'panel page (co-creator)');

    await tabToVisible(page, 'nav button[type="submit"]', 'the sign-out button');
    await pressAndLoad(page, 'Enter');
    assert.equal(path(page), '/sign-out');
    await h.checkA11y(page, 'signed-out page (newcomer)');
    pages.assertAllChecked();
    h.assertNoProblems(context);
    await context.close();
  });

  await step("a steward sees the newcomer's access needs but not the hidden pronouns", async () => {
    const ctx = await h.newContext(browser);
    const sp = await ctx.newPage();
    const spPages = h.trackPages(sp);
    await h.signIn(sp, server, h.STEWARD);
    await h.checkA11y(sp, 'my panels (steward)');
    await sp.goto(server.url('/panels/1/members'));
    await h.checkA11y(sp, 'members page (steward, after joining)');
    const href = await sp.getByRole('link', { name: NEWCOMER.name, exact: true }).getAttribute('href');
    await sp.goto(server.url(href));
    await h.checkA11y(sp, "the newcomer's page (steward)");
    const main = await sp.getByRole('main').innerText();
    assert.ok(!main.includes(NEWCOMER.pronouns), 'the hidden pronouns are not shown');
    assert.ok(main.includes(NEWCOMER.accessNotes), 'access needs in own words are shown to stewards');
    assert.match(main, /Step-free access, Regular breaks/);
    spPages.assertAllChecked();
    h.assertNoProblems(ctx);
    await ctx.close();
  });
});
