import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { fetchFeed, FetchHttpError, parseMaxAge, parseRetryAfter, type FetchOptions } from '../../src/ingest/fetch.ts';
import { type Handler, redirect, respond, startTestServer, type TestServer } from '../support/http-server.ts';

const UA = 'Crosscheck-test/1.0 (+https://crosscheck.example)';
const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';
const opts = (extra: Partial<FetchOptions> = {}): FetchOptions => ({
  userAgent: UA,
  allowedPrivateHosts: ['127.0.0.1'],
  ...extra,
});

async function fetchError(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => expect.fail('expected the fetch to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** Sends headers and then one byte every 50 ms, forever. */
const slowDrip: Handler = (req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
  const timer = setInterval(() => res.write(' '), 50);
  req.socket.on('close', () => clearInterval(timer));
};

let server: TestServer;
let url: (path: string) => string;

beforeAll(async () => {
  server = await startTestServer({
    '/feed': (req, res) => {
      const fresh =
        req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Wed, 01 Jan 2025 00:00:00 GMT';
      if (fresh) return void res.writeHead(304, { 'Cache-Control': 'max-age=120' }).end();
      res.writeHead(200, {
        'Content-Type': 'application/rss+xml; charset=utf-8',
        ETag: '"v1"',
        'Last-Modified': 'Wed, 01 Jan 2025 00:00:00 GMT',
        'Cache-Control': 'public, s-maxage=5, max-age=600',
      });
      res.end(RSS);
    },
    '/hang': () => {},
    '/drip': slowDrip,
  });
  url = (path) => `${server.url}${path}`;
});
afterAll(() => server.close());

describe('fetchFeed: requests and caching', () => {
  it('when a feed is fetched, then it identifies itself and asks for feeds in compressed form', async () => {
    const result = await fetchFeed(url('/feed'), opts());
    expect(result).toMatchObject({
      kind: 'ok',
      status: 200,
      finalUrl: url('/feed'),
      body: RSS,
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
      maxAgeSeconds: 600,
      bytes: RSS.length,
    });
    expect(result).not.toHaveProperty('permanentRedirectTo');
    const headers = server.requests.at(-1)!.headers;
    expect(headers['user-agent']).toBe(UA);
    expect(headers.accept).toMatch(/application\/rss\+xml.*application\/atom\+xml.*application\/feed\+json/);
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('when the ETag is sent back, then If-None-Match arrives and a 304 is reported as not-modified', async () => {
    const result = await fetchFeed(url('/feed'), opts({ etag: '"v1"' }));
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(result).toEqual({
      kind: 'not-modified',
      finalUrl: url('/feed'),
      etag: '"v1"',
      lastModified: null,
      maxAgeSeconds: 120,
    });
  });

  it('when Last-Modified is sent back, then If-Modified-Since arrives and a 304 keeps the validators', async () => {
    const lastModified = 'Wed, 01 Jan 2025 00:00:00 GMT';
    const result = await fetchFeed(url('/feed'), opts({ lastModified }));
    expect(server.requests.at(-1)!.headers['if-modified-since']).toBe(lastModified);
    expect(result).toMatchObject({ kind: 'not-modified', lastModified, etag: null });
  });

  it('when the server answers 429 with delta-seconds, then retry-later carries them', async () => {
    server.route('/busy', respond(429, { 'Retry-After': '120' }));
    expect(await fetchFeed(url('/busy'), opts())).toEqual({
      kind: 'retry-later',
      status: 429,
      finalUrl: url('/busy'),
      retryAfterSeconds: 120,
    });
  });

  it('when the server answers 503 with an HTTP-date, then retry-later carries the seconds until it', async () => {
    server.route('/down', respond(503, { 'Retry-After': new Date(Date.now() + 90_000).toUTCString() }));
    const result = await fetchFeed(url('/down'), opts());
    expect(result.kind === 'retry-later' && result.retryAfterSeconds).toBeGreaterThanOrEqual(88);
    expect(result.kind === 'retry-later' && result.retryAfterSeconds).toBeLessThanOrEqual(90);
  });

  it('when 503 has no Retry-After, then retryAfterSeconds is null', async () => {
    server.route('/down-bare', respond(503));
    expect(await fetchFeed(url('/down-bare'), opts())).toMatchObject({
      kind: 'retry-later',
      status: 503,
      retryAfterSeconds: null,
    });
  });

  it.each([
    [500, 'HTTP 500 Internal Server Error'],
    [404, 'HTTP 404 Not Found'],
    [410, 'HTTP 410 Gone'],
  ])('when the server answers %i, then fetch_http_status says "%s"', async (status, message) => {
    server.route(`/status-${status}`, respond(status, {}, 'nope'));
    const err = await fetchError(fetchFeed(url(`/status-${status}`), opts()));
    expect(err).toBeInstanceOf(FetchHttpError);
    expect(err).toMatchObject({ code: 'fetch_http_status', message, userMessage: message, httpStatus: status });
  });
});

describe('fetchFeed: redirects', () => {
  const chain = (name: string, hops: number) => {
    for (let i = 0; i < hops; i++) server.route(`/${name}/${i}`, redirect(`/${name}/${i + 1}`));
    server.route(`/${name}/${hops}`, respond(200, { 'Content-Type': 'application/rss+xml' }, RSS));
    return url(`/${name}/0`);
  };

  it('when Location is relative, then it resolves against the current URL', async () => {
    server.route('/dir/old', redirect('new', 307));
    server.route('/dir/new', redirect(`/feed`, 303));
    expect(await fetchFeed(url('/dir/old'), opts())).toMatchObject({ kind: 'ok', finalUrl: url('/feed'), body: RSS });
  });

  it('when Location is absolute, then it is followed', async () => {
    server.route('/abs', redirect(url('/feed')));
    expect(await fetchFeed(url('/abs'), opts())).toMatchObject({ kind: 'ok', finalUrl: url('/feed') });
  });

  it('when there are exactly maxRedirects hops, then the feed arrives', async () => {
    expect(await fetchFeed(chain('five', 5), opts())).toMatchObject({ kind: 'ok', finalUrl: url('/five/5') });
  });

  it('when there is one hop too many, then fetch_too_many_redirects', async () => {
    const err = await fetchError(fetchFeed(chain('six', 6), opts()));
    expect(err.code).toBe('fetch_too_many_redirects');
    expect(err.message).toMatch(/^Gave up after 5 redirects/);
  });

  it('when redirects come back to a URL already seen, then fetch_redirect_loop', async () => {
    server.route('/loop-a', redirect('/loop-b'));
    server.route('/loop-b', redirect('/loop-a'));
    const err = await fetchError(fetchFeed(url('/loop-a'), opts()));
    expect(err.code).toBe('fetch_redirect_loop');
    expect(server.requests.filter((r) => r.path.startsWith('/loop-')).length).toBe(2);
  });

  it('when every hop is permanent, then permanentRedirectTo is the final URL', async () => {
    server.route('/moved-1', redirect('/moved-2', 301));
    server.route('/moved-2', redirect('/feed', 308));
    expect(await fetchFeed(url('/moved-1'), opts())).toMatchObject({
      finalUrl: url('/feed'),
      permanentRedirectTo: url('/feed'),
    });
  });

  it('when a temporary hop follows a permanent one, then permanentRedirectTo stops before it', async () => {
    server.route('/perm', redirect('/temp', 301));
    server.route('/temp', redirect('/feed', 302));
    expect(await fetchFeed(url('/perm'), opts())).toMatchObject({
      finalUrl: url('/feed'),
      permanentRedirectTo: url('/temp'),
    });
  });

  it('when a redirect points at a file: URL, then fetch_bad_scheme', async () => {
    server.route('/to-file', redirect('file:///etc/passwd'));
    expect((await fetchError(fetchFeed(url('/to-file'), opts()))).code).toBe('fetch_bad_scheme');
  });
});

describe('fetchFeed: limits', () => {
  it('when headers never come, then fetch_timeout after timeoutMs', async () => {
    const started = Date.now();
    const err = await fetchError(fetchFeed(url('/hang'), opts({ timeoutMs: 300 })));
    expect(err).toMatchObject({ code: 'fetch_timeout', message: 'Timed out after 0.3 s fetching 127.0.0.1' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('when the body drips in slowly, then the timeout still covers the whole body', async () => {
    const started = Date.now();
    expect((await fetchError(fetchFeed(url('/drip'), opts({ timeoutMs: 300 })))).code).toBe('fetch_timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('when Content-Length is over maxBytes, then fetch_too_large before reading', async () => {
    server.route('/big', respond(200, { 'Content-Length': 2048 }, Buffer.alloc(2048, 'a')));
    const err = await fetchError(fetchFeed(url('/big'), opts({ maxBytes: 1024 })));
    expect(err).toMatchObject({ code: 'fetch_too_large', message: 'Feed is larger than 1 KB (by its Content-Length)' });
  });

  it('when a chunked body grows past maxBytes, then fetch_too_large', async () => {
    server.route('/big-chunked', (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(1024, 'a'));
      res.end();
    });
    expect((await fetchError(fetchFeed(url('/big-chunked'), opts({ maxBytes: 16 * 1024 })))).code).toBe(
      'fetch_too_large',
    );
  });

  it('when a gzip bomb inflates past maxBytes, then it fails cleanly and quickly', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 });
    server.route('/bomb', respond(200, { 'Content-Encoding': 'gzip' }, bomb));
    const started = Date.now();
    const err = await fetchError(fetchFeed(url('/bomb'), opts({ maxBytes: 1024 * 1024 })));
    expect(err).toMatchObject({ code: 'fetch_too_large', message: 'Feed is larger than 1 MB once decompressed' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('when the caller aborts, then fetch_aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await fetchError(fetchFeed(url('/hang'), opts({ signal: controller.signal })))).code).toBe('fetch_aborted');
  });
});

describe('fetchFeed: decoding', () => {
  it.each([
    ['gzip', 'gzip', zlib.gzipSync],
    ['br', 'br', zlib.brotliCompressSync],
    ['zlib-wrapped deflate', 'deflate', zlib.deflateSync],
    ['raw deflate', 'deflate', zlib.deflateRawSync],
  ] as const)('when the body is %s, then it is decoded', async (_name, encoding, compress) => {
    const path = `/enc-${compress.name}`;
    server.route(path, respond(200, { 'Content-Encoding': encoding }, compress(Buffer.from(RSS))));
    expect(await fetchFeed(url(path), opts())).toMatchObject({ kind: 'ok', body: RSS, bytes: RSS.length });
  });

  it('when gzip data is corrupt, then fetch_bad_encoding', async () => {
    server.route('/bad-gzip', respond(200, { 'Content-Encoding': 'gzip' }, 'definitely not gzip'));
    expect((await fetchError(fetchFeed(url('/bad-gzip'), opts()))).code).toBe('fetch_bad_encoding');
  });

  it('when the header says ISO-8859-1, then the body text is decoded with it', async () => {
    server.route(
      '/latin1',
      respond(200, { 'Content-Type': 'text/xml; charset=ISO-8859-1' }, iconv.encode('<rss>Café</rss>', 'latin1')),
    );
    expect(await fetchFeed(url('/latin1'), opts())).toMatchObject({ body: '<rss>Café</rss>' });
  });

  it('when only the XML prolog names windows-1252, then the body text is decoded with it', async () => {
    const text = '<?xml version="1.0" encoding="windows-1252"?><rss>“€”</rss>';
    server.route('/cp1252', respond(200, { 'Content-Type': 'application/xml' }, iconv.encode(text, 'windows-1252')));
    expect(await fetchFeed(url('/cp1252'), opts())).toMatchObject({ body: text });
  });

  it('when the server says charset=utf-8 over a windows-1251 body whose prolog says so, then the prolog decides', async () => {
    const text = '<?xml version="1.0" encoding="windows-1251"?><rss><title>Новости</title></rss>';
    server.route(
      '/cp1251',
      respond(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' }, iconv.encode(text, 'windows-1251')),
    );
    expect(await fetchFeed(url('/cp1251'), opts())).toMatchObject({ body: text });
  });
});

describe('fetchFeed: SSRF guard', () => {
  it('when 127.0.0.1 is not allow-listed, then it is refused without a request', async () => {
    const before = server.requests.length;
    const err = await fetchError(fetchFeed(url('/feed'), opts({ allowedPrivateHosts: [] })));
    expect(err).toMatchObject({ code: 'fetch_blocked_address', message: 'Refused: 127.0.0.1 is a loopback address' });
    expect(server.requests.length).toBe(before);
  });

  it.each([['127.0.0.1'], ['127.0.0.0/8']])('when the allow-list has %s, then 127.0.0.1 is fetched', async (entry) => {
    expect(await fetchFeed(url('/feed'), opts({ allowedPrivateHosts: [entry] }))).toMatchObject({ kind: 'ok' });
  });

  it('when a hostname resolves to a private address, then it is refused after DNS', async () => {
    const before = server.requests.length;
    const err = await fetchError(fetchFeed(`http://localhost:${server.port}/feed`, opts({ allowedPrivateHosts: [] })));
    expect(err.code).toBe('fetch_blocked_address');
    expect(err.message).toMatch(/^Refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/);
    expect(server.requests.length).toBe(before);
  });

  it('when the hostname is allow-listed, then it is fetched', async () => {
    const result = await fetchFeed(
      `http://localhost:${server.port}/feed`,
      opts({ allowedPrivateHosts: ['localhost'] }),
    );
    expect(result).toMatchObject({ kind: 'ok' });
  });

  it('when an allowed host redirects to a blocked address, then the hop is refused', async () => {
    server.route('/to-literal', redirect(url('/feed')));
    const err = await fetchError(
      fetchFeed(`http://localhost:${server.port}/to-literal`, opts({ allowedPrivateHosts: ['localhost'] })),
    );
    expect(err).toMatchObject({ code: 'fetch_blocked_address', message: 'Refused: 127.0.0.1 is a loopback address' });
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'Refused: 169.254.169.254 is the cloud metadata address'],
    ['http://10.0.0.5/feed', 'Refused: 10.0.0.5 is a private address'],
    ['http://[::ffff:a9fe:a9fe]/', 'Refused: ::ffff:a9fe:a9fe is the cloud metadata address'],
    [
      'http://metadata.google.internal/computeMetadata/v1/',
      'Refused: metadata.google.internal is a cloud metadata service',
    ],
  ])('when a redirect or the feed URL is %s, then it is refused without connecting', async (target, message) => {
    server.route('/to-internal', redirect(target));
    for (const start of [target, url('/to-internal')]) {
      const err = await fetchError(fetchFeed(start, opts({ timeoutMs: 5000 })));
      expect(err).toMatchObject({ code: 'fetch_blocked_address', message });
    }
  });

  it.each(['file:///etc/passwd', 'ftp://ftp.example/feed.xml'])(
    'when the URL is %s, then fetch_bad_scheme',
    async (target) => {
      const err = await fetchError(fetchFeed(target, opts()));
      expect(err.code).toBe('fetch_bad_scheme');
      expect(err.message).toMatch(/^Only http and https feeds can be fetched, not (file|ftp):$/);
    },
  );

  it('when the URL is not a URL, then fetch_bad_url', async () => {
    expect((await fetchError(fetchFeed('not a url', opts()))).code).toBe('fetch_bad_url');
  });
});

describe('fetchFeed: network failures', () => {
  it('when the name does not resolve, then fetch_dns names it', async () => {
    const err = await fetchError(fetchFeed('http://no-such-host.invalid/feed', opts({ timeoutMs: 5000 })));
    expect(err).toMatchObject({ code: 'fetch_dns', message: 'Could not resolve no-such-host.invalid' });
  });

  it('when nothing listens on the port, then fetch_network says connection refused', async () => {
    const closed = await startTestServer();
    await closed.close();
    const err = await fetchError(fetchFeed(`${closed.url}/feed`, opts()));
    expect(err).toMatchObject({
      code: 'fetch_network',
      message: `Could not fetch from 127.0.0.1:${closed.port}: connection refused`,
    });
  });
});

describe('header parsing', () => {
  it('when Retry-After is seconds, a date or junk, then it parses or gives undefined', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter(' 30 ', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('when Cache-Control has max-age among other directives, then only max-age is read', () => {
    expect(parseMaxAge('public, max-age=300')).toBe(300);
    expect(parseMaxAge('s-maxage=60')).toBeUndefined();
    expect(parseMaxAge(undefined)).toBeUndefined();
  });
});
