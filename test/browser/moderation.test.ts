import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  launchBrowser,
  logIn,
  openDemoStory,
  STAFF_PASSWORD,
  staffAccount,
  startTestServer,
  type TestServer,
  watchProblems,
} from '../support/browser.ts';

const PASSWORD = STAFF_PASSWORD;
const JOURNEY_MS = 180_000;
const CLAIM = 'Hyperscaler capex is up 50% this year and nobody has shown the revenue to match.';
const REASON = 'Filings show capex up 38%, not 50%; the 50% is guidance.';

/**
 * The three journeys of cross-checking and moderation, in order, on one server with the demo
 * data: a commenter's unsourced figure is marked unsupported; a moderator finds it first in the
 * queue and marks it disputed; a reader sees the badge on the story and the entry in the log.
 */
describe('cross-checking and moderation journeys in a real browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    // A moderator exists before the site starts (as `crosscheck users add Mira --role moderator` would make one).
    server = await startTestServer({}, staffAccount('Mira', 'moderator'));
  }, 120_000);
  afterAll(() => server?.close());

  it(
    'when a commenter posts "capex is up 50%" without a source, then the preview and the posted comment mark it unsupported',
    async () => {
      const browser = await launchBrowser({ javaScriptEnabled: true });
      const problems: string[] = [];
      try {
        const page = await browser.newPage();
        watchProblems(page, problems);
        await openDemoStory(page, server);
        // The seed readers' figures are already checked against the demo articles.
        await page.waitForSelector('#discussion-figures');
        const back = page.url();
        await page.click('nav.account >> text=Sign up');
        await page.fill('input[name=username]', 'Ada');
        await page.fill('input[name=password]', PASSWORD);
        await page.click('button:has-text("Create account")');
        await page.waitForURL(back.replace(/#.*$/, '') + '**');
        await page.fill('#text-top', CLAIM);
        const check = page.locator('#preview-top li.figure-check.unsourced');
        await check.waitFor();
        expect(await check.textContent()).toContain('no source found');
        await page.screenshot({ path: join(ARTIFACTS, 'crosscheck-preview.png'), fullPage: true });

        await page.click('#reply-slot-top button[value=post]');
        const mine = page.locator('li.comment:has-text("nobody has shown the revenue")');
        await mine.waitFor();
        const chip = mine.locator('ul.comment-figures li.chip').first();
        expect(await chip.textContent()).toMatch(
          /Hyperscaler · growth · ↑ 50%[\s\S]*no source found[\s\S]*unsupported/,
        );
        expect(await chip.locator('.status-badge').getAttribute('data-status')).toBe('unsupported');
        await mine.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(ARTIFACTS, 'crosscheck-unsupported.png') });
        expect(problems).toEqual([]);
      } finally {
        await browser.dispose();
      }
    },
    JOURNEY_MS,
  );

  it(
    'when a moderator opens the queue, then that figure is first, and marking it disputed with a reason updates the row in place',
    async () => {
      const browser = await launchBrowser({ javaScriptEnabled: true });
      const problems: string[] = [];
      try {
        const page = await browser.newPage();
        watchProblems(page, problems);
        await logIn(page, server, 'Mira');
        await page.click('header.site nav >> text=Moderation');
        await page.waitForSelector('ol.queue');

        const first = page.locator('ol.queue > li.queue-row').first();
        expect(await first.locator('header').textContent()).toContain('Hyperscaler');
        expect(await first.locator('blockquote.in-context mark').textContent()).toBe('50%');
        expect(await first.locator('blockquote.in-context').textContent()).toContain(
          'Hyperscaler capex is up 50% this year',
        );
        expect(await first.textContent()).toContain('No article states this figure.');
        await page.screenshot({ path: join(ARTIFACTS, 'moderation-queue.png'), fullPage: true });

        const key = (await first.getAttribute('data-key'))!;
        await first.locator('select[name=action]').selectOption('set_status');
        await first.locator('select[name=status]').selectOption('disputed');
        await first.locator('textarea[name=reason]').fill(REASON);
        await first.locator('button:has-text("Apply")').click();
        const row = page.locator(`#row-${key}`);
        await row.locator('.notice').waitFor();
        expect(await row.locator('.notice').textContent()).toContain(
          'Done: set figure status (unsupported → disputed)',
        );
        expect(await row.locator('.status-badge').first().getAttribute('data-status')).toBe('disputed');
        expect(page.url()).toMatch(/\/moderation$/); // in place, no page load
        await page.screenshot({ path: join(ARTIFACTS, 'moderation-disputed.png'), fullPage: true });
        expect(problems).toEqual([]);
      } finally {
        await browser.dispose();
      }
    },
    JOURNEY_MS,
  );

  it(
    'when a reader opens the story without JavaScript, then the figure shows disputed, and the moderation log has the entry',
    async () => {
      const browser = await launchBrowser({ javaScriptEnabled: false });
      try {
        const page = await browser.newPage();
        await openDemoStory(page, server);
        const panelChip = page.locator('.figures-panel li.chip:has-text("Hyperscaler")');
        expect(await panelChip.locator('.status-badge').getAttribute('data-status')).toBe('disputed');
        expect(await panelChip.locator('.status-badge').getAttribute('title')).toBe(REASON);
        const comment = page.locator('li.comment:has-text("nobody has shown the revenue")');
        expect(await comment.locator('ul.comment-figures .status-badge').getAttribute('data-status')).toBe('disputed');
        await page.locator('.figures-panel').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(ARTIFACTS, 'story-disputed-badge.png'), fullPage: true });

        await page.click('footer.site >> text=Moderation log');
        await page.waitForSelector('table.moderation-log');
        const entry = page.locator('table.moderation-log tbody tr').first();
        const text = (await entry.textContent())!;
        expect(text).toContain('Mira');
        expect(text).toContain('set figure status');
        expect(text).toContain('unsupported → disputed');
        expect(text).toContain('Hyperscaler');
        expect(text).toContain(REASON);
        await page.screenshot({ path: join(ARTIFACTS, 'moderation-log.png'), fullPage: true });

        // The figure's own page tells the same story, with who decided and why.
        await entry.locator('a').first().click();
        await page.waitForSelector('#status');
        expect(await page.textContent('#status')).toContain(`by moderator Mira: ${REASON}`);
      } finally {
        await browser.dispose();
      }
    },
    JOURNEY_MS,
  );
  it(
    'when a reader opens Figures from the menu, then the disputed figure carries its badge, and the contested tab leads to a figure whose sources contradict',
    async () => {
      const browser = await launchBrowser({ javaScriptEnabled: true });
      const problems: string[] = [];
      try {
        const page = await browser.newPage();
        watchProblems(page, problems);
        await page.goto(server.url);
        await page.click('header.site nav >> text=Figures');
        await page.waitForSelector('ol.figure-list');
        const hyperscaler = page.locator('li.figure-row:has-text("Hyperscaler")').first();
        expect(await hyperscaler.locator('.status-badge').getAttribute('data-status')).toBe('disputed');

        await page.click('nav.tabs >> text=Contested');
        await page.waitForURL(/filter=contested/);
        const growth = page.locator('li.figure-row:has-text("Cloud AI Infrastructure")');
        const values = (await growth.locator('.values').textContent())!;
        expect(values).toContain('65%');
        expect(values).toContain('150%');
        expect(await page.locator('li.figure-row .badge.agree').count()).toBe(0);
        await page.screenshot({ path: join(ARTIFACTS, 'figures-contested.png'), fullPage: true });

        await growth.locator('a.figure-title').click();
        await page.waitForSelector('table.ledger');
        expect(await page.textContent('.verdict')).toContain('sources contradict each other');
        expect(problems).toEqual([]);
      } finally {
        await browser.dispose();
      }
    },
    JOURNEY_MS,
  );
});
