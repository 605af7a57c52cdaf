import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse, println, UsageError, type CliIo } from '../cli-io.ts';
import type { Db } from '../db/client.ts';
import * as Accounts from './accounts.ts';
import { checkPasswordPolicy } from './password.ts';
import * as Sessions from './sessions.ts';

export const USERS_USAGE = `crosscheck users add NAME [--role R] [--password-file F]
                                         create an account (R: commenter, moderator, admin; asks for the password without a file)
crosscheck users role NAME R             change a role (logs the user out everywhere)
crosscheck users list [--json]           list accounts`;

export async function runUsersCli(db: Db, args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      const { values, positionals } = parse(rest, { role: { type: 'string' }, 'password-file': { type: 'string' } }, 1);
      const name = positionals[0];
      if (!name) throw new UsageError('users add needs a NAME');
      const role = roleOf(values.role ?? 'commenter');
      const password = values['password-file']
        ? stripNewline(await readFile(values['password-file'], 'utf8'))
        : await promptPassword(io);
      const problem = checkPasswordPolicy(password, name);
      if (problem) {
        println(io.stderr, `crosscheck: ${problem}`);
        return 1;
      }
      const user = await Accounts.create(db, { username: name, password, role });
      println(io.stdout, `Added ${user.role} ${user.username} (#${user.userId}).`);
      return 0;
    }
    case 'role': {
      const { positionals } = parse(rest, {}, 2);
      if (!positionals[0] || !positionals[1]) throw new UsageError('users role needs NAME and ROLE');
      const user = await Accounts.setRole(db, positionals[0], roleOf(positionals[1]));
      if (!user) {
        println(io.stderr, `crosscheck: no user ${positionals[0]}`);
        return 1;
      }
      await Sessions.endAll(db, user.userId);
      println(io.stdout, `${user.username} is now ${user.role}.`);
      return 0;
    }
    case 'list': {
      const { values } = parse(rest, { json: { type: 'boolean' } });
      const users = await Accounts.list(db);
      if (values.json)
        println(
          io.stdout,
          JSON.stringify(
            users.map((u) => ({
              userId: u.userId,
              username: u.username,
              role: u.role,
              createdAt: u.createdAt,
              canLogIn: u.passwordHash !== null,
            })),
          ),
        );
      else
        for (const u of users)
          println(io.stdout, `#${u.userId}\t${u.role}\t${u.username}${u.passwordHash ? '' : '\t(no password)'}`);
      return 0;
    }
    default:
      throw new UsageError(sub ? `Unknown users command: ${sub}` : 'users needs a command');
  }
}

function roleOf(value: string): Accounts.Role {
  if (!Accounts.isRole(value)) throw new UsageError(`Unknown role ${value} (use ${Accounts.ROLES.join(', ')})`);
  return value;
}

/** A password file ends with one newline when written by echo or an editor; that is not part of the password. */
function stripNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** Asks on stderr and reads one line from stdin; on a terminal, typed characters are not echoed. */
async function promptPassword(io: CliIo): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  io.stderr.write('Password: ');
  if (stdin.isTTY && typeof stdin.setRawMode === 'function') return readHidden(stdin, io);
  const rl = createInterface({ input: stdin, terminal: false });
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.once('line', resolve);
      rl.once('close', () => reject(new UsageError('No password given (stdin closed)')));
    });
  } finally {
    rl.close();
  }
}

function readHidden(stdin: NodeJS.ReadStream, io: CliIo): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      io.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003' || ch === '\u0004') return done(new UsageError('Cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
