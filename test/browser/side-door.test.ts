import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  launchBrowser,
  logIn,
  openDemoStory,
  staffAccount,
  startTestServer,
  type TestServer,
} from '../support/browser.ts';

const JOURNEY_MS = 180_000;
const REASON = 'Personal attack on another reader; see the guidelines.';

/**
 * The moderator side door, closed: staff acting on someone else's comment go through the logged
 * moderation action (reason required, public log, restorable), and the author's own delete route
 * refuses them even when the form is forged.
 */
describe('a moderator removing a reader’s comment, in a real browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, staffAccount('Mira', 'moderator'));
  }, 120_000);
  afterAll(() => server?.close());

  it(
    'when a moderator removes a demo reader’s comment, then Remove asks for a reason, the thread shows it removed, the log has the line, and the author’s delete route answers 403',
    async () => {
      const browser = await launchBrowser({ javaScriptEnabled: true });
      try {
        const page = await browser.newPage();
        await logIn(page, server, 'Mira');
        await openDemoStory(page, server);

        // Someone else's comment offers Remove (the moderation path), never the author's Delete.
        const remove = page.locator('a:text-is("Remove")').first();
        await remove.waitFor();
        const id = Number(/\/comments\/(\d+)\/delete/.exec((await remove.getAttribute('href'))!)![1]);
        const excerpt = (await page.locator(`#main-${id} .comment-body`).textContent())!.trim().slice(0, 30);
        expect(await page.locator(`#main-${id} button:text-is("Delete")`).count()).toBe(0);

        // The author's route, forged from the moderator's own session with a valid token: refused, nothing changes.
        const forged = await page.evaluate(async (commentId) => {
          const token = (document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
          const res = await fetch(`/comments/${commentId}/delete`, {
            method: 'POST',
            body: new URLSearchParams({ _csrf: token }),
            redirect: 'manual',
          });
          return res.status;
        }, id);
        expect(forged).toBe(403);

        await remove.click();
        await page.waitForSelector('h1:has-text("Remove this comment?")');
        const reason = page.locator('form[action="/moderation/actions"] input[name=reason]');
        expect(await reason.getAttribute('required')).not.toBeNull();
        await reason.fill(REASON);
        await page.click('form[action="/moderation/actions"] button:has-text("Remove")');
        await page.waitForLoadState('load');

        await page.goto(`${server.url}/comments/${id}`);
        const removed = page.locator(`#main-${id}`);
        await removed.waitFor();
        expect(await removed.textContent()).toContain('[removed by a moderator]');
        expect(await removed.textContent()).not.toContain(excerpt);
        await page.screenshot({ path: join(ARTIFACTS, 'moderation-remove.png'), fullPage: true });

        await page.goto(`${server.url}/moderation/log`);
        const line = page.locator(`text=${REASON}`).first();
        await line.waitFor();
        expect(await page.locator('body').textContent()).toMatch(/Mira[\s\S]*remove/i);
      } finally {
        await browser.dispose();
      }
    },
    JOURNEY_MS,
  );
});
