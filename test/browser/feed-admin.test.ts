import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  htmxSettled,
  launchBrowser,
  logIn,
  staffAccount,
  startTestServer,
  type TestServer,
} from '../support/browser.ts';

const JOURNEY_MS = 180_000;
const FEED_URL = 'https://journey-wire.example/feed.xml';

/** An admin's journey on /admin/feeds: add a feed, disable it with a reason, re-enable it; with and without JavaScript. */
describe('feed administration in a real browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    // The admin exists before the site starts, as `crosscheck users add Ops_Olga --role admin` would make one.
    server = await startTestServer({}, staffAccount('Ops_Olga', 'admin'));
  }, 120_000);
  afterAll(() => server?.close());

  const openFeeds = async (page: Page) => {
    await logIn(page, server, 'Ops_Olga');
    await page.click('header.site nav >> text=Admin');
    await page.click('main >> a[href="/admin/feeds"] >> nth=0');
    await page.waitForSelector('#feed-list');
  };

  it(
    'when an admin adds a feed, disables it and re-enables it with JavaScript, then each step updates the page in place',
    async () => {
      const browser = await launchBrowser({ javaScriptEnabled: true });
      const problems: string[] = [];
      try {
        const page = await browser.newPage();
        page.on('pageerror', (e) => problems.push(e.message));
        page.on(
          'console',
          (m) => void (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && problems.push(m.text())),
        );
        await openFeeds(page);
        const adminUrl = page.url();

        await page.fill('#add-feed input[name=url]', FEED_URL);
        await page.fill('#add-feed input[name=title]', 'Journey Wire');
        await page.click('#add-feed button[type=submit]');
        await page.locator('#add-feed .notice').waitFor();
        expect(await page.textContent('#add-feed .notice')).toMatch(
          /^Added feed #\d+: https:\/\/journey-wire\.example\/feed\.xml$/,
        );
        const row = page.locator('li.admin-feed:has-text("Journey Wire")');
        await row.waitFor();
        await htmxSettled(page);
        expect(await row.locator('.status').textContent()).toBe('new');

        await row.locator('input[name=reason]').fill('Testing the journey');
        await row.locator('button:has-text("Disable")').click();
        await row.locator('.status.disabled').waitFor();
        await htmxSettled(page);
        expect(await row.textContent()).toContain('Disabled: Testing the journey');
        await page.screenshot({ path: join(ARTIFACTS, 'admin-feeds-disabled.png'), fullPage: true });

        await row.locator('button:has-text("Enable")').click();
        await row.locator('.status.pending').waitFor();
        await htmxSettled(page);
        expect(await row.locator('.notice').textContent()).toMatch(/enabled; logged in the moderation log/);
        expect(page.url()).toBe(adminUrl); // in place, no page load
        expect(problems).toEqual([]);
      } finally {
        await browser.dispose();
      }
    },
    JOURNEY_MS,
  );

  it(
    'when an admin without JavaScript adds the same feed, disables and re-enables it, then each form posts and redirects back, and the log has every step',
    async () => {
      const browser = await launchBrowser({ javaScriptEnabled: false });
      try {
        const page = await browser.newPage();
        await openFeeds(page);
        await page.fill('#add-feed input[name=url]', 'https://journey-nojs.example/feed.xml');
        await page.click('#add-feed button[type=submit]');
        await page.waitForURL(/\?added=\d+/);
        expect(await page.textContent('#add-feed .notice')).toMatch(
          /^Added feed #\d+: https:\/\/journey-nojs\.example\/feed\.xml$/,
        );

        const row = page.locator('li.admin-feed:has-text("journey-nojs.example")');
        await row.locator('input[name=reason]').fill('Checking without JavaScript');
        await row.locator('button:has-text("Disable")').click();
        await page.waitForURL(/did=disabled/);
        expect(await row.locator('.status').textContent()).toBe('disabled');
        await row.locator('button:has-text("Enable")').click();
        await page.waitForURL(/did=enabled/);
        expect(await row.locator('.status').textContent()).toBe('new');

        await page.goto(`${server.url}/moderation/log`);
        const log = (await page.textContent('table.moderation-log'))!;
        expect(log).toContain('added feed');
        expect(log).toContain('disabled feed');
        expect(log).toContain('Checking without JavaScript');
        expect(log).toContain('enabled feed');
      } finally {
        await browser.dispose();
      }
    },
    JOURNEY_MS,
  );
});
