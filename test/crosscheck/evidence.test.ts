import { describe, expect, it } from 'vitest';
import { evidenceFor, linksIn } from '../../src/crosscheck/evidence.ts';

const cite = (text: string, quote: string) => evidenceFor(text, linksIn(text), text.indexOf(quote));

describe('evidence links in comments', () => {
  it('when a comment links markdown, autolinks and bare URLs, then each is found without trailing punctuation', () => {
    const text = 'See [the 10-K](https://sec.example/10k), <https://a.example/x> and https://b.example/y.';
    expect(linksIn(text).map((l) => l.url)).toEqual([
      'https://sec.example/10k',
      'https://a.example/x',
      'https://b.example/y',
    ]);
  });

  it('when a figure is followed by a link in its paragraph, then that link is its citation', () => {
    const text = 'Capex is up 50% (https://a.example/capex) and revenue is up 20% per https://b.example/rev';
    expect(cite(text, '50%')).toBe('https://a.example/capex');
    expect(cite(text, '20%')).toBe('https://b.example/rev');
  });

  it('when the only link is in another paragraph, then it still cites the figure; with several elsewhere, none does', () => {
    expect(cite('Capex is up 50%.\n\nSource: https://a.example/capex', '50%')).toBe('https://a.example/capex');
    expect(cite('Capex is up 50%.\n\nhttps://a.example/1 https://b.example/2', '50%')).toBeNull();
  });

  it('when a link is not http(s), then it is no evidence', () => {
    expect(linksIn('[x](javascript:alert(1)) ftp://files.example/a')).toEqual([]);
  });
});
