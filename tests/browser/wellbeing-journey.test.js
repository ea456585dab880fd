'use strict';
// Journey 7, wellbeing and safeguarding: a co-creator (Amira) sets her own
// monthly limit of no meetings, so she is at it at once; the steward (Sam)
// recording attendance sees only "Has reached their own limit" beside her
// name, never the limit; Sam names Rana the panel's support person; on a
// meeting to come, an agenda item with a content note, which Amira steps
// out of; after a meeting that touched on something hard (a content note on
// the meeting: the server's clock cannot be moved, so this is a meeting
// recorded in the past), Amira's private check-in asks someone to get in
// touch; Rana, the support person, sees it on her follow-ups and records
// that she did, and Sam, a steward who is not the support person, cannot
// see it; Sam names Rana a safeguarding lead, Amira raises a concern and is
// told only that it was received, Rana reads it and writes part 2, and Sam
// (a steward and the site's administrator) cannot read it. axe checks every
// page each person loads.
//
// Demo data (src/cli/demo.c): panel 1 "Just Voices", Sam and Rana its
// stewards, Amira a co-creator; every demo account has the same password.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const PASSWORD = h.STEWARD.password;
const AMIRA = { email: 'amira@demo.emptychair.org', password: PASSWORD };
const RANA = { email: 'rana@demo.emptychair.org', password: PASSWORD };
const CONCERN = 'Journey: he told her "nobody would believe you" in the break';
const DECISION = 'Journey: spoke with her; she does not want a referral, and we respect that.';

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

// "2026-12-20" as the forms want it typed the UK way: "20/12/2026".
function ukDay(days) {
  const [y, m, d] = h.panelDay(days).split('-').map(Number);
  return `${d}/${m}/${y}`;
}

// Plans a meeting on panel 1 as p (a steward); in the past, the form asks
// to confirm it. Its path.
async function planMeeting(p, { title, days, note }) {
  await go(p, '/panels/1/meetings', 'meetings (steward)');
  const page = p.page;
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Date', { exact: true }).fill(ukDay(days));
  await page.getByLabel('Starts at', { exact: true }).fill('14:00');
  await page.getByLabel('Ends at', { exact: true }).fill('16:00');
  await page.getByLabel('Place', { exact: true }).fill('The community hall');
  if (note) await page.getByLabel('Content note (optional)', { exact: true }).fill(note);
  await click(p, page.getByRole('button', { name: 'Plan the meeting' }), 'the meeting planned');
  if (days < 0) {
    // The form asks once whether it has already happened, keeping what was typed.
    await page.getByLabel('It has already happened: record it as a past meeting').check();
    await click(p, page.getByRole('button', { name: 'Plan the meeting' }), 'the past meeting recorded');
  }
  const path = new URL(page.url()).pathname;
  assert.match(path, /^\/panels\/1\/meetings\/\d+$/);
  return path;
}

