'use strict';
// Shared pieces of the browser journeys: a throwaway server on demo data,
// Debian's chromium driven by playwright-core, axe-core checks, and small
// keyboard helpers. Test files are *.test.js; this module is not one.
//
// Contracts:
// - startServer() gives a server on 127.0.0.1 with a fresh demo database in
//   its own temp directory; stop() ends it by its PID and removes the
//   directory, and fails the test if the server logged a 5xx answer; its
//   cli(...args) runs the same binary's command line on that database.
// - checkA11y(page, label) runs axe on the page as it is now and throws a
//   readable list of violations if there are any.
// - trackPages(page) records every document the page loads, so a journey can
//   assert at its end that axe looked at every one of them.

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const REPO = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(REPO, process.env.EMPTYCHAIR_BIN || 'build/src/emptychair');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// A journey that hangs fails after this long rather than holding up the run.
const TEST_TIMEOUT = 180000;

const STEWARD = { email: 'sam@demo.emptychair.org', password: 'kettle river orange lamp' };

// The server and chromium talk to 127.0.0.1 only: no proxy, ever.
function cleanEnv(extra) {
  const env = { ...process.env };
  for (const k of Object.keys(env))
    if (/^(https?|all|no)_proxy$/i.test(k)) delete env[k];
  return { ...env, EMPTYCHAIR_PWHASH: 'minimum', no_proxy: '*', NO_PROXY: '*', ...extra };
}

