import type { Mention, Span } from './types.ts';

/**
 * Figures that LABELS.md says are not claims: names and versions, years and dates, clock times,
 * enumerators and ranks, identifiers, time references ("in the next five years"), anonymous-source
 * counts, statistical parameters and definitional constants. Returns the reason, or null.
 */
export function notClaimReason(text: string, m: Mention, sentence: Span): string | null {
  const before = text.slice(Math.max(sentence.start, m.numStart - 40), m.numStart);
  const core = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/.exec(text.slice(m.numStart))?.[0] ?? '';
  const after = text.slice(m.numStart + core.length, Math.min(sentence.end, m.numStart + core.length + 40));
  const nameable = m.currency === null && (m.unit === null || m.unit === 'count');
  if (nameable && !m.word && isInName(text, m.numStart, sentence)) return 'name';
  if (nameable && isYear(m)) return 'year';
  if (!m.word && isDate(before, after)) return 'date';
  // "$0.05/1M" is a price per a million (tokens), not a fraction.
  const perScale = m.currency !== null && /^\/\s?\d*(?:\.\d+)?\s?(?:[kKmMbB]\b|thousand|million|mtok)/i.test(after);
  if (!perScale && (/^(?::\d|\s?(?:a\.m\.|p\.m\.|am|pm)\b|\/\d)/i.test(after) || /[\d]\/$/.test(before)))
    return 'time or fraction';
  if (PHONE.test(text.slice(Math.max(sentence.start, m.numStart - 6), Math.min(sentence.end, m.numStart + 14))))
    return 'phone number';
  if (nameable && /^\d{4}$/.test(core) && PRODUCT_BEFORE.test(before) && /^\s[a-z]/.test(after)) return 'model number';
  if (isEnumerator(text, m, sentence, after)) return 'enumerator';
  if (/^[-\s]?(?:nm|nanometers?|nanometres?)\b/i.test(after)) return 'process node';
  if (m.unit === null && m.value < 120 && /[A-Z][a-z]+,\s$/.test(before) && /^,/.test(after)) return 'age';
  if (/(?:#|\bNo\.\s?|\bnumber\s|\btop\s|\brank(?:ed|ing)?\s|\bplace\s|\bposition\s)$/i.test(before)) return 'rank';
  if (nameable && LABEL_WORD.test(before)) return 'label';
  if (isIdentifier(text, m, before, after)) return 'identifier';
  if (m.tag === 'duration' && isTimeReference(before, text.slice(m.end, m.end + 20))) return 'time reference';
  if (m.unit === 'count' && ANONYMOUS_SOURCES.test(text.slice(m.numStart, m.end + 40))) return 'sources';
  if (/^\s*%?\s*(?:CI|confidence)\b/.test(text.slice(m.end, m.end + 15)) || STATISTIC.test(before)) return 'statistic';
  if (DEFINITION.test(before)) return 'definition';
  if (m.unit === null && !m.scaled && !m.word && Number.isInteger(m.value) && m.value < 10 && m.high === null) {
    return 'small bare number';
  }
  return null;
}

// "(415) 555-0100", "+1 415 555 0100": phone numbers.
const PHONE = /\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\+\d{1,3}[\s-]\d{2,4}[\s-]\d{3}[\s-]\d{3,4}/;
// "my 3090 rig", "a used 4090": a four-digit product number after a possessive or article.
const PRODUCT_BEFORE =
  /\b(?:my|his|her|their|our|your|a|an|used|dual|twin|two|single|one|spare|old|new)\s+(?:used\s+|spare\s+|old\s+|new\s+)?$/i;

// Capitalised words that can sit right before a figure without naming anything ("About 60", "In 2023").
const FUNCTION_WORDS = new Set(
  (
    'About Above Across After Almost Also Although Among An And Another Approximately Around As At Before Below ' +
    'Between Both But By Each Estimated Every Exactly Excluding Fewer For From If In Including Its It Just Less ' +
    'Like Many Maybe Minus More Most Nearly Now Of On Once Only Or Our Over Per Perhaps Plus Reportedly Roughly ' +
    'Since Some Still Than That The Their Then These They This Those Through To Today Total Under Unlike Until ' +
    'Up Down Versus Via Vs We When Whereas While With Within Without A'
  ).split(' '),
);
const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const MONTH_BEFORE = new RegExp(`\\b${MONTH}\\.?\\s+$`);
const MONTH_AFTER = new RegExp(`^(?:st|nd|rd|th)?,?\\s+${MONTH}\\b`);
const LABEL_WORD =
  /\b(?:version|v|page|pages|p\.|pp\.|section|chapter|figure|fig\.|table|item|rule|article|step|phase|tier|level|stage|gen|generation|round|episode|season|part|paragraph|line|slide|exhibit|appendix|grade|class|category|type|model|series|room|floor|suite|route|highway|ward|district|zone)\s$/i;
const ANONYMOUS_SOURCES =
  /^[\d,]+\s+(?:\w+\s+)?(?:people|sources|insiders|officials|persons|executives)\s+(?:familiar|with (?:direct )?knowledge|briefed|close to|who (?:spoke|asked|requested|declined|were not)|speaking|said|told)/i;
const STATISTIC = /\b(?:p|R²|R\^?2|r)\s*[<=>≤≥]\s*$/;
const DEFINITION = /\b(?:multipl(?:y|ied|ying)|divid(?:e|ed|ing))\s+(?:it\s+|that\s+|this\s+)?by\s+$/i;

/** "Llama 3", "Fortune 500", "Gemma 2B", "Llama 3 70B", "SaaS 2.0": a number continuing a proper name. */
function isInName(text: string, pos: number, sentence: Span): boolean {
  const before = text.slice(Math.max(sentence.start, pos - 40), pos);
  const prev = /([A-Za-z][\w.'’&-]*)\s$/.exec(before)?.[1];
  if (prev)
    return (
      /^[A-Z]|^[a-z]+[A-Z]/.test(prev) &&
      !FUNCTION_WORDS.has(prev) &&
      !/['’]s$/.test(prev) &&
      !MONTH_BEFORE.test(before)
    );
  const chain = /([A-Z][\w.-]*)\s\d+(?:\.\d+)?\s$/.exec(before);
  return chain !== null && !FUNCTION_WORDS.has(chain[1]);
}

function isYear(m: Mention): boolean {
  const year = (v: number) => Number.isInteger(v) && v >= 1900 && v <= 2100;
  if (m.scaled || !year(m.value) || (m.high !== null && !year(m.high))) return false;
  return m.unit === null || !STRONG_COUNT.test(m.noun ?? '');
}
const STRONG_COUNT =
  /^(?:users|employees|people|customers|servers|GPUs|chips|tokens|parameters|companies|startups|stars|jobs|workers|subscribers|developers|engineers|researchers)$/i;

function isDate(before: string, after: string): boolean {
  return MONTH_BEFORE.test(before) || MONTH_AFTER.test(after) || /^[-/.]\d{1,2}[-/.]\d{2,4}/.test(after);
}

function isEnumerator(text: string, m: Mention, sentence: Span, after: string): boolean {
  const lead = text.slice(sentence.start, m.numStart);
  if (/^\(?$/.test(lead.trim()) && /^[.)]\s/.test(after)) return true;
  return /\($/.test(lead) && /^\)/.test(after) && m.value < 30;
}

function isIdentifier(text: string, m: Mention, before: string, after: string): boolean {
  const tokenStart = text.lastIndexOf(' ', m.numStart) + 1;
  const tokenEnd = text.indexOf(' ', m.numStart);
  const token = text.slice(tokenStart, tokenEnd === -1 ? text.length : tokenEnd);
  if (/:\/\/|^www\.|@|`/.test(token)) return true;
  if ((before.split('`').length - 1) % 2 === 1) return true;
  if (/\[$/.test(before) && /^\]/.test(after)) return true;
  if (/^\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/.test(text.slice(m.numStart - (before.endsWith('(') ? 1 : 0)))) return true;
  return /^\s+[A-Z][a-z]+\s+(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Drive|Lane|Way|Place|Parkway|Pkwy\.?|Court|Square|Plaza|Highway|Circle|Terrace)\b/.test(
    after,
  );
}

/** "in the next five to 10 years", "within 18 months", "three years ago": when, not how much. */
function isTimeReference(before: string, afterQuote: string): boolean {
  if (/^\s*(?:ago|later|earlier|from now|away|out|before|after)\b/i.test(afterQuote)) return true;
  return /\b(?:next|past|last|coming|previous|prior|within|in|first|initial|every|each)\s+(?:the\s+)?(?:next\s+|past\s+|last\s+|coming\s+|first\s+)?$/i.test(
    before,
  );
}
