import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractClaims } from './extract/extract.ts';
import { evaluate, formatReport, parseLabelledItems } from './eval.ts';

// `npm run eval:claims [path]`: scores the extractor on labelled passages (default: the seed set beside the repo).
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const path = process.argv[2] ?? resolve(repoRoot, '../shared/claims/seeds.jsonl');

let jsonl: string;
try {
  jsonl = readFileSync(path, 'utf8');
} catch (err) {
  console.error(`eval:claims: cannot read ${path}: ${(err as Error).message}`);
  process.exit(1);
}
const { results, report } = evaluate(parseLabelledItems(jsonl), (text, kind) => extractClaims(text, { kind }));
for (const line of formatReport(report, results)) console.log(line);
