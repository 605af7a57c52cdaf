import { canonicalEntity } from '../entities.ts';
import { PARENTS, PRODUCT_OWNERS } from './aliases.ts';
import { isForecast, isRunRate, measureWord, qualify } from './qualifiers.ts';
import { describeSubject } from './descriptive.ts';
import { directionOf } from './directions.ts';
import { isHedged } from './hedges.ts';
import { scanMentions } from './mentions.ts';
import { chooseMetric, isTie, metricCandidates } from './metrics.ts';
import {
  CLAIM_MODEL_VERSION,
  classifyDirection,
  classifyHedged,
  classifyMetric,
  metricFeatures,
} from './claim-model.ts';
import { notClaimReason } from './not-claims.ts';
import { lastTimeIn, periodOf, withContextTime } from './periods.ts';
import { resolvePer, resolveUnit } from './resolve.ts';
import { clauseOf, splitSentences, type Sentence } from './sentences.ts';
import { isSegmentName, openingSegment, SEGMENT_ENTITIES, segmentOf, SEGMENT_METRICS } from './segments.ts';
import { findEntities, fundingSubject, pickSubject, type EntityMention } from './subjects.ts';
import { scanTables, type TableCell } from './tables.ts';
import type { Claim, ExtractOptions, FigureContext, Mention, Metric, Span, Unit } from './types.ts';

export { METRICS, UNITS } from './types.ts';
export type { Claim, ExtractOptions, Metric, TextKind } from './types.ts';

/** Bump whenever the output for some input changes (a retrained model changes it by itself), so stored claims are re-extracted and re-filed. */
export const EXTRACTOR_VERSION = `rules-2026.5+${CLAIM_MODEL_VERSION}`;

// A sentence that sets up an invented scenario; its figures and the next sentence's are not claims.
const HYPOTHETICAL =
  /^["“]?\s*(?:consider|imagine|suppose|picture|let['’]?s say|say|hypothetically|assume|assuming)\b|^["“]?\s*(?:so\s+|now,?\s+)?(?:if|when)\s+(?:you|I|we)\s+(?:have|had|give|gave|get|got|pay|paid|spend|spent|bid|buy|bought|sell|sold|charge|rent|were|are|['’](?:re|ve|d))\b|^["“]?\s*(?:now,?\s+)?(?:assume|suppose|imagine|let['’]?s say)\b/i;

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
    const ctx: FigureContext = {
      text,
      sentence: cell.span,
      clause: cell.span,
      prev: null,
      table: cell.table,
      others: figures.filter((f) => f !== m),
    };
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
  /** The entity the headline names first: what an opening "The company …" is about. */
  headline: string | null;
  /** The time the headline names ("… in Q2 FY2026"): the default period of flows the text leaves undated. */
  headlineTime: string | null;
  /** The business segment the previous sentence's revenue was of ("Nvidia (data center)"), for "This part of the business …". */
  segment: string | null;
  /** The segment the previous sentence opened on without a figure ("AMD (data center)"), for "Revenue rose …" after it. */
  unitOpened: string | null;
}

function headlineEntity(title: string | null | undefined): string | null {
  if (!title) return null;
  // A headline written all in lower case (a URL slug, a forum title) says nothing by its case:
  // names that must be capitalised elsewhere ("Amazon", not the river) are read as if they were.
  const read = /\p{Lu}/u.test(title) ? title : title.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
  return findEntities(read, { start: 0, end: read.length })[0]?.name ?? null;
}

/** The time a headline names; in one written all in lower case (a URL slug), "q2" and "fy2025" are "Q2" and "FY2025". */
function headlineTimeOf(title: string | null | undefined): string | null {
  if (!title) return null;
  const read = /\p{Lu}/u.test(title) ? title : title.replace(/\b(q[1-4]|fy)(?=\s?\d|\b)/g, (w) => w.toUpperCase());
  return lastTimeIn(read, { start: 0, end: read.length });
}

// A sentence opening with "The company", "Its" points back to the subject of an earlier paragraph.
const ANAPHOR =
  /^(?:the (?:company|firm|startup|start-up|lab|group|chipmaker|chip ?maker|maker|giant|business|corporation|tech giant|chip giant)|it|its|they|their)\b/i;

