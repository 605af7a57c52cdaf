import type { Context } from 'hono';
import type { Config } from '../../config.ts';

/**
 * Whether cookies should be Secure (SECURE_COOKIES): "auto" means the request reached us over
 * HTTPS, directly, through a proxy that says so (X-Forwarded-Proto), or PUBLIC_URL is https.
 * Trusting the header here is harmless: a client that lies only gets cookies its browser drops.
 */
export function secureCookies(config: Pick<Config, 'SECURE_COOKIES' | 'PUBLIC_URL'>): (c: Context) => boolean {
  if (config.SECURE_COOKIES === 'always') return () => true;
  if (config.SECURE_COOKIES === 'never') return () => false;
  const publicHttps = config.PUBLIC_URL.startsWith('https:');
  return (c) =>
    publicHttps ||
    new URL(c.req.url).protocol === 'https:' ||
    c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https';
}
