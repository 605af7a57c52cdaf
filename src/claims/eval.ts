import { subjectEntity } from './entities.ts';
import type { Claim, Span, TextKind } from './extract/types.ts';
import { resolveTime, timeKey } from './time.ts';

/** Scoring of extracted claims against hand labels (seeds.jsonl), as pure functions. */

export type LabelledClaim = Omit<Claim, 'start' | 'end'>;

export interface LabelledItem {
  id: string;
  kind: TextKind;
  text: string;
  claims: LabelledClaim[];
  /** Real-text sets carry their source and document context; the seeds do not. */
  url?: string;
  title?: string | null;
  publishedAt?: string | null;
}

export interface ItemResult {
  item: LabelledItem;
  matches: { label: LabelledClaim; predicted: Claim }[];
  misses: LabelledClaim[];
  falsePositives: Claim[];
}

export const ATTRIBUTES = ['metric', 'subject', 'period', 'direction', 'hedged', 'unit', 'per'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

export interface EvalReport {
  labelled: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: Record<Attribute, number>;
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
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%$.]+/gu, ' ')
    .trim();
}

/**
 * Subjects agree when both are null, or when their heads agree: qualifiers in parentheses set
 * aside ("OpenAI (inference cost per token)" is OpenAI) unless they name a business unit
 * ("Microsoft (Azure)" is Azure), known entities by canonical name ("Alphabet" = "Google"), other phrases when, case and punctuation folded, one contains the other.
 */
export function subjectsAgree(predicted: string | null, label: string | null): boolean {
  if (predicted === null || label === null) return predicted === label;
  const head = (s: string) => s.replace(/\([^)]*\)/g, ' ').trim() || s;
  const [pe, le] = [subjectEntity(predicted), subjectEntity(label)];
  if (pe && le) return pe === le;
  const p = normalise(head(predicted));
  const l = normalise(head(label));
  return p !== '' && l !== '' && (normalise(label).includes(p) || normalise(predicted).includes(l));
}

/**
 * Periods agree when both are null, when equal after case and whitespace folding, or when they
 * resolve to the same time and basis (time.ts): "Q3 FY2025" = "third quarter of fiscal 2025",
 * "2023" = "in 2023", "YoY" = "year over year".
 */
export function periodsAgree(
  predicted: string | null,
  label: string | null,
  at: Date = new Date('2025-06-15T00:00:00Z'),
  entity: string | null = null,
): boolean {
  if (predicted === null || label === null) return predicted === label;
  if (normalise(predicted) === normalise(label)) return true;
  const [p, l] = [resolveTime(predicted, { statedAt: at, entity }), resolveTime(label, { statedAt: at, entity })];
  return p.kind !== 'undated' && timeKey(p) === timeKey(l) && p.basis === l.basis;
}

/** Pers agree when both are null or equal after folding ("1M output tokens" = "1m output tokens"). */
export function persAgree(predicted: string | null, label: string | null): boolean {
  if (predicted === null || label === null) return predicted === label;
  return normalise(predicted) === normalise(label);
}

type Matched = { label: LabelledClaim; predicted: Claim; item?: LabelledItem };
const statedAt = (item?: LabelledItem) =>
  item?.publishedAt && !Number.isNaN(Date.parse(item.publishedAt)) ? new Date(item.publishedAt) : undefined;

const AGREES: Record<Attribute, (m: Matched) => boolean> = {
  metric: (m) => m.label.metric === m.predicted.metric,
  subject: (m) => subjectsAgree(m.predicted.subject, m.label.subject),
  // Both periods are resolved at the item's publication, with the labelled subject's fiscal calendar.
  period: (m) => periodsAgree(m.predicted.period, m.label.period, statedAt(m.item), subjectEntity(m.label.subject)),
  direction: (m) => m.label.direction === m.predicted.direction,
  hedged: (m) => m.label.hedged === m.predicted.hedged,
  unit: (m) => m.label.unit === m.predicted.unit,
  per: (m) => persAgree(m.predicted.per, m.label.per),
};

