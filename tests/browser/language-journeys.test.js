'use strict';
// One journey in Arabic (right to left) and in Polish, led by the panel's
// language: a steward sets the panel's main language and invites a new
// co-creator; the invitation e-mail is in that language; the newcomer, in a
// browser that asks for English, opens the link and reads every page in the
// panel's language (Arabic mirrored), joins, fills in one answer of the
// profile, says something to the panel and sees it listed; the steward
// responds; the newcomer reads the notice, and the e-mail about it, in the
// language. axe checks every page the newcomer sees, and each is kept as a
// screenshot, journey-LANG-STEP.png in $EMPTYCHAIR_SHOTS.
//
// The words expected are read from the built catalogues (build/po, beside
// the binary, the ones the server reads), never written here, so the test
// follows the translators; it fails when one it needs is not translated.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const CATALOGUES = path.resolve(path.dirname(h.BIN), '..', 'po');

// A compiled catalogue (.mo) as a Map from msgid to translation: the
// format's header, then two tables of (length, offset) pairs, originals
// and translations. Only what these pages need: no plurals, no contexts.
function readCatalogue(lang) {
  const file = path.join(CATALOGUES, lang, 'LC_MESSAGES', 'emptychair.mo');
  assert.ok(fs.existsSync(file), `no catalogue at ${file} (build it: ninja -C build)`);
  const mo = fs.readFileSync(file);
  const magic = mo.readUInt32LE(0);
  const le = magic === 0x950412de;
  assert.ok(le || magic === 0xde120495, `${file} is not a .mo file`);
  const u32 = (at) => (le ? mo.readUInt32LE(at) : mo.readUInt32BE(at));
  const count = u32(8), originals = u32(12), translations = u32(16);
  const str = (table, i) => {
    const len = u32(table + 8 * i), at = u32(table + 8 * i + 4);
    return mo.toString('utf8', at, at + len);
  };
  const map = new Map();
  for (let i = 0; i < count; i++) {
    const id = str(originals, i);
    if (id) map.set(id, str(translations, i));
  }
  return map;
}

// The words a translation of msgid in lang, failing if there is none: a
// page in that language would show the English.
function translator(lang) {
  const catalogue = readCatalogue(lang);
  return (msgid) => {
    const t = catalogue.get(msgid);
    assert.ok(t && t !== msgid, `"${msgid}" is not translated in po/${lang}.po`);
    return t;
  };
}

// A format filled as the program fills one (core/lang.c, lang_format):
// each %s, or %N$s, takes a value; %% is a percent sign.
function fill(fmt, ...values) {
  let next = 0;
  return fmt.replace(/%(%|(\d+)\$s|s)/g, (all, what, pos) =>
    (what === '%' ? '%' : values[pos ? Number(pos) - 1 : next++]));
}

const quote = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The outbox as `emptychair outbox` prints it: each message's recipient,
// kind, state and subject.
function outbox(server) {
  const out = server.cli('outbox', '--limit', '5');
  return [...out.matchAll(/^--- #(\d+) (\S+) to (\S+): (.*)\nSubject: (.*)$/gm)]
    .map(([, id, kind, to, state, subject]) => ({ id: Number(id), kind, to, state, subject }));
}

// Whether the page's first heading sits against the right edge of the
// page's column, as in languages.test.js: its words end at the right and
// do not start at the left.
async function assertMirrored(page, label) {
  const m = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('main h1'));
    const words = range.getBoundingClientRect();
    const main = document.querySelector('main').getBoundingClientRect();
    return { left: words.left, right: words.right, mainLeft: main.left, mainRight: main.right };
  });
  assert.ok(m.right > m.mainRight - 2, `${label}: the heading ends at the right (${m.right} of ${m.mainRight})`);
  assert.ok(m.left > m.mainLeft + 10, `${label}: and does not start at the left (${m.left})`);
}

const WHAT_DONE = 'Meetings move to 14:00 from next month.';

let browser;
before(async () => { browser = await h.launchBrowser(); });
after(async () => { if (browser) await browser.close(); });

const JOURNEYS = [
  { lang: 'ar', dir: 'rtl', panel: 1, name: 'Arabic',
    newcomer: { email: 'layla.ar@example.org', name: 'Layla Haddad', password: 'quiet olive tram seven lanterns',
      pronouns: 'هي', idea: 'مواعيد الاجتماعات بعد الظهر تناسب من لديهم أطفال في المدرسة' } },
  { lang: 'pl', dir: 'ltr', panel: 2, name: 'Polish',
    newcomer: { email: 'zofia.pl@example.org', name: 'Zofia Wiśniewska', password: 'amber ferry nine quiet owls',
      pronouns: 'ona/jej', idea: 'Spotkania po południu pasują rodzicom dzieci w wieku szkolnym' } },
];