function proseClaims(text: string, sentences: Sentence[], opts: ExtractOptions): Claim[] {
  const out: Claim[] = [];
  const state: ProseState = {
    para: -1,
    prev: null,
    subject: null,
    subjectPara: -1,
    unit: null,
    hypothetical: false,
    headline: headlineEntity(opts.title),
    headlineTime: headlineTimeOf(opts.title),
    segment: null,
    unitOpened: null,
  };
  for (const sentence of sentences) {
    if (sentence.para !== state.para)
      Object.assign(state, { para: sentence.para, prev: null, unit: null, hypothetical: false, segment: null });
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
  const anaphor = ANAPHOR.test(text.slice(sentence.start, sentence.end));
  const carry = samePara || anaphor ? (state.subject ?? (anaphor ? state.headline : null)) : null;
  const described = new Set<string>();
  const claims = figures.map((m, i) => {
    const clause = clauseOf(text, sentence, m.start, m.end);
    const ctx: FigureContext = {
      text,
      sentence,
      clause,
      prev: state.prev,
      table: null,
      others: figures.filter((f) => f !== m),
    };
    // An entity wins, then the carried entity; a descriptive phrase only when neither exists (and it is never carried on).
    let subject = respective?.[i] ?? pickSubject(text, entities, m, clause, carry);
    if (subject === null) {
      subject = describeSubject(text, sentence, clause, m);
      // In a piece headlined on a company, a phrase that is not a collective ("hyperscalers",
      // "the AI chip market") is mostly a fragment of a sentence about that company.
      if (subject !== null && state.headline && !COLLECTIVE.test(subject)) subject = null;
      if (subject !== null) described.add(subject);
    }
    let claim = withSegment(
      buildClaim(m, ctx, subject, state.unit, text.slice(clause.start, clause.end), opts),
      text,
      clause,
      state.headline,
    );
    claim = {
      ...claim,
      period: asComparisonBase(
        withContextTime(claim.period, contextTime(text, state, claim, clause)),
        text,
        sentence,
        m,
      ),
    };
    claim = {
      ...claim,
      metric:
        governingMeasure(text, clause, claim) ??
        unitGrowth(text, clause, claim) ??
        dealValue(text, clause, claim) ??
        priceCut(text, clause, claim) ??
        otherHead(text, clause, claim) ??
        claim.metric,
    };
    // Money raised and a valuation are the company's invested in, never the investor's (also in other currencies, whose metric is "other").
    const topic = claim.metric === 'other' ? measureWord(text, clause, claim) : claim.metric;
    if (topic === 'funding' && !respective)
      claim = {
        ...claim,
        subject: fundingSubject(text, entities, sentence, m, state.subject ?? state.headline, clause) ?? claim.subject,
      };
    if (topic === 'valuation' && !respective)
      claim = {
        ...claim,
        subject:
          fundingSubject(text, entities, sentence, m, state.subject ?? state.headline, clause, true) ?? claim.subject,
      };
    if (claim.metric === 'gpu_count')
      claim = { ...claim, subject: chipBuyer(claim.subject, entities, m, clause, carry ?? state.headline) };
    claim = qualified(
      { ...claim, subject: companyLevel(claim.subject ?? state.headline, claim.metric) },
      text,
      clause,
      figures,
      sentence,
    );
    claim = ofProduct(claim, text, clause, figures);
    if (m.scaled && ['USD', 'tokens', 'params'].includes(claim.unit)) state.unit = claim.unit;
    return claim;
  });
  basisFromBase(text, claims);
  // "This important part of the business grew 56%": a sentence that opens on the segment the previous
  // one gave revenue for is about that segment.
  const segmentCarried =
    state.segment && SEGMENT_ANAPHOR.test(text.slice(sentence.start, sentence.end)) ? state.segment : null;
  if (segmentCarried) {
    const entity = segmentCarried.replace(/\s*\([^)]*\)$/, '');
    for (const [i, c] of claims.entries())
      if (SEGMENT_METRICS.has(c.metric) && (c.subject === null || c.subject === entity))
        claims[i] = { ...c, subject: segmentCarried };
  }
  // "The data center segment was the star performer. Revenue rose 69% to $3.9 billion": revenue named
  // bare right after a sentence (or heading) about a segment, with no figure of its own, is the segment's.
  if (state.unitOpened && BARE_REVENUE.test(text.slice(sentence.start, sentence.end))) {
    const entity = state.unitOpened.replace(/\s*\([^)]*\)$/, '');
    for (const [i, c] of claims.entries())
      if (SEGMENT_METRICS.has(c.metric) && (c.subject === null || c.subject === entity))
        claims[i] = { ...c, subject: state.unitOpened };
  }
  const opened = claims.length === 0 ? openingSegment(text, sentence) : null;
  const owner = opened ? (entities[0]?.name ?? state.subject ?? state.headline) : null;
  state.unitOpened = opened && owner ? `${owner} (${opened})` : null;
  state.segment =
    [...claims]
      .reverse()
      .find(
        (c) =>
          SEGMENT_METRICS.has(c.metric) &&
          c.subject &&
          SEGMENT_QUALIFIED.test(c.subject) &&
          !NOT_SEGMENTS.test(c.subject),
      )?.subject ?? null;
  // What is carried to the next sentence is the entity, without this figure's qualifiers.
  const lastNamed = claims.at(-1)?.subject?.replace(/\s*\([^)]*\)\s*$/, '') ?? null;
  const named = entities[0]?.name ?? (lastNamed && !described.has(lastNamed) ? lastNamed : null);
  if (named) Object.assign(state, { subject: named, subjectPara: sentence.para });
  return claims;
}

/** "600,000 H100 equivalents", "performance equivalent to 600,000 H100 GPUs". */
const isEquivalentCount = (text: string, clause: Span, figure: Span) =>
  /\bequivalents?\b/i.test(text.slice(figure.start, Math.min(clause.end, figure.end + 25))) ||
  /\bequivalent (?:to|of)\s+(?:about |around |roughly |nearly |some )?$/i.test(
    text.slice(Math.max(clause.start, figure.start - 40), figure.start),
  );

// "raised its forecast by $15 billion", "cut spending by $2 billion"; "rose $6.6 billion" (not "rose to").
const MOVE =
  '(?:rais|increas|lift|boost|cut|reduc|lower|grew|grow|rose|rise|rising|risen|fell|fall|jump|climb|drop|declin|expand|widen|narrow|trim|slash|hik|gain|slid|slump|soar|surg)\\w*';