test('wellbeing journey: my limit, what the steward sees, a content note and stepping out, a check-in and its follow-up, a safeguarding concern only the lead reads', { timeout: h.TEST_TIMEOUT }, async (t) => {
  const step = h.steps(t);
  let sam, amira, rana, pastPath, concernPath;

  await step('a co-creator sets her own monthly limit', async () => {
    amira = await person(AMIRA);
    await go(amira, '/my-limits', 'my limits');
    await amira.page.getByLabel('Meetings a month, at most (optional)', { exact: true }).fill('0');
    await click(amira, amira.page.getByRole('button', { name: 'Save my limits' }), 'my limits, saved');
    const text = await main(amira);
    assert.match(text, /Your limits have been saved\./);
    assert.match(text, /You have reached one of your limits\./);
  });

  await step('the steward names a support person', async () => {
    sam = await person(h.STEWARD);
    await go(sam, '/panels/1/support', 'support (steward)');
    await sam.page.getByLabel('Support person', { exact: true }).selectOption({ label: 'Rana Odeh' });
    await click(sam, sam.page.getByRole('button', { name: 'Save', exact: true }), 'support, the person named');
    assert.match(await main(sam), /Rana Odeh, the panel's support person, gets in touch/);
  });

  await step('a content-noted item on a meeting to come, and the co-creator steps out of it', async () => {
    const future = await planMeeting(sam, { title: 'Journey: money and benefits', days: 12 });
    const page = sam.page;
    await page.getByLabel('Item', { exact: true }).fill('Journey: letters about sanctions');
    await page.getByLabel('Why it matters', { exact: true }).fill('People have had these letters.');
    await page.getByLabel('Content note (optional)', { exact: true }).fill('Journey: talk of sanctions and debt');
    await click(sam, page.getByRole('button', { name: 'Propose the item' }), 'the meeting, with the item');

    await go(amira, future, 'the meeting to come (co-creator)');
    const text = await main(amira);
    assert.ok(text.indexOf('Journey: talk of sanctions and debt') >= 0, 'the item shows its content note');
    await click(amira, amira.page.getByRole('button', { name: 'I will step out of this item' }), 'the meeting, stepped out');
    assert.equal(await amira.page.getByRole('button', { name: 'I will stay for this item after all' }).count(), 1);
  });

  await step('a hard meeting is over; the steward recording attendance sees only that she has reached her own limit', async () => {
    pastPath = await planMeeting(sam, { title: 'Journey: living with loss', days: -1, note: 'Journey: talk of bereavement' });
    await go(sam, `${pastPath}/attendance`, 'attendance (steward)');
    const row = sam.page.locator('div.choice', { hasText: 'Amira Haddad' });
    const said = await row.innerText();
    assert.match(said, /Has reached their own limit/);
    assert.doesNotMatch(said, /\b0\b|meetings a month/i, 'never the limit itself');
    await row.getByRole('checkbox').check();
    await click(sam, sam.page.getByRole('button', { name: 'Save attendance' }), 'the past meeting, attendance saved');
  });

  await step('after the meeting, her private check-in asks someone to get in touch', async () => {
    await go(amira, pastPath, 'the past meeting (co-creator)');
    const page = amira.page;
    const text = await main(amira);
    // The content note comes before everything else about the meeting.
    assert.ok(text.indexOf('Journey: talk of bereavement') < text.indexOf('When'));
    assert.match(text, /How are you after this meeting\?/);
    assert.match(text, /Samaritans/);
    await page.getByLabel('I would like someone to get in touch', { exact: true }).check();
    await click(amira, page.getByRole('button', { name: 'Send my answer' }), 'the check-in, answered');
    assert.match(await main(amira), /Someone will get in touch with you within two days/);
  });

  await step('the support person sees the follow-up and records that it was done; the other steward cannot see it', async () => {
    rana = await person(RANA);
    await go(rana, '/panels/1', 'the panel (support person)');
    await click(rana, rana.page.getByRole('link', { name: 'Follow-ups', exact: true }), 'follow-ups');
    const card = rana.page.locator('section.card', { hasText: 'Amira Haddad' });
    assert.match(await card.innerText(), /Journey: living with loss/);
    await card.getByLabel('A short note (optional)', { exact: true }).fill('Journey: phoned her; she is OK');
    await click(rana, card.getByRole('button', { name: 'I got in touch: mark as done' }), 'follow-ups, one done');
    assert.match(await main(rana), /Nobody is waiting for you to get in touch\./);
    assert.match(await main(rana), /Done .* by Rana Odeh/);

    await go(sam, '/panels/1/follow-ups', 'follow-ups (a steward who is not the support person)');
    const text = await main(sam);
    assert.doesNotMatch(text, /Amira Haddad|phoned her/);
    assert.match(text, /Only the panel's support person sees its follow-ups\./);
  });

  await step('a concern is raised, and only the lead can read it and write part 2', async () => {
    await go(sam, '/panels/1/safeguarding', 'safeguarding (steward)');
    await sam.page.getByLabel('Name someone a safeguarding lead', { exact: true }).selectOption({ label: 'Rana Odeh' });
    await click(sam, sam.page.getByRole('button', { name: 'Name them' }), 'safeguarding, a lead named');

    await go(amira, '/panels/1/safeguarding', 'safeguarding (co-creator)');
    const page = amira.page;
    await page.getByLabel('What happened or was said', { exact: true }).fill(CONCERN);
    await page.getByLabel('When it happened', { exact: true }).fill(ukDay(-1));
    await click(amira, page.getByRole('button', { name: 'Send to the safeguarding leads' }), 'safeguarding, the concern received');
    const told = await main(amira);
    assert.match(told, /Your concern was received\./);
    assert.ok(!told.includes(CONCERN), 'she is told it was received, and nothing more');

    await go(rana, '/panels/1/safeguarding', 'safeguarding (lead)');
    await click(rana, rana.page.getByRole('link', { name: 'Open the safeguarding record' }), 'the safeguarding record');
    await click(rana, rana.page.getByRole('link', { name: /^Concern \d+, raised/ }), 'a concern');
    concernPath = new URL(rana.page.url()).pathname;
    assert.ok((await main(rana)).includes(CONCERN));
    await rana.page.getByLabel('Decision and the reasons for it', { exact: true }).fill(DECISION);
    await rana.page.getByLabel('Closed', { exact: true }).check();
    await click(rana, rana.page.getByRole('button', { name: 'Save part 2' }), 'the concern, part 2 saved');
    const record = await main(rana);
    assert.equal(await rana.page.getByLabel('Decision and the reasons for it', { exact: true }).inputValue(), DECISION);
    assert.match(record, /Status: Closed/);
    assert.match(record, /Rana Odeh: opened it/);

    for (const p of [sam, amira]) {
      await go(p, concernPath, 'a concern (not a lead)');
      const text = await main(p), html = await p.page.content();
      assert.ok(!html.includes('nobody would believe you') && !html.includes(DECISION),
        'nobody but the lead reads it');
      assert.match(text, /Only the panel's safeguarding leads can see its safeguarding record\./);
    }
  });

  await step('every page was checked and nothing went wrong in any page', async () => {
    for (const p of [sam, amira, rana]) {
      if (!p || !p.pages) continue;
      p.pages.assertAllChecked();
      h.assertNoProblems(p.context);
      await p.context.close();
    }
  });
});
