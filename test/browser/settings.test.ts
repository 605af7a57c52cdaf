import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, startTestServer, type TestServer } from '../support/browser.ts';

const PASSWORD = 'battery staple horse 42';
const NEW_PASSWORD = 'correct lantern meadow 7';
const JOURNEY_MS = 180_000;

async function logIn(page: Page, server: TestServer, username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button:has-text("Log in")');
}

describe('account settings in a real browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(() => server?.close());

  it(
    'when a user changes the password and then deletes the account, then the other browser is logged out, and the name can no longer log in',
    async () => {
      const here = await launchBrowser({ javaScriptEnabled: true });
      const elsewhere = await launchBrowser({ javaScriptEnabled: true });
      const problems: string[] = [];
      try {
        const page = await here.newPage();
        // The refusals below answer 401 and 422 on purpose; browsers also ask for /favicon.ico, which the site lacks.
        const expected = (text: string, url: string) =>
          /status of (401|422)/.test(text) || url.endsWith('/favicon.ico');
        page.on(
          'console',
          (m) =>
            void (
              m.type() === 'error' &&
              !expected(m.text(), m.location().url) &&
              problems.push(`${m.text()} ${m.location().url}`)
            ),
        );
        page.on('pageerror', (e) => problems.push(e.message));
        await page.goto(`${server.url}/`);
        await page.click('nav.account >> text=Sign up');
        await page.fill('input[name=username]', 'Robin');
        await page.fill('input[name=password]', PASSWORD);
        await page.click('button:has-text("Create account")');
        await page.waitForSelector('nav.account >> text=Settings');

        const other = await elsewhere.newPage();
        await logIn(other, server, 'Robin', PASSWORD);
        await other.waitForSelector('nav.account >> text=Settings');

        // The account menu leads to settings; a wrong current password is refused beside the form.
        await page.click('nav.account >> text=Settings');
        await page.waitForURL('**/settings');
        await page.fill('input[name=current]', 'not my password at all');
        await page.fill('#password input[name=password]', NEW_PASSWORD);
        await page.fill('input[name=confirm]', NEW_PASSWORD);
        await page.click('button:has-text("Change password")');
        expect(await page.textContent('#password-error')).toContain('Your current password is not right.');

        await page.fill('input[name=current]', PASSWORD);
        await page.fill('#password input[name=password]', NEW_PASSWORD);
        await page.fill('input[name=confirm]', NEW_PASSWORD);
        await page.click('button:has-text("Change password")');
        await page.waitForURL('**/settings?done=password**');
        expect(await page.textContent('#settings-done')).toContain('1 other session was logged out');
        expect(await page.textContent('nav.account')).toContain('Robin');

        await other.reload();
        expect(await other.textContent('nav.account')).toContain('Log in');

        // Deleting: the terms are on the page; a mistyped name is refused with the typed text kept.
        expect(await page.textContent('#delete')).toContain('Your comments stay, with their text');
        await page.fill('#delete input[name=username]', 'Robni');
        await page.fill('#delete input[name=password]', NEW_PASSWORD);
        await page.click('button:has-text("Delete my account")');
        expect(await page.textContent('#delete-error')).toContain('Type your username, Robin, to confirm.');
        expect(await page.inputValue('#delete input[name=username]')).toBe('Robni');

        await page.fill('#delete input[name=username]', 'Robin');
        await page.fill('#delete input[name=password]', NEW_PASSWORD);
        await page.click('button:has-text("Delete my account")');
        await page.waitForURL('**/settings/deleted');
        expect(await page.textContent('main')).toContain('Your account was deleted');
        expect(await page.textContent('nav.account')).toContain('Log in');
        await page.screenshot({ path: join(ARTIFACTS, 'settings-deleted.png') });

        await logIn(page, server, 'Robin', NEW_PASSWORD);
        expect(await page.textContent('.error')).toContain('Wrong username or password.');
        expect(problems).toEqual([]);
      } finally {
        await here.dispose();
        await elsewhere.dispose();
      }
    },
    JOURNEY_MS,
  );
});
