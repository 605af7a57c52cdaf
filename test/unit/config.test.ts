import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configMarkdownTable, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('when the environment is empty, then every setting has its documented default', () => {
    const config = loadConfig({});
    expect(loadConfig({ DATA_DIR: '/srv/cc' }).MODEL_DIR).toBe('/srv/cc/models');
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      MODEL_DIR: 'data/models',
      DATABASE_URL: '',
      FETCH_TIMEOUT_MS: 20000,
      MAX_FEED_BYTES: 10 * 1024 * 1024,
      MAX_REDIRECTS: 5,
      PER_HOST_CONCURRENCY: 2,
      DEMO_DATA: true,
    });
  });

  it('when variables are malformed, then one error names each of them', () => {
    expect(() => loadConfig({ PORT: 'eighty', DEMO_DATA: 'maybe', MAX_REDIRECTS: '-1' })).toThrow(
      /PORT="eighty"[\s\S]*DEMO_DATA="maybe"[\s\S]*MAX_REDIRECTS="-1"/,
    );
  });

  it('when METRICS_TOKEN is shorter than 16 characters, then loading fails naming it; empty means no token', () => {
    expect(loadConfig({}).METRICS_TOKEN).toBe('');
    expect(loadConfig({ METRICS_TOKEN: 'a-long-random-token-123' }).METRICS_TOKEN).toBe('a-long-random-token-123');
    expect(() => loadConfig({ METRICS_TOKEN: 'secret' })).toThrow(/METRICS_TOKEN="secret"/);
  });

  it('when nothing is set, then web statements time out after 5 s and a shutdown takes at most 10 s', () => {
    expect(loadConfig({})).toMatchObject({
      WEB_STATEMENT_TIMEOUT_MS: 5000,
      WEB_DB_CONNECTIONS: 10,
      SHUTDOWN_GRACE_SECONDS: 10,
    });
    expect(loadConfig({ WEB_STATEMENT_TIMEOUT_MS: '0' }).WEB_STATEMENT_TIMEOUT_MS).toBe(0);
  });

  it('when the README is read, then its environment table is the one generated from the schema', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(configMarkdownTable());
  });
});
