/**
 * Reading a feed response's body within limits: the raw bytes are capped as they arrive, and
 * again after decompression, so a slow drip, an oversized feed or a gzip bomb fails cleanly.
 */
import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import { AppError } from '../errors.ts';

/** Fetch errors are about someone else's server, so their message is the one users see. */
export function fetchError(
  code: string,
  message: string,
  options: { status?: number; cause?: unknown } = {},
): AppError {
  return new AppError(code, message, { status: options.status ?? 502, userMessage: message, cause: options.cause });
}

export type BodyLimits = { url: string; maxBytes: number; signal: AbortSignal };

/** The response body, decompressed per its Content-Encoding; rejects past maxBytes or on abort. */
export async function readFeedBody(res: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const raw = await readRaw(res, limits);
  const encoding = (headerValue(res, 'content-encoding') ?? '').trim().toLowerCase();
  return decompress(raw, encoding, limits.maxBytes);
}

function headerValue(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MB`;
  return n >= 1024 ? `${Number((n / 1024).toFixed(1))} KB` : `${n} bytes`;
}

function tooLarge(maxBytes: number, what?: string): AppError {
  return fetchError('fetch_too_large', `Feed is larger than ${formatBytes(maxBytes)}${what ? ` ${what}` : ''}`, {
    status: 413,
  });
}

const isZlibHeader = (b: Buffer) => b.length >= 2 && (b[0] & 0x0f) === 8 && b.readUInt16BE(0) % 31 === 0;
type Inflate = (buf: Buffer, options: { maxOutputLength: number }, done: zlib.CompressCallback) => void;
const inflaters: Record<string, Inflate> = {
  gzip: zlib.gunzip,
  'x-gzip': zlib.gunzip,
  br: zlib.brotliDecompress,
  // Servers sending "deflate" mean zlib-wrapped or raw deflate about equally often, so peek.
  deflate: (buf, options, done) => (isZlibHeader(buf) ? zlib.inflate : zlib.inflateRaw)(buf, options, done),
};

/** Decompresses off the main thread; maxOutputLength stops a zip bomb as soon as it passes maxBytes. */
async function decompress(raw: Buffer, encoding: string, maxBytes: number): Promise<Buffer> {
  if (encoding === '' || encoding === 'identity') return raw;
  const inflate = inflaters[encoding];
  if (!inflate) throw fetchError('fetch_bad_encoding', `Unsupported Content-Encoding "${encoding}"`);
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      inflate(raw, { maxOutputLength: maxBytes }, (err, out) => (err ? reject(err) : resolve(out))),
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes, 'once decompressed');
    throw fetchError('fetch_bad_encoding', `Could not decompress the ${encoding} body`, { cause: err });
  }
}

/** Reads the raw body, giving up as soon as it passes maxBytes or the deadline fires. */
function readRaw(res: IncomingMessage, { url, maxBytes, signal }: BodyLimits): Promise<Buffer> {
  if (Number(res.headers['content-length']) > maxBytes) {
    res.destroy();
    return Promise.reject(tooLarge(maxBytes, '(by its Content-Length)'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (err: unknown) => {
      signal.removeEventListener('abort', onAbort);
      res.destroy();
      reject(err);
    };
    const onAbort = () => fail(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(tooLarge(maxBytes));
      else chunks.push(chunk);
    });
    res.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks));
    });
    res.on('error', (err) =>
      fail(fetchError('fetch_network', `Connection to ${new URL(url).host} broke off mid-body`, { cause: err })),
    );
  });
}