const MOVED =
  '(?:rose|fell|grew|jumped|climbed|dropped|declined|increased|decreased|gained|added|shed|slid|slumped|soared|surged)';
const HEDGE = '(?:about|around|roughly|nearly|almost|some|over|more than|another|an additional|an extra|a further)?';
// … and as a noun before the amount: "an increase of nearly $15 billion".
const CHANGE_NOUN = '(?:increase|rise|jump|boost|hike|cut|reduction|decrease|decline|drop|gain)';
const CHANGE_BEFORE = new RegExp(
  `(?:\\b${MOVE}\\b(?:\\s+[\\w'’-]+){0,6}?\\s+by|\\b${MOVED}(?:\\s+(?:another|an additional))?|\\b${CHANGE_NOUN}\\s+of)\\s+${HEDGE}\\s*$`,
  'i',
);

/** "by $15 billion", "rose $6.6 billion" (not "rose to $6.6 billion"): an amount the quantity moved by. */
function isChangeAmount(text: string, clause: Span, figure: Span): boolean {
  return CHANGE_BEFORE.test(
    text.slice(Math.max(clause.start, figure.start - 60), figure.start).replace(/(?:US)?\$\s*$/, ''),
  );
}

/** Forecasts of a flow and "other" figures get a qualifier (qualifiers.ts), so they stay apart from results and from each other. */
function qualified(claim: Claim, text: string, clause: Span, figures: Span[] = [], sentence: Span = clause): Claim {
  if (!claim.subject || !canonicalEntity(claim.subject)) return claim;
  // A deal's value, with the deal's other party named anywhere in the sentence ("… if Microsoft increases its demand").
  if (claim.metric === 'other' && isDealValued(text, clause, claim)) {
    const partner = dealPartner(text, clause, claim.subject) ?? dealPartner(text, sentence, claim.subject, false);
    return { ...claim, subject: qualify(claim.subject, partner ? `with ${partner}` : 'deal') };
  }
  if (claim.metric === 'revenue' && isRunRate(text, clause, claim))
    return { ...claim, subject: qualify(claim.subject, 'run rate') };
  // "raised its forecast by $15 billion to $50 billion", "capex rose $6.6 billion": the change is a figure apart from the level.
  if (claim.unit !== 'percent' && claim.unit !== 'ratio' && isChangeAmount(text, clause, claim))
    return { ...claim, subject: qualify(claim.subject, 'change') };
  // Capex is mostly stated as a plan before it is spent: plans and results are one figure there.
  if (FORECAST_METRICS.has(claim.metric) && isForecast(text, clause, claim))
    return { ...claim, subject: qualify(claim.subject, 'forecast') };
  // "600,000 H100 equivalents": compute counted in another chip's units is not a count of chips.
  if (claim.metric === 'gpu_count' && isEquivalentCount(text, clause, claim))
    return { ...claim, subject: qualify(claim.subject, 'equivalents') };
  // Weekly, monthly and daily users are different counts.
  const frequency = claim.metric === 'usage' ? usageFrequency(text, clause, claim) : null;
  if (frequency) return { ...claim, subject: qualify(claim.subject, frequency) };
  // "It has raised $8.6 billion to date": all the money raised so far, not one round's.
  if (claim.metric === 'funding' && isCumulative(text, clause, claim, figures))
    return { ...claim, subject: qualify(claim.subject, 'total') };
  const partner = DEAL_METRICS.has(claim.metric)
    ? (dealPartner(text, clause, claim.subject) ?? (claim.metric === 'power' ? supplierOf(text, clause, claim) : null))
    : null;
  if (partner) return { ...claim, subject: qualify(claim.subject, `with ${partner}`) };
  if (claim.metric !== 'other') return claim;
  // A backlog is named as such (no cue topic covers it); other heads are named by their cue topic as before.
  const word =
    (otherHeadKind(text, clause, claim) === 'backlog' ? 'backlog' : null) ?? measureWord(text, clause, claim);
  if (!word) return claim;
  // "3.76 million units", "350,000 of these GPUs": a count whose measure word is GPUs is a GPU count.
  if (word === 'gpu' && (claim.unit === 'count' || (claim.unit === 'other' && !MONEY.test(claim.quote))))
    return { ...claim, metric: 'gpu_count', unit: 'GPUs' };
  // A share price, a profit or a valuation is the company's, even when a product is named.
  const owner = COMPANY_TOPICS.has(word)
    ? (PRODUCT_OWNERS[claim.subject] ?? (LISTED_TOPICS.has(word) ? PARENTS[claim.subject] : undefined))
    : undefined;
  return { ...claim, subject: qualify(owner ?? claim.subject, word) };
}

const FLAGSHIP: Record<string, string> = { OpenAI: 'ChatGPT' };
// Said of money raised, before the figure ("a total of", "bringing total funding to") or after it ("to date", "so far").
const CUMULATIVE_BEFORE =
  /\b(?:a total of|in total|total (?:funding|capital raised|raised|investment|stake|commitment)(?: in (?:[\w.-]+\s+){0,4}?[\w.-]+)?(?: (?:of|to|at))?|(?:bringing|raising|lifting|taking) (?:its |the |their )?total(?: \w+)? to|cumulative(?:ly)?|altogether)\s+(?:\w+\s+){0,2}$/i;
