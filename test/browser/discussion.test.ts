import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  htmxSettled,
  launchBrowser,
  openDemoStory,
  startTestServer,
  type TestServer,
} from '../support/browser.ts';

const PASSWORD = 'battery staple horse 42';
const JOURNEY_MS = 180_000;

async function signUpHere(page: Page, username: string): Promise<void> {
  const back = page.url();
  await page.click('nav.account >> text=Sign up');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button:has-text("Create account")');
  await page.waitForURL(back.replace(/#.*$/, '') + '**');
  expect(await page.textContent('nav.account')).toContain(username);
}

/** The id of the first comment by `author` on the page. */
async function commentBy(page: Page, author: string): Promise<string> {
  const id = await page
    .locator(`li.comment:has(> details > summary a.user:text-is("${author}"))`)
    .first()
    .getAttribute('id');
  return id!.slice(1);
}

describe('a commenter’s journey in a real browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(() => server?.close());

  it(
    'when JavaScript is on, then signing up, replying with a live preview, editing, collapsing and voting all happen without a page load',
    async () => {
      const browser = await launchBrowser({ javaScriptEnabled: true });
      const problems: string[] = [];
      try {
        const page = await browser.newPage();
        page.on('console', (m) => void (m.type() === 'error' && problems.push(`${m.text()} ${m.location().url}`)));
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('response', (r) => void (r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`)));
        await openDemoStory(page, server);
        await signUpHere(page, 'Ada');

        const zara = await commentBy(page, 'Zara');
        const sable = await commentBy(page, 'Sable');
        await page.evaluate(() => ((window as unknown as { journey: string }).journey = 'same page'));

        // Reply: the form appears in place; the preview follows the typing.
        const comments = Number(/\d+/.exec((await page.textContent('#comment-count'))!)![0]);
        await page.click(`#main-${zara} >> text=Reply`);
        const box = page.locator(`#reply-slot-${zara} textarea`);
        await box.waitFor();
        await htmxSettled(page);
        await box.fill('Capex up **50%** vs 10x cheaper inference: which *figure* moves first?');
        await page.waitForSelector(`#preview-${zara} strong:text("50%")`);
        await page.click(`#reply-slot-${zara} button[value=post]`);
        const mine = page.locator(`#replies-${zara} > li.comment:has-text("which figure moves first")`);
        await mine.waitFor();
        await htmxSettled(page);
        const replyId = (await mine.getAttribute('id'))!.slice(1);
        expect(await page.locator(`#reply-slot-${zara} textarea`).count()).toBe(0);
        expect(await page.textContent('#comment-count')).toBe(`(${comments + 1} comments)`);

        // Edit within the window: the body swaps in place and the head says "edited".
        await page.click(`#main-${replyId} >> text=Edit`);
        await page.locator(`#main-${replyId} textarea`).waitFor();
        await htmxSettled(page);
        await page.fill(
          `#main-${replyId} textarea`,
          'Capex up **50%** vs 10x cheaper inference (per the 10-Ks): which figure moves first?',
        );
        await page.click(`#main-${replyId} button[value=post]`);
        await page.waitForSelector(`#main-${replyId} .comment-body:has-text("per the 10-Ks")`);
        await page.waitForSelector(`#head-${replyId} .edited`);
        await htmxSettled(page);

        // Vote on someone else's comment, and on the story.
        await page.click(`#main-${sable} form.vote button`);
        await page.waitForSelector(`#main-${sable} form.vote button[aria-pressed=true]`);
        await page.click('.discussion-head form.vote button');
        await page.waitForSelector('.discussion-head .points:text("1 point")');

        // Collapse Zara's thread; the browser remembers it across a reload (localStorage, no inline script).
        await page.click(`#head-${zara}`);
        expect(await page.locator(`#c${zara} > details`).getAttribute('open')).toBeNull();
        expect(await page.isVisible(`#main-${zara}`)).toBe(false);
        expect(await page.textContent(`#head-${zara} .fold-count`)).toMatch(/\d+ replies hidden/);
        expect(await page.evaluate(() => (window as unknown as { journey?: string }).journey)).toBe('same page');
        await page.screenshot({ path: join(ARTIFACTS, 'discussion-js-collapsed.png'), fullPage: true });

        await page.reload();
        await page.waitForFunction((id) => !document.querySelector(`#c${id} > details`)?.hasAttribute('open'), zara);
        await page.click(`#head-${zara}`);
        await page.waitForSelector(`#main-${zara}`, { state: 'visible' });
        await page.locator(`#c${replyId}`).scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(ARTIFACTS, 'discussion-js.png'), fullPage: true });

        // A sort change swaps the thread and keeps the page.
        await page.evaluate(() => ((window as unknown as { journey: string }).journey = 'sorted'));
        await page.click('nav.sort >> text=Newest');
        await page.waitForSelector('nav.sort a[aria-current=page]:text("Newest")');
        expect(await page.evaluate(() => (window as unknown as { journey?: string }).journey)).toBe('sorted');
        // No CSP violations, script errors or failed requests (the browser's own favicon probe aside).
        expect(problems.filter((p) => !p.includes('/favicon.ico'))).toEqual([]);

        // The front page now ranks the voted story with its points and comment count.
        await page.goto(`${server.url}/`);
        expect(await page.textContent('ol.articles li:first-child')).toMatch(/1 point[\s\S]*8 comments/);
        await page.screenshot({ path: join(ARTIFACTS, 'front-page.png') });
      } finally {
        await browser.dispose();
      }
    },
    JOURNEY_MS,
  );

  it(
    'when JavaScript is off, then the same journey works with plain forms and redirects',
    async () => {
      const browser = await launchBrowser({ javaScriptEnabled: false });
      try {
        const page = await browser.newPage();
        await openDemoStory(page, server);
        const story = page.url();
        await signUpHere(page, 'Grace');
        const zara = await commentBy(page, 'Zara');
        const sable = await commentBy(page, 'Sable');

        await page.click(`#main-${zara} >> text=Reply`);
        await page.waitForURL(`**/comments/${zara}/reply`);
        await page.fill('textarea[name=text]', 'Without JS: is the 90% cost drop per token or per query?');
        await page.click('button[value=preview]');
        await page.waitForSelector('.preview .comment-body:has-text("90% cost drop")');
        expect(await page.inputValue('textarea[name=text]')).toContain('per token or per query?');
        await page.click('button[value=post]');
        await page.waitForURL(new RegExp(`/comments/${zara}#c\\d+$`));
        const replyId = page.url().match(/#c(\d+)$/)![1];
        expect(await page.textContent(`#c${replyId}`)).toContain('per token or per query?');

        await page.click(`#main-${replyId} >> text=Edit`);
        await page.waitForURL(`**/comments/${replyId}/edit`);
        await page.fill('textarea[name=text]', '');
        await page.click('button[value=post]');
        expect(await page.textContent('form.comment-form .error')).toContain('Write something before posting.');
        await page.fill('textarea[name=text]', 'Without JS: is the 90% drop per token or per query? (edited)');
        await page.click('button[value=post]');
        await page.waitForURL(`**/comments/${replyId}#c${replyId}`);
        expect(await page.textContent(`#head-${replyId}`)).toContain('edited');

        await page.goto(story);
        await page.click(`#main-${sable} form.vote button`);
        await page.waitForURL(new RegExp(`#c${sable}$`));
        expect(await page.getAttribute(`#main-${sable} form.vote button`, 'aria-pressed')).toBe('true');

        await page.click(`#head-${zara}`);
        expect(await page.locator(`#c${zara} > details`).getAttribute('open')).toBeNull();
        expect(await page.isVisible(`#main-${zara}`)).toBe(false);
        await page.screenshot({ path: join(ARTIFACTS, 'discussion-nojs.png'), fullPage: true });
      } finally {
        await browser.dispose();
      }
    },
    JOURNEY_MS,
  );
});
