import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runClaimsCli } from '../../src/claims/cli.ts';

async function run(args: string[], stdinText = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const code = await runClaimsCli(args, { stdin: Readable.from([stdinText]), stdout, stderr });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const SENTENCE = 'Nvidia reported revenue of $35.1 billion, up 94% from a year ago.';

describe('crosscheck claims extract', () => {
  it('when text comes on stdin, then a readable table of claims is printed', async () => {
    const { code, stdout } = await run(['extract'], SENTENCE);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^quote\s+metric\s+value/);
    expect(stdout).toContain('$35.1 billion');
    expect(stdout).toContain('revenue_growth');
  });

  it('when --json is given with a file, then exactly one JSON object with the claims is printed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'claims-')), 'a.txt');
    writeFileSync(file, SENTENCE);
    const { code, stdout } = await run(['extract', file, '--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(Object.keys(parsed)).toEqual(['claims']);
    expect(parsed.claims.map((c: { quote: string }) => c.quote)).toEqual(['$35.1 billion', '94%']);
  });

  it('when --jsonl lines carry a title and a publication time, then "the company" is the headline\'s and each claim has its resolved time', async () => {
    const input = [
      JSON.stringify({
        id: 'a',
        text: 'The company said revenue was $30 billion in the quarter.',
        title: 'Nvidia beats estimates',
        publishedAt: '2024-08-28T20:00:00Z',
      }),
      JSON.stringify({ id: 'b', text: 'Revenue was $30 billion.' }),
      JSON.stringify({ id: 'c', text: 'Revenue was $30 billion.', publishedAt: 'not a date' }),
    ].join('\n');
    const { code, stdout } = await run(['extract', '--jsonl'], input);
    expect(code).toBe(0);
    const [a, b, c] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(a.claims[0]).toMatchObject({
      subject: 'Nvidia',
      value: 30e9,
      time: { kind: 'interval', key: '2024-05..2024-07' },
    });
    expect(b.claims[0].time).toBeUndefined();
    expect(c.error).toMatch(/publishedAt/);
  });

  it('when --jsonl is given, then one line per input line comes back in order, bad lines with an error', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: SENTENCE }),
      '{not json',
      JSON.stringify({ id: 'c', text: 42 }),
      JSON.stringify({ id: 'd', text: '| Co | Capex |\n| Meta | $40B |', kind: 'table_row' }),
    ].join('\n');
    const { code, stdout } = await run(['extract', '--jsonl'], input);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', null, 'c', 'd']);
    expect(lines[0].claims).toHaveLength(2);
    expect(lines[1].error).toMatch(/invalid JSON/);
    expect(lines[2].error).toMatch(/text/);
    expect(lines[3].claims[0]).toMatchObject({ subject: 'Meta', metric: 'capex', value: 40e9 });
  });

  it.each([
    [[], /missing command/],
    [['summarise'], /unknown command/],
    [['extract', '--yaml'], /unknown option/],
    [['extract', '--json', '--jsonl'], /cannot be combined/],
    [['extract', 'a.txt', 'b.txt'], /at most one FILE/],
    [['extract', '--kind', 'poem'], /--kind/],
  ])('when the arguments are %j, then it exits 2 with a usage message', async (args, message) => {
    const { code, stderr, stdout } = await run(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('usage: crosscheck claims extract');
    expect(stdout).toBe('');
  });

  it.each([[['extract', '/nonexistent/article.txt']], [['extract', '/nonexistent/article.txt', '--jsonl']]])(
    'when the file in %j cannot be read, then it exits 1 and says which file',
    async (args) => {
      const { code, stderr } = await run(args);
      expect(code).toBe(1);
      expect(stderr).toContain('/nonexistent/article.txt');
    },
  );
});