const CUMULATIVE_AFTER =
  /^\s*(?:in \w+\s+)?(?:to date|so far|in total|altogether|since (?:its )?(?:founding|inception|launch))\b/i;

/** "It has raised $8.6 billion to date", "a total of $400 million": all the money raised so far, not one round's; only the words between this figure and its neighbours count. */
function isCumulative(text: string, clause: Span, figure: Span, figures: Span[]): boolean {
  const before = Math.max(clause.start, ...figures.filter((f) => f.end <= figure.start).map((f) => f.end));
  const after = Math.min(clause.end, ...figures.filter((f) => f.start >= figure.end).map((f) => f.start));
  return (
    CUMULATIVE_BEFORE.test(text.slice(before, figure.start)) || CUMULATIVE_AFTER.test(text.slice(figure.end, after))
  );
}
const SEGMENT_ANAPHOR =
  /^\W*(?:the|this|that|its|their)\s+(?:[a-z][\w-]*\s+){0,2}?(?:segment|unit|division|arm|part of (?:the|its) business)\b/i;
const SEGMENT_QUALIFIED = /^[^(]+\([^,)]+\)$/;
const BARE_REVENUE =
  /^\W*(?:(?:Q[1-4]|quarterly|fourth[- ]quarter|third[- ]quarter|second[- ]quarter|first[- ]quarter)\s+)?(?:revenues?|sales)\b/i;
const NOT_SEGMENTS = /\((?:forecast|run rate|weekly|monthly|daily|profit|with [^)]*)\)$/;

const MONEY_METRICS = new Set(['funding', 'valuation', 'revenue', 'capex']);
// "Mistral AI's valuation is approximately €5.8 billion", "the round, at a valuation of $13.8 billion":
// the measure named as the figure's own head noun, joined to it by a verb or a preposition only.
const GOVERNING =
  /\b(valuation|revenues?|sales|capex|capital expenditures?)\s+(?:[a-z]\w*\s+){0,2}?(?:is|was|are|were|has|had|have|stood|stands|reached|soared|jumped|climbed|hit|totall?ed|of|at|to|now|came in at)(?:\s+[a-z][\w-]*){0,3}\s+[$€£¥]?$/i;
const GOVERNED_METRIC: Record<string, string> = {
  valuation: 'valuation',
  revenue: 'revenue',
  revenues: 'revenue',
  sales: 'revenue',
  capex: 'capex',
};

/**
 * The learned stage weighs cues across the sentence and its headline (a headline about a round
 * makes "funding" likely); a measure that is the figure's own head noun, joined to it by a verb
 * or a preposition alone, settles which money measure it is.
 */
function governingMeasure(text: string, clause: Span, claim: Claim): Claim['metric'] | null {
  if (!MONEY_METRICS.has(claim.metric)) return null;
  const m = GOVERNING.exec(text.slice(Math.max(clause.start, claim.start - 80), claim.start));
  if (!m) return null;
  const word = m[1].toLowerCase();
  return (GOVERNED_METRIC[word] ?? (word.startsWith('capital') ? 'capex' : null)) as Claim['metric'] | null;
}

// "a five-year agreement … valued at $17.4 billion", "the contract was worth $17.4bn": what is valued is a deal.
const DEAL_VALUED =
  /\b(?:agreements?|contracts?|deals?|pacts?|orders?|commitments?|partnerships?|capacity|leases?|purchases?)\b(?:\s+(?!valu)[\w-]+){0,12}?\s+(?:is|was|are|were|being|been)?\s*(?:valued at|worth)\s+(?:about|around|roughly|nearly|some|up to|more than|over)?\s*(?:US)?[$€£¥]?$/i;
const COMPANY_VALUED = /\b(?:valuation|valuing|market (?:cap|value|capitali[sz]ation)|post-money|pre-money)\b/i;

// "a record backlog of $523 billion", "a $5 billion loss", "market cap of $4 trillion": a head noun that
// names another quantity than the money measures the sentence also speaks of.
const OTHER_HEADS =
  'backlog|remaining performance obligations|RPO|debt|loss(?:es)?|net income|operating income|operating profit|net profit|profits?|free cash flow|cash flow|buybacks?|dividends?|charges?|write-?downs?|fines?|penalt(?:y|ies)|settlement|market (?:cap|capitali[sz]ation|value)';
// Only qualifiers may stand between the head and its figure: "profit on revenue of $X" is revenue.
const HEAD_QUALIFIERS =
  '(?:(?:quarterly|annual|total|record|net|gross|adjusted|reported|expected|estimated|combined|cumulative|remaining|GAAP|non-GAAP)\\s+){0,2}';
const OTHER_HEAD_BEFORE = new RegExp(
  `\\b(${OTHER_HEADS})\\s+${HEAD_QUALIFIERS}(?:of|at|to|was|is|stood at|reached|hit|totall?ed|came in at)\\s+(?:about|approximately|roughly|nearly|some|over|more than|almost)?\\s*(?:US)?[$€£¥]?$`,
  'i',
);
const OTHER_HEAD_AFTER = new RegExp(
  `^\\s*(?:in\\s+)?(?:record\\s+|remaining\\s+|net\\s+|quarterly\\s+)?(${OTHER_HEADS})\\b`,
  'i',
);

