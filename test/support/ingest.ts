/** Ingestion wiring for tests: the production fetcher and scheduler settings, pointed at loopback. */
import type { Db } from '../../src/db/client.ts';
import { createFeedFetcher } from '../../src/ingest/fetchers.ts';
import type { ScheduleDeps } from '../../src/ingest/schedule.ts';
import { silentLogger } from '../../src/log.ts';

export type TestScheduleOptions = Partial<Omit<ScheduleDeps, 'db'>> & {
  timeoutMs?: number;
  disableAfterFailures?: number;
};

export function testScheduleDeps(db: Db, options: TestScheduleOptions = {}): ScheduleDeps {
  const { timeoutMs = 15_000, disableAfterFailures = 3, ...overrides } = options;
  return {
    db,
    log: silentLogger,
    fetcher: createFeedFetcher({
      userAgent: 'Crosscheck-test/1.0',
      timeoutMs,
      maxBytes: 10 * 1024 * 1024,
      maxRedirects: 5,
      allowedPrivateHosts: '127.0.0.0/8',
    }),
    policy: { pollIntervalMinutes: 60, maxBackoffMinutes: 24 * 60, disableAfterFailures },
    concurrency: { global: 16, perHost: 2 },
    leaseSeconds: 60,
    ...overrides,
  };
}
