'use strict';
// Journey 4, voice and influence: a co-creator proposes an agenda item; a
// steward adds a paper and publishes the agenda with it; the meeting
// happens; the steward records attendance and two contributions, one
// anonymous, for a guest to answer; the guest answers both at once; the
// co-creator sees both outcomes on "What became of what I said", reflects
// on the meeting, and sees the stewards' "what we will change". axe checks
// every page each person loads.
//
// Two meetings: the next one, a week ahead, whose agenda members set (items
// are proposed only before a meeting begins); and one held two days ago,
// recorded after it took place, so that attendance, contributions and
// reflection, which opens when a meeting is over, are part of the same run.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const AMIRA = { email: 'amira@demo.emptychair.org', password: h.STEWARD.password };
const JOY = { email: 'joy.adebayo@demo.emptychair.org', password: h.STEWARD.password };
const MEETING = 'Journey: letters from the council';
const HELD = 'Journey: the letters meeting we held';
const ITEM = 'Letters nobody can read';
const PAPER = 'Examples of council letters';
const NAMED = 'Every letter should start with what it wants me to do, in one sentence.';
const ANON = 'I was too frightened to open the last letter about my housing for a week.';
const DONE = 'The housing team will rewrite the first line of every letter, starting in January.';
const CHANGE = 'Papers will go out ten days before, in large print as well.';

// A small but real PDF: the server decides a file's kind by its bytes.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

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