/** The head noun naming the figure, in the words qualifiers use ("backlog", "profit", "debt"), or null. */
/** What a head noun naming another quantity makes of a money figure: a market value is a valuation, a backlog is named so, anything else is "other"; null when no such head. */
function otherHeadKind(text: string, clause: Span, claim: Span): 'valuation' | 'backlog' | 'other' | null {
  const m =
    OTHER_HEAD_BEFORE.exec(text.slice(Math.max(clause.start, claim.start - 60), claim.start)) ??
    OTHER_HEAD_AFTER.exec(text.slice(claim.end, clause.end));
  if (!m) return null;
  return /^market/i.test(m[1]) ? 'valuation' : /^(?:backlog|remaining|rpo)/i.test(m[1]) ? 'backlog' : 'other';
}

function otherHead(text: string, clause: Span, claim: Claim): Claim['metric'] | null {
  if (!MONEY_METRICS.has(claim.metric)) return null;
  const kind = otherHeadKind(text, clause, claim);
  return kind === null ? null : kind === 'valuation' ? 'valuation' : 'other';
}

// "an 80% price reduction", "cut its API prices by 80%", "an 80% reduction from previous rates of $10 per million tokens".
const PRICE_MOVE =
  /\b(?:price|pricing|rate|token)s?\s+(?:cut|reduction|drop|decrease|decline|increase|hike)s?\b|\b(?:cut|cuts|reduc\w+|slash\w*|lower\w*|drop\w*|rais\w+|hik\w+)\s+(?:its\s+|their\s+|the\s+)?(?:\w+\s+){0,2}?(?:prices?|pricing|rates?)\b|\b(?:reduction|cut|drop|decrease)\s+(?:from|in|on)\s+(?:(?:the|its|their|previous|prior|earlier|former|api|token|input|output)\s+)*(?:prices?|pricing|rates?)\b/i;

/** A percent move of a price is a price change, whatever measure the cue words around it suggest. */
function priceCut(text: string, clause: Span, claim: Claim): Claim['metric'] | null {
  if (claim.unit !== 'percent' || claim.metric === 'price_change') return null;
  return PRICE_MOVE.test(text.slice(clause.start, clause.end)) ? 'price_change' : null;
}

const isDealValued = (text: string, clause: Span, claim: Span) =>
  DEAL_VALUED.test(text.slice(clause.start, claim.start)) && !COMPANY_VALUED.test(text.slice(clause.start, clause.end));

/** A deal's value is no company's valuation: "other", named by the deal's other party (qualified()). */
function dealValue(text: string, clause: Span, claim: Claim): Claim['metric'] | null {
  return claim.metric === 'valuation' && isDealValued(text, clause, claim) ? 'other' : null;
}

/** Chips and computers named by model number, with their maker: what a price or a spec is of. */
const PRODUCTS: [RegExp, string][] = [
  [/\b(?:GB|[ABHL])\d{2,3}[A-Z]?(?:\s(?:SXM|PCIe|NVL)\d*)?(?=s?(?![\w.]))/g, 'Nvidia'],
  [/\bRTX\s?(?:PRO\s)?\d{4}(?:\s?Ti)?(?=s?\b)/g, 'Nvidia'],
  [/\bMI\d{3}[A-Z]?\b/g, 'AMD'],
  [/\bTPU\s?v?\d+[a-z]?\b/g, 'Google'],
  [/\bGaudi\s?\d\b/g, 'Intel'],
  [/\bM\d\s(?:Max|Ultra|Pro)\b/g, 'Apple'],
];
const PRODUCT_METRICS = new Set(['price', 'other']);

/**
 * "Nvidia's B200 sells for $40,000, while the H100 goes for $25,000", "the RTX 3090 has 24 GB": a
 * price or a spec stated of a chip is that chip's, named after its maker ("Nvidia (B200)"), so that
 * two chips' prices are two figures, not a contradiction. The nearest model number in the clause,
 * before the figure first; only where no other company is the figure's subject.
 */
function ofProduct(claim: Claim, text: string, clause: Span, figures: Span[]): Claim {
  const perDevice = claim.metric === 'power' && claim.unit === 'W' && claim.value < 1e5;
  if (!PRODUCT_METRICS.has(claim.metric) && !perDevice) return claim;
  const body = text.slice(clause.start, clause.end);
  const mentions = PRODUCTS.flatMap(([re, maker]) =>
    [...body.matchAll(re)].map((m) => ({
      start: clause.start + m.index,
      end: clause.start + m.index + m[0].length,
      name: m[0].replace(/\s+/g, ' '),
      maker,
    })),
  );
  // A model number inside the figure itself ("24 GB") or another figure is no product.
  const free = mentions.filter((p) => ![claim, ...figures].some((f) => p.start < f.end && p.end > f.start));
  const before = free.filter((p) => p.end <= claim.start).sort((a, b) => b.end - a.end)[0];
  const product = before ?? free.filter((p) => p.start >= claim.end).sort((a, b) => a.start - b.start)[0];
  if (!product) return claim;
  const entity = claim.subject ? canonicalEntity(claim.subject.replace(/\s*\([^)]*\)\s*$/, '')) : null;
  if (entity && entity !== product.maker) return claim;
  // The maker's own qualifiers ("Nvidia (price)") stay, but for "gpu", which the model number now says.
  const qualifiers = entity ? (/\(([^)]*)\)\s*$/.exec(claim.subject!)?.[1].split(',') ?? []) : [];
  const kept = qualifiers.map((q) => q.trim()).filter((q) => q && q !== 'gpu');
  return { ...claim, subject: `${product.maker} (${[product.name, ...kept].join(', ')})` };
}
const MONEY = /[$€£¥₹]|\b(?:dollars?|euros?|yuan|yen|pounds?|won|rupees?|bn|mn)\b/i;

