import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../errors.ts';

/**
 * Refuses any request whose path or query holds a NUL byte (`%00`) with a 400. No page here has a use
 * for one, and PostgreSQL refuses NUL in text, so letting it through turns a typo or a probe into a
 * 500 (and a stack trace in the log) wherever the value reaches a query. Browsers and the WHATWG URL
 * parser percent-encode a raw NUL, so looking for `%00` in the raw URL finds both; `%2500` is the text
 * "%00", which is harmless.
 */
export function rejectNulBytes(): MiddlewareHandler {
  return async (c, next) => {
    const { pathname, search } = new URL(c.req.url);
    const pathAndQuery = pathname + search;
    if (/%00/.test(pathAndQuery)) {
      throw new AppError('nul_byte', `NUL byte in request URL ${pathAndQuery.slice(0, 200)}`, {
        status: 400,
        userMessage:
          'This address contains a NUL character (%00), which no page here accepts. Remove it and try again.',
      });
    }
    await next();
  };
}
