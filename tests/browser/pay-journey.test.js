'use strict';
// Journey 5, fair pay: a co-creator who gets Carer's Allowance says so on
// "My pay"; a steward logs a day's work for them and approves it; the
// steward records that they came to a meeting, which makes the fee claim
// by itself; approving that fee would take them over the Carer's
// Allowance limit that week, so the claim page says so and the steward
// picks an alternative (the member's own non-cash way); a payment run is
// made, its CSV downloaded and the run marked paid; the member's
// statement shows what was paid. axe checks every page each person loads.
//
// Demo data (src/cli/demo.c): panel 1 pays £25 an hour for meetings with
// 30 minutes' preparation and £180 a day; member9 (user 15) is a
// co-creator of panel 1 who said they would like training or a
// certificate; meeting 1 is over and they were not recorded at it.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const MEMBER = { id: 15, email: 'member9@demo.emptychair.org', password: h.STEWARD.password };

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

test('pay journey: declare a limit, attendance makes a fee claim, a limit warning, an alternative, a payment run, its CSV, paid, the statement', { timeout: h.TEST_TIMEOUT }, async (t) => {
  const step = h.steps(t);
  let member, sam, name, feePath;

  await step('the member declares Carer\'s Allowance, weeks from today', async () => {
    member = await person(MEMBER);
    await go(member, '/profile', 'my profile');
    name = await member.page.locator('#display_name').inputValue();
    assert.ok(name.length > 0);
    await go(member, '/my-pay', 'my pay, nothing declared');
    const page = member.page;
    await page.getByLabel(/^Carer's Allowance earnings limit/).check();
    await page.getByLabel(/^When did one of your benefit weeks/).fill(h.panelDay());
    await click(member, page.getByRole('button', { name: 'Save my earnings limit' }),
      'my pay, Carer\'s Allowance declared');
    assert.match(await main(member), /Under your limit: £204\.00 to spare this period/);
  });

  await step('a steward logs a day of work for them and approves it', async () => {
    sam = await person(h.STEWARD);
    await go(sam, '/panels/1/pay/claims/new', 'log work or expenses');
    const page = sam.page;
    await page.getByLabel('Who is it for?').selectOption(String(MEMBER.id));
    await page.getByLabel('Work I did (time)').check();
    await page.getByLabel('What was it?').fill('Interview panel for the new service manager');
    await page.getByLabel('Date', { exact: true }).fill(h.panelDay());
    await page.getByLabel('Paid by').selectOption('day');
    await page.getByLabel('Number of half days or days').fill('1');
    await click(sam, page.getByRole('button', { name: 'Send the claim' }), 'the day\'s claim');
    assert.match(await main(sam), /Under the limit: £24\.00 to spare/);
    await page.getByLabel('Approve it to be paid').check();
    await click(sam, page.getByRole('button', { name: 'Save the decision' }), 'pay, after approving');
  });

  await step('the steward records that they came to the meeting: the fee claim is made', async () => {
    await go(sam, '/panels/1/meetings/1/attendance', 'who came');
    await sam.page.locator(`#att-${MEMBER.id}`).check();
    await click(sam, sam.page.getByRole('button', { name: 'Save attendance' }), 'attendance saved');
    await go(sam, '/panels/1/pay', 'pay, with the fee claim waiting');
    const row = sam.page.locator('tr', { hasText: name }).filter({ hasText: 'Attending' });
    assert.equal(await row.count(), 1, 'one fee claim for the meeting');
    assert.match(await row.innerText(), /£50\.00/);
    feePath = await row.getByRole('link').getAttribute('href');
  });

  await step('the claim page warns that the fee crosses the Carer\'s Allowance limit this week', async () => {
    await go(sam, feePath, 'the fee claim, over the limit');
    const text = await main(sam);
    assert.match(text, /Carer's Allowance earnings limit/);
    assert.match(text, /Over the limit by £26\.00/);
    assert.match(text, /not advice/);
    assert.equal(await sam.page.getByLabel('Approve it to be paid').count(), 0,
      'plain approval is not offered over a limit');
  });

  await step('the steward picks the member\'s non-cash way instead', async () => {
    const page = sam.page;
    await page.getByRole('radio', { name: /^Pay it in a non-cash way/ }).check();
    await page.getByLabel('Non-cash way', { exact: true }).selectOption('training');
    await click(sam, page.getByRole('button', { name: 'Save the decision' }), 'pay, after the alternative');
    await go(sam, feePath, 'the fee claim, approved as training');
    assert.match(await main(sam), /Approved, to be paid about/);
  });

  await step('a payment run, its CSV, and marked paid', async () => {
    await go(sam, '/panels/1/pay', 'pay, ready to pay');
    const page = sam.page;
    await page.getByLabel('Reference for the finance team (optional)').fill('JOURNEY-1');
    await click(sam, page.getByRole('button', { name: 'Make a payment run' }), 'the payment run');
    assert.match(await main(sam), /Payment run JOURNEY-1/);
    const href = await page.getByRole('link', { name: /Download the CSV/ }).getAttribute('href');
    const csv = await sam.context.request.get(server.url(href));
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'], /text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    assert.match(lines[0], /reference,payee,method,amount,claims/);
    // One row per payee and way of paying: the day (£180) by bank, the fee
    // (£50) as the training chosen for it, never one bank row of £230.
    const mine = lines.filter((l) => l.includes(name));
    assert.equal(mine.length, 2, 'one row per payee and way of paying');
    assert.ok(mine.every((l) => /^JOURNEY-1,/.test(l)));
    assert.ok(mine.some((l) => /,bank_transfer,180\.00,/.test(l)), mine.join('\n'));
    assert.ok(mine.some((l) => /,training,50\.00,/.test(l)), mine.join('\n'));
    await page.getByLabel('Date the money was paid').fill(h.panelDay());
    await click(sam, page.getByRole('button', { name: 'Mark the run paid' }), 'the run, paid');
    assert.doesNotMatch(await main(sam), /Not yet/);
  });

  await step('the member sees it paid, and on their statement', async () => {
    await go(member, '/my-pay', 'my pay, paid');
    assert.match(await main(member), /Paid on/);
    const page = member.page;
    await click(member, page.getByRole('button', { name: 'Show the statement' }).first(),
      'my statement');
    const text = await main(member);
    assert.match(text, /Pay statement/);
    assert.match(text, /Interview panel for the new service manager/);
    assert.match(text, /Attending "What should be in the pack\?"/);
    assert.match(text, /Total\s+£230\.00/);
    const href = await page.getByRole('link', { name: 'Download it as CSV' }).getAttribute('href');
    const csv = await member.context.request.get(server.url(href));
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /,18000,GBP,JOURNEY-1/);
  });

  for (const p of [member, sam]) if (p) await p.context.close();
});
