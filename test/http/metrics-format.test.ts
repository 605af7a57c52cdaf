import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';

const loopback = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };

describe.each(drivers)('/metrics exposition on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());

  const scrape = async (app: ReturnType<typeof testApp>) => {
    const res = await app.request('/metrics', {}, loopback);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return res.text();
  };

  it('when two apps run in one process, then each shows its own enrichment counters in Prometheus text format', async () => {
    const stats = (done: number) => () => ({ done, failed: 1, parked: 2, batches: 1, busySeconds: done / 10 });
    const a = await scrape(testApp(t.db, { enrichStats: stats(40) }));
    const b = await scrape(testApp(t.db, { enrichStats: stats(7) }));
    expect(a).toContain('# TYPE crosscheck_enrich_jobs_done_total counter\ncrosscheck_enrich_jobs_done_total 40\n');
    expect(a).toContain('crosscheck_enrich_failures_total 3\n');
    expect(a).toContain('crosscheck_enrich_jobs_per_second 10\n');
    expect(b).toContain('crosscheck_enrich_jobs_done_total 7\n');
    expect(await scrape(testApp(t.db))).not.toContain('crosscheck_enrich_jobs_done_total');
  });

  it('when the tables are empty, then every gauge is present with its help, type and labels', async () => {
    const text = await scrape(testApp(t.db));
    expect(text).toContain('# HELP crosscheck_feeds Feeds by health.\n# TYPE crosscheck_feeds gauge\n');
    for (const state of ['all', 'failing', 'disabled'])
      expect(text).toContain(`crosscheck_feeds{state="${state}"} 0\n`);
    expect(text).toMatch(/^crosscheck_articles 0$/m);
    expect(text).toMatch(/^crosscheck_stories 0$/m);
    expect(text).toMatch(/^crosscheck_enrichment_jobs\{kind="embed",status="\w+"\} 0$/m);
  });
});
