/**
 * A local stand-in for the Hugging Face hub: serves model folders at `/<id>/resolve/main/<file>`
 * (the URL layout transformers.js requests) from a models folder, 404 for anything else.
 */
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { startTestServer, type TestServer } from './http-server.ts';

export async function startModelHub(modelDir: string): Promise<TestServer> {
  return startTestServer({
    '*': async (req, res) => {
      const match = /^\/(.+?)\/resolve\/[^/]+\/(.+)$/.exec(new URL(req.url ?? '/', 'http://hub').pathname);
      const relative = match ? normalize(join(match[1], match[2])) : '';
      const body =
        relative && !relative.startsWith('..') ? await readFile(join(modelDir, relative)).catch(() => null) : null;
      if (!body) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return void res.end('Entry not found');
      }
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  });
}
