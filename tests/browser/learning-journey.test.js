'use strict';
// Journey 8, learning (issue 22, so far): a co-creator reads "How are we
// doing?" for the panel and then for one project; opens the project's
// standards, rates one with a comment and sees it saved, and that she
// cannot rate it twice this quarter; a steward sees the same standards page,
// then starts a report for funders (a mistake first, what she typed kept),
// writes its critical reflection, shares it, prints it (the print stylesheet
// leaves only the report: checked on a screenshot and a PDF) and downloads
// its CSV; the co-creator then reads the shared report; she writes the
// project up as a case study (a mistake first, what she typed kept), the
// steward publishes it, and a visitor who is not signed in finds it in the
// library by searching without its accent and plural; and a second site,
// whose administrator imports the first's signed feed with the key its
// about page shows, finds it in its own library. axe checks every page each
// person loads.
//
// Demo data (src/cli/demo.c): panel 1 "Just Voices" with its project 1;
// Amira a co-creator, Sam a steward; every account has the same password.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const AMIRA = { email: 'amira@demo.emptychair.org', password: h.STEWARD.password };

let server, server2, browser;
before(async () => {
  server = await h.startServer();
  server2 = await h.startServer();
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server2) await server2.stop();
  if (server) await server.stop();
});

const { person, go, click } = h.journey(() => browser, () => server);
const second = h.journey(() => browser, () => server2);
const main = (p) => p.page.locator('main').innerText();

