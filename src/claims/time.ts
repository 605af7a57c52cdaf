import { numberWordValue } from './extract/number-words.ts';
import { fiscalYearEnd } from './fiscal-calendars.ts';

/**
 * Time anchoring: a claim's period as written ("Q2 FY2025", "this year", "the quarter", "now")
 * resolved to calendar time against when it was said (an article's publication, a comment's
 * posting) and the subject's fiscal calendar. Pure.
 *
 * - interval: a span of months, both ends inclusive ("2024-05".."2024-07"): what flows (revenue,
 *   capex, a growth rate) are measured over;
 * - asof: an instant ("now", "as of March 2025", "by 2030"): what levels (a valuation, a GPU
 *   count, a price) are measured at;
 * - undated: nothing was written; the statement time stands in for levels, but the claim never
 *   makes a contradiction.
 */
export type TimeRef =
  | { kind: 'interval'; start: string; end: string; fiscal: 'known' | 'unknown' | null }
  | { kind: 'asof'; at: string }
  | { kind: 'undated' };
export type Basis = 'yoy' | 'qoq' | null;
export type ResolvedTime = TimeRef & { basis: Basis };

type Month = { y: number; m: number }; // m: 1–12

/** Month names as time references are normalised to (periods.ts writes them so). */
export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const pad = (n: number) => String(n).padStart(2, '0');
const fmt = (x: Month) => `${x.y}-${pad(x.m)}`;
const add = (x: Month, months: number): Month => {
  const i = x.y * 12 + (x.m - 1) + months;
  return { y: Math.floor(i / 12), m: (i % 12) + 1 };
};
const monthOf = (d: Date): Month => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1 });
const day = (d: Date) => d.toISOString().slice(0, 10);
const interval = (start: Month, end: Month, fiscal: 'known' | 'unknown' | null = null): TimeRef => ({
  kind: 'interval',
  start: fmt(start),
  end: fmt(end),
  fiscal,
});
const lastDay = (x: Month) => `${fmt(x)}-${pad(new Date(Date.UTC(x.y, x.m, 0)).getUTCDate())}`;

/** The first month of fiscal year `fy` for a year ending in `endMonth` (calendar years end in 12). */
const fyStart = (fy: number, endMonth: number): Month => add({ y: fy, m: endMonth }, -11);

/** The quarter (fiscal when the entity has a fiscal calendar) that contains month `x`: [fy, q]. */
function quarterOf(x: Month, endMonth: number): { fy: number; q: number } {
  const fy = x.m > endMonth ? x.y + 1 : x.y;
  const offset = x.y * 12 + x.m - (fyStart(fy, endMonth).y * 12 + fyStart(fy, endMonth).m);
  return { fy, q: Math.floor(offset / 3) + 1 };
}

function quarter(fy: number, q: number, endMonth: number, fiscal: 'known' | 'unknown' | null): TimeRef {
  const start = add(fyStart(fy, endMonth), 3 * (q - 1));
  return interval(start, add(start, 2), fiscal);
}

/** Resolves `period` (the extractor's lightly normalised text) said at `statedAt` about `entity`. */
export function resolveTime(period: string | null, ctx: { statedAt: Date; entity: string | null }): ResolvedTime {
  if (!period) return { kind: 'undated', basis: null };
  let p = period.toLowerCase().replace(/\s+/g, ' ').trim();
  const basis: Basis = /\byoy\b/.test(p) ? 'yoy' : /\bqoq\b/.test(p) ? 'qoq' : null;
  p = p
    .replace(/\b(?:yoy|qoq)\b/g, '')
    .trim()
    .replace(/^(?:in|during|for|over|at|within|throughout) (?=(?:the|this|last|next) )/, '');
  return { ...(p ? resolveText(p, ctx) : { kind: 'undated' as const }), basis };
}

