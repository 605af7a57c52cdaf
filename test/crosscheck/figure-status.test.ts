import { describe, expect, it } from 'vitest';
import { refusal } from '../../src/crosscheck/figure-status.ts';

const ok = { reason: 'Checked against the 10-Q.', sourceUrl: null };

describe('the figure status lifecycle (a moderator’s change)', () => {
  it('when an unreviewed figure is marked supported, disputed or unsupported with a reason, then it is allowed', () => {
    for (const to of ['supported', 'disputed', 'unsupported']) expect(refusal('unreviewed', to, ok)).toBeNull();
  });

  it('when marked verified or incorrect, then a source link is required', () => {
    expect(refusal('disputed', 'verified', ok)).toMatch(/needs the link/);
    expect(refusal('disputed', 'incorrect', { ...ok, sourceUrl: 'sec.gov/10q' })).toMatch(/needs the link/);
    expect(refusal('disputed', 'incorrect', { ...ok, sourceUrl: 'https://sec.example/10q' })).toBeNull();
  });

  it('when the reason is blank, the status is the current one, unknown or "unreviewed", then it is refused', () => {
    expect(refusal('unreviewed', 'disputed', { reason: ' ', sourceUrl: null })).toMatch(/reason/);
    expect(refusal('disputed', 'disputed', ok)).toMatch(/already disputed/);
    expect(refusal('disputed', 'wrong', ok)).toMatch(/Choose one of/);
    expect(refusal('disputed', 'unreviewed', ok)).toMatch(/Choose one of/);
  });

  it('when a decided figure is changed again (a correction), then any other status is allowed with a reason', () => {
    expect(refusal('verified', 'disputed', ok)).toBeNull();
    expect(refusal('incorrect', 'supported', ok)).toBeNull();
  });

  it('when a source link is given that is not http(s), then it is refused even where none is required', () => {
    expect(refusal('unreviewed', 'disputed', { ...ok, sourceUrl: 'javascript:alert(1)' })).toMatch(/http\(s\)/);
  });
});
