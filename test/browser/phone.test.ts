import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, logIn, staffAccount, startTestServer, type TestServer } from '../support/browser.ts';

const JOURNEY_MS = 180_000;
/** A reason as moderators write them: a long link with no place to break. */
const REASON =
  'Same event as the other story, see https://example.com/2026/11/hyperscalers-report-capex-growth-quarterly-earnings-roundup-with-all-the-numbers';

/** How far the page reaches past the viewport sideways (0 when it fits). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the site on a phone-sized screen, in a real browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, staffAccount('Mira', 'moderator'));
  }, 120_000);
  afterAll(() => server?.close());

  it(
    'when the moderation log has an entry with a long reason, then at phone width it fits the screen with every column readable, and the site icon loads',
    async () => {
      const browser = await launchBrowser({ javaScriptEnabled: true });
      try {
        const page = await browser.newPage();
        const icons: string[] = [];
        page.on(
          'response',
          (r) => void (/favicon/.test(r.url()) && icons.push(`${r.status()} ${new URL(r.url()).pathname}`)),
        );
        await logIn(page, server, 'Mira');
        await page.goto(`${server.url}/?tab=new`);
        await page.click('a.title:has-text("The hard part is about to begin")');
        await page.click('details.edit-tags summary');
        await page.fill('details.edit-tags input[name=tags]', 'capex, chips');
        await page.fill('details.edit-tags input[name=reason]', REASON);
        await page.click('details.edit-tags button:has-text("Save topics")');
        await page.waitForLoadState('load');

        await page.setViewportSize({ width: 360, height: 740 });
        await page.goto(`${server.url}/moderation/log`);
        const entry = page.locator('table.moderation-log tbody tr').first();
        expect(await entry.textContent()).toContain(REASON);
        await page.screenshot({ path: join(ARTIFACTS, 'moderation-log-phone.png'), fullPage: true });
        expect(await sidewaysOverflow(page)).toBe(0);
        // Each cell still says which column it is, since the header row is not beside it.
        for (const label of ['When', 'Moderator', 'Action', 'Target', 'Reason']) {
          const cell = entry.locator(`td[data-label="${label}"]`);
          expect(await cell.isVisible()).toBe(true);
          expect(await cell.evaluate((td) => getComputedStyle(td, '::before').content)).toBe(`"${label}"`);
        }

        // The same width on the pages a reader reaches from there.
        for (const path of ['/', '/moderation', '/figures', '/feeds', '/about']) {
          await page.goto(`${server.url}${path}`);
          expect({ path, overflow: await sidewaysOverflow(page) }).toEqual({ path, overflow: 0 });
        }
        // The browser found the site's icon where the layout names it (and never fell back to probing /favicon.ico).
        expect(icons).toContain('200 /static/favicon.svg');
        expect(icons.filter((i) => !i.startsWith('200 '))).toEqual([]);
      } finally {
        await browser.dispose();
      }
    },
    JOURNEY_MS,
  );
});