/** A prediction matches a label when their quotes overlap and value, value_high and unit agree. */
export function claimsMatch(item: LabelledItem, label: LabelledClaim, predicted: Claim): boolean {
  const span = labelSpan(item, label.quote);
  if (!span || predicted.start >= span.end || predicted.end <= span.start) return false;
  return (
    label.unit === predicted.unit &&
    valuesAgree(label.value, predicted.value) &&
    valuesAgree(label.value_high, predicted.value_high)
  );
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
  const withItems = results.flatMap((r) => r.matches.map((m) => ({ ...m, item: r.item })));
  const share = (ok: (m: Matched) => boolean) => ratio(withItems.filter(ok).length, withItems.length);
  return {
    labelled,
    predicted,
    matched: matches.length,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    accuracy: Object.fromEntries(ATTRIBUTES.map((a) => [a, share(AGREES[a])])) as Record<Attribute, number>,
    noClaimFalsePositives: results
      .filter((r) => r.item.claims.length === 0)
      .reduce((n, r) => n + r.falsePositives.length, 0),
  };
}

/** Runs `extract` over every item and scores it. */
export function evaluate(
  items: LabelledItem[],
  extract: (text: string, kind: TextKind, item: LabelledItem) => Claim[],
) {
  const results = items.map((item) => matchItem(item, extract(item.text, item.kind, item)));
  return { results, report: scoreResults(results) };
}

/**
 * 95 % bootstrap intervals (items resampled with replacement, a fixed seed so runs repeat) for
 * F1 and every attribute accuracy.
 */
export function bootstrap(results: ItemResult[], rounds = 1000): Record<'f1' | Attribute, [number, number]> {
  let state = 12345;
  const random = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
  const samples: EvalReport[] = [];
  for (let r = 0; r < rounds; r++)
    samples.push(scoreResults(results.map(() => results[Math.floor(random() * results.length)])));
  const interval = (pick: (e: EvalReport) => number): [number, number] => {
    const xs = samples.map(pick).sort((a, b) => a - b);
    return [xs[Math.floor(0.025 * rounds)], xs[Math.floor(0.975 * rounds)]];
  };
  return {
    f1: interval((e) => e.f1),
    ...Object.fromEntries(ATTRIBUTES.map((a) => [a, interval((e) => e.accuracy[a])])),
  } as Record<'f1' | Attribute, [number, number]>;
}

const f3 = (x: number) => x.toFixed(3);

/** The report as lines; the last one is the machine-readable summary. */
export function formatReport(report: EvalReport, results: ItemResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    for (const m of r.misses)
      lines.push(`miss  ${r.item.id}  ${JSON.stringify(m.quote)} ${m.metric} ${m.value} ${m.unit}`);
    for (const p of r.falsePositives)
      lines.push(`fp    ${r.item.id}  ${JSON.stringify(p.quote)} ${p.metric} ${p.value} ${p.unit}`);
    for (const { label, predicted } of r.matches) {
      if (label.metric !== predicted.metric)
        lines.push(`metric ${r.item.id}  ${JSON.stringify(label.quote)} want ${label.metric} got ${predicted.metric}`);
      for (const field of ['subject', 'period'] as const) {
        if (!AGREES[field]({ label, predicted, item: r.item }))
          lines.push(
            `${field} ${r.item.id}  ${JSON.stringify(label.quote)} want ${JSON.stringify(label[field])} got ${JSON.stringify(predicted[field])}`,
          );
      }
    }
  }
  const a = report.accuracy;
  lines.push(
    `labelled=${report.labelled} predicted=${report.predicted} matched=${report.matched} no_claim_false_positives=${report.noClaimFalsePositives}`,
    `accuracy: subject=${f3(a.subject)} period=${f3(a.period)} direction=${f3(a.direction)} hedged=${f3(a.hedged)} unit=${f3(a.unit)} per=${f3(a.per)}`,
    `claims: precision=${f3(report.precision)} recall=${f3(report.recall)} f1=${f3(report.f1)} metric_accuracy=${f3(a.metric)}`,
  );
  return lines;
}
