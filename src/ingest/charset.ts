/**
 * Turns a feed's bytes into text. Feeds in the wild are often mislabelled, so a declared
 * charset is trusted only as far as the bytes agree with it.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** Labels that browsers decode as windows-1252, a superset that also has € and curly quotes. */
const latin1Labels = new Set([
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'windows-1252',
  'cp1252',
]);

export function charsetFromContentType(contentType?: string): string | undefined {
  const match = contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i);
  return match?.[1];
}

/** The `encoding` of an `<?xml …?>` prolog, read as ASCII from the first bytes. */
export function charsetFromXmlProlog(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1');
  const match = head.match(/^(?:\xEF\xBB\xBF)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/);
  return match?.[1];
}

function charsetFromBom(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** A label iconv-lite knows, normalised; undefined for unknown names so the next clue is used. */
function usable(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const name = label.trim().toLowerCase();
  if (latin1Labels.has(name)) return 'windows-1252';
  if (name === 'utf8') return 'utf-8';
  return iconv.encodingExists(name) ? name : undefined;
}

function hasNonAscii(bytes: Buffer): boolean {
  return bytes.some((b) => b > 0x7f);
}

/**
 * Picks the charset: a BOM first (unambiguous, and what browsers do), then the HTTP header, then
 * the XML prolog, else UTF-8. A label the bytes cannot be in (UTF-8 over bytes that are not UTF-8)
 * is skipped, so a server default of `charset=utf-8` over a windows-1251 body whose prolog says
 * windows-1251 decodes as the prolog says; when no label fits, windows-1252 is the fallback. A
 * UTF-16 label on a body whose prolog was readable as ASCII is wrong, so it is ignored.
 */
export function detectCharset(bytes: Buffer, contentType?: string): string {
  const bom = charsetFromBom(bytes);
  if (bom) return bom;
  const validUtf8 = isUtf8(bytes);
  const declared = [usable(charsetFromContentType(contentType)), usable(charsetFromXmlProlog(bytes))].filter(
    (c): c is string => c !== undefined && !c.startsWith('utf-16') && !c.startsWith('utf16'),
  );
  const fitting = declared.filter((c) => c !== 'utf-8' || validUtf8);
  // Declared UTF-8 (or nothing) but not UTF-8: almost always windows-1252 from a legacy CMS.
  const charset = fitting[0] ?? (validUtf8 ? 'utf-8' : 'windows-1252');
  // Declared a legacy charset but valid multi-byte UTF-8: a server default or a copied prolog
  // over a UTF-8 feed; real text in a legacy charset is very rarely also valid UTF-8.
  if (charset !== 'utf-8' && validUtf8 && hasNonAscii(bytes)) return 'utf-8';
  return charset;
}

export function decodeBody(bytes: Buffer, contentType?: string): string {
  // iconv-lite strips a leading BOM, so the parser sees clean text.
  return iconv.decode(bytes, detectCharset(bytes, contentType));
}
