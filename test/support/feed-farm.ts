/**
 * Many feeds from one process, for benchmarks and crash tests that need a feed server on its
 * own CPU: `node --import tsx test/support/feed-farm.ts` prints `{"port":N}` once listening.
 * GET /feeds/N.xml is feed N (FARM_ITEMS items, ETag "feed-N"); a matching If-None-Match gets
 * 304. It listens on every loopback address, so 127.0.0.X act as separate hosts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rssFeed, testItems } from './feed-xml.ts';

const ITEMS = Number(process.env.FARM_ITEMS ?? 20);
const bodies = new Map<number, Buffer>();

function body(n: number): Buffer {
  let b = bodies.get(n);
  if (!b) bodies.set(n, (b = Buffer.from(rssFeed({ title: `Farm feed ${n}`, items: testItems(`farm${n}`, ITEMS) }))));
  return b;
}

const server = http.createServer((req, res) => {
  const match = /^\/feeds\/(\d+)\.xml$/.exec(req.url ?? '');
  if (!match) return void res.writeHead(404).end();
  const n = Number(match[1]);
  const etag = `"feed-${n}"`;
  if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
  res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: etag }).end(body(n));
});

server.listen(0, '0.0.0.0', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
