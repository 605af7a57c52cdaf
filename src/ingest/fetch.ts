/**
 * The feed fetcher: one polite, bounded GET that follows redirects. Uses node:http rather than
 * global fetch so the SSRF guard can sit in the socket's DNS lookup and every byte can be counted
 * before and after decompression.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { AppError } from '../errors.ts';
import { decodeBody } from './charset.ts';
import { fetchError, readFeedBody } from './fetch-body.ts';
import {
  type AllowList,
  blockReason,
  blockedError,
  guardedLookup,
  isBlockedHostname,
  normalizeHostname,
  parseAllowList,
} from './ssrf.ts';

export type FetchOptions = {
  userAgent: string;
  etag?: string;
  lastModified?: string;
  /** One budget for connecting, redirects and the whole body. */
  timeoutMs?: number;
  /** Enforced on the bytes received and again after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Hostnames, addresses or CIDRs that may be private (see ssrf.ts). */
  allowedPrivateHosts?: readonly string[] | AllowList;
  signal?: AbortSignal;
};

/** `permanentRedirectTo` is set only when every hop so far was 301/308: the feed has moved. */
type Reached = { finalUrl: string; permanentRedirectTo?: string };
/** Header values are null when the server did not send them. */
type Validators = { etag: string | null; lastModified: string | null; maxAgeSeconds: number | null };
/** `bytes` is the body size after decompression, before charset decoding. */
export type FetchOk = Reached &
  Validators & { kind: 'ok'; status: number; body: string; contentType: string | null; bytes: number };
export type FetchNotModified = Reached & Validators & { kind: 'not-modified' };
export type FetchRetryLater = Reached & { kind: 'retry-later'; status: number; retryAfterSeconds: number | null };
export type FetchResult = FetchOk | FetchNotModified | FetchRetryLater;

/** A 4xx/5xx answer; `httpStatus` lets callers treat 404/410 differently from 500. */
export class FetchHttpError extends AppError {
  constructor(readonly httpStatus: number) {
    const message = `HTTP ${httpStatus} ${http.STATUS_CODES[httpStatus] ?? ''}`.trim();
    super('fetch_http_status', message, { status: 502, userMessage: message });
  }
}

type Settings = Required<Pick<FetchOptions, 'userAgent' | 'timeoutMs' | 'maxBytes' | 'maxRedirects'>> &
  Pick<FetchOptions, 'etag' | 'lastModified'> & { allowList: AllowList };

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function fetchFeed(url: string, options: FetchOptions): Promise<FetchResult> {
  const settings = withDefaults(options);
  const start = parseFeedUrl(url);
  const deadline = createDeadline(settings.timeoutMs, start.hostname, options.signal);
  try {
    return await followRedirects(start, settings, deadline.signal);
  } finally {
    deadline.clear();
  }
}

function withDefaults(options: FetchOptions): Settings {
  const allowed = options.allowedPrivateHosts ?? [];
  return {
    userAgent: options.userAgent,
    etag: options.etag,
    lastModified: options.lastModified,
    timeoutMs: options.timeoutMs ?? 20_000,
    maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
    allowList: 'hosts' in allowed ? allowed : parseAllowList(allowed),
  };
}

function parseFeedUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (err) {
    throw fetchError('fetch_bad_url', `Not a valid URL: ${raw}`, { status: 400, cause: err });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw fetchError('fetch_bad_scheme', `Only http and https feeds can be fetched, not ${url.protocol}`, {
      status: 400,
    });
  }
  url.hash = '';
  return url;
}

/** One AbortSignal for the caller's cancel and our own deadline; its reason is the error to throw. */
function createDeadline(timeoutMs: number, host: string, external?: AbortSignal) {
  const controller = new AbortController();
  const seconds = Number((timeoutMs / 1000).toFixed(3));
  const timer = setTimeout(
    () =>
      controller.abort(fetchError('fetch_timeout', `Timed out after ${seconds} s fetching ${host}`, { status: 504 })),
    timeoutMs,
  );
  const onCancel = () =>
    controller.abort(fetchError('fetch_aborted', `Fetch of ${host} was cancelled`, { cause: external?.reason }));
  if (external?.aborted) onCancel();
  else external?.addEventListener('abort', onCancel, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      external?.removeEventListener('abort', onCancel);
    },
  };
}

