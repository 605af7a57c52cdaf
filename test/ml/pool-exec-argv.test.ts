import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/ml/pool.ts';

describe('workerExecArgv', () => {
  it('when the parent runs under `tsx`, then its preload flags are dropped and the others kept', () => {
    const tsxCli = [
      '--require',
      '/app/node_modules/tsx/dist/preflight.cjs',
      '--import',
      'file:///app/node_modules/tsx/dist/loader.mjs',
      '--enable-source-maps',
    ];
    expect(workerExecArgv(tsxCli)).toEqual(['--enable-source-maps']);
  });

  it('when flags are written with `=` or preload something else, then only tsx goes', () => {
    expect(workerExecArgv(['--import=tsx', '-r', 'dotenv/config', '--max-old-space-size=512'])).toEqual([
      '-r',
      'dotenv/config',
      '--max-old-space-size=512',
    ]);
  });
});
