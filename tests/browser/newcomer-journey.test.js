'use strict';
// Journey 6: what got in a new user's way (issue 18, point 7), on a
// 390 px phone: a meeting planned with a date and times typed the UK way,
// with a long pasted web address that must not widen the page; an
// invitation whose page can be reloaded without making a second one; an
// agenda item's content note shown before its paper; and a member told,
// with a count in the menu, that the agenda is out. axe checks every page.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const AMIRA = { email: 'amira@demo.emptychair.org', password: 'kettle river orange lamp' };
const LONG_URL = 'https://meet.example.org/' + 'averyveryverylongroomnamewithoutanyspaces'.repeat(5);

let server, browser;
before(async () => {
  server = await h.startServer();
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

function fitsThePhone(page, label) {
  return h.assertNoSidewaysScroll(page, label, 390);
}

test('a newcomer: UK dates, a reload after inviting, a long address on a phone, a content note, a notice',
  { timeout: h.TEST_TIMEOUT }, async () => {
    const context = await h.newContext(browser, PHONE);
    const sam = await context.newPage();
    const pages = h.trackPages(sam);
    await h.signIn(sam, server, h.STEWARD);
    await h.checkA11y(sam, 'my panels');

    // A meeting, typed as people in the UK write dates and times.
    await sam.goto(server.url('/panels/1/meetings'));
    await h.checkA11y(sam, 'meetings');
    await sam.fill('input[name=title]', 'Typed the UK way ZQB');
    await sam.fill('input[name=date]', 'Thursday 11 December 2031');
    await sam.fill('input[name=start_time]', '2pm');
    await sam.fill('input[name=end_time]', '3.30 pm');
    await sam.fill('input[name=online_url]', LONG_URL);
    await h.navigates(sam, () => sam.getByRole('button', { name: /Plan the meeting|Add the meeting|Create/ }).click());
    assert.match(new URL(sam.url()).pathname, /^\/panels\/1\/meetings\/\d+$/);
    const meetingPath = new URL(sam.url()).pathname;
    await h.checkA11y(sam, 'the new meeting');
    assert.ok((await sam.textContent('main')).includes('11 December 2031, 14:00 to 11 December 2031, 15:30'),
      'the page says the date and times it understood');
    await fitsThePhone(sam, 'a meeting with a long online address');

    // An invitation: the form answers with a redirect, so reloading the
    // page it leads to makes no second invitation and shows no link again.
    await sam.goto(server.url('/panels/1/members'));
    await h.checkA11y(sam, 'members');
    const form = sam.locator('form', { has: sam.locator('input[name=email]') });
    assert.ok(await form.isVisible());
    await sam.fill('input[name=email]', 'new.face@example.org');
    await h.navigates(sam, () => sam.getByRole('button', { name: 'Make an invitation' }).click());
    await h.checkA11y(sam, 'invitation made');
    assert.ok((await sam.textContent('main')).includes('/accept-invitation?t='), 'the link is shown');
    await h.navigates(sam, () => sam.reload());
    await h.checkA11y(sam, 'members, reloaded');
    const main = await sam.textContent('main');
    assert.ok(!main.includes('/accept-invitation?t='), 'the link is shown once');
    assert.equal(await sam.locator('li', { hasText: 'new.face@example.org' }).count(), 1,
      'one invitation waiting, not two');

    // Amira proposes an item with a content note; the steward adds a paper
    // for it and publishes the agenda.
    const amiraContext = await h.newContext(browser, PHONE);
    const amira = await amiraContext.newPage();
    const amiraPages = h.trackPages(amira);
    await h.signIn(amira, server, AMIRA);
    await h.checkA11y(amira, 'my panels (amira)');
    await amira.goto(server.url(meetingPath));
    await h.checkA11y(amira, 'the meeting (amira)');
    await amira.fill('input[name=title]', 'Debt and benefits ZQB');
    await amira.fill('textarea[name=why]', 'Many of us are struggling');
    await amira.fill('input[name=content_note]', 'Talks about debt');
    await h.navigates(amira, () => amira.getByRole('button', { name: 'Propose the item' }).click());
    await h.checkA11y(amira, 'the meeting, item proposed');

    await sam.goto(server.url(meetingPath + '/papers/new'));
    await h.checkA11y(sam, 'a new paper');
    await sam.fill('input[name=title]', 'Where to get advice ZQB');
    await sam.fill('textarea[name=summary]', 'Places that help with debt');
    await sam.selectOption('select[name=item_id]', { label: 'Debt and benefits ZQB' });
    await sam.fill('textarea[name=markdown]', 'Call the helpline.');
    await h.navigates(sam, () => sam.getByRole('button', { name: /Add the paper|Save/ }).click());
    await h.checkA11y(sam, 'the paper (steward)');
    await sam.goto(server.url(meetingPath));
    await h.checkA11y(sam, 'the meeting (steward)');
    await h.navigates(sam, () => sam.getByRole('button', { name: 'Publish the agenda' }).click());
    await h.checkA11y(sam, 'the agenda published');

    // Amira is told, with a count in the menu, and the note comes first.
    await amira.goto(server.url('/panels'));
    await h.checkA11y(amira, 'my panels, with a notice');
    const notices = amira.getByRole('link', { name: /^Notices \d+ new$/ });
    assert.equal(await notices.count(), 1, 'the menu counts new notices in words');
    await h.navigates(amira, () => notices.click());
    await h.checkA11y(amira, 'notices');
    assert.ok((await amira.textContent('main')).includes('The agenda for "Typed the UK way ZQB" is published'));
    await amira.goto(server.url(meetingPath));
    await h.checkA11y(amira, 'the meeting, published');
    await h.navigates(amira, () => amira.getByRole('link', { name: 'Where to get advice ZQB', exact: true }).click());
    await h.checkA11y(amira, 'the paper');
    const text = await amira.textContent('main');
    assert.ok(text.indexOf('Content note: Talks about debt') >= 0, 'the content note is on the paper');
    assert.ok(text.indexOf('Content note: Talks about debt') < text.indexOf('Call the helpline.'),
      'the content note comes before the paper');
    await fitsThePhone(amira, 'the paper');

    pages.assertAllChecked();
    amiraPages.assertAllChecked();
    h.assertNoProblems(context);
    h.assertNoProblems(amiraContext);
    await amiraContext.close();
    await context.close();
  });
