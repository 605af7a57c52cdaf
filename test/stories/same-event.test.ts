import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles } from '../../src/articles/articles.sql.ts';
import { embeddingText } from '../../src/enrich/enrich.ts';
import { LEXICAL_EMBEDDER, lexicalEmbed } from '../../src/ml/lexical-embedder.ts';
import { assignStory } from '../../src/stories/assign.ts';
import { createCentroidCache } from '../../src/stories/centroid-cache.ts';
import { eventSignature, mergeSignatures } from '../../src/stories/event-signature.ts';
import {
  FEATURE_NAMES,
  SAME_EVENT_MODEL,
  daysApart,
  pairFeatures,
  pickSameEvent,
  sameEventProbability,
} from '../../src/stories/same-event.ts';
import { replayEventAssignment } from '../../src/stories/tune.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';

const day = (d: number, h = 12) => new Date(Date.UTC(2025, 9, d, h));
const feature = (features: number[], name: (typeof FEATURE_NAMES)[number]) => features[FEATURE_NAMES.indexOf(name)];

// Real headlines and leads (test/fixtures/real-events): Nvidia's GTC announcements and, the next day, its $5 trillion milestone.
const GTC = [
  'Nvidia to build seven AI supercomputers for US Department of Energy',
  'Nvidia will construct seven advanced AI supercomputers for the U.S. Department of Energy while securing $500 billion in chip bookings, CEO Jensen Huang announced during the company’s GTC event in Washington D.C.',
];
const GTC2 = [
  'Nvidia and Oracle to Build Department of Energy’s Largest AI Supercomputer',
  'Nvidia CEO Jensen Huang announced on Tuesday, at the company’s first-ever GTC AI conference held in Washington D.C., that Nvidia and Oracle will collaborate to build the Department of Energy’s (DOE) largest AI supercomputer.',
];
const FIVE_T = [
  'Nvidia Becomes First $5 Trillion Company',
  'Nvidia has reached a remarkable milestone, becoming the first company to achieve a market valuation of $5 trillion.',
];
const FIVE_T2 = [
  'US tech giant becomes first $5 trillion company in the world',
  'Nvidia made history by becoming the first company to reach a $5 trillion market valuation, cementing its central role in the global artificial intelligence boom.',
];
const vectorOf = ([title, lead]: string[]) => lexicalEmbed(embeddingText({ title, summary: lead, contentText: '' }));

describe('event signatures and pair features', () => {
  it('when a headline names a company by another name or a business unit, then its canonical entity (and the parent) is what the signature holds', () => {
    expect(eventSignature('Google Cloud revenue climbs 63% in Q1', null).entities).toEqual(
      expect.arrayContaining(['Google']),
    );
    expect(eventSignature('Azure Holds 39% on a Bigger Base', null).entities).toEqual(
      expect.arrayContaining(['Azure', 'Microsoft']),
    );
  });

  it('when two leads state the same amount, then they share a figure, and each names its kind of event', () => {
    const a = eventSignature(FIVE_T[0], FIVE_T[1]);
    const b = eventSignature(FIVE_T2[0], FIVE_T2[1]);
    expect(a.figures.filter((f) => b.figures.includes(f))).toContain('5000000000000|USD');
    expect(a.types).toContain('market-cap');
    expect(feature(pairFeatures(0.3, a, b, 0), 'shared_figure')).toBe(1);
    expect(mergeSignatures([a, b]).entities).toEqual(['Nvidia']);
  });

  it('when a pair is further apart in time, then its time features fall smoothly, not at a cut', () => {
    const s = eventSignature(GTC[0], GTC[1]);
    const near = pairFeatures(0.3, s, s, 1);
    const far = pairFeatures(0.3, s, s, 5);
    expect(feature(far, 'within_7d')).toBeLessThan(feature(near, 'within_7d'));
    expect(feature(far, 'within_7d')).toBeGreaterThan(0.4);
    expect(daysApart(day(10), day(4), day(8))).toBe(2);
    expect(daysApart(day(6), day(4), day(8))).toBe(0);
  });

  it('when the product starts, then it loads trained weights, one per feature, and a joining probability', () => {
    expect(SAME_EVENT_MODEL.version).not.toBe('untrained');
    expect(SAME_EVENT_MODEL.weights).toHaveLength(FEATURE_NAMES.length);
    expect(SAME_EVENT_MODEL.threshold).toBeGreaterThan(0);
    expect(SAME_EVENT_MODEL.threshold).toBeLessThan(1);
    expect(sameEventProbability(new Array(FEATURE_NAMES.length).fill(0))).toBe(0.5);
  });
});

describe('assignment with the same-event decision', () => {
  const items = [
    { id: 'gtc', text: GTC, at: day(28) },
    { id: 'gtc2', text: GTC2, at: day(28, 18) },
    { id: '5t', text: FIVE_T, at: day(29) },
    { id: '5t2', text: FIVE_T2, at: day(29, 15) },
  ].map((i) => ({
    id: i.id,
    publishedAt: i.at,
    vector: vectorOf(i.text),
    signature: eventSignature(i.text[0], i.text[1]),
  }));

  it('when one company has two events a day apart, then each gathers its own coverage', () => {
    const stories = replayEventAssignment(items, { windowDays: 3 });
    expect(stories.get('gtc2')).toBe(stories.get('gtc'));
    expect(stories.get('5t2')).toBe(stories.get('5t'));
    expect(stories.get('5t')).not.toBe(stories.get('gtc'));
  });

  it('when there is no candidate with a centroid, then nothing is picked', () => {
    expect(pickSameEvent([], items[0])).toBeUndefined();
  });
});

describe.each(drivers)('assignStory with the same-event decision on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());

  const insert = async ([title, summary]: string[], publishedAt: Date) =>
    (
      await t.db
        .insert(articles)
        .values({ title, summary, publishedAt, contentHash: `${title}${publishedAt.toISOString()}` })
        .returning({ id: articles.articleId })
    )[0].id;

  it('when near-miss coverage arrives, then the database assignment groups it as the replay does, reusing the cached signatures', async () => {
    const cache = createCentroidCache();
    const policy = { windowDays: 3, threshold: null };
    const assign = async (text: string[], at: Date) => {
      const id = await insert(text, at);
      return t.db.transaction((tx) => assignStory(tx, id, Array.from(vectorOf(text)), LEXICAL_EMBEDDER, policy, cache));
    };
    const gtc = await assign(GTC, day(28));
    const gtc2 = await assign(GTC2, day(28, 18));
    const fiveT = await assign(FIVE_T, day(29));
    const fiveT2 = await assign(FIVE_T2, day(29, 15));
    expect(gtc2).toMatchObject({ storyId: gtc.storyId, joined: true });
    expect(fiveT.joined).toBe(false);
    expect(fiveT2).toMatchObject({ storyId: fiveT.storyId, joined: true });
    // What the cache kept from its own writes is what a fresh read of the database gives.
    const kept = await t.db.transaction((tx) => cache.inWindow(tx, LEXICAL_EMBEDDER, day(20), day(31)));
    const fresh = await t.db.transaction((tx) =>
      createCentroidCache().inWindow(tx, LEXICAL_EMBEDDER, day(20), day(31)),
    );
    const view = (rows: typeof kept) =>
      rows.map((r) => ({ ...r, centroid: Array.from(r.centroid ?? []) })).sort((a, b) => a.storyId - b.storyId);
    expect(view(kept)).toEqual(view(fresh));
    expect(kept).toHaveLength(2);
  });
});