const CHIP_MAKERS = new Set(['Nvidia', 'AMD', 'Intel']);

/**
 * "100,000 Nvidia H100 GPUs", "350,000 H100s from Nvidia": a chip maker named after the count is
 * the maker of what is counted, not who holds it; the holder is named before, or carried over.
 */
function chipBuyer(
  subject: string | null,
  entities: EntityMention[],
  m: Span,
  clause: Span,
  fallback: string | null,
): string | null {
  if (!subject || !CHIP_MAKERS.has(subject)) return subject;
  const inClause = entities.filter((e) => e.start >= clause.start && e.end <= clause.end);
  if (inClause.some((e) => e.name === subject && e.end <= m.start)) return subject;
  const holder = inClause.find((e) => e.end <= m.start && !CHIP_MAKERS.has(e.name))?.name ?? fallback;
  return holder && !CHIP_MAKERS.has(holder) ? holder : subject;
}

const UNIT_LEVEL_METRICS = new Set([
  'revenue',
  'revenue_growth',
  'usage',
  'gpu_count',
  'power',
  'other',
  'price',
  'price_change',
  'market_share',
  'cost_per_token',
]);

/** A company's measure stated of its product is the company's: ChatGPT's valuation is OpenAI's; its revenue is OpenAI (ChatGPT)'s. */
function companyLevel(subject: string | null, metric: string): string | null {
  // A business unit has no capital budget, valuation or funding of its own: Azure's capex is Microsoft's.
  const owner = subject
    ? (PRODUCT_OWNERS[subject] ?? (UNIT_LEVEL_METRICS.has(metric) ? undefined : PARENTS[subject]))
    : undefined;
  // Users, subscribers and requests of a company with one flagship product are that product's.
  if (metric === 'usage' && subject && FLAGSHIP[subject]) return FLAGSHIP[subject];
  if (!owner) return subject;
  // Money raised or spent, GPUs and power are the company's, not its model's or its cluster's.
  if (['valuation', 'funding', 'capex', 'gpu_count', 'power'].includes(metric)) return owner;
  return metric === 'revenue' || metric === 'revenue_growth' ? `${owner} (${subject})` : subject;
}

const COLLECTIVE =
  /(?:[^s]s|\b(?:market|industry|sector|global|worldwide|world|economy|people|staff|workforce|U\.?S\.?|China|Europe))$/i;
// A business unit has no share price of its own: Azure's "stock" move is Microsoft's.
const LISTED_TOPICS = new Set(['stock', 'per share', 'valuation']);
const COMPANY_TOPICS = new Set(['stock', 'profit', 'valuation', 'funding', 'revenue', 'per share']);
function usageFrequency(text: string, clause: Span, figure: Span): string | null {
  const near = text.slice(figure.start, Math.min(clause.end, figure.end + 40));
  const m = /\b(week(?:ly)?|WAUs?|month(?:ly)?|MAUs?|dai(?:ly)|day|DAUs?)\b/i.exec(near);
  if (!m) return null;
  const w = m[1].toLowerCase();
  return w.startsWith('w') ? 'weekly' : w.startsWith('m') ? 'monthly' : 'daily';
}

const DEAL_METRICS = new Set(['power', 'gpu_count', 'capex', 'other']);
const DEAL = /\b(?:deal|partnership|agreement|contract|pact|alliance|collaboration|signed|signs|teams? up|tie-up)\b/i;

/** The other party of a deal the clause announces ("OpenAI and AMD signed a 6 GW deal"): exactly one other entity. */
function dealPartner(text: string, clause: Span, subject: string, needsDealWord = true): string | null {
  const body = text.slice(clause.start, clause.end);
  if (needsDealWord && !DEAL.test(body)) return null;
  const own = canonicalEntity(subject);
  const others = [...new Set(findEntities(text, clause).map((e) => e.name))].filter(
    (n) => n !== own && PRODUCT_OWNERS[n] !== own,
  );
  return others.length === 1 ? others[0] : null;
}

/**
 * "6 gigawatts of AMD Instinct GPUs", "10 gigawatts of power using Nvidia's chips": the company
 * whose systems a capacity is built with, named after the figure, is the other party of the deal:
 * a lab's capacity deals with different suppliers are different figures.
 */
function supplierOf(text: string, clause: Span, claim: Claim): string | null {
  const own = canonicalEntity(claim.subject!);
  const after = findEntities(text, { start: claim.end, end: Math.min(clause.end, claim.end + 60) });
  const supplier = after.find(
    (e) =>
      e.name !== own &&
      PRODUCT_OWNERS[e.name] !== own &&
      /\b(?:of|using|with|from|on|powered by|built on)\s+(?:[\w-]+\s+){0,3}$/i.test(text.slice(claim.end, e.start)),
  );
  return supplier?.name ?? null;
}

const FORECAST_METRICS = new Set(['revenue', 'revenue_growth']);
const FLOW_METRICS = new Set(['revenue', 'revenue_growth', 'capex', 'price_change']);

const BASE_BEFORE =
  /\b(?:from|compared (?:with|to)|versus|vs\.?|against)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|just\s+)?(?:an?\s+)?$/i;
