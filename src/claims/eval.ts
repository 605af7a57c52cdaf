import type { Claim, Span, TextKind } from './extract/types.ts';

/** Scoring of extracted claims against hand labels (seeds.jsonl), as pure functions. */

export type LabelledClaim = Omit<Claim, 'start' | 'end'>;

export interface LabelledItem {
  id: string;
  kind: TextKind;
  text: string;
  claims: LabelledClaim[];
}

export interface ItemResult {
  item: LabelledItem;
  matches: { label: LabelledClaim; predicted: Claim }[];
  misses: LabelledClaim[];
  falsePositives: Claim[];
}

export interface EvalReport {
  labelled: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: Record<'metric' | 'subject' | 'period' | 'direction' | 'hedged', number>;
  /** Predictions on items labelled with no claims at all. */
  noClaimFalsePositives: number;
}

/** Parses JSON lines of labelled items; blank lines are skipped. */
export function parseLabelledItems(jsonl: string): LabelledItem[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledItem);
}

/** Where a label's quote sits in the item text; for a table row, in the data row (not the header). */
export function labelSpan(item: LabelledItem, quote: string): Span | null {
  const from = item.kind === 'table_row' ? item.text.indexOf('\n') + 1 : 0;
  const start = item.text.indexOf(quote, from);
  return start === -1 ? null : { start, end: start + quote.length };
}

/** Equal within 0.5 % of the larger magnitude. */
export function valuesAgree(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 0.005 * Math.max(Math.abs(a), Math.abs(b));
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}%$.]+/gu, ' ').trim();
}

/**
 * Subjects agree when both are null, or when, compared case-insensitively with punctuation folded
 * to spaces, one contains the other ("OpenAI" agrees with "OpenAI (inference cost per token)").
 */
export function subjectsAgree(predicted: string | null, label: string | null): boolean {
  if (predicted === null || label === null) return predicted === label;
  const p = normalise(predicted);
  const l = normalise(label);
  return p !== '' && l !== '' && (l.includes(p) || p.includes(l));
}

/** Periods agree when equal after case and whitespace folding (both null agrees). */
export function periodsAgree(predicted: string | null, label: string | null): boolean {
  if (predicted === null || label === null) return predicted === label;
  return normalise(predicted) === normalise(label);
}

/** A prediction matches a label when their quotes overlap and value, value_high and unit agree. */
export function claimsMatch(item: LabelledItem, label: LabelledClaim, predicted: Claim): boolean {
  const span = labelSpan(item, label.quote);
  if (!span || predicted.start >= span.end || predicted.end <= span.start) return false;
  return label.unit === predicted.unit && valuesAgree(label.value, predicted.value) && valuesAgree(label.value_high, predicted.value_high);
}

/** One-to-one greedy matching of an item's labels to its predictions, in label order. */
export function matchItem(item: LabelledItem, predicted: Claim[]): ItemResult {
  const free = new Set(predicted);
  const matches: ItemResult['matches'] = [];
  const misses: LabelledClaim[] = [];
  for (const label of item.claims) {
    const hit = [...free].find((p) => claimsMatch(item, label, p));
    if (hit) {
      free.delete(hit);
      matches.push({ label, predicted: hit });
    } else misses.push(label);
  }
  return { item, matches, misses, falsePositives: [...free] };
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

/** Figure-level precision/recall/F1 and field accuracies over matched claims. */
export function scoreResults(results: ItemResult[]): EvalReport {
  const matches = results.flatMap((r) => r.matches);
  const labelled = results.reduce((n, r) => n + r.item.claims.length, 0);
  const predicted = results.reduce((n, r) => n + r.matches.length + r.falsePositives.length, 0);
  const precision = ratio(matches.length, predicted);
  const recall = ratio(matches.length, labelled);
  const share = (ok: (m: ItemResult['matches'][number]) => boolean) => ratio(matches.filter(ok).length, matches.length);
  return {
    labelled,
    predicted,
    matched: matches.length,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    accuracy: {
      metric: share((m) => m.label.metric === m.predicted.metric),
      subject: share((m) => subjectsAgree(m.predicted.subject, m.label.subject)),
      period: share((m) => periodsAgree(m.predicted.period, m.label.period)),
      direction: share((m) => m.label.direction === m.predicted.direction),
      hedged: share((m) => m.label.hedged === m.predicted.hedged),
    },
    noClaimFalsePositives: results.filter((r) => r.item.claims.length === 0).reduce((n, r) => n + r.falsePositives.length, 0),
  };
}

/** Runs `extract` over every item and scores it. */
export function evaluate(items: LabelledItem[], extract: (text: string, kind: TextKind) => Claim[]) {
  const results = items.map((item) => matchItem(item, extract(item.text, item.kind)));
  return { results, report: scoreResults(results) };
}

const f3 = (x: number) => x.toFixed(3);

/** The report as lines; the last one is the machine-readable summary. */
export function formatReport(report: EvalReport, results: ItemResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    for (const m of r.misses) lines.push(`miss  ${r.item.id}  ${JSON.stringify(m.quote)} ${m.metric} ${m.value} ${m.unit}`);
    for (const p of r.falsePositives) lines.push(`fp    ${r.item.id}  ${JSON.stringify(p.quote)} ${p.metric} ${p.value} ${p.unit}`);
    for (const { label, predicted } of r.matches) {
      if (label.metric !== predicted.metric) lines.push(`metric ${r.item.id}  ${JSON.stringify(label.quote)} want ${label.metric} got ${predicted.metric}`);
    }
  }
  const a = report.accuracy;
  lines.push(
    `labelled=${report.labelled} predicted=${report.predicted} matched=${report.matched} no_claim_false_positives=${report.noClaimFalsePositives}`,
    `accuracy: subject=${f3(a.subject)} period=${f3(a.period)} direction=${f3(a.direction)} hedged=${f3(a.hedged)}`,
    `claims: precision=${f3(report.precision)} recall=${f3(report.recall)} f1=${f3(report.f1)} metric_accuracy=${f3(a.metric)}`,
  );
  return lines;
}