for (const J of JOURNEYS) {
  test(`the journey in ${J.name}: the panel's language from the invitation to a response`,
    { timeout: h.TEST_TIMEOUT }, async (t) => {
      const tr = translator(J.lang);
      const who = J.newcomer;
      const step = h.steps(t);
      // A server of its own: this journey shares nothing with the other.
      const server = await h.startServer();
      t.after(() => server.stop());
      const panelPath = `/panels/${J.panel}`;
      let panelName, link, contributionPath, newcomer, newcomerPages, steward, stewardPages;

      // Every page the newcomer sees: in the language, axe, a screenshot.
      let shot = 0;
      async function sees(label) {
        const page = newcomer;
        assert.equal(await page.locator('html').getAttribute('lang'), J.lang, `${label} is in ${J.name}`);
        assert.equal(await page.locator('html').getAttribute('dir'), J.dir, `${label} reads ${J.dir}`);
        await h.checkA11y(page, `${label} (${J.name})`);
        shot += 1;
        const name = `journey-${J.lang}-${String(shot).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-')}.png`;
        await page.screenshot({ path: path.join(h.shotsDir(), name), fullPage: true });
      }

      await step(`the steward makes ${J.name} the panel's language and invites a co-creator`, async () => {
        const context = await h.newContext(browser);
        steward = await context.newPage();
        stewardPages = h.trackPages(steward);
        await h.signIn(steward, server, h.STEWARD);
        await h.checkA11y(steward, 'my panels (steward)');

        await steward.goto(server.url(`${panelPath}/edit`));
        await h.checkA11y(steward, 'edit the panel');
        panelName = await steward.getByLabel('Name', { exact: true }).inputValue();
        assert.ok(panelName.length > 0);
        await steward.getByLabel('Main language').fill(J.lang);
        await h.navigates(steward, () => steward.getByRole('button', { name: 'Save changes' }).click());
        assert.equal(new URL(steward.url()).pathname, panelPath);
        // A steward who chose no language reads the panel's pages in its own.
        assert.equal(await steward.locator('html').getAttribute('lang'), J.lang);
        await h.checkA11y(steward, `the panel, now in ${J.name} (steward)`);

        await h.navigates(steward, () => steward.getByRole('link', { name: tr('Members and invitations') }).click());
        assert.equal(new URL(steward.url()).pathname, `${panelPath}/members`);
        await h.checkA11y(steward, 'members (steward)');
        await steward.getByLabel(tr('Their e-mail address')).fill(who.email);
        await steward.getByLabel(tr('Co-creator'), { exact: true }).check();
        await h.navigates(steward, () => steward.getByRole('button', { name: tr('Make an invitation') }).click());
        const made = steward.getByRole('status').filter({ hasText: tr('Invitation made') });
        await made.waitFor();
        await h.checkA11y(steward, 'members, invitation made (steward)');
        link = await made.getByRole('link').getAttribute('href');
        assert.match(link, /\/accept-invitation\?t=[A-Za-z0-9_-]+$/);
      });

      await step(`the invitation e-mail is in ${J.name}`, async () => {
        const english = fill('You are invited to join %s', panelName);
        const subject = fill(tr('You are invited to join %s'), panelName);
        assert.notEqual(subject, english);
        const mail = outbox(server).filter((m) => m.to === who.email);
        assert.equal(mail.length, 1, 'one message to the newcomer');
        assert.equal(mail[0].kind, 'invitation');
        assert.equal(mail[0].subject, subject);
      });

      await step(`the newcomer joins, in a browser that asks for English, and reads ${J.name}`, async () => {
        const context = await h.newContext(browser); // en-GB, no cookies
        newcomer = await context.newPage();
        newcomerPages = h.trackPages(newcomer);
        const u = new URL(link);
        await newcomer.goto(server.url(u.pathname + u.search));
        await newcomer.getByRole('button', { name: tr('Accept and join') }).waitFor();
        await sees('invitation');

        await newcomer.getByLabel(tr('Your name')).fill(who.name);
        await newcomer.getByLabel(tr('Choose a password')).fill(who.password);
        await h.navigates(newcomer, () => newcomer.getByRole('button', { name: tr('Accept and join') }).click());
        assert.equal(new URL(newcomer.url()).pathname, '/profile');
        await newcomer.getByRole('heading', { name: fill(tr('Welcome to %s'), panelName) }).waitFor();
        await newcomer.getByRole('heading', { level: 1, name: tr('My profile') }).waitFor();
        await sees('welcome');
        if (J.dir === 'rtl') await assertMirrored(newcomer, 'the profile page');
      });

      await step('the newcomer answers one question of the profile and saves', async () => {
        await newcomer.getByLabel(tr('Pronouns'), { exact: true }).fill(who.pronouns);
        await h.navigates(newcomer, () => newcomer.getByRole('button', { name: tr('Save my profile') }).click());
        assert.equal(new URL(newcomer.url()).search, '?saved=1');
        await newcomer.getByRole('status').filter({ hasText: tr('Your profile has been saved.') }).waitFor();
        assert.equal(await newcomer.getByLabel(tr('Pronouns'), { exact: true }).inputValue(), who.pronouns);
        await sees('profile-saved');
        if (J.dir === 'rtl') await assertMirrored(newcomer, 'the saved profile');
      });

      await step('the newcomer goes to the panel and says something to it', async () => {
        const menu = newcomer.getByRole('navigation', { name: tr('Main'), exact: true });
        await h.navigates(newcomer, () => menu.getByRole('link', { name: tr('My panels'), exact: true }).click());
        await sees('my-panels');
        await h.navigates(newcomer, () => newcomer.getByRole('main').getByRole('link', { name: panelName }).click());
        assert.equal(new URL(newcomer.url()).pathname, panelPath);
        await newcomer.getByRole('heading', { level: 1, name: panelName }).waitFor();
        await sees('panel');
        if (J.dir === 'rtl') await assertMirrored(newcomer, 'the panel page');

        await h.navigates(newcomer, () => newcomer.getByRole('link', { name: tr('You said, we did'), exact: true }).click());
        assert.equal(new URL(newcomer.url()).pathname, `${panelPath}/contributions`);
        await sees('contributions');
        await newcomer.getByLabel(tr('An idea'), { exact: true }).check();
        await newcomer.getByLabel(tr('What do you want to say?')).fill(who.idea);
        await newcomer.getByLabel(tr('With my name'), { exact: true }).check();
        await h.navigates(newcomer, () => newcomer.getByRole('button', { name: tr('Send it to the panel') }).click());
        contributionPath = new URL(newcomer.url()).pathname;
        assert.match(contributionPath, new RegExp(`^${panelPath}/contributions/\\d+$`));
        assert.ok((await newcomer.getByRole('main').innerText()).includes(who.idea), 'what was said is shown');
        await sees('contribution');

        await h.navigates(newcomer, () => newcomer.getByRole('link', { name: tr('Back to You said, we did') }).click());
        assert.equal(new URL(newcomer.url()).pathname, `${panelPath}/contributions`);
        assert.ok((await newcomer.getByRole('main').innerText()).includes(who.idea), 'and listed');
        await sees('contributions-listed');
      });

      await step('the steward responds: adopted', async () => {
        await steward.goto(server.url(contributionPath));
        await h.checkA11y(steward, 'the contribution (steward)');
        assert.ok((await steward.getByRole('main').innerText()).includes(who.idea));
        await steward.getByLabel(tr('Adopted'), { exact: true }).check();
        await steward.getByLabel(tr('What was done, or will be done')).fill(WHAT_DONE);
        await steward.getByLabel(tr('Who decided')).fill('Sam Steward');
        await h.navigates(steward, () => steward.getByRole('button', { name: tr('Send the response') }).click());
        assert.equal(new URL(steward.url()).pathname, contributionPath);
        await h.checkA11y(steward, 'the contribution, responded (steward)');
        stewardPages.assertAllChecked();
        h.assertNoProblems(steward.context());
        await steward.context().close();
      });

      await step(`the newcomer reads the notice, and the e-mail about it, in ${J.name}`, async () => {
        // The list the newcomer left open, again: what became of it.
        await newcomer.reload({ waitUntil: 'load' });
        const card = newcomer.getByRole('article').filter({ hasText: who.idea }).first();
        assert.ok((await card.innerText()).includes(tr('Adopted')), 'the card says it was adopted');
        assert.ok((await card.innerText()).includes(WHAT_DONE), 'and what was done');
        await sees('contributions-responded');
        const menu = newcomer.getByRole('navigation', { name: tr('Main'), exact: true });
        const notices = menu.getByRole('link', { name: new RegExp(`^${quote(tr('Notices'))} 1 ${quote(tr('new'))}$`) });
        assert.equal(await notices.count(), 1, 'the menu counts one new notice, in words');
        await h.navigates(newcomer, () => notices.click());
        assert.equal(new URL(newcomer.url()).pathname, '/notices');
        await newcomer.getByRole('heading', { level: 1, name: tr('Notices') }).waitFor();
        const adopted = tr('Adopted');
        const english = fill('%s responded to something you said: %s.', panelName, 'Adopted');
        const said = fill(tr('%s responded to something you said: %s.'), panelName, adopted);
        assert.notEqual(said, english);
        const notice = newcomer.getByRole('main').getByRole('link', { name: said, exact: true });
        assert.equal(await notice.count(), 1, `the notice reads "${said}"`);
        assert.equal((await notice.innerText()).trim(), said);
        await sees('notices');

        const subject = fill(tr('News about what you said to %s'), panelName);
        assert.notEqual(subject, fill('News about what you said to %s', panelName));
        const mail = outbox(server).filter((m) => m.to === who.email && m.kind !== 'invitation');
        assert.equal(mail.length, 1, `one message about the response: ${JSON.stringify(mail)}`);
        assert.equal(mail[0].subject, subject);

        newcomerPages.assertAllChecked();
        h.assertNoProblems(newcomer.context());
        await newcomer.context().close();
      });
    });
}
