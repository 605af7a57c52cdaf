/**
 * Marks each claim's quote in an article's (already sanitised) HTML: the first occurrence inside a
 * single text run gets `<mark class="claim" id="claim-N">`, so a chip can link straight to it.
 * Quotes that cross element boundaries (a table cell into the next) are left unmarked.
 */
const escapeText = (s: string, quotes: boolean) => {
  const t = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return quotes ? t.replace(/"/g, '&quot;') : t;
};

export function highlightQuotes(html: string, quotes: { claimId: number; quote: string }[]): string {
  const parts = html.split(/(<[^>]*>)/);
  const done = new Set<number>();
  for (const { claimId, quote } of [...quotes].sort((a, b) => b.quote.length - a.quote.length)) {
    for (let i = 0; i < parts.length && !done.has(claimId); i += 2) {
      // Text runs are at even indexes; never touch text already inside one of our marks.
      if (i > 0 && parts[i - 1].startsWith('<mark class="claim"')) continue;
      for (const needle of new Set([escapeText(quote, false), escapeText(quote, true)])) {
        const at = parts[i].indexOf(needle);
        if (at < 0) continue;
        const mark = `<mark class="claim" id="claim-${claimId}">`;
        parts.splice(i, 1, parts[i].slice(0, at), mark, needle, '</mark>', parts[i].slice(at + needle.length));
        done.add(claimId);
        break;
      }
    }
  }
  return parts.join('');
}
