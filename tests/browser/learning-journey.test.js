'use strict';
// Journey 8, learning (issue 22, so far): a co-creator reads "How are we
// doing?" for the panel and then for one project; opens the project's
// standards, rates one with a comment and sees it saved, and that she
// cannot rate it twice this quarter; a steward sees the same standards page.
// axe checks every page each person loads.
//
// Demo data (src/cli/demo.c): panel 1 "Just Voices" with its project 1;
// Amira a co-creator, Sam a steward; every account has the same password.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const AMIRA = { email: 'amira@demo.emptychair.org', password: h.STEWARD.password };

let server, browser;
before(async () => {
  server = await h.startServer();
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const { person, go, click } = h.journey(() => browser, () => server);
const main = (p) => p.page.locator('main').innerText();

test('learning journey: how are we doing, for the panel and a project; rating a standard', { timeout: h.TEST_TIMEOUT }, async (t) => {
  const step = h.steps(t);
  let amira, sam;

  await step('a co-creator reads how the panel is doing, then one project', async () => {
    amira = await person(AMIRA);
    await go(amira, '/panels/1', 'the panel (co-creator)');
    await click(amira, amira.page.getByRole('link', { name: 'How are we doing?' }), 'how are we doing (panel)');
    const text = await main(amira);
    for (const title of ['Who sets the agenda', 'Paid on time', 'Not always the same people', 'Felt heard'])
      assert.ok(text.includes(title), title);
    assert.match(text, /\(seed 00\d\)/);
    const select = amira.page.getByLabel('For', { exact: true });
    const first = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(first);
    await click(amira, amira.page.getByRole('button', { name: 'Show' }), 'how are we doing (a project)');
    assert.ok(!(await main(amira)).includes('Paid on time'), 'pay is the panel\'s, not a project\'s');
  });

  await step('she rates a standard of the project, once this quarter', async () => {
    await go(amira, '/panels/1/projects/1/standards', 'the project\'s standards');
    const page = amira.page;
    assert.match(await main(amira), /National Standards for Community Engagement/);
    await click(amira, page.getByRole('link', { name: 'Rate Inclusion' }).first(), 'rating a standard');
    // A mistake first: no rating chosen; what she wrote is kept.
    await page.getByLabel('Why? (optional)').fill('We have not met the young carers yet.');
    await click(amira, page.getByRole('button', { name: 'Save my rating' }), 'rating a standard, with a problem');
    assert.match(await main(amira), /Choose how well, from 1 to 5\./);
    assert.equal(await page.getByLabel('Why? (optional)').inputValue(), 'We have not met the young carers yet.');
    await page.getByLabel('2', { exact: true }).check();
    await click(amira, page.getByRole('button', { name: 'Save my rating' }), 'the standards, rated');
    const text = await main(amira);
    assert.match(text, /Thank you: your rating is saved\./);
    assert.match(text, /You rated it 2 this quarter\./);
    assert.match(text, /1 has rated it; the spread is shown from 5/);
  });

  await step('a steward sees the standards page too', async () => {
    sam = await person(h.STEWARD);
    await go(sam, '/panels/1/projects/1/standards', 'the project\'s standards (steward)');
    assert.match(await main(sam), /1 has rated it/);
    assert.doesNotMatch(await main(sam), /young carers/, 'a comment counts only in a group of five');
  });

  await step('every page was checked and nothing went wrong in any page', async () => {
    for (const p of [amira, sam]) {
      p.pages.assertAllChecked();
      h.assertNoProblems(p.context);
      await p.context.close();
    }
  });
});
