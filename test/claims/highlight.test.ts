import { describe, expect, it } from 'vitest';
import { highlightQuotes } from '../../src/claims/highlight.ts';

describe('highlighting quotes in article HTML', () => {
  it('when a quote is in a text run, then its first occurrence is marked with the claim id', () => {
    const html = '<p>Capex is up 50% and <b>up 50%</b> again.</p>';
    expect(highlightQuotes(html, [{ claimId: 7, quote: 'up 50%' }])).toBe(
      '<p>Capex is <mark class="claim" id="claim-7">up 50%</mark> and <b>up 50%</b> again.</p>',
    );
  });

  it('when a quote contains characters that are escaped in HTML, then it is still found', () => {
    const html = '<p>R&amp;D spend of &lt;$1M per "unit"</p>';
    expect(highlightQuotes(html, [{ claimId: 1, quote: 'R&D spend of <$1M' }])).toContain(
      '<mark class="claim" id="claim-1">R&amp;D spend of &lt;$1M</mark>',
    );
  });

  it('when quotes overlap or cross tags, then markup stays well-formed and tags are never matched', () => {
    const html = '<td>~$30.00+</td><td>(est.)</td><a href="up-50">x</a>';
    const out = highlightQuotes(html, [
      { claimId: 1, quote: '~$30.00+' },
      { claimId: 2, quote: '$30.00' },
      { claimId: 3, quote: 'up-50' },
      { claimId: 4, quote: '+</td><td>(est.)' },
    ]);
    expect(out).toBe('<td><mark class="claim" id="claim-1">~$30.00+</mark></td><td>(est.)</td><a href="up-50">x</a>');
  });
});
