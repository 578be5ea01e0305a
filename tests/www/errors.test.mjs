// Errors (issue 14, item 4): the visitor reads a short message in their language with a retry,
// never developer text; the owner's title stays; the owner gets one console.error and a
// bookable:error event with code, path and message; an invalid `picker.request` throws at once
// with the engine's error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, waitForSlots, events } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Everything the visitor can read in the picker (visible text and labels). */
const visibleText = (picker) => picker.evaluate((el) => {
  const root = el.shadowRoot;
  const parts = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (child.parentElement.checkVisibility() && child.textContent.trim()) parts.push(child.textContent.trim());
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        for (const a of ['aria-label', 'title', 'placeholder']) if (child.getAttribute(a) && child.checkVisibility()) parts.push(child.getAttribute(a));
        walk(child);
      }
    }
  };
  walk(root);
  return parts.join(' | ');
});

test('a missing configuration (HTTP 404), in German: a German message and a retry; the owner gets the details', async () => {
  const { context, page, problems } = await openPage(browser, '/embed.html?config=/fixtures/does-not-exist.json', { locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  try {
    const picker = page.locator('bookable-picker');
    await picker.locator('.error').waitFor({ state: 'visible' });
    // The error can show before the page's language has loaded; its text follows at once.
    await picker.locator('.error-text').filter({ hasText: 'Diese Buchungsseite' }).waitFor();
    assert.equal(await picker.locator('.title').textContent(), 'Termin buchen');
    assert.equal(await picker.locator('.error-text').textContent(), 'Diese Buchungsseite kann gerade keine Zeiten anzeigen. Bitte versuchen Sie es später erneut.');
    assert.equal(await picker.locator('button.retry').textContent(), 'Erneut versuchen');
    assert.equal(await picker.locator('.error').getAttribute('role'), 'alert');
    const text = await visibleText(picker);
    for (const dev of ['HTTP', '404', 'does-not-exist', 'http_error', 'Unknown', 'Loading']) assert.ok(!text.includes(dev), `"${dev}" is not shown: ${text}`);
    assert.deepEqual((await events(page, 'error')).map((e) => e.detail), [
      { code: 'http_error', path: '', message: 'HTTP 404 for /fixtures/does-not-exist.json', status: 404 },
    ]);
    const [event] = await events(page, 'error');
    assert.equal(event.bubbles && event.composed, true);
    // the browser logs the failed request itself; the element adds one line of its own
    const ours = problems.console.filter((m) => m.startsWith('<bookable-picker>'));
    assert.deepEqual(ours, ['<bookable-picker>: http_error: HTTP 404 for /fixtures/does-not-exist.json']);
    assert.equal(await picker.locator('.card').getAttribute('aria-busy'), null);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('a request the engine refuses: the owner\'s title stays, the visitor reads German, the owner the engine\'s error', async () => {
  const { context, page, problems } = await openPage(browser, '/embed.html?config=/fixtures/invalid.json', { locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  try {
    const picker = page.locator('bookable-picker');
    await picker.locator('.error').waitFor({ state: 'visible' });
    // The error can show before the page's language has loaded; its text follows at once.
    await picker.locator('.error-text').filter({ hasText: 'Diese Buchungsseite' }).waitFor();
    assert.equal(await picker.locator('.title').textContent(), 'Sprechstunde mit Dr. Weber');
    assert.match(await picker.locator('.error-text').textContent(), /^Diese Buchungsseite kann gerade keine Zeiten anzeigen/);
    const text = await visibleText(picker);
    for (const dev of ['unknown_field', 'duraton', 'expected', 'event.']) assert.ok(!text.includes(dev), `"${dev}" is not shown: ${text}`);
    const [error] = await events(page, 'error');
    assert.equal(error.detail.code, 'unknown_field');
    assert.equal(error.detail.path, 'event.duraton');
    assert.match(error.detail.message, /duraton/);
    assert.deepEqual(Object.keys(error.detail).sort(), ['code', 'message', 'path']);
    assert.equal(problems.console.length, 1);
    assert.match(problems.console[0], /^<bookable-picker>: unknown_field at event\.duraton: /);
    assert.equal((await events(page, 'ready')).length, 0);
  } finally {
    await context.close();
  }
});

test('a network failure says "could not be loaded"; Retry loads the times', async () => {
  let fail = true;
  const { context, page, problems } = await openPage(browser, '/embed.html?config=/fixtures/dst-spring.json', {
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    before: (p) => p.route((url) => url.pathname === '/fixtures/dst-spring.json', (route) => (fail ? route.abort('internetdisconnected') : route.continue())),
  });
  try {
    const picker = page.locator('bookable-picker');
    await picker.locator('.error').waitFor({ state: 'visible' });
    // The error can show before the page's language has loaded; its text follows at once.
    await picker.locator('.error-text').filter({ hasText: 'Die verfügbaren Zeiten' }).waitFor();
    assert.equal(await picker.locator('.error-text').textContent(), 'Die verfügbaren Zeiten konnten nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.');
    const [error] = await events(page, 'error');
    assert.equal(error.detail.code, 'network_error');
    assert.equal(error.detail.path, '');
    assert.match(error.detail.message, /dst-spring\.json could not be fetched/);
    fail = false;
    await picker.locator('button.retry').click();
    await waitForSlots(page);
    assert.equal(await picker.locator('.error').isVisible(), false);
    assert.equal(await picker.locator('.title').textContent(), 'DST spring fixture');
    assert.equal((await events(page, 'ready')).length, 1);
    // the failed fetch itself is one console line of the browser's, ours is the other
    assert.equal(problems.console.filter((m) => m.startsWith('<bookable-picker>')).length, 1);
  } finally {
    await context.close();
  }
});

test('the engine failing to load says "could not be loaded"; Retry loads it again and shows the times', async () => {
  let fail = true;
  const { context, page } = await openPage(browser, '/embed.html?config=/fixtures/dst-spring.json', {
    timezoneId: 'Europe/Berlin',
    before: (p) => p.route((url) => url.pathname.endsWith('.wasm'), (route) => (fail ? route.abort('internetdisconnected') : route.continue())),
  });
  try {
    const picker = page.locator('bookable-picker');
    await picker.locator('.error').waitFor({ state: 'visible' });
    const [error] = await events(page, 'error');
    assert.equal(error.detail.code, 'engine_failed');
    assert.equal(await picker.locator('button.retry').isVisible(), true, 'a transient error: try again');
    fail = false;
    await picker.locator('button.retry').click();
    await waitForSlots(page);
    assert.equal(await picker.locator('.error').isVisible(), false);
    assert.equal((await events(page, 'ready')).length, 1);
  } finally {
    await context.close();
  }
});

test('picker.request: an invalid request throws the engine\'s error at once and changes nothing', async () => {
  const { context, page, problems } = await openPage(browser, '/fixtures/property.html', { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    const outcome = await page.evaluate(async () => {
      const Picker = customElements.get('bookable-picker');
      await Picker.load(); // the engine is loaded: from now on requests are checked at once
      const el = document.getElementById('picker');
      const attempt = (value) => {
        try {
          el.request = value;
          return 'accepted';
        } catch (e) {
          return { name: e.name, code: e.code, path: e.path, message: e.message, isError: e instanceof Error };
        }
      };
      const good = el.request;
      return {
        typo: attempt({ ...good, event: { duraton: 30 } }),
        member: attempt({ ...good, members: [{ id: 'x', timezone: 'Europe/Paris', weekly: { mon: [['09:00', '25:00']] } }] }),
        notObject: attempt(42),
        still: el.request === good,
      };
    });
    assert.equal(outcome.typo.name, 'BookableError');
    assert.equal(outcome.typo.code, 'unknown_field');
    assert.equal(outcome.typo.path, 'event.duraton');
    assert.equal(outcome.typo.isError, true);
    assert.equal(outcome.member.code, 'invalid_time');
    assert.match(outcome.member.path, /^members\[0\]\.weekly\.mon\[0\]/);
    assert.equal(outcome.notObject.name, 'TypeError');
    assert.equal(outcome.still, true, 'the request in force is unchanged');
    assert.equal(await picker.locator('.slot-list button').count(), 3);
    assert.equal((await events(page, 'error')).length, 0, 'a thrown error is not also an event');
    assert.deepEqual(problems.console.filter((m) => m.startsWith('<bookable-picker>')), []);
  } finally {
    await context.close();
  }
});
