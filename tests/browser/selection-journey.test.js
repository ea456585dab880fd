'use strict';
// Journey 6, fair selection and who isn't here: a steward sets the panel a
// target (at least half disabled people, with the census share beside it)
// and posts a paid opportunity whose draw keeps it; three co-creators who
// said on their profile they are not disabled come forward, one with a
// note about access needs; the opportunity's page names the empty chair;
// two who said they are disabled come forward; the steward reads the note,
// closes it and prepares the draw; each of the five sees their own chance,
// someone who did not come forward sees none; the number is entered and
// everyone sees the result, a Yes among the places; a Yes who was chosen
// gives up their place, the replacement draw keeps the target; a draw
// checked again gives the same 1,000 groups; the panel's "who isn't here"
// page and the panel's page. axe checks every page each person loads.
//
// Demo data (src/cli/demo.c): panel 1 "Just Voices" is user-led, with Sam
// as a steward; its co-creators are read from the members API as Sam (the
// active ones, by user id), and nobody in the demo has answered the
// disability question. The server runs with --figures-every 0, so the
// report's figures are published again whenever it is safe.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const h = require('./helpers');

const PASSWORD = h.STEWARD.password;
const TITLE = 'Journey: a place on the interview panel for the new service manager';
const NOTE = 'I use a wheelchair and need a step-free room, and breaks every hour.';

