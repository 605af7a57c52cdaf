import { describeSubject } from './descriptive.ts';
import { directionOf } from './directions.ts';
import { isHedged } from './hedges.ts';
import { scanMentions } from './mentions.ts';
import { chooseMetric, metricCandidates } from './metrics.ts';
import { notClaimReason } from './not-claims.ts';
import { periodOf } from './periods.ts';
import { resolvePer, resolveUnit } from './resolve.ts';
import { clauseOf, splitSentences, type Sentence } from './sentences.ts';
import { findEntities, pickSubject, type EntityMention } from './subjects.ts';
import { scanTables, type TableCell } from './tables.ts';
import type { Claim, ExtractOptions, FigureContext, Mention, Span, Unit } from './types.ts';

export { METRICS, UNITS } from './types.ts';
export type { Claim, ExtractOptions, Metric, MetricScorer, TextKind, Unit } from './types.ts';

/** Bump whenever the output for some input changes, so stored claims can be re-extracted. */
export const EXTRACTOR_VERSION = 'rules-2025.3';

// A sentence that sets up an invented scenario; its figures and the next sentence's are not claims.
const HYPOTHETICAL = /^["“]?\s*(?:consider|imagine|suppose|picture|let['’]?s say|say|hypothetically|assume)\b/i;

/** Every figure stated in `text` (prose, a comment, or a table header + row), as LABELS.md claims. */
export function extractClaims(text: string, opts: ExtractOptions = {}): Claim[] {
  const kind = opts.kind ?? 'prose';
  const { cells, covered } = scanTables(text, kind);
  const claims = cells.flatMap((cell) => cellClaims(text, cell, opts));
  if (kind !== 'table_row') claims.push(...proseClaims(text, splitSentences(text, covered), opts));
  return claims.sort((a, b) => a.start - b.start);
}

function cellClaims(text: string, cell: TableCell, opts: ExtractOptions): Claim[] {
  const cellText = text.slice(cell.span.start, cell.span.end);
  const hookContext = `${cell.table.header} | ${cell.table.subject} | ${cellText}`;
  const figures = figuresIn(text, cell.span);
  return figures.map((m) => {
    const ctx: FigureContext = { text, sentence: cell.span, clause: cell.span, prev: null, table: cell.table, others: figures.filter((f) => f !== m) };
    return buildClaim(m, ctx, cell.table.subject, null, hookContext, opts);
  });
}

interface ProseState {
  para: number;
  prev: Sentence | null;
  /** The last entity named, and the paragraph it was named in. */
  subject: string | null;
  subjectPara: number;
  unit: Unit | null;
  hypothetical: boolean;
}

// A sentence opening with "The company", "Its" points back to the subject of an earlier paragraph.
const ANAPHOR = /^(?:the (?:company|firm|startup|lab|group|chipmaker|maker|giant|business)|it|its|they|their)\b/i;

function proseClaims(text: string, sentences: Sentence[], opts: ExtractOptions): Claim[] {
  const out: Claim[] = [];
  const state: ProseState = { para: -1, prev: null, subject: null, subjectPara: -1, unit: null, hypothetical: false };
  for (const sentence of sentences) {
    if (sentence.para !== state.para) Object.assign(state, { para: sentence.para, prev: null, unit: null, hypothetical: false });
    const opensHypothetical = HYPOTHETICAL.test(text.slice(sentence.start, sentence.end));
    if (!opensHypothetical && !state.hypothetical) out.push(...sentenceClaims(text, sentence, state, opts));
    state.hypothetical = opensHypothetical;
    state.prev = sentence;
  }
  return out;
}

function sentenceClaims(text: string, sentence: Sentence, state: ProseState, opts: ExtractOptions): Claim[] {
  const entities = findEntities(text, sentence);
  const figures = figuresIn(text, sentence);
  const respective = respectiveSubjects(text, sentence, entities, figures);
  const samePara = state.subjectPara === sentence.para;
  const carry = samePara || ANAPHOR.test(text.slice(sentence.start, sentence.end)) ? state.subject : null;
  const described = new Set<string>();
  const claims = figures.map((m, i) => {
    const clause = clauseOf(text, sentence, m.start, m.end);
    const ctx: FigureContext = { text, sentence, clause, prev: state.prev, table: null, others: figures.filter((f) => f !== m) };
    // An entity wins, then the carried entity; a descriptive phrase only when neither exists (and it is never carried on).
    let subject = respective?.[i] ?? pickSubject(text, entities, m, clause, carry);
    if (subject === null) {
      subject = describeSubject(text, sentence, clause, m);
      if (subject !== null) described.add(subject);
    }
    const claim = buildClaim(m, ctx, subject, state.unit, text.slice(clause.start, clause.end), opts);
    if (m.scaled && ['USD', 'tokens', 'params'].includes(claim.unit)) state.unit = claim.unit;
    return claim;
  });
  const lastNamed = claims.at(-1)?.subject ?? null;
  const named = entities[0]?.name ?? (lastNamed && !described.has(lastNamed) ? lastNamed : null);
  if (named) Object.assign(state, { subject: named, subjectPara: sentence.para });
  return claims;
}

function figuresIn(text: string, span: Span): Mention[] {
  return scanMentions(text, span).filter((m) => notClaimReason(text, m, span) === null);
}

/** "Microsoft and Google spent $10B and $12B, respectively": pairs entities and figures in order. */
function respectiveSubjects(text: string, sentence: Span, entities: EntityMention[], figures: Mention[]): string[] | null {
  if (figures.length < 2 || !/\brespectively\b/i.test(text.slice(sentence.start, sentence.end))) return null;
  const names = [...new Set(entities.filter((e) => e.end <= figures[0].start).map((e) => e.name))];
  return names.length === figures.length ? names : null;
}

function buildClaim(m: Mention, ctx: FigureContext, subject: string | null, inherited: Unit | null, hookContext: string, opts: ExtractOptions): Claim {
  const { unit, factor } = resolveUnit(m, ctx, inherited);
  const direction = directionOf(m, ctx);
  const moved = direction !== null;
  const per = resolvePer(m, unit, ctx, moved);
  const whole = unit === 'percent' && !moved ? per : null;
  const candidates = metricCandidates({ mention: m, unit, moved, whole, per, ctx });
  return {
    quote: ctx.text.slice(m.start, m.end),
    start: m.start,
    end: m.end,
    metric: chooseMetric(candidates, hookContext, opts.metricScorer),
    subject,
    value: m.value * factor,
    value_high: m.high === null ? null : m.high * factor,
    unit,
    per,
    period: periodOf(m, ctx, moved),
    direction,
    hedged: isHedged(m, ctx),
  };
}
