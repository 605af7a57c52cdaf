/**
 * Browser tests drive Debian's Chromium (CHROMIUM_PATH overrides) through playwright-core against
 * the real server (startServer) on a random port with a throw-away DATA_DIR.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import * as Accounts from '../../src/accounts/accounts.ts';
import type { Db } from '../../src/db/client.ts';
import { openConfiguredDatabase, startServer, type Running } from '../../src/main.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS = join(process.cwd(), 'test-results');

export type TestServer = Running & { dataDir: string };

/** The password of accounts the journeys create before the site starts. */
export const STAFF_PASSWORD = 'battery staple horse 42';

/** A `prepare` for startTestServer: a staff account, as `crosscheck users add NAME --role ROLE` makes one before `serve`. */
export const staffAccount = (username: string, role: 'moderator' | 'admin') => async (db: Db) => {
  await Accounts.create(db, { username, password: STAFF_PASSWORD, role, createdAt: new Date('2025-01-01T00:00:00Z') });
};

/**
 * The real composition root with demo data, no enrichment pool (no model needed), on a random
 * port. `prepare` runs on the database before the site starts, as the CLI would before `serve`
 * (`crosscheck users add Mira --role moderator`, a feed already ingested).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  prepare?: (db: Db) => Promise<void>,
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'crosscheck-browser-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    POOL_SIZE: '0',
    LOG_LEVEL: 'silent',
    SCHEDULER_TICK_SECONDS: '3600',
    ...env,
  });
  if (prepare) {
    const database = await openConfiguredDatabase(config);
    try {
      await prepare(database.db);
    } finally {
      await database.close();
    }
  }
  const running = await startServer(config, silentLogger);
  return {
    ...running,
    url: running.url.replace('localhost', '127.0.0.1'),
    dataDir,
    async close() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh profile each time, so no cookie or storage leaks between journeys. */
export async function launchBrowser(options: {
  javaScriptEnabled: boolean;
}): Promise<BrowserContext & { dispose(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'crosscheck-chromium-'));
  await mkdir(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    javaScriptEnabled: options.javaScriptEnabled,
    viewport: { width: 1100, height: 900 },
  });
  return Object.assign(context, {
    async dispose() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  });
}

/**
 * Waits until htmx has finished swapping and settling: content it swapped in gets its listeners
 * only when it settles (~20 ms later), so typing into a just-swapped form before then would reach
 * an element htmx does not watch yet. A person never types that fast; a test does.
 */
export async function htmxSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling'));
}

/** Logs in through the form, as a person would, and waits until the header names the account. */
export async function logIn(
  page: Page,
  server: TestServer,
  username: string,
  password = STAFF_PASSWORD,
): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('form button[type=submit]');
  await page.waitForSelector(`nav.account >> text=${username}`);
}

/** The demo story (the CNN piece's thread), reached the way a reader would: from the front page. */
export async function openDemoStory(page: Page, server: TestServer): Promise<void> {
  await page.goto(`${server.url}/?tab=new`);
  await page.click('a.title:has-text("The hard part is about to begin")');
  await page.waitForSelector('#discussion');
}

/** Collects console errors, page errors and failed responses (the browser's own favicon probe aside). */
export function watchProblems(page: Page, problems: string[]): void {
  page.on(
    'console',
    (m) =>
      void (
        m.type() === 'error' &&
        !m.location().url.endsWith('/favicon.ico') &&
        problems.push(`${m.text()} ${m.location().url}`)
      ),
  );
  page.on('pageerror', (e) => problems.push(e.message));
  page.on(
    'response',
    (r) => void (r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`)),
  );
}