let server, browser;
before(async () => {
  server = await h.startServer({ serveArgs: ['--figures-every', '0'] });
  browser = await h.launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const { person, go, click } = h.journey(() => browser, () => server);

const main = (p) => p.page.locator('main').innerText();
const mine = (p) => p.page.locator('section.my-part').innerText();

// "2026-12-20" as the forms want it typed the UK way: "20/12/2026".
function ukDay(days) {
  const [y, m, d] = h.panelDay(days).split('-').map(Number);
  return `${d}/${m}/${y}`;
}

// The names under "Who has the places".
async function placeHolders(p) {
  const list = p.page.locator('h2', { hasText: 'Who has the places' }).locator('xpath=following-sibling::ul[1]/li');
  return (await list.allInnerTexts()).map((s) => s.trim()).sort();
}

test('selection journey: a target, an opportunity, coming forward, the empty chair, the draw, each one\'s chance, the result, a replacement, a check, who isn\'t here', { timeout: h.TEST_TIMEOUT }, async (t) => {
  const step = h.steps(t);
  let sam, oppPath;
  // The co-creators: five come forward (three No, then two Yes), one does not.
  let no = [], yes = [], bystander;
  const people = () => [...no, ...yes];
  const said = new Map(); // name -> 'yes' | 'no'

  await step('the steward sets a disability target for the panel', async () => {
    sam = await person(h.STEWARD);
    await go(sam, '/panels/1/targets', 'groups and targets');
    const page = sam.page;
    await click(sam, page.getByRole('link', { name: 'Add a target for Disability' }), 'add a target for Disability');
    await page.getByLabel('Answer', { exact: true }).selectOption({ label: 'Yes' });
    await page.getByLabel('A share of the panel, in percent', { exact: true }).check();
    await page.getByLabel('At least', { exact: true }).fill('50');
    await page.getByLabel('Share in the population (optional)', { exact: true }).fill('17.8');
    await page.getByLabel('Where the share comes from (optional)', { exact: true }).fill('Census 2021');
    await page.getByLabel('Date of that figure (optional)', { exact: true }).fill('21/3/2021');
    await click(sam, page.getByRole('button', { name: 'Save' }), 'groups and targets, with the target');
    assert.equal(new URL(page.url()).pathname, '/panels/1/targets');
    const text = await main(sam);
    assert.match(text, /at least 50%/);
    assert.match(text, /17\.8% \(Census 2021, 21 March 2021\)/);
  });

  await step('the steward posts a paid opportunity whose draw keeps the target', async () => {
    const page = sam.page;
    await go(sam, '/panels/1/opportunities/new', 'post an opportunity');
    await page.getByLabel('What is it?', { exact: true }).fill(TITLE);
    await page.getByLabel('What it asks of people', { exact: true })
      .fill('Two hours of interviews at the Civic Centre, and an hour reading the applications first.');
    await page.getByLabel('How many places?', { exact: true }).fill('2');
    await page.getByLabel('By the half-day', { exact: true }).check();
    await page.getByLabel('How many hours, half-days or days', { exact: true }).fill('1');
    await page.getByLabel('Last day to come forward', { exact: true }).fill(ukDay(5));
    await page.getByRole('group', { name: 'Which of the panel\'s targets does the draw keep?' })
      .getByLabel('Disability', { exact: true }).check();
    await click(sam, page.getByRole('button', { name: 'Post it' }), 'the new opportunity (steward)');
    oppPath = new URL(page.url()).pathname;
    assert.match(oppPath, /^\/panels\/1\/opportunities\/\d+$/);
    const text = await main(sam);
    assert.match(text, /Open: come forward until/);
    assert.match(text, /Targets the draw keeps\s+Disability/);
    assert.match(text, /Nobody has come forward yet\./);

    // Six active co-creators of the panel, from the members API as the
    // steward (role and status are there).
    const r = await sam.context.request.get(server.url('/api/v1/panels/1/members?limit=500'));
    assert.equal(r.status(), 200);
    const { members } = await r.json();
    const active = members
      .filter((m) => m.role === 'co_creator' && m.status === 'active' && /^member\d+@/.test(m.email))
      .sort((a, b) => a.user_id - b.user_id);
    assert.ok(active.length >= 6, `only ${active.length} active co-creators on panel 1`);
    const six = active.slice(0, 6).map((m) => ({ email: m.email, password: PASSWORD, name: m.display_name, id: m.user_id }));
    assert.equal(new Set(six.map((m) => m.name)).size, 6, 'six different names');
    no = six.slice(0, 3);
    yes = six.slice(3, 5);
    bystander = six[5];
  });

  // A co-creator signs in, answers the disability question with consent,
  // and comes forward for the opportunity.
  async function answerAndComeForward(m, answer, note) {
    const p = await person(m);
    Object.assign(m, p);
    await go(m, '/profile', `my profile (${m.email})`);
    const page = m.page;
    await page.getByRole('group', { name: 'Do you consider yourself disabled?' })
      .getByLabel(answer, { exact: true }).check();
    await page.locator('input[name="disability__consent"]').check();
    await click(m, page.getByRole('button', { name: 'Save my profile' }), `my profile, saved (${m.email})`);
    assert.equal(new URL(page.url()).pathname, '/profile');
    assert.equal(await page.locator('input[name="disability"]:checked').getAttribute('value'), answer.toLowerCase());
    assert.ok(await page.locator('input[name="disability__consent"]').isChecked(), 'the consent was kept');
    said.set(m.name, answer.toLowerCase());

    await go(m, '/panels/1/opportunities', `opportunities (${m.email})`);
    await click(m, page.getByRole('link', { name: TITLE }), `the opportunity, open (${m.email})`);
    assert.equal(new URL(page.url()).pathname, oppPath);
    assert.match(await mine(m), /Would you like to do this\?/);
    if (note) await page.getByLabel('Anything the stewards should know (optional)', { exact: true }).fill(note);
    await click(m, page.getByRole('button', { name: 'I\'m interested' }), `the opportunity, after coming forward (${m.email})`);
    assert.match(await mine(m), /You have come forward\. You can withdraw until the draw\./);
    if (note) assert.ok((await mine(m)).includes(note), 'the note is shown back');
  }

  await step('three co-creators who are not disabled come forward, one with a note', async () => {
    for (const [i, m] of no.entries()) await answerAndComeForward(m, 'No', i === 0 ? NOTE : '');
  });

  await step('the opportunity\'s page names the empty chair: disabled people', async () => {
    for (const [p, who] of [[no[2], 'co-creator'], [sam, 'steward']]) {
      await go(p, oppPath, `the opportunity with an empty chair (${who})`);
      const box = p.page.locator('section.empty-chairs');
      assert.equal(await box.count(), 1, `the "Who isn't here?" box (${who})`);
      const text = await box.innerText();
      assert.match(text, /Who isn't here\?/);
      assert.match(text, /too few have come forward/);
      // Three came forward: too few for their figures to be shown, so the
      // chair is named with "not shown" beside it.
      assert.match(text, /Disability: Yes \(at least 1 person(; not shown)?\)/);
    }
    assert.match(await main(sam), /3 people have come forward\./);
  });

  await step('two co-creators who are disabled come forward', async () => {
    for (const m of yes) await answerAndComeForward(m, 'Yes', '');
  });

  await step('the steward sees who came forward with the note, closes it and prepares the draw', async () => {
    const page = sam.page;
    await go(sam, oppPath, 'the opportunity, five came forward (steward)');
    assert.match(await main(sam), /5 people have come forward\./);
    const table = page.getByRole('table', { name: 'Who came forward' });
    for (const m of people()) assert.equal(await table.getByRole('row', { name: new RegExp(m.name) }).count(), 1, m.name);
    assert.ok((await table.getByRole('row', { name: new RegExp(no[0].name) }).innerText()).includes(NOTE));
    // Two of five said Yes: fewer than 5, so that figure is still held
    // back, and the chair can only be named as not shown.
    const chairs = page.locator('section.empty-chairs');
    if (await chairs.count()) assert.match(await chairs.innerText(), /Disability: Yes \(at least 1 person; not shown\)/);
    await click(sam, page.getByRole('button', { name: 'Close it now' }), 'the opportunity, closed');
    assert.match(await main(sam), /Closed: waiting for the draw/);
    await click(sam, page.getByRole('button', { name: 'Prepare the draw' }), 'the opportunity, draw prepared');
    assert.equal(new URL(page.url()).hash, '#draw');
    assert.match(await main(sam), /The 1,000 possible groups are ready/);
  });

  await step('each of the five sees their own chance; someone who did not come forward sees none', async () => {
    const chances = {};
    for (const m of people()) {
      await go(m, oppPath, `the opportunity, my chance (${m.email})`);
      const text = await mine(m);
      assert.match(text, /You came forward\. The draw has not been made yet\./);
      const c = text.match(/Your chance of a place: (\d+)% \(you are in (\d+) of the 1,000 possible groups\)/);
      assert.ok(c, `${m.email} sees a chance: ${text}`);
      chances[m.name] = Number(c[1]);
    }
    // Two places for five; the target needs a Yes in every group, so each
    // Yes has at least half a chance and the chances add up to two places.
    for (const m of yes) assert.ok(chances[m.name] >= 50, `${m.name}: ${chances[m.name]}%`);
    const sum = Object.values(chances).reduce((a, b) => a + b, 0);
    assert.ok(sum >= 198 && sum <= 202, `the chances add up to two places: ${JSON.stringify(chances)}`);

    bystander = Object.assign(bystander, await person(bystander));
    await go(bystander, oppPath, 'the opportunity, did not come forward');
    const text = await mine(bystander);
    assert.match(text, /You did not come forward for this\./);
    assert.doesNotMatch(text, /Your chance/);
  });

  let chosen = [];
  await step('the steward enters the number and makes the draw; everyone sees the result', async () => {
    const page = sam.page;
    await go(sam, oppPath, 'the opportunity, ready for the number');
    await page.getByLabel('The number (or the first of two)', { exact: true }).fill('123');
    await page.getByLabel('The second number (optional)', { exact: true }).fill('900');
    await page.getByLabel('How it was chosen (optional)', { exact: true }).fill('dice at the meeting');
    await click(sam, page.getByRole('button', { name: 'Make the draw' }), 'the opportunity, drawn (steward)');
    const text = await main(sam);
    assert.match(text, /Drawn: 2 of 2 places taken/);
    // 123 + 900 = 1023, keeping the last three digits.
    assert.match(text, /Number\s+023\s+How it was chosen\s+123 \+ 900: dice at the meeting/);
    chosen = await placeHolders(sam);
    assert.equal(chosen.length, 2, `two places: ${chosen}`);
    assert.ok(chosen.some((n) => said.get(n) === 'yes'), `a Yes among ${chosen}`);

    for (const m of people()) {
      await go(m, oppPath, `the opportunity, drawn (${m.email})`);
      const text = await mine(m);
      if (chosen.includes(m.name)) assert.match(text, /You have a place\./, m.email);
      else assert.match(text, /You were not chosen this time\./, m.email);
      assert.deepEqual(await placeHolders(m), chosen, `the places as ${m.email} sees them`);
    }
    await go(bystander, oppPath, 'the opportunity, drawn (did not come forward)');
    assert.match(await mine(bystander), /You did not come forward for this\./);
  });

  await step('a chosen Yes gives up their place; the replacement draw keeps the target', async () => {
    const quitter = yes.find((m) => chosen.includes(m.name));
    await click(quitter, quitter.page.getByRole('button', { name: 'I can no longer do this: give up my place' }),
      'the opportunity, after giving up my place');
    assert.match(await mine(quitter), /You gave up your place\./);
    assert.equal((await placeHolders(quitter)).length, 1);

    const page = sam.page;
    await go(sam, oppPath, 'the opportunity, a place free');
    assert.match(await main(sam), /Drawn: 1 of 2 places taken/);
    await click(sam, page.getByRole('button', { name: 'Prepare a replacement draw' }), 'the replacement draw, prepared');
    await page.getByLabel('The number (or the first of two)', { exact: true }).fill('456');
    await page.getByLabel('How it was chosen (optional)', { exact: true }).fill('a steward\'s number');
    await click(sam, page.getByRole('button', { name: 'Make the draw' }), 'the replacement draw, made');
    assert.match(await main(sam), /Drawn: 2 of 2 places taken/);
    const now = await placeHolders(sam);
    assert.equal(now.length, 2, `two places again: ${now}`);
    assert.ok(!now.includes(quitter.name), `${quitter.name} gave up their place`);
    assert.ok(now.some((n) => said.get(n) === 'yes'), `still a Yes among ${now}`);

    const other = yes.find((m) => m !== quitter);
    await go(other, oppPath, 'the opportunity, after the replacement draw');
    assert.match(await mine(other), /You have a place\./);
  });

  await step('someone checks the draws again: the same 1,000 groups', async () => {
    const p = no[0];
    await go(p, oppPath, 'the opportunity, the record of the draws');
    const checks = p.page.getByRole('button', { name: 'Check this draw again' });
    assert.equal(await checks.count(), 2, 'the draw and the replacement');
    for (let i = 0; i < 2; i++) {
      const fingerprint = (await p.page.locator('#draw ~ dl.summary code').nth(i).innerText()).trim();
      await click(p, checks.nth(i), `checking the draw (${i + 1})`);
      const text = await main(p);
      assert.match(text, /Run again from its record, the draw gives the same 1,000 groups\./);
      assert.ok(text.includes(fingerprint), 'the fingerprint is the recorded one');
      await click(p, p.page.getByRole('link', { name: 'Back', exact: true }), 'the opportunity, after the check');
    }
  });

  await step('a co-creator sees who isn\'t here and the panel\'s page', async () => {
    const p = bystander;
    await go(p, '/panels/1/who-isnt-here', 'who isn\'t here (co-creator)');
    assert.match(await main(p), /Disability/);
    await go(p, '/panels/1', 'the panel (co-creator)');
    // At least half of the panel disabled: two of its members said so.
    const box = p.page.locator('section.empty-chairs');
    assert.match(await box.innerText(), /Disability: Yes \(at least 50%/);
  });

  await step('every page was checked and nothing went wrong in any page', async () => {
    for (const p of [sam, ...people(), bystander]) {
      if (!p || !p.pages) continue;
      p.pages.assertAllChecked();
      h.assertNoProblems(p.context);
      await p.context.close();
    }
  });
});
