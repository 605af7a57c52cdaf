import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { extractClaims } from './extract/extract.ts';
import { ATTRIBUTES, bootstrap, evaluate, formatReport, parseLabelledItems, type LabelledItem } from './eval.ts';
import { headlineOf, readRealSet, splitOfUrl } from './eval-data.ts';

/**
 * `npm run eval:claims [-- --set seeds|real|FILE] [--split heldout|dev|all] [--errors] [--rules-only]`: scores the
 * extractor on labelled passages. `real` is test/fixtures/real-claims (real public text labelled by
 * LABELS.md); a third of it, chosen by a hash of each page's URL, is held out and never tuned on,
 * and is what the default run reports, with 95 % bootstrap intervals. `--errors` lists misses,
 * false figures and wrong measures (refused on the held-out part, so nobody tunes on it).
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEEDS = resolve(repoRoot, '../shared/claims/seeds.jsonl');

const { values: args } = parseArgs({
  options: {
    set: { type: 'string', default: 'both' },
    split: { type: 'string', default: 'heldout' },
    errors: { type: 'boolean', default: false },
    'rules-only': { type: 'boolean', default: false },
  },
});
if (args.errors && args.split !== 'dev') {
  console.error(
    'eval:claims: --errors lists individual mistakes; use it with --split dev only (the held-out part is never tuned on).',
  );
  process.exit(2);
}

const extract = (text: string, kind: LabelledItem['kind'], item: LabelledItem) =>
  extractClaims(text, { kind, title: headlineOf(item), rulesOnly: args['rules-only'] });
const f3 = (x: number) => x.toFixed(3);

function run(name: string, items: LabelledItem[], withIntervals: boolean) {
  const started = performance.now();
  const { results, report } = evaluate(items, extract);
  const ms = performance.now() - started;
  const lines = formatReport(report, results);
  console.log(
    `== ${name}: ${items.length} passages, ${report.labelled} labelled figures (${(items.length / (ms / 1000)).toFixed(0)} passages/s incl. scoring)`,
  );
  for (const line of args.errors ? lines : lines.slice(-3)) console.log(line);
  if (withIntervals) {
    const ci = bootstrap(results);
    const show = (k: 'f1' | (typeof ATTRIBUTES)[number]) => `${k}=[${f3(ci[k][0])}, ${f3(ci[k][1])}]`;
    console.log(`95% CI: ${show('f1')} ${ATTRIBUTES.map(show).join(' ')}`);
  }
}

console.log(`machine: ${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, node ${process.version}`);
if (args.set === 'seeds' || args.set === 'both') {
  try {
    run('seeds', parseLabelledItems(readFileSync(SEEDS, 'utf8')), false);
  } catch (err) {
    console.error(`eval:claims: cannot read ${SEEDS}: ${(err as Error).message}`);
    process.exit(1);
  }
}
if (args.set !== 'seeds') {
  const items =
    args.set === 'real' || args.set === 'both' ? readRealSet() : parseLabelledItems(readFileSync(args.set, 'utf8'));
  const wanted = items.filter((i) => args.split === 'all' || !i.url || splitOfUrl(i.url) === args.split);
  run(`real text (${args.split})`, wanted, true);
}
