import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeBody, detectCharset } from '../../src/ingest/charset.ts';

const xml = (encoding: string, text: string) =>
  `<?xml version="1.0" encoding="${encoding}"?><rss><title>${text}</title></rss>`;

describe('decodeBody', () => {
  it('when the header says ISO-8859-1, then Latin-1 bytes decode to the right letters', () => {
    const bytes = iconv.encode('<rss>Café Zürich</rss>', 'latin1');
    expect(decodeBody(bytes, 'application/rss+xml; charset=ISO-8859-1')).toBe('<rss>Café Zürich</rss>');
  });

  it('when the header quotes the charset, then it is still read', () => {
    const bytes = iconv.encode('<rss>Café</rss>', 'latin1');
    expect(decodeBody(bytes, 'text/xml; charset="iso-8859-1"')).toBe('<rss>Café</rss>');
  });

  it('when only the XML prolog names windows-1252, then curly quotes and € survive', () => {
    const text = xml('windows-1252', '“Price” €5 – ok');
    expect(decodeBody(iconv.encode(text, 'windows-1252'), 'application/xml')).toBe(text);
  });

  it('when the prolog names a legacy Cyrillic charset, then it is honoured', () => {
    const text = xml('koi8-r', 'Привет');
    expect(decodeBody(iconv.encode(text, 'koi8-r'))).toBe(text);
  });

  it('when the body starts with a UTF-8 BOM, then the BOM is stripped and the text decoded', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss>naïve</rss>')]);
    expect(decodeBody(bytes)).toBe('<rss>naïve</rss>');
  });

  it('when the body has a UTF-16LE BOM, then it decodes as UTF-16 despite no header', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<rss>ü</rss>', 'utf16le')]);
    expect(decodeBody(bytes)).toBe('<rss>ü</rss>');
  });

  it('when labelled UTF-8 but the bytes are windows-1252, then it falls back to windows-1252', () => {
    const bytes = iconv.encode('<rss>Café “quoted”</rss>', 'windows-1252');
    expect(decodeBody(bytes, 'text/xml; charset=utf-8')).toBe('<rss>Café “quoted”</rss>');
  });

  it('when labelled ISO-8859-1 but the bytes are valid UTF-8, then UTF-8 wins', () => {
    expect(decodeBody(Buffer.from('<rss>Café — 日本</rss>'), 'text/xml; charset=ISO-8859-1')).toBe(
      '<rss>Café — 日本</rss>',
    );
  });

  it('when the charset name is unknown, then the next clue is used and decoding does not throw', () => {
    const text = xml('windows-1252', 'Café');
    expect(decodeBody(iconv.encode(text, 'windows-1252'), 'text/xml; charset=x-no-such-thing')).toBe(text);
    expect(decodeBody(Buffer.from('<rss>ok ✓</rss>'), 'text/xml; charset=bogus')).toBe('<rss>ok ✓</rss>');
  });

  it('when nothing is declared, then UTF-8 is assumed', () => {
    expect(decodeBody(Buffer.from('<rss>Straße</rss>'))).toBe('<rss>Straße</rss>');
  });

  it('when the header and the prolog disagree, then the header wins', () => {
    const text = xml('koi8-r', 'Café');
    expect(detectCharset(iconv.encode(text, 'latin1'), 'text/xml; charset=iso-8859-1')).toBe('windows-1252');
  });

  it('when the header says UTF-8 but the bytes are windows-1251 as the prolog says, then the prolog is trusted', () => {
    const text = xml('windows-1251', 'Новости: ИИ и вычисления');
    const bytes = iconv.encode(text, 'windows-1251');
    expect(detectCharset(bytes, 'application/rss+xml; charset=utf-8')).toBe('windows-1251');
    expect(decodeBody(bytes, 'application/rss+xml; charset=utf-8')).toBe(text);
  });

  it('when the header names no charset and the prolog says windows-1251, then the body decodes as windows-1251', () => {
    const text = xml('windows-1251', 'Новости');
    expect(decodeBody(iconv.encode(text, 'windows-1251'), 'application/rss+xml')).toBe(text);
  });

  it('when a UTF-8 body carries a wrong windows-1251 prolog, then it stays UTF-8 with or without a header charset', () => {
    const text = xml('windows-1251', 'Новости — Café');
    expect(decodeBody(Buffer.from(text), 'application/rss+xml; charset=utf-8')).toBe(text);
    expect(decodeBody(Buffer.from(text), 'application/rss+xml')).toBe(text);
  });

  it('when an ASCII-readable prolog claims UTF-16, then the claim is ignored', () => {
    expect(detectCharset(Buffer.from(xml('UTF-16', 'é')))).toBe('utf-8');
  });
});