const OWN_TIME =
  /^\s*(?:\)\s*)?(?:in|during|for|at the end of|as of|by)?\s*(?:the\s+)?(?:(?:last|this|previous|prior|same)\s+(?:fiscal\s+)?(?:year|quarter|period)\b|(?:19|20)\d{2}\b|Q[1-4]\b|fiscal\b|FY|(?:first|second|third|fourth)[- ]quarter|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)/i;
const YEAR_AGO =
  /\b(?:a year (?:earlier|ago|before)|year[- ](?:ago|earlier)|last year|(?:previous|prior) year|same (?:quarter|period|time|month) (?:a year ago|last year|of (?:the )?(?:previous|prior|last) year)|year[- ]over[- ]year|year[- ]on[- ]year|yoy|y\/y)\b/i;
const QUARTER_AGO =
  /\b(?:previous|prior|preceding|last|sequential) quarter|quarter[- ](?:over|on)[- ]quarter|sequentially|qoq|q\/q\b/i;

/**
 * "up 50% from $2.58 billion a year earlier": the value after "from" is the comparison base, the
 * same measure a year (or a quarter) before, not the period the sentence reports.
 */
function asComparisonBase(period: string | null, text: string, sentence: Span, m: Mention): string | null {
  if (!BASE_BEFORE.test(text.slice(Math.max(sentence.start, m.start - 40), m.start))) return period;
  const rest = text.slice(m.end, Math.min(sentence.end, m.end + 60));
  // "from $Y in 2023": the base names its own time; but "up from $28.8 billion last quarter" in a
  // results story is the quarter before the one reported, not the last quarter as of publication.
  // "from $35.08 billion in the same period last year", "from $40.3 billion last year": a time
  // relative to the period reported is that period shifted back, like "a year earlier".
  const relative = RELATIVE_BASE_TIME.test(rest);
  if (OWN_TIME.test(rest) && !relative) return period;
  const around = `${rest} ${text.slice(sentence.start, m.start)}`;
  const said = relative ? RELATIVE_BASE_TIME.exec(rest)![0] : null;
  const shift = said
    ? /quarter/i.test(said) && !/same/i.test(said)
      ? 'quarter-ago'
      : 'year-ago'
    : YEAR_AGO.test(rest) || (!QUARTER_AGO.test(rest) && YEAR_AGO.test(around))
      ? 'year-ago'
      : QUARTER_AGO.test(around)
        ? 'quarter-ago'
        : 'earlier';
  const own = relative ? ownTime(text, sentence, m) : (period ?? '').replace(/\s*\b(?:YoY|QoQ)$/, '');
  // With no period reported, the base's own words are all there is ("up from 4% last year").
  if (!own && relative && OWN_TIME.test(rest)) return shift === 'quarter-ago' ? 'the previous quarter' : period;
  return `${own} ${shift}`.trim();
}

const RELATIVE_BASE_TIME =
  /^\s*(?:\)\s*)?(?:in\s+|during\s+|for\s+)?(?:the\s+)?(?:same\s+(?:period|quarter|time|months?)\b|(?:last|previous|prior|preceding)\s+(?:year|quarter)\b|a\s+year\s+(?:ago|earlier|before)\b|year[- ](?:ago|earlier)\b)/i;

/** The time the sentence reports, written before its first comparison ("revenue reached $57 billion in the quarter, up from …"). */
function ownTime(text: string, sentence: Span, m: Mention): string {
  const first = /\b(?:from|compared (?:with|to)|versus|vs\.?|against)\s/i.exec(text.slice(sentence.start, m.start));
  const end = first ? sentence.start + first.index : m.start;
  return (lastTimeIn(text, { start: sentence.start, end }) ?? '').replace(/\s*\b(?:YoY|QoQ)$/, '');
}

/**
 * "up 56% from $26.2 billion a year earlier": a growth rate whose comparison base follows it is
 * measured against that base, so the base's shift is the rate's basis when the rate gives none.
 */
function basisFromBase(text: string, claims: Claim[]): void {
  for (const [i, c] of claims.entries()) {
    const base = claims[i + 1];
    if (!base || c.metric !== 'revenue_growth' || /\b(?:YoY|QoQ)$/.test(c.period ?? '')) continue;
    const shift =
      base.period === 'the previous quarter' ? 'quarter' : /\b(year|quarter)-ago$/.exec(base.period ?? '')?.[1];
    if (!shift || !BASE_NEXT.test(text.slice(c.end, base.start))) continue;
    claims[i] = { ...c, period: `${c.period ?? ''} ${shift === 'year' ? 'YoY' : 'QoQ'}`.trim() };
  }
}
const BASE_NEXT =
  /^\s*(?:(?:increase|rise|jump|gain|growth|decline|drop|fall)\s+)?(?:from|compared (?:with|to)|versus|vs\.?)\s+(?:about\s+|around\s+|roughly\s+)?$/i;

/**
 * "Azure growth for the quarter came in at 62%", "Google Cloud surged 63 percent to $20.03
 * billion": a business unit's growth, or the amount it grew to, with no measure named is its
 * revenue's (a unit reports no other top line); a company's stays unnamed (it may be free cash
 * flow or bookings).
 */
