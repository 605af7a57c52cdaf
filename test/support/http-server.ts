/**
 * A throwaway HTTP server on 127.0.0.1 and a random port, for tests that fetch: a route table of
 * plain node:http handlers, a log of the requests that arrived, and a close() that also cuts
 * connections a handler left hanging (slow-drip and never-answering routes).
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
/** Keys are paths (`/feed.xml`, query ignored) or `*` for anything not listed. */
export type Routes = Record<string, Handler>;
export type RecordedRequest = { method: string; path: string; headers: IncomingHttpHeaders };

export type TestServer = {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Adds or replaces a route while the server runs. */
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
};

/** `host` is the address to listen on; `0.0.0.0` lets 127.0.0.2, 127.0.0.3 … act as separate hosts. */
export type TestServerOptions = { host?: string };

export async function startTestServer(routes: Routes = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const handler = table.get(path) ?? table.get('*') ?? notFound;
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`test handler failed: ${String(err)}`);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    route: (path, handler) => void table.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const notFound: Handler = (_req, res) => {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found');
};

/** A handler that answers with a fixed status, headers and body. */
export function respond(status: number, headers: http.OutgoingHttpHeaders = {}, body: string | Buffer = ''): Handler {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/** A handler that redirects to `location` (absolute or relative) with the given status. */
export function redirect(location: string, status = 302): Handler {
  return respond(status, { Location: location });
}
