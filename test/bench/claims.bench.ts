/**
 * Claim-extraction benchmark (`npm run bench:claims`): sentences per second of the deterministic
 * extractor on one core (this process, one thread) over a corpus of the seed passages (read from
 * ../shared when present) and sentences written for this benchmark, repeated. Printed, never asserted.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { extractClaims, EXTRACTOR_VERSION, type TextKind } from '../../src/claims/extract/extract.ts';
import { splitSentences } from '../../src/claims/extract/sentences.ts';

const MIN_MS = Number(process.env.BENCH_MIN_MS ?? 3000);
const SEEDS = fileURLToPath(new URL('../../../shared/claims/seeds.jsonl', import.meta.url));

const OWN: string[] = [
  'Nvidia reported revenue of $35.1 billion for the third quarter of fiscal 2025, up 94% from a year ago.',
  'Microsoft said it expects to spend $80 billion on AI-enabled data centers in fiscal 2025.',
  'OpenAI raised $6.6 billion at a $157 billion valuation, led by Thrive Capital.',
  'ChatGPT now has 300 million weekly active users, up from 200 million in August.',
  'The Memphis cluster will house 100,000 Nvidia H100 GPUs and draw 150 MW of power.',
  "Nvidia shares fell 17% on Monday, wiping $593 billion off the company's market value.",
  'DeepSeek said training V3 cost just $5.6 million, using 2.78 million H800 GPU-hours.',
  'GPT-4o costs $2.50 per million input tokens and $10 per million output tokens.',
  'Prices for GPT-4-level inference have fallen roughly 1,000-fold in three years.',
  'Data centers could consume 9% of US electricity by 2030, up from 4% today.',
  'The model was trained with 3.8×10^25 FLOPs, above the EU threshold of 10^25.',
  'Microsoft and Alphabet reported cloud growth of 33% and 35%, respectively.',
  'The era of easy money for undifferentiated model companies is over, analysts say.',
  'At 10:30 a.m. on Jan. 27, 2025, the stock was trading at $118.42, its lowest since October.',
];

function corpus(): { text: string; kind: TextKind }[] {
  const items: { text: string; kind: TextKind }[] = OWN.map((text) => ({ text, kind: 'prose' }));
  if (existsSync(SEEDS)) {
    for (const line of readFileSync(SEEDS, 'utf8').split('\n')) {
      if (line.trim()) items.push(JSON.parse(line) as { text: string; kind: TextKind });
    }
  }
  return items;
}

function sentenceCount(items: { text: string; kind: TextKind }[]): number {
  return items.reduce((n, i) => n + (i.kind === 'table_row' ? 1 : splitSentences(i.text).length), 0);
}

const items = corpus();
const perPass = sentenceCount(items);
for (let i = 0; i < 20; i++) for (const item of items) extractClaims(item.text, { kind: item.kind }); // warm-up

let passes = 0;
let claims = 0;
const started = process.hrtime.bigint();
let elapsedMs = 0;
while (elapsedMs < MIN_MS) {
  for (const item of items) claims += extractClaims(item.text, { kind: item.kind }).length;
  passes++;
  elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
}
const sentences = passes * perPass;
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores (benchmark uses one)`);
console.log(
  `extractor: ${EXTRACTOR_VERSION}; corpus: ${items.length} items, ${perPass} sentences per pass${existsSync(SEEDS) ? ' (seeds included)' : ' (seeds absent)'}`,
);
console.log(`ran ${passes} passes, ${sentences} sentences, ${claims} claims in ${(elapsedMs / 1000).toFixed(2)} s`);
console.log(`claims: sentences_per_s=${Math.round(sentences / (elapsedMs / 1000))}`);
