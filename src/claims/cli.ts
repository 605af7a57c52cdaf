import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { canonicalEntity } from './entities.ts';
import { extractClaims, type Claim, type TextKind } from './extract/extract.ts';
import { resolveTime, timeKey } from './time.ts';

export interface ClaimsCliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = `usage: crosscheck claims extract [FILE|-] [--json | --jsonl] [--kind prose|comment|table_row]
  FILE or -   text to read (default: standard input)
  --json      print one JSON object {"claims":[…]}
  --jsonl     read JSON lines {"id","text"[,"kind","title","publishedAt"]} and print one {"id","claims"}
              line per input line; with "publishedAt" each claim also carries its resolved "time"
  --kind      how to read the text (default prose)`;

interface Options {
  source: string;
  format: 'table' | 'json' | 'jsonl';
  kind: TextKind;
}

class UsageError extends Error {}

/** `crosscheck claims …`; `args` are the words after "claims". Exit 0 ok, 1 I/O error, 2 usage error. */
export async function runClaimsCli(args: string[], io: ClaimsCliIo): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`crosscheck claims: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  try {
    if (options.format === 'jsonl') await extractJsonLines(inputStream(options.source, io), io.stdout);
    else await extractOne(await readText(options.source, io), options, io.stdout);
    return 0;
  } catch (err) {
    io.stderr.write(
      `crosscheck claims: cannot read ${options.source === '-' ? 'standard input' : options.source}: ${(err as Error).message}\n`,
    );
    return 1;
  }
}

function parseArgs(args: string[]): Options {
  const [command, ...rest] = args;
  if (command !== 'extract') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  const options: Options = { source: '-', format: 'table', kind: 'prose' };
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json' || arg === '--jsonl') {
      if (options.format !== 'table') throw new UsageError('--json and --jsonl cannot be combined');
      options.format = arg === '--json' ? 'json' : 'jsonl';
    } else if (arg === '--kind' || arg.startsWith('--kind=')) {
      const kind = arg === '--kind' ? rest[++i] : arg.slice('--kind='.length);
      if (kind !== 'prose' && kind !== 'comment' && kind !== 'table_row')
        throw new UsageError(`--kind must be prose, comment or table_row, not "${kind ?? ''}"`);
      options.kind = kind;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
    else positional.push(arg);
  }
  if (positional.length > 1) throw new UsageError('give at most one FILE');
  options.source = positional[0] ?? '-';
  return options;
}

function inputStream(source: string, io: ClaimsCliIo): NodeJS.ReadableStream {
  return source === '-' ? io.stdin : createReadStream(source, 'utf8');
}

async function readText(source: string, io: ClaimsCliIo): Promise<string> {
  if (source !== '-') return readFile(source, 'utf8');
  let text = '';
  for await (const chunk of io.stdin) text += chunk.toString();
  return text;
}

async function extractOne(text: string, options: Options, out: NodeJS.WritableStream): Promise<void> {
  const claims = extractClaims(text, { kind: options.kind });
  await write(out, options.format === 'json' ? `${JSON.stringify({ claims })}\n` : formatTable(claims));
}

/** One output line per input line, in order; a bad line reports its error and the rest go on. */
async function extractJsonLines(input: NodeJS.ReadableStream, out: NodeJS.WritableStream): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    await write(out, `${JSON.stringify(extractLine(line))}\n`);
  }
}

type Timed = Claim & { time?: { kind: string; key: string; basis: string | null } };

/**
 * One input line: the headline (optional "title") tells whom "the company" means; a publication
 * time (optional "publishedAt", ISO 8601) resolves each claim's period ("this year", "the quarter").
 */
function extractLine(line: string): { id: unknown; claims: Timed[] } | { id: unknown; error: string } {
  let item: unknown;
  try {
    item = JSON.parse(line);
  } catch (err) {
    return { id: null, error: `invalid JSON: ${(err as Error).message}` };
  }
  const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  const id = record.id ?? null;
  if (typeof record.text !== 'string') return { id, error: 'expected an object with a string "text"' };
  const kind = record.kind ?? 'prose';
  if (kind !== 'prose' && kind !== 'comment' && kind !== 'table_row')
    return { id, error: `unknown kind "${String(kind)}"` };
  if (record.title !== undefined && record.title !== null && typeof record.title !== 'string')
    return { id, error: '"title" must be a string' };
  const publishedAt =
    record.publishedAt === undefined || record.publishedAt === null ? null : new Date(String(record.publishedAt));
  if (publishedAt && Number.isNaN(publishedAt.getTime()))
    return { id, error: `"publishedAt" is not a date: ${String(record.publishedAt)}` };
  const claims = extractClaims(record.text, { kind, title: (record.title as string | undefined) ?? null });
  if (!publishedAt) return { id, claims };
  return {
    id,
    claims: claims.map((c) => {
      const t = resolveTime(c.period, { statedAt: publishedAt, entity: canonicalEntity(c.subject) });
      return { ...c, time: { kind: t.kind, key: timeKey(t), basis: t.basis } };
    }),
  };
}

function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
}

const COLUMNS = ['quote', 'metric', 'value', 'unit', 'subject', 'period', 'dir', 'hedged'] as const;

/** A plain-text table, one claim per row, for reading in a terminal. */
export function formatTable(claims: Claim[]): string {
  if (claims.length === 0) return 'no claims\n';
  const rows = claims.map((c) => [
    c.quote.length > 40 ? `${c.quote.slice(0, 39)}…` : c.quote,
    c.metric,
    c.value_high === null ? formatNumber(c.value) : `${formatNumber(c.value)}–${formatNumber(c.value_high)}`,
    c.per ? `${c.unit}/${c.per}` : c.unit,
    c.subject ?? '-',
    c.period ?? '-',
    c.direction ?? '-',
    c.hedged ? 'yes' : 'no',
  ]);
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), ...rows.map(line)].join('\n') + '\n';
}

function formatNumber(n: number): string {
  const abs = Math.abs(n);
  for (const [size, suffix] of [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
  ] as const) {
    if (abs >= size && abs < size * 1000) return `${+(n / size).toPrecision(4)}${suffix}`;
  }
  return abs >= 1e15 ? n.toExponential(2) : String(+n.toPrecision(6));
}
