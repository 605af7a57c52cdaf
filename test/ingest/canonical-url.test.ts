import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, isTrackingParam, TRACKING_PARAMS } from '../../src/ingest/canonical-url.ts';

describe('canonicalizeUrl', () => {
  it('when scheme and host have capitals, then they are lowercased and the path keeps its case', () => {
    expect(canonicalizeUrl('HTTPS://News.Example.COM/AI/GPT-5.html')).toBe('https://news.example.com/AI/GPT-5.html');
  });

  it('when the port is the default one, then it is dropped; other ports stay', () => {
    expect(canonicalizeUrl('http://example.com:80/a')).toBe('http://example.com/a');
    expect(canonicalizeUrl('https://example.com:443/a')).toBe('https://example.com/a');
    expect(canonicalizeUrl('https://example.com:8443/a')).toBe('https://example.com:8443/a');
  });

  it('when there is a fragment, then it is dropped', () => {
    expect(canonicalizeUrl('https://example.com/post#comments')).toBe('https://example.com/post');
  });

  it('when tracking parameters are present, then they are removed and the rest sorted', () => {
    const url =
      'https://example.com/story?utm_source=rss&b=2&fbclid=abc&a=1&UTM_Campaign=x&gclid=1&mc_cid=2&mc_eid=3&_hsenc=4&_hsmi=5&igshid=6&yclid=7&msclkid=8&dclid=9&ref_src=twsrc';
    expect(canonicalizeUrl(url)).toBe('https://example.com/story?a=1&b=2');
  });

  it('when only tracking parameters are present, then the query disappears entirely', () => {
    expect(canonicalizeUrl('https://www.heise.de/meldung/x-3088438.html?wt_mc=rss.developer.beitrag.atom')).toBe(
      'https://www.heise.de/meldung/x-3088438.html',
    );
  });

  it('when a parameter repeats, then its values keep a stable order and their encoding', () => {
    expect(canonicalizeUrl('https://example.com/s?q=a%20b&tag=z&tag=a&q=a+b')).toBe(
      'https://example.com/s?q=a%20b&q=a+b&tag=a&tag=z',
    );
  });

  it('when the same article arrives spelled two ways, then both give one URL', () => {
    const a = canonicalizeUrl('https://Example.com/p?id=7&utm_medium=email#top');
    const b = canonicalizeUrl('https://example.com:443/p?id=7&fbclid=XYZ');
    expect(a).toBe(b);
  });

  it('when the URL is not http(s) or not a URL, then the answer is null', () => {
    for (const url of [
      'mailto:a@example.com',
      'javascript:alert(1)',
      'ftp://example.com/x',
      '/relative/path',
      '',
      'not a url',
    ]) {
      expect(canonicalizeUrl(url)).toBeNull();
    }
  });

  it('when a parameter only resembles a tracker, then it is kept', () => {
    expect(canonicalizeUrl('https://example.com/?utmost=1&reference=2&source=3')).toBe(
      'https://example.com/?reference=2&source=3&utmost=1',
    );
  });
});

describe('TRACKING_PARAMS', () => {
  it('when the list is consulted, then every documented tracker is matched case-insensitively', () => {
    for (const name of TRACKING_PARAMS) expect(isTrackingParam(name.toUpperCase())).toBe(true);
    expect(isTrackingParam('utm_anything')).toBe(true);
    expect(isTrackingParam('id')).toBe(false);
  });
});
