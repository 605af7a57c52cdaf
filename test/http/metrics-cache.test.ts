import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { loadConfig } from '../../src/config.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { cached } from '../../src/web/http/cached.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { item } from '../support/items.ts';

const loopback = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };

describe.each(drivers)('/metrics counts kept between scrapes on %s', (driver) => {
  let t: TestDatabase;
  let feedId: number;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    feedId = (await Feeds.add(t.db, { url: 'https://a.example/feed' })).feedId;
    await upsertFeedItems(t.db, feedId, [item(1), item(2)]);
  });
  afterAll(() => t?.close());

  const articles = async (app: ReturnType<typeof testApp>) =>
    (await (await app.request('/metrics', {}, loopback)).text()).match(/^crosscheck_articles (\d+)$/m)?.[1];

  it('when scraped again within COUNTS_CACHE_SECONDS, then the tables are not counted again; with 0, every scrape counts', async () => {
    const keeping = testApp(t.db, { config: loadConfig({ DEMO_DATA: 'false', COUNTS_CACHE_SECONDS: '3600' }) });
    const counting = testApp(t.db, { config: loadConfig({ DEMO_DATA: 'false', COUNTS_CACHE_SECONDS: '0' }) });
    expect(await articles(keeping)).toBe('2');
    await upsertFeedItems(t.db, feedId, [item(3)]);
    expect(await articles(keeping)).toBe('2'); // kept: no count(*) over articles on this scrape
    expect(await articles(counting)).toBe('3');
  });
});

describe('a kept value', () => {
  it('when read within its lifetime, then it is computed once, also for readers arriving during the computation', async () => {
    let clock = 0;
    let loads = 0;
    let release!: () => void;
    const value = cached(
      async () => {
        loads++;
        await new Promise<void>((r) => (release = r));
        return loads;
      },
      { ttlMs: 1000, now: () => clock },
    );
    const first = [value(), value(), value()];
    release();
    expect(await Promise.all(first)).toEqual([1, 1, 1]);
    clock = 999;
    expect(await value()).toBe(1);
    clock = 1000;
    const again = value();
    release();
    expect(await again).toBe(2);
    expect(loads).toBe(2);
  });

  it('when the computation fails, then the failure is not kept', async () => {
    let fail = true;
    const value = cached(
      async () => {
        if (fail) throw new Error('database away');
        return 'ok';
      },
      { ttlMs: 60_000 },
    );
    await expect(value()).rejects.toThrow('database away');
    fail = false;
    expect(await value()).toBe('ok');
  });
});
