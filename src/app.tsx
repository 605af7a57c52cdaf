import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { articleRoutes } from './articles/routes.tsx';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { AppError } from './errors.ts';
import { feedRoutes } from './feeds/routes.tsx';
import { isHtmx, renderFragment, renderPage } from './http/render.ts';
import { securityHeaders } from './http/security-headers.ts';
import { metricsRoutes } from './http/metrics.ts';
import { staticRoutes } from './http/static.ts';
import { storyRoutes } from './stories/routes.tsx';
import { claimRoutes } from './claims/routes.tsx';
import type { TextEmbedder } from './enrich/enrich.ts';
import type { EnrichStats } from './enrich/runner.ts';
import { systemRoutes } from './http/system-routes.tsx';
import type { Logger } from './log.ts';
import { ErrorFragment, ErrorPage } from '../views/pages/error-page.tsx';

export type AppDeps = {
  db: Db;
  config: Config;
  log: Logger;
  now: () => Date;
  /** Facts for the about page and /healthz that the composition root knows. */
  info: { database: 'pglite' | 'postgres'; embedder: string; version: string };
  /** The enrichment pool, for embedding search queries; null when this process runs none. */
  embedder: TextEmbedder | null;
  /** Counters of this process's enrichment runner, for /metrics. */
  enrichStats?: () => EnrichStats;
};

/** The web app: every module's routes under one error handler. No listening here (see main.ts). */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use('*', securityHeaders());
  app.route('/', staticRoutes());
  app.route('/', systemRoutes(deps));
  app.route('/', metricsRoutes(deps));
  app.route('/', storyRoutes(deps));
  app.route('/', articleRoutes(deps));
  app.route('/', feedRoutes(deps));
  app.route('/', claimRoutes(deps));

  app.notFound((c) => renderPage(c, <ErrorPage status={404} message="There is nothing at this address." />, 404));
  app.onError((err, c) => {
    const status = err instanceof AppError ? err.status : err instanceof HTTPException ? err.status : 500;
    const message = err instanceof AppError ? err.userMessage : status < 500 ? err.message : 'Something went wrong on our side.';
    if (status >= 500) deps.log.error('request failed', { method: c.req.method, path: c.req.path, error: err.message, stack: err.stack });
    if (err instanceof AppError && 'retryAfterSeconds' in err) c.header('Retry-After', String((err as { retryAfterSeconds: number }).retryAfterSeconds));
    return isHtmx(c) ? renderFragment(c, <ErrorFragment message={message} />, status) : renderPage(c, <ErrorPage status={status} message={message} />, status);
  });
  return app;
}
