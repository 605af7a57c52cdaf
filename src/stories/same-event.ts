/**
 * The same-event decision: whether an article covers the event a story covers, from pair features
 * rather than one cosine. Text similarity alone merges one company's different events days apart
 * (its results and its market-cap milestone) and splits paraphrased coverage; shared canonical
 * entities, shared figures, event-type cues and the time between them decide those cases. The
 * weights are a logistic regression learned by `npm run train:stories` on the development part of
 * test/fixtures/real-events and shipped in same-event-model.json.
 */
import model from './same-event-model.json' with { type: 'json' };
import type { EventSignature } from './event-signature.ts';

const DAY_MS = 86_400_000;

export const FEATURE_NAMES = [
  'bias',
  'cosine',
  'shared_entities',
  'entity_jaccard',
  'no_shared_entity',
  'shared_figure',
  'same_event_type',
  'other_event_type',
  'within_1d',
  'within_3d',
  'within_7d',
  'cosine_x_shared_entity',
  'shared_names',
  'cosine_above_0.3',
] as const;

export type SameEventModel = { version: string; weights: number[]; threshold: number };

/** The model the product uses; its version names it on /metrics and in logs. */
export const SAME_EVENT_MODEL: SameEventModel = model as SameEventModel;

/** Days between an article and the nearest day of a story's coverage (0 inside it). */
export function daysApart(publishedAt: Date, first: Date, last: Date): number {
  const t = publishedAt.getTime();
  return Math.max(0, first.getTime() - t, t - last.getTime()) / DAY_MS;
}

/** Elements two sorted lists share (signatures keep their lists sorted): a merge, no allocation, as it runs per candidate. */
function shared(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) (n++, i++, j++);
    else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

/** The feature vector of one article against one story (or another article), in FEATURE_NAMES order. */
export function pairFeatures(cosine: number, a: EventSignature, b: EventSignature, days: number): number[] {
  const entities = shared(a.entities, b.entities);
  const union = a.entities.length + b.entities.length - entities;
  const bothNamed = a.entities.length > 0 && b.entities.length > 0;
  const sameType = shared(a.types, b.types) > 0;
  const bothTyped = a.types.length > 0 && b.types.length > 0;
  return [
    1,
    cosine,
    Math.min(entities, 3) / 3,
    union === 0 ? 0 : entities / union,
    bothNamed && entities === 0 ? 1 : 0,
    shared(a.figures, b.figures) > 0 ? 1 : 0,
    sameType ? 1 : 0,
    bothTyped && !sameType ? 1 : 0,
    // Smooth in time: same-day coverage, follow-ups within days, up to about a week.
    Math.exp(-days / 1),
    Math.exp(-days / 3),
    Math.exp(-days / 7),
    cosine * (entities > 0 ? 1 : 0),
    Math.min(shared(a.names, b.names), 2) / 2,
    // Lexical cosine rarely passes 0.3 between different events: above it, text alone is strong evidence.
    Math.max(0, cosine - 0.3),
  ];
}

/** Probability that the pair covers one event. */
export function sameEventProbability(
  features: readonly number[],
  weights: readonly number[] = SAME_EVENT_MODEL.weights,
): number {
  let z = 0;
  for (let i = 0; i < features.length; i++) z += features[i] * (weights[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

export type EventCandidate = {
  centroid: ArrayLike<number> | null;
  signature: EventSignature;
  firstPublishedAt: Date;
  lastPublishedAt: Date;
};
export type EventPick<T> = { story: T; similarity: number; probability: number; joins: boolean };

/**
 * The candidate most likely to cover the article's event, and whether it is likely enough to join.
 * Exact: every candidate is scored (a dot product and a few small set intersections each). Ties go
 * to the earlier candidate.
 */
export function pickSameEvent<T extends EventCandidate>(
  candidates: readonly T[],
  article: { vector: ArrayLike<number>; signature: EventSignature; publishedAt: Date },
  model: SameEventModel = SAME_EVENT_MODEL,
): EventPick<T> | undefined {
  let best: EventPick<T> | undefined;
  for (const story of candidates) {
    if (!story.centroid) continue;
    let similarity = 0;
    const c = story.centroid;
    const v = article.vector;
    for (let i = 0; i < c.length; i++) similarity += c[i] * v[i];
    const days = daysApart(article.publishedAt, story.firstPublishedAt, story.lastPublishedAt);
    const probability = sameEventProbability(
      pairFeatures(similarity, article.signature, story.signature, days),
      model.weights,
    );
    if (!best || probability > best.probability) best = { story, similarity, probability, joins: false };
  }
  return best && { ...best, joins: best.probability >= model.threshold };
}
