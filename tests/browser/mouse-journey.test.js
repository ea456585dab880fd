'use strict';
// Journey 1, with the mouse: a steward invites a new co-creator, who joins,
// fills in the profile (access needs included), hides one answer and saves.
// Then stewards and a fellow co-creator each see only what was shared with
// them. axe checks every page loaded on the way, error pages included.

const assert = require('node:assert/strict');
const path = require('node:path');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const NEWCOMER = {
  email: 'wren.mouse@example.org',
  name: 'Wren Castellano',
  password: 'blue harbour seven kites',
  pronouns: 'ze/zir',                        // hidden: "Only me"
  phone: '07700 900123',                      // shared with stewards (default)
  accessNotes: 'A chair with arms, and the agenda read aloud at the start.',
  howOftenLabel: 'Up to once a month',        // shared with everyone on the panel
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

test('mouse journey: invite, join, fill in the profile, hide a field; stewards see only what is shared', { timeout: h.TEST_TIMEOUT }, async (t) => {
  const context = await h.newContext(browser);
  const page = await context.newPage();
  const pages = h.trackPages(page);
  const step = h.steps(t);
  let link, memberPath;

  await step('the steward invites a new co-creator and reads the link', async () => {
    await page.goto(server.url('/sign-in'));
    await h.checkA11y(page, 'sign-in page');
    await page.getByLabel('E-mail address').fill(h.STEWARD.email);
    await page.getByLabel('Password', { exact: true }).fill(h.STEWARD.password);
    await h.navigates(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    assert.equal(new URL(page.url()).pathname, '/panels');
    await h.checkA11y(page, 'my panels');

    await h.navigates(page, () => page.getByRole('link', { name: "Just Voices migrants' panel" }).click());
    assert.equal(new URL(page.url()).pathname, '/panels/1');
    await h.checkA11y(page, 'panel page (steward)');

    await h.navigates(page, () => page.getByRole('link', { name: 'Members and invitations' }).click());
    assert.equal(new URL(page.url()).pathname, '/panels/1/members');
    await h.checkA11y(page, 'members page');

    // An invitation with no address: the error summary.
    await h.navigates(page, () => page.getByRole('button', { name: 'Make an invitation' }).click());
    await assert.doesNotReject(page.getByRole('heading', { name: 'There is a problem' }).waitFor());
    assert.match(await page.title(), /^Error: /);
    await h.checkA11y(page, 'members page with an invitation error');

    await page.getByLabel('Their e-mail address').fill(NEWCOMER.email);
    await page.getByLabel('Co-creator', { exact: true }).check();
    await h.navigates(page, () => page.getByRole('button', { name: 'Make an invitation' }).click());
    const notice = page.getByRole('status').filter({ hasText: 'Invitation made' });
    await notice.waitFor();
    await h.checkA11y(page, 'members page with the new invitation');
    link = await notice.getByRole('link').getAttribute('href');
    assert.match(link, /\/accept-invitation\?t=[A-Za-z0-9_-]+$/);

    await h.navigates(page, () => page.getByRole('button', { name: 'Sign out' }).click());
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    await h.checkA11y(page, 'signed-out page');
  });

  await step('the newcomer accepts the invitation, with one mistake on the way', async () => {
    // The link is made from the server's public URL; open it on this server.
    const u = new URL(link);
    await page.goto(server.url(u.pathname + u.search));
    await page.getByRole('heading', { name: "Join Just Voices migrants' panel" }).waitFor();
    await h.checkA11y(page, 'accept-invitation page');

    await page.getByLabel('Your name').fill(NEWCOMER.name);
    await h.navigates(page, () => page.getByRole('button', { name: 'Accept and join' }).click());
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match(await page.title(), /^Error: /);
    assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#password');
    assert.equal(await page.getByLabel('Your name').inputValue(), NEWCOMER.name, 'what was typed is kept');
    await h.checkA11y(page, 'accept-invitation page with an empty password (error summary)');

    // The summary's link takes you to the field.
    await summary.getByRole('link').first().click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
    await page.getByLabel('Choose a password').fill(NEWCOMER.password);
    await h.navigates(page, () => page.getByRole('button', { name: 'Accept and join' }).click());
    assert.equal(new URL(page.url()).pathname, '/profile');
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    await h.checkA11y(page, 'profile page, welcome');
  });

  await step('the newcomer fills in the profile, hides the pronouns and saves', async () => {
    await page.getByLabel('Pronouns', { exact: true }).fill(NEWCOMER.pronouns);
    await page.getByLabel('Who can see your answer to "Pronouns"').selectOption({ label: 'Only me' });
    await page.getByLabel('Phone number', { exact: true }).fill(NEWCOMER.phone);
    await page.getByLabel('Text message', { exact: true }).check();
    // Access needs: tick boxes, and own words.
    const access = page.getByRole('group', { name: 'Access needs', exact: true });
    await access.getByLabel('Step-free access').check();
    await access.getByLabel('A quiet space').check();
    await page.getByLabel('Access needs in my own words', { exact: true }).fill(NEWCOMER.accessNotes);
    await page.getByLabel(NEWCOMER.howOftenLabel, { exact: true }).check();
    await page.getByLabel('Who can see your answer to "How often at most"')
      .selectOption({ label: 'Everyone on my panels (not guests)' });
    // A representation answer is kept only with its consent.
    await page.getByLabel('Gender', { exact: true }).fill('woman');
    await page.locator('#gender__consent').check();

    await h.navigates(page, () => page.getByRole('button', { name: 'Save my profile' }).click());
    assert.equal(new URL(page.url()).search, '?saved=1');
    await page.getByRole('status').filter({ hasText: 'Your profile has been saved.' }).waitFor();
    await h.checkA11y(page, 'profile page, saved');
    await page.screenshot({ path: path.join(h.shotsDir(), 'profile-desktop.png'), fullPage: true });

    // What was saved comes back.
    assert.equal(await page.getByLabel('Pronouns', { exact: true }).inputValue(), NEWCOMER.pronouns);
    assert.equal(await page.locator('#pronouns__vis').inputValue(), 'self');
    assert.ok(await page.getByRole('group', { name: 'Access needs', exact: true }).getByLabel('Step-free access').isChecked());
    assert.ok(await page.getByRole('group', { name: 'Access needs', exact: true }).getByLabel('A quiet space').isChecked());
    assert.ok(!(await page.getByRole('group', { name: 'Access needs', exact: true }).getByLabel('Hearing loop').isChecked()));
    assert.equal(await page.getByLabel('Access needs in my own words', { exact: true }).inputValue(), NEWCOMER.accessNotes);
    assert.ok(await page.locator('#gender__consent').isChecked());

    // My data says who can see each answer.
    await h.navigates(page, () => page.getByRole('link', { name: 'My data' }).first().click());
    await h.checkA11y(page, 'my data');
    const pronounsRow = page.getByRole('row').filter({ hasText: 'Pronouns' });
    assert.match(await pronounsRow.innerText(), /Only me/);
    await h.navigates(page, () => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click());
    await h.checkA11y(page, 'account');

    await h.navigates(page, () => page.getByRole('link', { name: 'My panels' }).click());
    await h.checkA11y(page, 'my panels (newcomer)');
    await h.navigates(page, () => page.getByRole('link', { name: "Just Voices migrants' panel" }).click());
    assert.equal(new URL(page.url()).pathname, '/panels/1');
    await page.getByRole('heading', { level: 1, name: "Just Voices migrants' panel" }).waitFor();
    await h.checkA11y(page, 'panel page (co-creator)');
    await page.screenshot({ path: path.join(h.shotsDir(), 'panel-desktop.png'), fullPage: true });

    await h.navigates(page, () => page.getByRole('button', { name: 'Sign out' }).click());
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    await h.checkA11y(page, 'signed-out page (newcomer)');
    pages.assertAllChecked();
    h.assertNoProblems(context);
    await context.close();
  });

  await step('a steward sees what is shared with stewards, never the hidden answer', async () => {
    const ctx = await h.newContext(browser);
    const sp = await ctx.newPage();
    const spPages = h.trackPages(sp);
    await h.signIn(sp, server, h.STEWARD);
    await h.checkA11y(sp, 'my panels (steward)');
    await sp.goto(server.url('/panels/1/members'));
    await h.checkA11y(sp, 'members page (steward, after joining)');
    const row = sp.getByRole('row').filter({ hasText: NEWCOMER.name });
    const rowText = await row.innerText();
    assert.match(rowText, /Step-free access/, 'the members list shows access needs to stewards');
    assert.doesNotMatch(rowText, new RegExp(NEWCOMER.pronouns));

    await h.navigates(sp, () => row.getByRole('link', { name: NEWCOMER.name }).click());
    memberPath = new URL(sp.url()).pathname;
    assert.match(memberPath, /^\/panels\/1\/members\/\d+$/);
    await h.checkA11y(sp, "the newcomer's page (steward)");
    const main = await sp.getByRole('main').innerText();
    assert.ok(!main.includes(NEWCOMER.pronouns), 'the hidden pronouns are not shown to a steward');
    assert.ok(!/Pronouns/.test(main), 'not even the question');
    assert.ok(!/woman/i.test(main), 'a representation answer kept private is not shown');
    assert.ok(main.includes(NEWCOMER.accessNotes), 'access needs in own words are shown to stewards');
    assert.ok(main.includes(NEWCOMER.phone), 'the phone number is shown to stewards');
    assert.match(main, /Step-free access, A quiet space/);
    assert.ok(main.includes(NEWCOMER.howOftenLabel));
    spPages.assertAllChecked();
    h.assertNoProblems(ctx);
    await ctx.close();
  });

  await step('a fellow co-creator sees only what is shared with the panel', async () => {
    const ctx = await h.newContext(browser);
    const ap = await ctx.newPage();
    const apPages = h.trackPages(ap);
    await h.signIn(ap, server, { email: 'amira@demo.emptychair.org', password: h.STEWARD.password });
    await h.checkA11y(ap, 'my panels (co-creator)');
    await ap.goto(server.url(memberPath));
    await h.checkA11y(ap, "the newcomer's page (co-creator)");
    const main = await ap.getByRole('main').innerText();
    assert.ok(main.includes(NEWCOMER.howOftenLabel), 'an answer shared with the panel is shown');
    for (const secret of [NEWCOMER.pronouns, NEWCOMER.phone, NEWCOMER.accessNotes, 'Step-free access'])
      assert.ok(!main.includes(secret), `${secret} is not shown to a co-creator`);
    apPages.assertAllChecked();
    h.assertNoProblems(ctx);
    await ctx.close();
  });
});