test('learning journey: how are we doing; rating a standard; a report for funders; a case study found in the library, on this site and another', { timeout: h.TEST_TIMEOUT }, async (t) => {
  const step = h.steps(t);
  let amira, sam, visitor, admin2;

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

  await step('a steward sees the standards page too, and rates the same standard', async () => {
    sam = await person(h.STEWARD);
    await go(sam, '/panels/1/projects/1/standards', 'the project\'s standards (steward)');
    assert.match(await main(sam), /1 has rated it/);
    assert.doesNotMatch(await main(sam), /young carers/, 'a comment counts only in a group of five');
    await click(sam, sam.page.getByRole('link', { name: 'Rate Inclusion' }).first(), 'rating a standard (steward)');
    await sam.page.getByLabel('4', { exact: true }).check();
    await click(sam, sam.page.getByRole('button', { name: 'Save my rating' }), 'the standards, rated (steward)');
    assert.match(await main(sam), /2 have rated it; the spread is shown from 5/);
  });

  await step('the steward starts a report for funders, writes it and shares it', async () => {
    const page = sam.page;
    await go(sam, '/panels/1', 'the panel (steward)');
    await click(sam, page.getByRole('link', { name: 'Reports for funders' }), 'reports for funders');
    assert.match(await main(sam), /There are no reports yet\./);
    const day = (back) => {
      const d = new Date(Date.now() - back * 86400000);
      return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
    };
    await page.getByLabel('Title').fill('Journey Fund, the last year');
    await page.getByLabel('First day').fill(day(365));
    await click(sam, page.getByRole('button', { name: 'Start the report' }), 'a report, with a problem');
    assert.match(await main(sam), /Enter the last day the report covers\./);
    assert.equal(await page.getByLabel('Title').inputValue(), 'Journey Fund, the last year');
    await page.getByLabel('Last day').fill(day(1));
    await click(sam, page.getByRole('button', { name: 'Start the report' }), 'the report, a draft');
    let text = await main(sam);
    assert.match(text, /Draft\./);
    assert.match(text, /Meetings held/);
    assert.match(text, /meetings? (was|were) held\./, 'the methods are pre-filled');
    await page.getByLabel('Critical reflection').fill('We brought people in late; next time, from the start.');
    await click(sam, page.getByRole('button', { name: 'Save the report' }), 'the report, saved');
    assert.match(await main(sam), /The report is saved\./);
    await click(sam, page.getByRole('button', { name: 'Share the report' }), 'the report, shared');
    text = await main(sam);
    assert.match(text, /Shared on /);
    assert.match(text, /We brought people in late; next time, from the start\./);
    assert.equal(await page.getByLabel('Critical reflection').count(), 0, 'a shared report is frozen');
  });

  await step('she prints it: only the report, no menus or buttons', async () => {
    const page = sam.page;
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header').first().isVisible(), false, 'the site header is not printed');
    assert.equal(await page.locator('main .no-print').first().isVisible(), false, 'the downloads are not printed');
    assert.ok(await page.locator('table.report-table').first().isVisible(), 'the figures are printed');
    const shot = await page.screenshot({ path: require('node:path').join(h.shotsDir(), 'funder-report-print.png'), fullPage: true });
    // A PNG, as tall as a report of several tables
    assert.equal(shot.subarray(1, 4).toString(), 'PNG');
    assert.ok(shot.readUInt32BE(20) > 1000, `the printed page is ${shot.readUInt32BE(20)} pixels tall`);
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  await step('she downloads its figures as CSV', async () => {
    const href = await sam.page.getByRole('link', { name: /Download the figures as CSV/ }).getAttribute('href');
    const csv = await sam.context.request.get(server.url(href));
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'], /text\/csv/);
    const body = await csv.body();
    assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
    const lines = body.toString('utf8').slice(1).split(/\r\n/);
    assert.equal(lines[0], 'Section,Figure,Value');
    assert.ok(lines.some((l) => l.startsWith('Involvement,Meetings held,')));
    assert.ok(lines.some((l) => l.includes('We brought people in late')));
  });

  await step('the co-creator reads the shared report', async () => {
    await go(amira, '/panels/1/reports', 'reports for funders (co-creator)');
    await click(amira, amira.page.getByRole('link', { name: 'Journey Fund, the last year' }), 'the shared report (co-creator)');
    assert.match(await main(amira), /We brought people in late/);
    assert.equal(await amira.page.getByRole('button', { name: 'Share the report' }).count(), 0);
  });

  await step('the co-creator writes the project up as a case study', async () => {
    const page = amira.page;
    await go(amira, '/panels/1', 'the panel (co-creator, again)');
    await click(amira, page.getByRole('link', { name: 'Case studies' }).first(), 'the panel\'s case studies');
    await page.getByLabel('Project').selectOption({ label: 'A welcome pack for new arrivals' });
    await click(amira, page.getByRole('button', { name: 'Start the case study' }), 'a new case study');
    assert.match(await main(amira), /Draft: only the panel sees it/);
    await page.getByLabel('Title').fill('Journey café for young carers');
    await page.getByLabel('Brief description').fill('Young carers met at a café and planned the support they wanted.');
    await page.getByLabel('What went on').fill('They met on Saturdays; the panel paid for lunch and travel.');
    await page.getByLabel('Carers').check();
    await page.getByLabel('When it started').fill('31/2/2025'); // no such day
    await click(amira, page.getByRole('button', { name: 'Save the case study' }), 'the case study, with a problem');
    assert.match(await main(amira), /There is a problem/);
    assert.equal(await page.getByLabel('Brief description').inputValue(), 'Young carers met at a café and planned the support they wanted.');
    assert.ok(await page.getByLabel('Carers').isChecked(), 'the issue she ticked stays ticked');
    await page.getByLabel('When it started').fill('1/4/2025');
    await click(amira, page.getByRole('button', { name: 'Save the case study' }), 'the case study, saved');
    assert.match(await main(amira), /The case study is saved\./);
    assert.equal(await page.getByRole('button', { name: 'Publish it in the library' }).count(), 0,
      'co-creators write; stewards publish');
  });

  await step('the steward publishes it', async () => {
    const page = sam.page;
    await go(sam, '/panels/1/case-studies', 'the panel\'s case studies (steward)');
    await click(sam, page.getByRole('link', { name: 'Journey café for young carers' }), 'the draft case study (steward)');
    await click(sam, page.getByRole('button', { name: 'Publish it in the library' }), 'the case study, published');
    assert.match(await main(sam), /Published: anyone may read it/);
  });

  await step('a visitor finds it in the library, without its accent or plural', async () => {
    const context = await h.newContext(browser);
    visitor = { context, page: await context.newPage() };
    visitor.pages = h.trackPages(visitor.page);
    await go(visitor, '/case-studies', 'the library (not signed in)');
    await visitor.page.getByLabel('Search').fill('cafe carer');
    await click(visitor, visitor.page.getByRole('button', { name: 'Search' }), 'the library, searched');
    assert.match(await main(visitor), /1 case study/);
    await click(visitor, visitor.page.getByRole('link', { name: 'Journey café for young carers' }), 'the case study (visitor)');
    const text = await main(visitor);
    assert.match(text, /They met on Saturdays/);
    assert.match(text, /Carers/);
    assert.doesNotMatch(text, /Amira/, 'nobody named without agreeing');
    await go(visitor, '/case-studies?q=zebra', 'the library, nothing found');
    assert.match(await main(visitor), /No case study matches/);
  });

  await step('a second site imports the first\'s library and finds it there', async () => {
    // the first site's feed and key, from its about page
    await go(visitor, '/about', 'the about page (not signed in)');
    const key = (await visitor.page.locator('#feed-key').innerText()).trim();
    assert.match(key, /^[A-Za-z0-9+/]{43}=$/);
    admin2 = await second.person(h.STEWARD);
    const page = admin2.page;
    await second.click(admin2, page.getByRole('link', { name: 'Case studies from other sites' }), 'case studies from other sites');
    assert.match(await main(admin2), /This site imports no feeds yet\./);
    await page.getByLabel('The feed\'s address').fill(server.url('/case-studies/feed.json'));
    await page.getByLabel('Its key').fill(key);
    await second.click(admin2, page.getByRole('button', { name: 'Import it' }), 'a feed imported');
    assert.match(await main(admin2), /Fetched: \d+ case studies taken, 0 removed, 0 left out\./);
    await second.go(admin2, '/case-studies', 'the second site\'s library');
    await page.getByLabel('Search').fill('cafe carer');
    await second.click(admin2, page.getByRole('button', { name: 'Search' }), 'the second site\'s library, searched');
    assert.match(await main(admin2), /1 case study/);
    assert.match(await main(admin2), /shared by/);
    await second.click(admin2, page.getByRole('link', { name: 'Journey café for young carers' }), 'the imported case study');
    assert.match(await main(admin2), /They met on Saturdays/);
    assert.match(await main(admin2), /Shared by .*another site running emptychair/);
  });

  await step('every page was checked and nothing went wrong in any page', async () => {
    for (const p of [amira, sam, visitor, admin2]) {
      p.pages.assertAllChecked();
      h.assertNoProblems(p.context);
      await p.context.close();
    }
  });
});