function unitGrowth(text: string, clause: Span, claim: Claim): Metric | null {
  if (claim.metric !== 'other' || !claim.subject || !PARENTS[claim.subject]) return null;
  if (measureWord(text, clause, claim) !== null) return null;
  // The unit itself grows ("Azure growth", "AWS is re-accelerating", "Google Cloud surged 63 percent
  // to $20.03 billion"), not its backlog or margin.
  const unit = `\\b${claim.subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:['’]s)?\\s+(?:(?:is|was|has|had|been)\\s+)*(?:\\w+ly\\s+)?`;
  const body = text.slice(clause.start, clause.end);
  if (claim.unit === 'percent')
    return new RegExp(`${unit}(?:grow(?:s|n|ing|th)?|grew|(?:re-?)?accelerat\\w*|decelerat\\w*)\\b`, 'i').test(body)
      ? 'revenue_growth'
      : null;
  const before = text.slice(Math.max(clause.start, claim.start - 60), claim.start);
  const grewTo = new RegExp(`${unit}(?:grew|rose|surged|jumped|climbed|increased|soared)\\b[^.;$]*\\bto\\s+$`, 'i');
  return claim.unit === 'USD' && grewTo.test(before) ? 'revenue' : null;
}

/** A time for a figure that states none: the previous sentence's (same paragraph), else for flows the headline's. */
function contextTime(text: string, state: ProseState, claim: Claim, clause: Span): string | null {
  if (claim.period !== null && !/^(?:YoY|QoQ)$/.test(claim.period)) return null;
  // A profit, revenue or capex in another currency ("operating profit of 9.21 trillion won") is a flow too.
  const flow =
    FLOW_METRICS.has(claim.metric) ||
    (claim.metric === 'other' && FLOW_WORDS.has(measureWord(text, clause, claim) ?? ''));
  const previous = state.prev && flow ? lastTimeIn(text, state.prev) : null;
  return previous ?? (flow ? state.headlineTime : null);
}
const FLOW_WORDS = new Set(['profit', 'revenue', 'capex']);

/** "Nvidia" + "data center revenue was $26.3 billion" → "Nvidia (data center)": a segment is its own figure. */
function withSegment(claim: Claim, text: string, clause: Span, headline: string | null): Claim {
  if (!SEGMENT_METRICS.has(claim.metric)) return claim;
  // "Data center revenue was $41.1 billion" in a piece headlined on Nvidia: the segment is Nvidia's.
  const subject =
    !claim.subject || (!canonicalEntity(claim.subject) && isSegmentName(claim.subject))
      ? (headline ?? claim.subject)
      : claim.subject;
  if (!subject || /\(/.test(subject)) return { ...claim, subject };
  const segment = segmentOf(text, clause, claim.start, (w) => canonicalEntity(w) !== null);
  if (!segment || subject.toLowerCase().includes(segment) || segment.includes(subject.toLowerCase()))
    return { ...claim, subject };
  const named = SEGMENT_ENTITIES[`${subject}|${segment}`];
  return { ...claim, subject: named ?? `${subject} (${segment})` };
}

function figuresIn(text: string, span: Span): Mention[] {
  return scanMentions(text, span).filter((m) => notClaimReason(text, m, span) === null);
}

/** "Microsoft and Google spent $10B and $12B, respectively": pairs entities and figures in order. */
function respectiveSubjects(
  text: string,
  sentence: Span,
  entities: EntityMention[],
  figures: Mention[],
): string[] | null {
  if (figures.length < 2 || !/\brespectively\b/i.test(text.slice(sentence.start, sentence.end))) return null;
  const names = [...new Set(entities.filter((e) => e.end <= figures[0].start).map((e) => e.name))];
  return names.length === figures.length ? names : null;
}

function buildClaim(
  m: Mention,
  ctx: FigureContext,
  subject: string | null,
  inherited: Unit | null,
  hookContext: string,
  opts: ExtractOptions,
): Claim {
  const { unit, factor } = resolveUnit(m, ctx, inherited);
  const direction = directionOf(m, ctx);
  const moved = direction !== null;
  const per = resolvePer(m, unit, ctx, moved);
  const whole = unit === 'percent' && !moved ? per : null;
  const candidates = metricCandidates({ mention: m, unit, moved, whole, per, ctx });
  const rules = { hedged: isHedged(m, ctx), direction };
  const features = metricFeatures({
    mention: m,
    unit,
    moved,
    per,
    ctx,
    candidates,
    title: opts.title,
    value: m.value * factor,
    subject,
    rules,
  });
  opts.collectFeatures?.set(m.start, features);
  const learned = opts.rulesOnly
    ? null
    : {
        metric: classifyMetric(features, unit),
        hedged: classifyHedged(features),
        direction: classifyDirection(features),
      };
  return {
    quote: ctx.text.slice(m.start, m.end),
    start: m.start,
    end: m.end,
    // A sentence model, where one is loaded, still breaks the rules' ties (embedding-metrics.ts); the learned head decides the rest.
    metric:
      (opts.metricScorer && isTie(candidates) ? null : learned?.metric) ??
      chooseMetric(candidates, hookContext, opts.metricScorer),
    subject,
    value: m.value * factor,
    value_high: m.high === null ? null : m.high * factor,
    unit,
    per,
    period: periodOf(m, ctx, moved),
    direction: learned?.direction === undefined ? direction : learned.direction,
    hedged: learned?.hedged ?? rules.hedged,
  };
}
