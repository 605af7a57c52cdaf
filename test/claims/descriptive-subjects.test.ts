import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/claims/extract/extract.ts';

const subjects = (text: string) => extractClaims(text, { kind: 'comment' }).map((c) => c.subject);

describe('descriptive subjects (no named entity)', () => {
  it('when a comment says "every lab … but capex is up 50%", then both figures are about labs', () => {
    expect(
      subjects(
        'Every lab claims inference got 10x cheaper this quarter but capex is up 50% — the math only works if usage explodes.',
      ),
    ).toEqual(['labs', 'labs']);
  });

  it('when a measure word follows the subject ("Hyperscaler capex"), then the measure is dropped', () => {
    expect(subjects('Hyperscaler capex is up 50% and nobody has shown the revenue to match.')).toEqual(['Hyperscaler']);
    expect(subjects('Big Tech capex is up 50% this year.')).toEqual(['Big Tech']);
  });

  it('when a container comes first ("a survey of", "costs for"), then its contents are the subject', () => {
    expect(
      subjects('A survey of Fortune 500 CIOs reveals that while 95% are experimenting, fewer than 15% have deployed.'),
    ).toEqual(['Fortune 500 CIOs', 'Fortune 500 CIOs']);
    expect(
      subjects(
        'The per-unit inference costs for advanced modalities (video, persistent agents) are 1-2 orders of magnitude higher than text.',
      ),
    ).toEqual(['advanced modalities']);
  });

  it('when a time phrase with its preposition sits before the verb ("… for the full year was"), then the subject is read past it', () => {
    expect(subjects('Lumentum revenue for the full year was $3.41 billion.')).toEqual(['Lumentum']);
    expect(subjects('Acme sales in the third quarter were $3 billion.')).toEqual(['Acme']);
  });

  it('when the subject is a coordinated phrase, then it is kept whole', () => {
    expect(
      subjects(
        'Frontier models cost more, while open-source and specialized small models provide 80-90% of the capability.',
      ),
    ).toEqual(['open-source and specialized small models']);
  });

  it('when the clause has a pronoun or a vague subject, then there is no subject', () => {
    expect(subjects('You can distil models down 10x in size.')).toEqual([null]);
    expect(subjects('Revenue in the sector rose 5%.')).toEqual([null]);
    expect(subjects('capex is up 50%')).toEqual([null]);
  });

  it('when a sentence joins two subjects with ", and", then each figure gets the subject nearest before it', () => {
    expect(subjects('Cloud AI infrastructure spend grew 65% in 2023, and Neocloud capex is up 80%.')).toEqual([
      'Cloud AI infrastructure',
      'Neocloud',
    ]);
  });

  it('when another figure stands between the subject and its verb, then the phrase stops at it', () => {
    expect(subjects('Robotics capex is up 12% and robotics revenue rose 5%.')).toEqual(['Robotics', 'robotics']);
  });

  it('when an aside with a pronoun comes first ("As I said, …"), then the real subject is still found', () => {
    expect(subjects('As I said, Neocloud capex is up 80%.')).toEqual(['Neocloud']);
  });

  it('when an entity was named earlier in the paragraph, then it still wins over a descriptive phrase', () => {
    // The segment it names is part of the subject: data-center revenue is not Nvidia's total.
    expect(subjects('Nvidia reported record results. Data center revenue rose 94% to $35 billion.')).toEqual([
      'Nvidia (data center)',
      'Nvidia (data center)',
    ]);
  });

  it('when a descriptive subject was used, then it is not carried to the next sentence', () => {
    expect(subjects('Hyperscaler capex is up 50%. Revenue rose 5%.')).toEqual(['Hyperscaler', null]);
  });
});
