import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

/**
 * PGlite is PostgreSQL in one process: two processes opening the same folder would corrupt it.
 * A pid lock file makes the second one fail with a clear message instead; a lock left by a
 * process that died is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, 'crosscheck.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const onExit = () => rmSync(path, { force: true });
      process.once('exit', onExit);
      return () => {
        process.off('exit', onExit);
        onExit();
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(path, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new AppError('database_locked', lockedMessage(owner, dir));
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError('database_locked', `Could not lock ${dir}`);
}

/**
 * What the CLI prints when the site holds the folder (the usual case: `npm start` runs while
 * someone types `crosscheck feeds add …`): the two ways out, in the words the README uses.
 */
function lockedMessage(owner: number, dir: string): string {
  return [
    `Another Crosscheck process (pid ${owner}) is using the embedded database in ${dir}; PGlite opens in one process at a time.`,
    `If that is the site (\`crosscheck serve\` or \`npm start\`), stop it first (Ctrl-C in its terminal, or \`kill ${owner}\`), run this command, then start the site again;`,
    'or set DATABASE_URL to a PostgreSQL server, which the site and the CLI can use at the same time.',
  ].join('\n');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
