import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';

/** Full pages get a doctype; htmx requests (HX-Request) get the fragment alone. */
export async function renderPage(c: Context, page: JSX.Element, status = 200): Promise<Response> {
  c.header('Vary', 'HX-Request');
  return c.html(`<!DOCTYPE html>${await page}`, status as never);
}

export async function renderFragment(c: Context, fragment: JSX.Element, status = 200): Promise<Response> {
  c.header('Vary', 'HX-Request');
  return c.html(`${await fragment}`, status as never);
}

export const isHtmx = (c: Context) => c.req.header('HX-Request') === 'true';

/** Parses a positive integer route parameter, or undefined (the route answers 404). */
export function idParam(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}
