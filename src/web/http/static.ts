import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const require = createRequire(import.meta.url);

/** Our CSS, our one small script, the icon and htmx, served from the app itself (from node_modules for htmx): pages work offline. */
const assets: Record<string, { path: string; type: string }> = {
  'app.css': {
    path: fileURLToPath(new URL('../../../views/static/app.css', import.meta.url)),
    type: 'text/css; charset=utf-8',
  },
  'app.js': {
    path: fileURLToPath(new URL('../../../views/static/app.js', import.meta.url)),
    type: 'text/javascript; charset=utf-8',
  },
  'favicon.svg': {
    path: fileURLToPath(new URL('../../../views/static/favicon.svg', import.meta.url)),
    type: 'image/svg+xml',
  },
  'htmx.min.js': { path: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
};

export function staticRoutes(): Hono {
  const app = new Hono();
  const loaded = new Map(
    Object.entries(assets).map(([name, a]) => [name, { body: readFileSync(a.path), type: a.type }]),
  );
  app.get('/static/:name', (c) => {
    const asset = loaded.get(c.req.param('name'));
    if (!asset) return c.notFound();
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(asset.body);
  });
  // The layout names the icon; this is for clients that ask the conventional address without reading a page.
  app.get('/favicon.ico', (c) => c.redirect('/static/favicon.svg', 301));
  return app;
}