// serveArgs are added to the serve command line, e.g. ['--figures-every', '0'].
async function startServer({ serveArgs = [] } = {}) {
  assert.ok(fs.existsSync(BIN), `no server binary at ${BIN} (build it, or set EMPTYCHAIR_BIN)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emptychair-browser-'));
  const db = path.join(dir, 't.db');
  const env = cleanEnv();
  const demo = spawnSync(BIN, ['--db', db, 'demo'], { env, encoding: 'utf8', timeout: 30000 });
  assert.equal(demo.status, 0, `demo data failed: ${demo.stderr}`);

  const child = spawn(BIN, ['--db', db, 'serve', '--port', '0', ...serveArgs], {
    env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, sig) => resolve({ code, sig })));

  const base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 15 s:\n${stderr}`)), 15000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    exited.then(({ code, sig }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? sig}) before listening:\n${stderr}`));
    });
  });

  return {
    base,
    url: (p) => base + p,
    log: () => stderr,
    db,
    // Runs the same binary's command line on this server's database, as an
    // operator would ("outbox", "--limit", "5"); returns what it printed.
    cli(...args) {
      const r = spawnSync(BIN, ['--db', db, ...args], { env, encoding: 'utf8', timeout: 30000 });
      assert.equal(r.status, 0, `emptychair ${args.join(' ')} failed: ${r.error || r.signal || r.stderr}`);
      return r.stdout;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid, 'SIGTERM');
        const t = setTimeout(() => { if (child.exitCode === null) process.kill(child.pid, 'SIGKILL'); }, 5000);
        await exited;
        clearTimeout(t);
      }
      fs.rmSync(dir, { recursive: true, force: true });
      // Access log lines look like "GET /path 200 1.3ms 1425".
      const bad = stderr.split('\n').filter((l) => /^[A-Z]+ \S+ 5\d\d /.test(l));
      assert.deepEqual(bad, [], 'the server answered with a 5xx');
    },
  };
}

// playwright's launch() gives chromium a fresh temporary user-data dir of
// its own and removes it on close (it refuses --user-data-dir in args).
async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    env: cleanEnv(),
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-quic', '--no-proxy-server',
    ],
  });
}

// A context that fails the test on any script error, console error (CSP
// violations are reported there) or failed request in the page.
async function newContext(browser, options = {}) {
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  context.problems = [];
  context.on('page', (page) => watchPage(page, context.problems));
  return context;
}

function watchPage(page, problems) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
}

function assertNoProblems(context) {
  // A 4xx answer is logged by chromium as a console error ("Failed to load
  // resource"); the journeys open 400 and 404 pages on purpose.
  const real = context.problems.filter((p) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(p));
  assert.deepEqual(real, [], 'problems in the page');
}

function trackPages(page) {
  const loads = [];
  page.on('domcontentloaded', () => loads.push({ url: page.url(), checked: false }));
  page.a11yLoads = loads;
  return {
    assertAllChecked() {
      const missed = loads.filter((l) => !l.checked).map((l) => l.url);
      assert.deepEqual(missed, [], 'pages that axe did not check');
      assert.ok(loads.length > 0);
    },
    count: () => loads.length,
  };
}

function formatViolations(label, url, violations) {
  const lines = [`axe found ${violations.length} violation(s) on ${label} (${url}):`];
  for (const v of violations) {
    lines.push(`- [${v.impact}] ${v.id}: ${v.help}\n  ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 8)) {
      lines.push(`    at ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}`);
      const why = n.failureSummary ? n.failureSummary.replace(/\n/g, ' ') : '';
      if (why) lines.push(`      ${why.slice(0, 300)}`);
    }
    if (v.nodes.length > 8) lines.push(`    ...and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

// Runs axe on the page as it is. axe is put into the page with
// page.evaluate (the DevTools protocol, which the page's Content-Security-
// Policy "script-src 'self'" does not govern), so the page keeps its real
// CSP: no bypassCSP, and a style or script the CSP blocked would show here.
async function checkA11y(page, label) {
  await page.waitForLoadState('load');
  const hasAxe = await page.evaluate(() => typeof window.axe === 'object');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  const loads = page.a11yLoads;
  if (loads && loads.length) loads[loads.length - 1].checked = true;
  if (result.length) assert.fail(formatViolations(label, page.url(), result));
}

// Waits for the navigation that fn starts (a click, a key press) to
// finish; returns its response.
async function navigates(page, fn) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), fn()]);
  return response;
}

// Steps of one journey, as subtests: once a step fails the later ones are
// skipped, since they build on it, rather than failing for a second reason.
function steps(t) {
  let failed = null;
  return (name, fn) => t.test(name, { skip: failed ? `after "${failed}" failed` : false }, async (st) => {
    try {
      await fn(st);
    } catch (e) {
      failed = name;
      throw e;
    }
  });
}

// ---- keyboard ----

// Presses Tab (or Shift+Tab) until the focused element matches the CSS
// selector; fails after max presses. Returns the number of presses.
async function tabTo(page, selector, { max = 120, back = false } = {}) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), selector))
      return i;
  }
  const at = await describeFocus(page);
  throw new Error(`${max} ${back ? 'Shift+Tab' : 'Tab'} presses did not reach ${selector} (focus is on ${at})`);
}

async function describeFocus(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return 'body';
    return `<${e.tagName.toLowerCase()}${e.id ? ' id=' + e.id : ''}${e.name ? ' name=' + e.name : ''}> ${(e.textContent || e.value || '').trim().slice(0, 40)}`;
  });
}

// How the focused element shows its focus, or null when it shows none.
// Its computed style is compared with an unfocused copy of it put beside
// it for a moment (without name or id, so a radio's group is untouched):
// a visible outline, or a box-shadow, background, colour, border or
// underline that differs, counts as a focus indicator.
async function focusIndicator(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const props = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor',
      'color', 'borderTopColor', 'borderBottomColor', 'textDecorationLine'];
    const snap = (el) => { const cs = getComputedStyle(el); return Object.fromEntries(props.map((p) => [p, cs[p]])); };
    const focused = snap(e);
    const copy = e.cloneNode(false);
    for (const a of ['id', 'name', 'autofocus', 'tabindex']) copy.removeAttribute(a);
    e.parentNode.insertBefore(copy, e.nextSibling);
    const plain = snap(copy);
    copy.remove();
    const clear = (c) => /^transparent$|rgba\(\d+, \d+, \d+, 0\)/.test(c);
    const ways = [];
    if (focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) > 0 && !clear(focused.outlineColor))
      ways.push(`outline ${focused.outlineWidth} ${focused.outlineStyle} ${focused.outlineColor}`);
    for (const p of props.slice(3))
      if (focused[p] !== plain[p]) ways.push(`${p} ${plain[p]} -> ${focused[p]}`);
    return ways.length ? ways.join('; ') : null;
  });
}

async function assertFocusVisible(page, what) {
  const how = await focusIndicator(page);
  assert.ok(how, `focus is not visible on ${what} (${await describeFocus(page)})`);
  return how;
}

// Signs in with the mouse and the form; axe checks the sign-in page.
async function signIn(page, server, who) {
  await page.goto(server.url('/sign-in'));
  await checkA11y(page, 'sign-in page');
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await navigates(page, () => page.getByRole('button', { name: 'Sign in' }).click());
  assert.equal(new URL(page.url()).pathname, '/panels');
}

// The date `days` from now in the demo panels' zone, as forms want it
// ("2026-11-23").
function panelDay(days = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric',
    month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86400e3));
}

// For journeys with several people: each person in their own browser
// context, signed in, and every page they load checked by axe. The
// browser and server are read when called (they are made in before()).
function journey(getBrowser, getServer) {
  async function person(who) {
    const context = await newContext(getBrowser());
    const page = await context.newPage();
    const pages = trackPages(page);
    await signIn(page, getServer(), who);
    await checkA11y(page, `my panels (${who.email})`);
    return { context, page, pages };
  }
  async function go(p, path, label) {
    await p.page.goto(getServer().url(path));
    await checkA11y(p.page, label);
  }
  async function click(p, locator, label) {
    await navigates(p.page, () => locator.click());
    await checkA11y(p.page, label);
  }
  return { person, go, click };
}

function shotsDir() {
  const dir = process.env.EMPTYCHAIR_SHOTS || path.join(os.tmpdir(), 'shots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// Fails unless the page fits its viewport of `width` CSS pixels: nothing
// makes it scroll sideways (on a phone that hides half of every line).
async function assertNoSidewaysScroll(page, label, width) {
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    // The widest elements, to say what pushes the page out if it does.
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5).map((e) => `<${e.tagName.toLowerCase()} class="${e.className}"> right=${Math.round(e.getBoundingClientRect().right)}`),
  }));
  assert.equal(m.innerWidth, width, 'the phone viewport is in force');
  assert.ok(m.scrollWidth <= m.innerWidth,
    `${label} scrolls sideways: scrollWidth ${m.scrollWidth} > ${m.innerWidth}\n${m.wide.join('\n')}`);
}

module.exports = {
  REPO, BIN, STEWARD, TEST_TIMEOUT, startServer, launchBrowser, newContext, assertNoProblems, trackPages,
  assertNoSidewaysScroll,
  checkA11y, navigates, steps, tabTo, describeFocus, focusIndicator, assertFocusVisible, signIn, journey, panelDay,
  shotsDir,
};
