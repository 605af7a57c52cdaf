import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.ts';
import { fetchFeed, type FetchResult } from './fetch.ts';
import type { FeedFetcher } from './refresh.ts';
import { parseAllowList } from './ssrf.ts';

export type FetcherConfig = {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allowedPrivateHosts: string;
};

/** Feeds the app ships (`bundled:NAME` → src/demo/NAME-feed.xml): the demo works offline. */
export const BUNDLED_DEMO_FEED = 'bundled:demo';
const bundledDir = fileURLToPath(new URL('../demo/', import.meta.url));

/** The production fetcher: bundled feeds from disk, everything else over HTTP behind the SSRF guard. */
export function createFeedFetcher(config: FetcherConfig): FeedFetcher {
  const allowList = parseAllowList(config.allowedPrivateHosts);
  return async (feed, signal) => {
    if (feed.url.startsWith('bundled:')) return readBundled(feed.url, feed.etag);
    return fetchFeed(feed.url, {
      etag: feed.etag ?? undefined,
      lastModified: feed.lastModified ?? undefined,
      userAgent: config.userAgent,
      timeoutMs: config.timeoutMs,
      maxBytes: config.maxBytes,
      maxRedirects: config.maxRedirects,
      allowedPrivateHosts: allowList,
      signal,
    });
  };
}

async function readBundled(url: string, etag: string | null): Promise<FetchResult> {
  const name = url.slice('bundled:'.length);
  if (!/^[a-z0-9-]+$/.test(name)) throw new AppError('fetch_bad_scheme', `Unknown bundled feed ${url}`);
  const body = await readFile(`${bundledDir}${name}-feed.xml`, 'utf8').catch((cause) => {
    throw new AppError('fetch_network', `Bundled feed ${url} is missing from this installation`, { cause });
  });
  const hash = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
  if (hash === etag)
    return { kind: 'not-modified', finalUrl: url, etag: hash, lastModified: null, maxAgeSeconds: null };
  return {
    kind: 'ok',
    status: 200,
    finalUrl: url,
    body,
    contentType: 'application/rss+xml; charset=utf-8',
    etag: hash,
    lastModified: null,
    maxAgeSeconds: null,
    bytes: Buffer.byteLength(body),
  };
}
