import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { CliIo } from './cli-io.ts';
import { errorMessage } from './errors.ts';
import type { Logger } from './log.ts';

/**
 * The embedded database (PGlite) opens in one process, so while `crosscheck serve` runs, a CLI
 * command cannot open it. The site listens on a Unix socket in DATA_DIR instead (owner-only, 0600:
 * whoever may connect could open the database folder itself), and a CLI that finds the database
 * locked hands the common commands to the site, which runs them on its own connection and sends
 * back their output and exit code. With DATABASE_URL every process opens the database itself.
 *
 * One JSON line goes in: {"args":[…],"stdin":"…"}; JSON lines come back: {"out":"…"},
 * {"err":"…"}, and last {"exit":N}.
 */
export const ADMIN_SOCKET = 'crosscheck.sock';

export const adminSocketPath = (dataDir: string) => resolve(join(dataDir, ADMIN_SOCKET));

/** Runs one forwarded command with the site's database: args as typed, io wired to the socket. */
export type AdminHandler = (args: string[], io: CliIo) => Promise<number>;

/** What the site runs for a CLI (anything else still needs the site stopped, or DATABASE_URL). */
export function forwardable(args: string[]): boolean {
  const [command, sub, ...rest] = args;
  if (command === 'feeds') return ['add', 'list', 'import', 'export', 'enable', 'disable'].includes(sub);
  if (command === 'users') return ['add', 'role', 'list'].includes(sub);
  if (command === 'ingest') return [sub, ...rest].includes('--once');
  return false;
}

/** Listens until close(); a socket left by a process that died is replaced (we hold the database lock). */
export async function startAdminSocket(
  path: string,
  handler: AdminHandler,
  log: Logger,
): Promise<{ close(): Promise<void> }> {
  rmSync(path, { force: true });
  const server = createServer((socket) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\n');
      if (end === -1) return;
      socket.off('data', onData);
      const send = (message: object) => socket.write(`${JSON.stringify(message)}\n`);
      void serveOne(buffer.slice(0, end), handler, send, log).finally(() => socket.end());
    };
    socket.on('data', onData);
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(path, () => (server.off('error', fail), ok()));
  });
  chmodSync(path, 0o600);
  log.info('admin socket listening for CLI commands', { path });
  return { close: () => closeServer(server, path) };
}

async function serveOne(line: string, handler: AdminHandler, send: (m: object) => void, log: Logger): Promise<void> {
  let request: { args?: unknown; stdin?: unknown };
  try {
    request = JSON.parse(line);
  } catch {
    return send({ err: 'crosscheck: the admin socket got a request it cannot read\n', exit: 2 });
  }
  const args =
    Array.isArray(request.args) && request.args.every((a) => typeof a === 'string') ? (request.args as string[]) : [];
  if (!forwardable(args))
    return send({ err: `crosscheck: the running site does not run \`${args.join(' ')}\`\n`, exit: 2 });
  const io: CliIo = {
    stdin: Readable.from(typeof request.stdin === 'string' && request.stdin ? [request.stdin] : []),
    stdout: lineWriter((out) => send({ out })),
    stderr: lineWriter((err) => send({ err })),
    env: {},
  };
  log.info('CLI command from the admin socket', { command: args.slice(0, 2).join(' ') });
  try {
    send({ exit: await handler(args, io) });
  } catch (err) {
    send({ err: `crosscheck: ${errorMessage(err)}\n`, exit: 1 });
  }
}

function lineWriter(write: (text: string) => void): Writable {
  return new Writable({ write: (chunk: Buffer | string, _encoding, done) => (write(chunk.toString()), done()) });
}

function closeServer(server: Server, path: string): Promise<void> {
  return new Promise((done) => server.close(() => (rmSync(path, { force: true }), done())));
}

/**
 * Sends a command to the running site and relays what it prints. null when no site answers at
 * `path` (none running, or one without the socket): the caller reports the locked database.
 * File arguments are made absolute, since the site resolves them from its own directory.
 */
export async function forwardToSite(path: string, args: string[], io: CliIo, stdin = ''): Promise<number | null> {
  const socket = createConnection(path);
  const connected = await new Promise<boolean>((ok) => {
    socket.once('connect', () => ok(true));
    socket.once('error', () => ok(false));
  });
  if (!connected) return null;
  socket.write(`${JSON.stringify({ args: absoluteFiles(args), stdin })}\n`);
  return new Promise<number>((done) => {
    let buffer = '';
    let exit = 1;
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n')) {
        const message = JSON.parse(buffer.slice(0, end)) as { out?: string; err?: string; exit?: number };
        buffer = buffer.slice(end + 1);
        if (message.out) io.stdout.write(message.out);
        if (message.err) io.stderr.write(message.err);
        if (typeof message.exit === 'number') exit = message.exit;
      }
    });
    socket.on('close', () => done(exit));
    socket.on('error', () => done(1));
  });
}

/** `feeds import FILE` and `users add --password-file FILE`, relative to where the CLI was started. */
function absoluteFiles(args: string[]): string[] {
  const out = [...args];
  if (out[0] === 'feeds' && out[1] === 'import' && out[2] && !out[2].startsWith('-')) out[2] = resolve(out[2]);
  const flag = out.indexOf('--password-file');
  if (out[0] === 'users' && flag !== -1 && out[flag + 1]) out[flag + 1] = resolve(out[flag + 1]);
  const inline = out.findIndex((a) => a.startsWith('--password-file='));
  if (out[0] === 'users' && inline !== -1)
    out[inline] = `--password-file=${resolve(out[inline].slice('--password-file='.length))}`;
  return out;
}
