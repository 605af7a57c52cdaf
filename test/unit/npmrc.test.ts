import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.ts';

/**
 * The project's .npmrc keeps onnxruntime-node's CUDA download (its install script) off with a key
 * npm knows: package-specific keys make every npm command warn "Unknown project config", and npm
 * will stop reading them.
 */
const npm = (...args: string[]) =>
  promisify(execFile)('npm', args, { cwd: repoRoot, env: { PATH: process.env.PATH, HOME: process.env.HOME } });

describe('the project .npmrc', () => {
  it('when npm reads it, then no key is unknown and dependency install scripts are off', async () => {
    const { stdout, stderr } = await npm('config', 'get', 'ignore-scripts');
    expect(stdout.trim()).toBe('true');
    expect(stderr).not.toMatch(/Unknown (project|env) config/);
  });

  it('when a GPU user opts in on the command line, then install scripts run again', async () => {
    const { stdout, stderr } = await npm('config', 'get', 'ignore-scripts', '--ignore-scripts=false');
    expect(stdout.trim()).toBe('false');
    expect(stderr).not.toMatch(/Unknown/);
  });
});