test('voice journey: agenda, paper, meeting, two contributions, a guest answers, outcomes, reflection, what we will change', { timeout: h.TEST_TIMEOUT }, async (t) => {
  const step = h.steps(t);
  let sam, amira, joy, meetingPath, heldPath;

  await step('the steward plans the meeting and names the guest to answer contributions', async () => {
    sam = await person(h.STEWARD);
    await go(sam, '/panels/1/members/6', 'a guest member page');
    await click(sam, sam.page.getByRole('button', { name: 'Name them to answer contributions' }),
      'the guest member page after naming them');
    const page = sam.page;
    for (const [title, days] of [[MEETING, 7], [HELD, -2]]) {
      await go(sam, '/panels/1/meetings', 'meetings');
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByLabel('Date', { exact: true }).fill(h.panelDay(days));
      await page.getByLabel('Starts at', { exact: true }).fill('10:00');
      await page.getByLabel('Ends at', { exact: true }).fill('12:00');
      await page.getByLabel('Place', { exact: true }).fill('Central Library, meeting room 2');
      await click(sam, page.getByRole('button', { name: 'Plan the meeting' }),
        days > 0 ? 'the new meeting' : 'the question about a meeting in the past');
      if (days < 0) {
        // A time that has passed is asked about, with what was typed kept.
        assert.match(await page.locator('.error-summary').innerText(), /already passed/);
        assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), title);
        await page.getByLabel('It has already happened: record it as a past meeting').check();
        await click(sam, page.getByRole('button', { name: 'Plan the meeting' }), 'the new meeting');
      }
      const path = new URL(page.url()).pathname;
      assert.match(path, /^\/panels\/1\/meetings\/\d+$/);
      if (days > 0) meetingPath = path; else heldPath = path;
    }
  });

  await step('a co-creator proposes an agenda item', async () => {
    amira = await person(AMIRA);
    await go(amira, meetingPath, 'the meeting (co-creator)');
    await amira.page.getByLabel('Item', { exact: true }).fill(ITEM);
    await amira.page.getByLabel('Why it matters', { exact: true }).fill('Half of us throw letters away unread.');
    await click(amira, amira.page.getByRole('button', { name: 'Propose the item' }),
      'the meeting after proposing');
    assert.match(await amira.page.locator('#agenda ~ ol').innerText(), /proposed by Amira Haddad/);
  });

  await step('the steward adds a paper and publishes the agenda with it', async () => {
    await go(sam, meetingPath, 'the meeting (steward)');
    await click(sam, sam.page.getByRole('link', { name: 'Add a paper' }), 'add a paper');
    const page = sam.page;
    await page.getByLabel('Title', { exact: true }).fill(PAPER);
    await page.getByLabel('Summary in plain language', { exact: true }).fill('Three real letters, with the names taken out.');
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'letters.pdf', mimeType: 'application/pdf', buffer: PDF });
    await click(sam, page.getByRole('button', { name: 'Add the paper' }), 'the paper (draft)');
    assert.match(await page.locator('main').innerText(), /Draft/);
    await go(sam, meetingPath, 'the meeting with a draft paper');
    await click(sam, page.getByRole('button', { name: 'Publish the agenda' }), 'the published agenda');
    assert.match(await page.locator('main').innerText(), /Published/);
  });

  await step('the co-creator reads the paper, in large print too', async () => {
    await go(amira, meetingPath, 'the meeting with its paper (co-creator)');
    await click(amira, amira.page.getByRole('link', { name: PAPER, exact: true }), 'the paper (co-creator)');
    assert.doesNotMatch(await amira.page.locator('main').innerText(), /Draft/);
    await click(amira, amira.page.getByRole('link', { name: 'Large print', exact: true }), 'the paper in large print');
    assert.equal(await amira.page.locator('.large-print').count(), 1);
  });

  await step('after the meeting the steward records who came and two contributions, one anonymous', async () => {
    await go(sam, heldPath, 'the meeting after it happened');
    const page = sam.page;
    await click(sam, page.getByRole('link', { name: /^Record who came/ }), 'who came');
    await page.getByLabel('Amira Haddad', { exact: true }).check();
    await click(sam, page.getByRole('button', { name: 'Save attendance' }), 'attendance saved');
    for (const [body, how] of [[NAMED, 'With their name'],
      [ANON, 'Anonymous: they can follow it, nobody else sees who said it']]) {
      await page.getByLabel('Who said it', { exact: true }).selectOption({ label: 'Amira Haddad' });
      await page.getByLabel('What they said', { exact: true }).fill(body);
      await page.getByLabel(how, { exact: true }).check();
      await page.getByLabel('Who will respond', { exact: true }).selectOption({ label: 'Joy Adebayo (guest)' });
      await click(sam, page.getByRole('button', { name: 'Record it' }), 'the meeting after recording');
    }
    const said = await page.locator('main').innerText();
    assert.ok(said.includes(NAMED) && said.includes(ANON));
  });

  await step('the guest answers both contributions with one decision', async () => {
    joy = await person(JOY);
    await go(joy, '/panels/1/contributions', 'contributions waiting for the guest');
    const page = joy.page;
    const text = await page.locator('main').innerText();
    assert.ok(text.includes(ANON), 'the guest sees the anonymous contribution');
    // The anonymous one is shown to the guest as "Anonymous", never by name.
    const anonCard = page.locator('article, .card, li, div').filter({ hasText: ANON }).last();
    assert.doesNotMatch(await anonCard.innerText(), /Amira/);
    const boxes = page.getByRole('checkbox', { name: /^Respond to/ });
    assert.equal(await boxes.count(), 2);
    for (let i = 0; i < 2; i++) await boxes.nth(i).check();
    await page.getByLabel('Adopted', { exact: true }).check();
    await page.getByLabel('What was done, or will be done', { exact: true }).fill(DONE);
    await page.getByLabel('Who decided', { exact: true }).fill('Head of housing');
    await click(joy, page.getByRole('button', { name: 'Send the response' }), 'after the guest responded');
    assert.match(await page.locator('main').innerText(), /Nothing is waiting/);
  });

  await step('the co-creator sees both outcomes on "What became of what I said"', async () => {
    await go(amira, '/my-contributions', 'what became of what I said');
    const text = await amira.page.locator('main').innerText();
    for (const body of [NAMED, ANON]) assert.ok(text.includes(body), `missing: ${body}`);
    assert.equal((text.match(new RegExp(DONE.replace(/[.]/g, '\\.'), 'g')) || []).length, 2);
    assert.match(text, /only you can see this is yours/);
    await go(amira, '/notices', 'notices (co-creator)');
    const notices = await amira.page.locator('main').innerText();
    assert.match(notices, /responded to something you said/);
    assert.match(notices, /Share a short reflection/);
  });

  await step('the co-creator reflects on the meeting, anonymously', async () => {
    await go(amira, heldPath, 'the meeting, reflection open');
    const page = amira.page;
    await page.getByLabel('4', { exact: true }).check();
    await page.getByRole('group', { name: 'Did you have the information you needed in time?' })
      .getByLabel('Partly', { exact: true }).check();
    await page.getByRole('group', { name: 'Did you feel safe to say what you think?' })
      .getByLabel('Yes', { exact: true }).check();
    await page.getByLabel('What should change? (optional)', { exact: true }).fill('Send the papers earlier.');
    await click(amira, page.getByRole('button', { name: 'Share my reflection' }), 'after reflecting');
    const text = await page.locator('main').innerText();
    assert.match(text, /you have shared your reflection/);
    // One answer is far below the threshold: no result is shown.
    assert.match(text, /for each group of 5 answers to a meeting/);
    assert.ok(!text.includes('Send the papers earlier.'));
  });

  await step("the steward answers, and the attendee sees the stewards' answer", async () => {
    await go(sam, heldPath, 'the meeting before answering reflections');
    await sam.page.getByLabel('Write what we will change', { exact: true }).fill(CHANGE);
    await click(sam, sam.page.getByRole('button', { name: 'Save and tell attendees' }),
      'the meeting after answering');
    await go(amira, '/notices', 'notices after the answer');
    assert.match(await amira.page.locator('main').innerText(), /wrote what they will change/);
    await go(amira, heldPath, 'the meeting with what we will change');
    assert.ok((await amira.page.locator('#change ~ .quote').first().innerText()).includes(CHANGE));
  });

  await step('every page was checked and nothing went wrong in any page', async () => {
    for (const p of [sam, amira, joy]) {
      p.pages.assertAllChecked();
      h.assertNoProblems(p.context);
      await p.context.close();
    }
  });
});
