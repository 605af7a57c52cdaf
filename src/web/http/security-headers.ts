/**
 * Response headers that make injected markup harmless and keep the site out of other sites' frames.
 *
 * The CSP allows only our own scripts and styles: no inline code, no eval. htmx 2 routes every use of
 * eval/Function (hx-on, hx-vars, `js:` values, trigger filters) through `htmx.config.allowEval`, so it
 * runs without 'unsafe-eval' when that is false. Its one inline <style> (indicator styles) is blocked
 * by style-src 'self', so the layout should set `includeIndicatorStyles: false` and ship those rules in
 * app.css.
 *
 * Images: our own, https: and data: only. An http: image would be mixed content that tells the
 * network what each reader reads, so articles show a link in its place instead of loading it
 * (src/ingest/sanitize-images.ts); nothing is proxied.
 */
import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' https: data:",
  "style-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'none'",
].join('; ');

export type SecurityHeadersOptions = {
  /** Strict-Transport-Security; only when the site is served over HTTPS, since browsers then refuse HTTP for a year. */
  hsts?: boolean;
  contentSecurityPolicy?: string;
};

export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const headers: Record<string, string> = {
    'Content-Security-Policy': options.contentSecurityPolicy ?? CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY', // frame-ancestors for browsers that predate it
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (options.hsts) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return async (c, next) => {
    await next();
    // After next() so error pages and 404s get them too; a route that set its own value keeps it.
    for (const [name, value] of Object.entries(headers)) {
      if (!c.res.headers.has(name)) c.header(name, value);
    }
  };
}