/** Other ways of writing the same references, rewritten to the forms resolveText reads. */
function canonicalText(p: string): string {
  return p
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .replace(/\bfiscal(?: year)? ?'?(\d{2})\b(?!\d)/g, (_, y: string) => `fy20${y}`)
    .replace(/\b(?:fiscal(?: year)?|fy) ?((?:19|20)\d{2})\b/g, 'fy$1')
    .replace(/\bfy ?'?(\d{2})\b(?!\d)/g, 'fy20$1')
    .replace(/^(?:fiscal|fy) q([1-4])(?: (fy\d{4}|\d{4}))?$/, (_, q: string, y?: string) =>
      `q${q} fy${y ? y.replace(/^fy/, '') : ''}`.trim().replace(/ fy$/, ' fy'),
    )
    .replace(/^q([1-4]) (fy\d{4})$/, (_, q: string, y: string) => `q${q} ${y.replace('fy', 'fy')}`)
    .replace(/^(fy\d{4}) q([1-4])$/, (_, y: string, q: string) => `q${q} ${y}`)
    .replace(/^q([1-4]) fy(\d{4})$/, 'q$1 fy$2')
    .replace(
      /^(?:the )?(january|february|march|april|may|june|july|august|september|october|november|december) quarter(?: of ((?:19|20)\d{2}))?$/,
      (_, m: string, y?: string) => `3 months to ${m}${y ? ` ${y}` : ''}`,
    )
    .replace(
      /^(january|february|march|april|may|june|july|august|september|october|november|december) ?[-–] ?(january|february|march|april|may|june|july|august|september|october|november|december)/,
      '$1 to $2',
    )
    .replace(/^(?:by |at |as of )?(?:the )?end of (this|last|next) year$/, '$1 year end')
    .replace(/^(?:by |at |as of )?(?:the )?end of ((?:19|20)\d{2})$/, 'by $1')
    .replace(/^(?:previous|prior|preceding) quarter$/, 'the previous quarter')
    .replace(/^(?:current|this) quarter$/, 'this quarter')
    .replace(/^((?:19|20)\d{2}) (?:to|vs\.?|versus|through) ((?:19|20)\d{2})$/, '$1-$2')
    .replace(/\s+/g, ' ')
    .trim();
}

function resolveText(raw: string, ctx: { statedAt: Date; entity: string | null }): TimeRef {
  const p = canonicalText(raw);
  // A comparison base ("from $2.58 billion a year earlier") is the same span shifted back.
  const base = /\s*\b(year-ago|quarter-ago|earlier)$/.exec(p);
  if (base) {
    const own = p.slice(0, base.index).trim();
    const ref = own && base[1] !== 'earlier' ? resolveText(own, ctx) : ({ kind: 'undated' } as TimeRef);
    if (ref.kind !== 'interval') return { kind: 'undated' };
    const months = base[1] === 'year-ago' ? -12 : -3;
    const [s, e] = [ref.start, ref.end].map((k) =>
      fmt(add({ y: Number(k.slice(0, 4)), m: Number(k.slice(5, 7)) }, months)),
    );
    return { ...ref, start: s, end: e };
  }
  const now = monthOf(ctx.statedAt);
  const companyEnd = fiscalYearEnd(ctx.entity);
  const fiscalEnd = (saysFiscal: boolean) => (saysFiscal && companyEnd ? companyEnd : 12);
  const fiscalNote = (saysFiscal: boolean) => (saysFiscal ? (companyEnd ? 'known' : 'unknown') : null);
  let m: RegExpMatchArray | null;

  if ((m = p.match(/^q([1-4]) (fy)?(\d{4})$/))) {
    const calendar = quarter(Number(m[3]), Number(m[1]), fiscalEnd(!!m[2]), fiscalNote(!!m[2]));
    // "Nvidia's Q4 2025" said in February 2025 cannot be the calendar quarter yet to come: it is the fiscal one.
    if (!m[2] && companyEnd && calendar.kind === 'interval' && calendar.start > fmt(now))
      return quarter(Number(m[3]), Number(m[1]), companyEnd, 'known');
    return calendar;
  }
  if ((m = p.match(new RegExp(`^3 months to (${MONTHS.join('|')})(?: ((?:19|20)\\d{2}))?$`)))) {
    const month = MONTHS.indexOf(m[1]) + 1;
    const end: Month = { y: m[2] ? Number(m[2]) : month > now.m ? now.y - 1 : now.y, m: month };
    return interval(add(end, -2), end);
  }
  if ((m = p.match(new RegExp(`^(${MONTHS.join('|')}) to (${MONTHS.join('|')})(?: ((?:19|20)\\d{2}))?$`)))) {
    const [a, b] = [MONTHS.indexOf(m[1]) + 1, MONTHS.indexOf(m[2]) + 1];
    const y = m[3] ? Number(m[3]) : b > now.m ? now.y - 1 : now.y;
    return interval({ y: b >= a ? y : y - 1, m: a }, { y, m: b });
  }
  // "the second quarter", "fiscal Q3": the latest such quarter that had ended (or nearly) when said.
  if ((m = p.match(/^q([1-4]) ?(fy)?$/))) {
    const end = fiscalEnd(!!m[2] || companyEnd !== null);
    const note = end === 12 ? null : fiscalNote(true);
    for (let back = 0; back < 4; back++) {
      const { fy, q } = quarterOf(add(now, -3 * back), end);
      const ref = quarter(fy, q, end, note) as Extract<TimeRef, { kind: 'interval' }>;
      if (q === Number(m[1]) && ref.end <= fmt(now)) return ref;
    }
    const { fy } = quarterOf(now, end);
    return quarter(fy, Number(m[1]), end, note);
  }
  if ((m = p.match(/^h([12]) (fy)?(\d{4})$/))) {
    const start = add(fyStart(Number(m[3]), fiscalEnd(!!m[2])), m[1] === '1' ? 0 : 6);
    return interval(start, add(start, 5), fiscalNote(!!m[2]));
  }
  if ((m = p.match(/^fy(\d{4})$/))) {
    const end = fiscalEnd(true);
    return interval(fyStart(Number(m[1]), end), { y: Number(m[1]), m: end }, fiscalNote(true));
  }
  if ((m = p.match(/^(?:in |during |for )?((?:19|20)\d{2})$/))) {
    // "Azure's 2025 revenue" said in July 2025, after Microsoft's fiscal 2025 closed in June: the
    // calendar year is not over, so the year reported is the fiscal one (as for quarters above).
    const y = +m[1];
    const fiscalDone =
      companyEnd !== null &&
      companyEnd !== 12 &&
      y * 12 + companyEnd <= now.y * 12 + now.m &&
      now.y * 12 + now.m - (y * 12 + companyEnd) <= 9;
    if (fiscalDone && y * 12 + 12 > now.y * 12 + now.m)
      return interval(fyStart(y, companyEnd), { y, m: companyEnd }, 'known');
    return interval({ y, m: 1 }, { y, m: 12 });
  }
  if (
    (m = p.match(/^((?:19|20)\d{2}) ?[-–] ?((?:19|20)?\d{2})$/)) ||
    (m = p.match(/^between ((?:19|20)\d{2}) and ((?:19|20)\d{2})$/))
  ) {
    const to = m[2].length === 2 ? Number(m[1].slice(0, 2) + m[2]) : Number(m[2]);
    return to >= +m[1] ? interval({ y: +m[1], m: 1 }, { y: to, m: 12 }) : { kind: 'undated' };
  }
  if ((m = p.match(/^(?:by|through|until|before) (?:the end of )?((?:19|20)\d{2})$/)))
    return { kind: 'asof', at: `${m[1]}-12-31` };
  if (
    (m = p.match(
      new RegExp(
        `^(in |since |by |through |until |during |for |as of )?(?:early |late |mid-)?(${MONTHS.join('|')})(?: ((?:19|20)\\d{2}))?$`,
      ),
    ))
  ) {
    const month = MONTHS.indexOf(m[2]) + 1;
    const y = m[3] ? Number(m[3]) : month > now.m + 1 ? now.y - 1 : now.y;
    const at: Month = { y, m: month };
    return ['since ', 'by ', 'through ', 'until ', 'as of '].includes(m[1] ?? '')
      ? { kind: 'asof', at: lastDay(at) }
      : interval(at, at);
  }
  // "full-year" and "the fiscal year" said in a results story: the last year completed by then.
  if (p === 'the full year' || p === 'the fiscal year') {
    const end = p === 'the fiscal year' || companyEnd ? (companyEnd ?? 12) : 12;
    const fy = quarterOf(add(now, -1), end).fy;
    const completed = { y: fy, m: end }.y * 12 + end <= now.y * 12 + now.m ? fy : fy - 1;
    return interval(fyStart(completed, end), { y: completed, m: end }, companyEnd ? 'known' : null);
  }
  if ((m = p.match(/^(this|last|next) year end$/)))
    return { kind: 'asof', at: `${now.y + (m[1] === 'next' ? 1 : m[1] === 'last' ? -1 : 0)}-12-31` };
  if ((m = p.match(/^(early|mid-?|late) ((?:19|20)\d{2})$/))) {
    const month = m[1] === 'early' ? 2 : m[1] === 'late' ? 11 : 6;
    return { kind: 'asof', at: lastDay({ y: Number(m[2]), m: month }) };
  }
  if (
    (m = p.match(
      /^(this|last|next|the previous|the prior|the past|the same|the latest|the most recent|the current|the) (fiscal )?(year|quarter|month|week|period)$/,
    ))
  ) {
    return relative(
      m[1],
      !!m[2],
      m[3],
      now,
      fiscalEnd(!!m[2] || (m[3] === 'quarter' && companyEnd !== null)),
      fiscalNote(!!m[2]),
    );
  }
  if (/^(?:so far this year|year[- ]to[- ]date|ytd)$/.test(p)) return interval({ y: now.y, m: 1 }, now);
  if (/^(?:now|currently|today|as of today)$/.test(p)) return { kind: 'asof', at: day(ctx.statedAt) };
  if (
    (m = p.match(
      /^(?:(?:within|in|over|during) )?(?:the )?(next|past|last|coming|previous)? ?([\w-]+)(?: to ([\w-]+))? (years?|months?|quarters?|weeks?)$/,
    ))
  ) {
    const word = m[3] ?? m[2];
    const n = numberWordValue(word) ?? (/^\d+$/.test(word) ? Number(word) : NaN);
    if (!Number.isFinite(n) || /week/.test(m[4])) return { kind: 'undated' };
    const months = n * (m[4].startsWith('year') ? 12 : m[4].startsWith('quarter') ? 3 : 1);
    // "over four years" (an investment plan) runs forward like "over the next four years"; only "past", "last" and "previous" look back.
    const back = m[1] === 'past' || m[1] === 'last' || m[1] === 'previous';
    return back ? interval(add(now, -months + 1), now) : interval(now, add(now, months - 1));
  }
  return { kind: 'undated' };
}

function relative(
  which: string,
  saysFiscal: boolean,
  unit: string,
  now: Month,
  end: number,
  note: 'known' | 'unknown' | null,
): TimeRef {
  if (which === 'the same' || unit === 'week' || unit === 'period') return { kind: 'undated' };
  if (unit === 'month') {
    const shift = which === 'next' ? 1 : which === 'this' ? 0 : -1;
    return interval(add(now, shift), add(now, shift));
  }
  if (unit === 'year') {
    const fy = saysFiscal ? quarterOf(now, end).fy : now.y;
    const target = which === 'next' ? fy + 1 : which === 'this' || which === 'the current' ? fy : fy - 1;
    return interval(fyStart(target, end), { y: target, m: end }, note);
  }
  // Quarters: "this quarter" is the one under way; "the quarter", "last quarter", "the latest
  // quarter" the last one completed (a quarter's results are reported weeks after it ends).
  const current = quarterOf(now, end);
  if (which === 'this' || which === 'the current') return quarter(current.fy, current.q, end, note);
  if (which === 'next') return quarter(current.q === 4 ? current.fy + 1 : current.fy, (current.q % 4) + 1, end, note);
  // "The previous quarter" in a results story is the one before the quarter reported.
  const previous = quarterOf(add(now, which === 'the previous' || which === 'the prior' ? -6 : -3), end);
  return quarter(previous.fy, previous.q, end, end === 12 ? null : 'known');
}

/** "2024-05..2024-07" for an interval, "@2025-03-12" for an instant, "" when undated. */
export function timeKey(t: TimeRef): string {
  return t.kind === 'interval' ? `${t.start}..${t.end}` : t.kind === 'asof' ? `@${t.at}` : '';
}

/**
 * The instant a level is measured at: an asof's date; an interval's last day, or the statement
 * time while the interval is still under way ("users this year" said in May is as of May); else
 * the statement time.
 */
export function asOfDate(t: TimeRef, statedAt: Date): string {
  if (t.kind === 'asof') return t.at;
  if (t.kind === 'interval') {
    const [y, m] = t.end.split('-').map(Number);
    const end = lastDay({ y, m });
    return t.start <= fmt(monthOf(statedAt)) && end > day(statedAt) ? day(statedAt) : end;
  }
  return day(statedAt);
}

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period key as readers say it: "May–Jul 2024", "2024", "Jul 2024 – Jun 2025", "as of 12 Mar 2025". */
export function describeTimeKey(key: string): string {
  const basis = / yoy$/.test(key) ? ', year over year' : / qoq$/.test(key) ? ', quarter over quarter' : '';
  const k = key.replace(/ (?:yoy|qoq)$/, '');
  let m: RegExpMatchArray | null;
  if ((m = k.match(/^@(\d{4})-(\d{2})-(\d{2})$/))) return `as of ${Number(m[3])} ${SHORT[+m[2] - 1]} ${m[1]}${basis}`;
  if ((m = k.match(/^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$/))) {
    const [y1, m1, y2, m2] = [m[1], +m[2], m[3], +m[4]];
    if (m1 === 1 && m2 === 12) return `${y1 === y2 ? y1 : `${y1}–${y2}`}${basis}`;
    if (y1 === y2 && m1 === m2) return `${SHORT[m1 - 1]} ${y1}${basis}`;
    if (y1 === y2) return `${SHORT[m1 - 1]}–${SHORT[m2 - 1]} ${y1}${basis}`;
    return `${SHORT[m1 - 1]} ${y1} – ${SHORT[m2 - 1]} ${y2}${basis}`;
  }
  return k === '' ? `undated${basis}` : key;
}

/** True when a period as written names its year ("Q2 FY2026", "2025", "March 2024"); any other was resolved by inference. */
export const namesItsYear = (period: string | null): boolean => /\b(?:19|20)\d{2}\b|\bFY\s?'?\d{2}/i.test(period ?? '');
