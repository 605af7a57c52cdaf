import { createApp } from '../../src/web/app.tsx';
import type { AppDeps } from '../../src/web/deps.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/client.ts';
import { silentLogger } from '../../src/log.ts';
import { createNeighbourCaches } from '../../src/stories/vector-cache.ts';
import { lexicalTextEmbedder } from './lexical.ts';

/** The real app over a test database, for `app.request()` route tests. */
export function testApp(db: Db, overrides: Partial<AppDeps> = {}) {
  const deps: AppDeps = {
    db,
    // Route tests change data between requests: counts and the front page are re-read every time.
    config: loadConfig({ DEMO_DATA: 'false', COUNTS_CACHE_SECONDS: '0', PAGE_REFRESH_SECONDS: '0' }),
    log: silentLogger,
    now: () => new Date('2025-10-27T12:00:00Z'),
    info: { database: 'pglite', embedder: 'lexical-v1 (test)', version: 'test' },
    embedder: lexicalTextEmbedder,
    // Route tests change data between requests: no freshness window, every query re-reads (the
    // caching itself is tested in test/stories/vector-cache.test.ts).
    neighbours: createNeighbourCaches(db, { ttlMs: 0, reloadMs: 0 }),
    ...overrides,
  };
  return createApp(deps);
}