async function followRedirects(start: URL, settings: Settings, signal: AbortSignal): Promise<FetchResult> {
  const seen = new Set<string>();
  let url = start;
  let reached: Reached = { finalUrl: start.href };
  let onlyPermanent = true;
  for (let redirects = 0; ; redirects++) {
    seen.add(url.href);
    const res = await requestOnce(url, settings, signal);
    const status = res.statusCode ?? 0;
    if (!REDIRECTS.has(status) || !res.headers.location) return toResult(res, reached, settings, signal);
    res.destroy();
    const next = parseFeedUrl(res.headers.location, url);
    if (seen.has(next.href))
      throw fetchError('fetch_redirect_loop', `Redirect loop: ${url.href} leads back to ${next.href}`);
    if (redirects >= settings.maxRedirects) {
      throw fetchError(
        'fetch_too_many_redirects',
        `Gave up after ${settings.maxRedirects} redirects (next was ${next.href})`,
      );
    }
    // Only a chain of permanent hops tells the caller to change the stored feed URL.
    onlyPermanent &&= status === 301 || status === 308;
    reached = { finalUrl: next.href, permanentRedirectTo: onlyPermanent ? next.href : reached.permanentRedirectTo };
    url = next;
  }
}

async function toResult(
  res: IncomingMessage,
  reached: Reached,
  settings: Settings,
  signal: AbortSignal,
): Promise<FetchResult> {
  const status = res.statusCode ?? 0;
  const validators: Validators = {
    etag: header(res, 'etag') ?? null,
    lastModified: header(res, 'last-modified') ?? null,
    maxAgeSeconds: parseMaxAge(header(res, 'cache-control')) ?? null,
  };
  if (status >= 200 && status < 300) {
    const bytes = await readFeedBody(res, { url: reached.finalUrl, maxBytes: settings.maxBytes, signal });
    const contentType = header(res, 'content-type') ?? null;
    return {
      kind: 'ok',
      status,
      ...reached,
      ...validators,
      body: decodeBody(bytes, contentType ?? undefined),
      contentType,
      bytes: bytes.length,
    };
  }
  res.destroy();
  if (status === 304) {
    // A 304 may omit validators; the ones we sent are still current then.
    const etag = validators.etag ?? settings.etag ?? null;
    const lastModified = validators.lastModified ?? settings.lastModified ?? null;
    return { kind: 'not-modified', ...reached, ...validators, etag, lastModified };
  }
  if (status === 429 || status === 503) {
    return {
      kind: 'retry-later',
      status,
      ...reached,
      retryAfterSeconds: parseRetryAfter(header(res, 'retry-after')) ?? null,
    };
  }
  throw new FetchHttpError(status);
}

function header(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Retry-After is either delta-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function parseMaxAge(cacheControl: string | undefined): number | undefined {
  const match = cacheControl?.match(/(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i);
  return match ? Number(match[1]) : undefined;
}

function requestHeaders(settings: Settings): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': settings.userAgent,
    Accept: ACCEPT,
    'Accept-Encoding': 'gzip, deflate, br',
  };
  if (settings.etag) headers['If-None-Match'] = settings.etag;
  if (settings.lastModified) headers['If-Modified-Since'] = settings.lastModified;
  return headers;
}

/** Literal IPs never reach `lookup`, and metadata names are refused before any DNS query. */
function refuseBlockedHost(url: URL, allowList: AllowList): void {
  const host = normalizeHostname(url.hostname);
  if (isBlockedHostname(host)) throw blockedError(host, host, 'a cloud metadata service');
  const reason = net.isIP(host) ? blockReason(host, allowList, host) : undefined;
  if (reason) throw blockedError(host, host, reason);
}

function requestOnce(url: URL, settings: Settings, signal: AbortSignal): Promise<IncomingMessage> {
  refuseBlockedHost(url, settings.allowList);
  if (signal.aborted) return Promise.reject(signal.reason);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    // agent: false — no pooled socket can outlive the address check it was made under.
    const req = client.request(url, {
      headers: requestHeaders(settings),
      agent: false,
      lookup: guardedLookup(settings.allowList),
    });
    const onAbort = () => {
      req.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('response', (res) => {
      signal.removeEventListener('abort', onAbort);
      resolve(res);
    });
    req.on('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      reject(networkError(err, url));
    });
    req.end();
  });
}

const errnoWords: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another name',
};

function networkError(err: unknown, url: URL): AppError {
  if (err instanceof AppError) return err;
  // Racing IPv4/IPv6 reports an AggregateError whose members carry the codes.
  const first = err instanceof AggregateError ? err.errors[0] : err;
  const code = (first as NodeJS.ErrnoException | undefined)?.code ?? '';
  const host = url.host;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') {
    return fetchError(
      'fetch_dns',
      `Could not resolve ${url.hostname}${code === 'EAI_AGAIN' ? ' (DNS timed out)' : ''}`,
      { cause: err },
    );
  }
  const words = errnoWords[code] ?? (first instanceof Error ? first.message : String(first));
  return fetchError('fetch_network', `Could not fetch from ${host}: ${words}`, { cause: err });
}
