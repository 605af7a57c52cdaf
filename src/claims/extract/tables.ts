import type { Span, TableContext, TextKind } from './types.ts';

/** One data cell of a markdown table, with the column header naming its metric and the row's subject. */
export interface TableCell {
  span: Span;
  table: TableContext;
}

export interface TableScan {
  cells: TableCell[];
  /** Lines that belong to tables, so prose splitting skips them. */
  covered: Span[];
}

const SEPARATOR = /^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$/;

/**
 * Finds markdown tables (`| a | b |` rows under a `|---|` separator). A `table_row` input is a
 * header line and one data row, without the separator.
 */
export function scanTables(text: string, kind: TextKind): TableScan {
  const lines = lineSpans(text);
  if (kind === 'table_row') {
    const [header, row] = lines;
    if (!header || !row || SEPARATOR.test(slice(text, row))) return { cells: [], covered: lines };
    return { cells: rowCells(text, header, row), covered: lines };
  }
  const cells: TableCell[] = [];
  const covered: Span[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isPipeLine(text, lines[i])) continue;
    let end = i;
    while (end + 1 < lines.length && isPipeLine(text, lines[end + 1])) end++;
    covered.push({ start: lines[i].start, end: lines[end].end });
    const hasSeparator = end > i && SEPARATOR.test(slice(text, lines[i + 1]));
    for (let r = i + (hasSeparator ? 2 : 1); r <= end; r++) cells.push(...rowCells(text, lines[i], lines[r]));
    i = end;
  }
  return { cells, covered };
}

function rowCells(text: string, header: Span, row: Span): TableCell[] {
  const headers = cellSpans(text, header).map((s) => slice(text, s));
  const spans = cellSpans(text, row);
  if (spans.length < 2) return [];
  const subject = slice(text, spans[0]);
  // The first cell names the row's subject; figures inside it (model names, specs) are not claims.
  return spans.slice(1).map((span, i) => ({ span, table: { header: headers[i + 1] ?? '', subject } }));
}

/** Trimmed spans between the pipes of one line. */
function cellSpans(text: string, line: Span): Span[] {
  const pipes: number[] = [];
  for (let i = line.start; i < line.end; i++) if (text[i] === '|') pipes.push(i);
  const spans: Span[] = [];
  for (let k = 0; k + 1 < pipes.length; k++) {
    let start = pipes[k] + 1;
    let end = pipes[k + 1];
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    spans.push({ start, end });
  }
  return spans;
}

function lineSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    spans.push({ start, end: text[end - 1] === '\r' ? end - 1 : end });
    if (nl === -1) return spans;
    start = nl + 1;
  }
}

function isPipeLine(text: string, line: Span): boolean {
  return /^\s*\|.*\|\s*$/.test(slice(text, line));
}

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}
