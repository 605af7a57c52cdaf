import { MONTHS as MONTHS_LOWER } from '../time.ts';
import type { FigureContext, Mention, Span } from './types.ts';

interface PeriodRule {
  re: RegExp;
  kind: 'time' | 'basis';
  norm: (m: RegExpExecArray) => string;
}

const ORDINAL: Record<string, string> = { first: '1', second: '2', third: '3', fourth: '4' };
const year = (y: string) => (y.length === 2 ? `20${y}` : y);
const fiscal = (f: string | undefined) => (f ? 'FY' : '');
const MONTHS = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const lower = (m: RegExpExecArray) => m[0].toLowerCase().replace(/\s+/g, ' ');
// Month names and their abbreviations ("Sept.", "Dec."), for spans of months.
const MONTHS_ALT =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const monthName = (abbr: string) => MONTHS_LOWER.find((f) => f.startsWith(abbr.toLowerCase().slice(0, 3)))!;

// Written time references, normalised lightly: "third quarter of fiscal 2026" → "Q3 FY2026".
const RULES: PeriodRule[] = [
  // "in mid-2025", "by late 2024": a point in a year.
  {
    re: /\b(early|mid|late)[- ]((?:19|20)\d{2})\b/gi,
    kind: 'time',
    norm: (m) => `${m[1].toLowerCase()} ${m[2]}`,
  },
  // "by the end of the year", "by end of 2024": a level reached at a date, not a year's flow.
  {
    re: /\b(?:by|at|before|until)\s+(?:the\s+)?end\s+of\s+(?:(this|next|the)\s+(?:calendar\s+)?year|((?:19|20)\d{2}))\b/gi,
    kind: 'time',
    norm: (m) => (m[2] ? `by ${m[2]}` : `${m[1].toLowerCase() === 'next' ? 'next' : 'this'} year end`),
  },
  {
    re: /\bQ([1-4])\s*['’]?\s*(?:of\s+)?(FY|fiscal(?:\s+year)?\s*)?(?:\s?(\d{4})|\s?['’](\d{2})|(?<=FY)(\d{2}))\b/g,
    kind: 'time',
    norm: (m) => `Q${m[1]} ${fiscal(m[2])}${year(m[3] ?? m[4] ?? m[5])}`,
  },
  {
    re: /\b(first|second|third|fourth)[- ]quarter\s+(?:of\s+)?(fiscal\s+(?:year\s+)?)?(\d{4})\b/gi,
    kind: 'time',
    norm: (m) => `Q${ORDINAL[m[1].toLowerCase()]} ${fiscal(m[2])}${m[3]}`,
  },
  {
    re: /\b(?:FY|fiscal\s+(?:year\s+)?)\s?'?(\d{4}|\d{2})\s+(?:(first|second|third|fourth)[- ]quarter|Q([1-4]))\b/gi,
    kind: 'time',
    norm: (m) => `Q${m[3] ?? ORDINAL[m[2].toLowerCase()]} FY${year(m[1])}`,
  },
  {
    re: /\b(?:the\s+)?(\d{4})\s+fiscal\s+(first|second|third|fourth)[- ]quarter\b/gi,
    kind: 'time',
    norm: (m) => `Q${ORDINAL[m[2].toLowerCase()]} FY${m[1]}`,
  },
  {
    re: /\b(first|second|third|fourth)[- ]quarter\s+(?:\(Q[1-4]\)\s+)?(?:[a-z]+\s+){0,2}(?:of|for|in)\s+(?:the\s+)?fiscal\s+(?:year\s+)?(\d{4})\b/gi,
    kind: 'time',
    norm: (m) => `Q${ORDINAL[m[1].toLowerCase()]} FY${m[2]}`,
  },
  // "the quarter ended July 26", "the three months ending September 30, 2025", "the quarter ending in September", "the July–September period".
  {
    re: new RegExp(
      `\\b(?:quarter|three months|three-month period|period|fiscal quarter)\\s+(?:that\\s+)?(?:ended|ending|ends)\\s+(?:on\\s+|in\\s+)?(${MONTHS_ALT})\\.?(?:\\s+\\d{1,2})?(?:,?\\s+((?:19|20)\\d{2}))?`,
      'gi',
    ),
    kind: 'time',
    norm: (m) => `3 months to ${monthName(m[1])}${m[2] ? ` ${m[2]}` : ''}`,
  },
  // "the September quarter", "December-quarter profit": the three months ending that month.
  {
    re: new RegExp(`\\b(${MONTHS_ALT})[- ]quarter\\b`, 'gi'),
    kind: 'time',
    norm: (m) => `3 months to ${monthName(m[1])}`,
  },
  {
    re: new RegExp(
      `\\b(${MONTHS_ALT})\\.?\\s*(?:[-–—]|to|through)\\s*(${MONTHS_ALT})\\.?(?:\\s+((?:19|20)\\d{2}))?(?=\\s+(?:period|quarter)|\\s*,?\\s*(?:19|20)\\d{2})`,
      'gi',
    ),
    kind: 'time',
    norm: (m) => `${monthName(m[1])} to ${monthName(m[2])}${m[3] ? ` ${m[3]}` : ''}`,
  },
  // "July-September net profit": two full month names joined by a dash are a period on their own.
  {
    re: new RegExp(`\\b(${MONTHS})\\s?[-–—]\\s?(${MONTHS})\\b(?:\\s+((?:19|20)\\d{2}))?`, 'g'),
    kind: 'time',
    norm: (m) => `${monthName(m[1])} to ${monthName(m[2])}${m[3] ? ` ${m[3]}` : ''}`,
  },
  // "full-year revenue", "for the fiscal year": the last year completed (fiscal where the company has one).
  {
    re: /\b(?:full[- ]year|for the (?:full |fiscal |financial )?year|(?:the )?fiscal year)\b(?!\s*(?:'?\d|of|ending|ended|to))/gi,
    kind: 'time',
    norm: (m) => (/fiscal|financial/i.test(m[0]) ? 'the fiscal year' : 'the full year'),
  },
  // "record quarterly revenue of $35.6 billion": a quarter's flow, resolved like "the quarter".
  // ("annual revenue" is as often a run rate, "generates annual revenues of $100 million", as a year's.)
  {
    re: /\b(quarterly)(?=\s+(?:[a-z-]+\s+){0,2}?(?:revenues?|sales|profits?|(?:net\s+|operating\s+)?income|capex|capital\s+expenditures?|spending)\b)/gi,
    kind: 'time',
    norm: () => 'the quarter',
  },
  // Comparison bases before bare references: "up 6% from the previous quarter" is a basis, not a period.
  {
    re: /\b(?:from|over|than|versus|vs\.?|against|compared (?:with|to)|relative to)\s+(?:the\s+)?(?:previous|prior|preceding|last|sequential)\s+quarter\b/gi,
    kind: 'basis',
    norm: () => 'QoQ',
  },
  {
    re: /\b(?:from|over|than|versus|vs\.?|against|compared (?:with|to)|relative to)\s+(?:the\s+)?(?:(?:previous|prior|preceding|last)\s+year|year[- ](?:ago|earlier)(?:\s+(?:period|quarter|levels?))?|(?:same|comparable|corresponding)\s+(?:period|quarter|time|months?)(?:\s+(?:a year (?:ago|earlier)|last year|of (?:the )?(?:previous|prior|last) year))?|a year (?:ago|earlier|before)|one year to the next)\b/gi,
    kind: 'basis',
    norm: () => 'YoY',
  },
  // "up 114% from fiscal 2024", "higher than 2023": a year named as the comparison base is the basis, not the period.
  {
    re: /\b(?:from|than|versus|vs\.?|compared (?:with|to))\s+(?:(?:fiscal|financial)\s+(?:year\s+)?|FY\s?)?'?(?:19|20)\d{2}\b(?!\s*(?:to|through|until|and|[-–—]|[.,]\d))/gi,
    kind: 'basis',
    norm: () => 'YoY',
  },
  // A bare quarter ("the second quarter", "fiscal Q3", "its fourth-quarter results"): resolved against the statement date.
  {
    // ("its first quarter exceeding $1 billion", "the first quarter ever above …" count quarters, they name none.)
    re: /\b(fiscal\s+)?(first|second|third|fourth)[- ](fiscal[- ])?quarter\b(?!\s+(?:of\s+)?(?:fiscal\s+)?(?:year\s+)?'?\d)(?!\s+(?:ever|exceeding|surpassing|topping|crossing|above|over|with more than|to (?:exceed|top|surpass|cross|reach|hit|break)|in which|where)\b)/gi,
    kind: 'time',
    norm: (m) => `Q${ORDINAL[m[2].toLowerCase()]}${m[1] || m[3] ? ' FY' : ''}`,
  },
  {
    re: /\b(?:fiscal\s+)?Q([1-4])\b(?!\s*['’]?\s*(?:of\s+)?(?:FY|fiscal|['’]|\d))/g,
    kind: 'time',
    norm: (m) => `Q${m[1]}${/fiscal/i.test(m[0]) ? ' FY' : ''}`,
  },
  {
    re: /\b(first|second)\s+half\s+(?:of\s+)?(fiscal\s+)?(\d{4})\b/gi,
    kind: 'time',
    norm: (m) => `H${ORDINAL[m[1].toLowerCase()]} ${fiscal(m[2])}${m[3]}`,
  },
  { re: /\bH([12])(?:\s+(\d{4})|\s?'(\d{2}))\b/g, kind: 'time', norm: (m) => `H${m[1]} ${year(m[2] ?? m[3])}` },
  { re: /\b(?:FY|fiscal\s+(?:year\s+)?)\s?['’]?(\d{4}|\d{2})\b/gi, kind: 'time', norm: (m) => `FY${year(m[1])}` },
  { re: /\b(?:by|through|until|before)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d{2}\b/gi, kind: 'time', norm: lower },
  {
    re: /\b(?:within|in|over|during)\s+(?:the\s+)?(?:next|past|last|coming|previous)?\s*[\w-]+(?:\s+to\s+[\w-]+)?\s+(?:years?|months?|quarters?|weeks?)\b/gi,
    kind: 'time',
    norm: lower,
  },
  { re: /\bbetween\s+(?:19|20)\d{2}\s+and\s+(?:19|20)\d{2}\b/gi, kind: 'time', norm: lower },
  // A month after a reporting verb ("reported in August") dates the report, not the figure.
  {
    re: new RegExp(
      `(?<!\\b(?:reported|announced|released|published|said|unveiled|disclosed|filed)\\s+(?:on\\s+|in\\s+|late\\s+|early\\s+)?)\\b(?:(?:in|since|by|through|until|during|for|as of)\\s+)?(?:early\\s+|late\\s+|mid-)?${MONTHS}(?:\\s+(?:19|20)\\d{2})?\\b(?!\\s+\\d{1,2}\\b)`,
      'g',
    ),
    kind: 'time',
    norm: lower,
  },
  {
    re: /\b(?:this|last|next|the same|the previous|the prior|the past|the latest|the most recent)\s+(?:fiscal\s+)?(?:quarter|year|month|week|period)\b/gi,
    kind: 'time',
    norm: lower,
  },
  { re: /\b(?:so far this year|year[- ]to[- ]date|YTD|now|currently|today)\b/g, kind: 'time', norm: lower },
  // "for the quarter", "in the quarter": in a results story, the quarter reported.
  {
    re: /\b(?:in|for|during|over|of)\s+the\s+(?:fiscal\s+)?quarter\b(?!\s+(?:ended|ending|that))/gi,
    kind: 'time',
    norm: () => 'the quarter',
  },
  {
    re: /(?<![\w$.,-])(?<!\b(?:founded|established|started|launched|created|formed|incorporated|born)\s+(?:in\s+)?)(?<!\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+)(?<!\b(?:double|doubles|doubling|triple|tripled|than|versus|vs\.?|compared (?:with|to))\s+(?:the\s+|its\s+)?(?:\w+\s+)?)(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2})?(?![\w%]|[.,]\d|\s*(?:percent|billion|million))/g,
    kind: 'time',
    norm: (m) => m[0].replace(/\s+/g, ''),
  },
  {
    re: /\b(?:year[- ]over[- ]year|year[- ]on[- ]year|yoy|y\/y|from a year (?:earlier|ago|before)|(?:compared|versus) (?:with |to )?(?:a year (?:earlier|ago)|last year|the same (?:period|quarter) (?:a year ago|last year)))/gi,
    kind: 'basis',
    norm: () => 'YoY',
  },
  {
    re: /\b(?:quarter[- ]over[- ]quarter|quarter[- ]on[- ]quarter|qoq|q\/q|sequentially|from the previous quarter)\b/gi,
    kind: 'basis',
    norm: () => 'QoQ',
  },
];

interface Found {
  start: number;
  end: number;
  kind: 'time' | 'basis';
  value: string;
}

// Figures of one clause share its time references: keep the last clause's.
let last: { text: string; start: number; end: number; found: Found[] } | null = null;

function findAll(text: string, span: Span): Found[] {
  if (last && last.text === text && last.start === span.start && last.end === span.end) return last.found;
  const found = scan(text, span);
  last = { text, start: span.start, end: span.end, found };
  return found;
}

function scan(text: string, span: Span): Found[] {
  const body = text.slice(span.start, span.end);
  const found: Found[] = [];
  for (const rule of RULES) {
    for (const m of body.matchAll(rule.re)) {
      const start = span.start + m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ start, end, kind: rule.kind, value: rule.norm(m as RegExpExecArray).trim() });
    }
  }
  return found;
}

const BASE_BEFORE =
  /\b(?:from|compared (?:with|to)|versus|vs\.?|than|against)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|just\s+)?$/i;

const POSSESSIVE_TIME =
  /\b((?:Q[1-4](?:\s+(?:FY)?(?:19|20)\d{2})?)|(?:FY\s?)?(?:19|20)\d{2})['’]s\s+(?:record\s+|total\s+)?$/;

/** "… from $35.08 billion in the same period last year, and a 22% increase …": a time right after another figure's comparison base is that base's. */
function followsAnotherBase(f: Found, m: Mention, ctx: FigureContext): boolean {
  const owner = [...ctx.others, m].filter((o) => o.end <= f.start).sort((a, b) => b.end - a.end)[0];
  const before = owner ? ctx.text.slice(Math.max(ctx.sentence.start, owner.start - 40), owner.start) : '';
  // ("more than tripled", "less than $5": a bound on the figure; "revenue against costs": a pair, not a base.)
  return (
    !!owner &&
    owner !== m &&
    BASE_BEFORE.test(before) &&
    !/\b(?:(?:more|less|fewer|no)\s+than|against)\s+$/i.test(before)
  );
}

/**
 * Whether a time after figure `m` belongs elsewhere.
 * "… hit $5.2 billion, and Q4 AI revenue is guided to $6.2 billion": a time that opens a later
 * part of the sentence (after a comma, "and", "while") with a figure of its own is that figure's.
 * A time trailing after the figures ("$29bn, up 17%, for the first quarter") stays everyone's.
 */
function headsLaterFigure(f: Found, m: Mention, ctx: FigureContext): boolean {
  if (f.start < m.end) return false;
  // "boosting the fiscal 2026 outlook": a time naming an outlook is the outlook's (where "beat Q1
  // projections" is about the figure's own quarter).
  if (/^\s*(?:outlook|guidance)\b/i.test(ctx.text.slice(f.end, f.end + 14))) return true;
  const between = ctx.text.slice(m.end, f.start);
  // "~$2.35/GPU-hour (1-year contract, March 2026) — up ~40%": an aside on the figure is its own.
  if ((between.match(/\(/g)?.length ?? 0) > (between.match(/\)/g)?.length ?? 0)) return false;
  const next = ctx.others.find((o) => o.start >= f.end && !/[,;:]/.test(ctx.text.slice(f.end, o.start)));
  return !!next && /(?:[,;]|\b(?:and|while|but|whereas))\s*(?:the\s+|its\s+)?$/i.test(ctx.text.slice(m.end, f.start));
}

/** "a $1.5 billion round, one of the largest … this year": the time ranks the figure among others; it is not its period. */
function closesSuperlative(f: Found, m: Mention, ctx: FigureContext): boolean {
  return (
    f.start >= m.end &&
    /^(?:this|so far this) (?:year|quarter|month)$/.test(f.value) &&
    /\b(?:largest|biggest|highest|lowest|smallest|most|best|fastest|first)\b/i.test(ctx.text.slice(m.end, f.start))
  );
}

/** The time reference for a figure: the nearest one in its clause (a table's header and cell), plus its growth basis. */
export function periodOf(m: Mention, ctx: FigureContext, growth: boolean): string | null {
  // "2024's $83 billion", "Q2's $37.5B": a possessive time right before the figure is its own.
  const own = POSSESSIVE_TIME.exec(ctx.text.slice(Math.max(ctx.clause.start, m.start - 16), m.start));
  if (own) return own[1].replace(/^q/, 'Q').replace(/^fy/i, 'FY').replace(/\s+/g, ' ');
  // "$50.8 billion in revenue, up from $40.3 billion last year": a time after a comparison base is the base's.
  const base = ctx.others.find((o) => o.start >= m.end && BASE_BEFORE.test(ctx.text.slice(m.end, o.start)));
  const found = findAll(ctx.text, ctx.clause).filter(
    (f) =>
      (f.end <= m.start || f.start >= m.end) &&
      !(base && f.start >= base.end) &&
      !headsLaterFigure(f, m, ctx) &&
      !followsAnotherBase(f, m, ctx) &&
      !closesSuperlative(f, m, ctx),
  );
  if (ctx.table)
    found.push(
      ...findAll(ctx.table.header, { start: 0, end: ctx.table.header.length }).map((f) => ({
        ...f,
        start: -1,
        end: -1,
      })),
    );
  const distance = (f: Found) => (f.start < 0 ? 1e6 : f.start >= m.end ? f.start - m.end : m.start - f.end);
  const nearest = (kind: Found['kind']) =>
    found.filter((f) => f.kind === kind).sort((a, b) => distance(a) - distance(b))[0];
  let time = nearest('time');
  // "now expects $25 billion … for fiscal 2026": "now" says when it was said; a period named in the clause says what for.
  if (time && /^(?:now|currently|today)$/.test(time.value))
    time =
      found
        .filter((f) => f.kind === 'time' && !/^(?:now|currently|today)$/.test(f.value))
        .sort((a, b) => distance(a) - distance(b))[0] ?? time;
  // "a $125 billion full-year projection for 2025": "full-year" says what kind, the year says which.
  if (time && /^the (?:full|fiscal) year$/.test(time.value))
    time =
      found
        .filter((f) => f.kind === 'time' && /^(?:FY)?(?:19|20)\d{2}$/.test(f.value))
        .sort((a, b) => distance(a) - distance(b))[0] ?? time;
  // "a 17% increase from the previous quarter": a basis right after the rate is its own, however near another stands before it.
  const attached = found.find(
    (f) =>
      f.kind === 'basis' && f.start >= m.end && /^[\s%]*(?:[a-z-]+\s+){0,2}$/i.test(ctx.text.slice(m.end, f.start)),
  );
  const basis = growth ? (attached ?? nearest('basis')) : undefined;
  if (time && basis) return `${time.value} ${basis.value}`;
  return time?.value ?? basis?.value ?? null;
}

/** The last time reference written in `span` (a previous sentence, a headline), normalised; null when none. */
export function lastTimeIn(text: string, span: Span): string | null {
  const times = scan(text, span).filter((f) => f.kind === 'time');
  return times.sort((a, b) => a.start - b.start).at(-1)?.value ?? null;
}

/** A figure with no time of its own takes one from its context: "Q2 was a record. Revenue rose 15% YoY." → "Q2 YoY". */
export function withContextTime(period: string | null, context: string | null): string | null {
  if (!context) return period;
  if (period === null) return context;
  return /^(?:YoY|QoQ)$/.test(period) ? `${context} ${period}` : period;
}
