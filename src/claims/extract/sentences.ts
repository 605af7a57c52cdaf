import type { Span } from './types.ts';

export interface Sentence extends Span {
  para: number;
}

// A full stop after these is not a sentence end ("e.g.", "U.S.", "est.").
const ABBREVIATION =
  /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|est|approx|ca|inc|corp|ltd|co|no|nos|mr|mrs|ms|dr|st|jr|sr|fig|al|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|[A-Z]|[A-Z]\.[A-Z]|U\.S|U\.K)$/i;
// An end mark, any closing quotes or brackets, then space before something that can open a sentence.
const END = /[.!?]+["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9$£€~])/g;
// A list enumerator such as "2." at the start of a line is not a sentence of its own.
const ENUMERATOR = /^\s*\(?\d{1,2}[.)]$/;

/** Sentences of the prose parts of `text`, skipping `covered` spans (tables), in order. */
export function splitSentences(text: string, covered: Span[] = []): Sentence[] {
  const out: Sentence[] = [];
  let para = 0;
  for (const line of linesOf(text)) {
    if (covered.some((c) => line.start < c.end && line.end > c.start)) continue;
    const sentences = splitLine(text, line);
    for (const s of sentences) out.push({ ...s, para });
    if (sentences.length > 0) para++;
  }
  return out;
}

function linesOf(text: string): Span[] {
  const lines: Span[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (text.slice(start, end).trim() !== '') lines.push({ start, end });
    if (nl === -1) return lines;
    start = nl + 1;
  }
}

function splitLine(text: string, line: Span): Span[] {
  const chunk = text.slice(line.start, line.end);
  const spans: Span[] = [];
  let from = 0;
  END.lastIndex = 0;
  for (let m = END.exec(chunk); m; m = END.exec(chunk)) {
    const before = chunk.slice(from, m.index);
    if (ABBREVIATION.test(before) || ENUMERATOR.test(chunk.slice(from, m.index + 1))) continue;
    const stop = m.index + m[0].trimEnd().length;
    spans.push(trimmed(text, line.start + from, line.start + stop));
    from = m.index + m[0].length;
  }
  if (from < chunk.length) spans.push(trimmed(text, line.start + from, line.end));
  return spans.filter((s) => s.end > s.start);
}

function trimmed(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

// Words and marks that separate clauses: a hedge or period in one clause does not reach the next.
const CLAUSE_BREAK = /;|:\s|\s[—–]\s|—|\b(?:but|while|whereas|although|though|however)\b/gi;

const LABEL =
  /^(?!.*\b(?:is|are|was|were|has|have|had|said|says|be)\b)\s*(?:[-*•]\s*)?[A-Za-z][\w&/'’-]*(?:\s+[A-Za-z&/][\w&/'’()-]*){0,4}\s*$/;
const lineStart = (text: string, from: number, at: number) => Math.max(from, text.lastIndexOf('\n', at - 1) + 1);

/** The clause of `sentence` holding [from, to): bounded by the nearest clause breaks around it. */
export function clauseOf(text: string, sentence: Span, from: number, to: number): Span {
  let start = sentence.start;
  let end = sentence.end;
  const body = text.slice(sentence.start, sentence.end);
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(body); m; m = CLAUSE_BREAK.exec(body)) {
    const at = sentence.start + m.index;
    // "the record set in the second quarter — 22 trillion won in sales and 9 trillion won in profit —": an
    // aside between two dashes spells out what stands before it.
    if (/[—–]/.test(m[0]) && at + m[0].length <= from && /[—–]/.test(text.slice(to, sentence.end))) continue;
    // "Operating profit: 9.21 trillion won", "- Q4 revenue: $3.9 billion": a label opening a line names what follows.
    if (m[0].startsWith(':') && LABEL.test(text.slice(lineStart(text, sentence.start, at), at))) continue;
    if (at + m[0].length <= from) start = at + m[0].length;
    else if (at >= to) {
      end = at;
      break;
    }
  }
  return { start, end };
}
