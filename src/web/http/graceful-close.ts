import type { ServerType } from '@hono/node-server';

type ClosableServer = ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };

/**
 * Stops a server the way a SIGTERM asks: no new connections at once, keep-alive connections closed
 * as soon as they are idle, and requests still running after `drainMs` cut off with their sockets,
 * so a client that keeps a connection busy can never hold the process open.
 */
export function closeServer(server: ServerType, drainMs: number): Promise<void> {
  const s = server as ClosableServer;
  return new Promise<void>((resolve) => {
    const sweep = setInterval(() => s.closeIdleConnections?.(), 100);
    const cutOff = setTimeout(() => s.closeAllConnections?.(), drainMs);
    s.close(() => {
      clearInterval(sweep);
      clearTimeout(cutOff);
      resolve();
    });
    s.closeIdleConnections?.();
  });
}
