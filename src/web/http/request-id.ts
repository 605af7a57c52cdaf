import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { withLogContext } from '../../log.ts';

declare module 'hono' {
  interface ContextVariableMap {
    requestId: string;
  }
}

/**
 * Gives every request an id (the client's `X-Request-Id` when well formed, else a new UUID), sends
 * it back in `X-Request-Id`, and adds it to every log line written while the request is handled,
 * the error handler's included, so a reader's report finds its lines.
 */
export function requestIds(): MiddlewareHandler {
  const assign = requestId();
  return (c, next) => assign(c, () => withLogContext({ requestId: c.get('requestId') }, next));
}
