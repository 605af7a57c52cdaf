/**
 * The pure core of story assignment, shared by `assignStory` (which adds the database around it)
 * and by the offline evaluation that tunes STORY_SIMILARITY (`npm run eval:stories`), so the
 * evaluation measures the code that runs in production rather than a copy of it.
 */
import { mergeSignatures, type EventSignature } from './event-signature.ts';
import { pickSameEvent, type SameEventModel } from './same-event.ts';
import { addToCentroid, dot, normalize } from './vectors.ts';

const DAY_MS = 86_400_000;

/** Stories an article may join: coverage overlapping [publishedAt − window, publishedAt + window]. */
export function storyWindow(publishedAt: Date, windowDays: number): { notBefore: Date; notAfter: Date } {
  const span = windowDays * DAY_MS;
  return { notBefore: new Date(publishedAt.getTime() - span), notAfter: new Date(publishedAt.getTime() + span) };
}

/** The in-memory twin of assignStory's SQL filter: latest coverage not before, first not after the window. */
export function inWindow(
  story: { firstPublishedAt: Date; lastPublishedAt: Date },
  publishedAt: Date,
  windowDays: number,
): boolean {
  const { notBefore, notAfter } = storyWindow(publishedAt, windowDays);
  return story.lastPublishedAt >= notBefore && story.firstPublishedAt <= notAfter;
}

export type StoryPick<T> = { story: T; similarity: number; joins: boolean };

/**
 * The candidate whose centroid is nearest to `vector` (cosine, vectors being unit length), and
 * whether it is near enough to join. Undefined when no candidate has a centroid. Ties go to the
 * earlier candidate.
 */
export function pickStory<T extends { centroid: ArrayLike<number> | null }>(
  candidates: readonly T[],
  vector: ArrayLike<number>,
  threshold: number,
): StoryPick<T> | undefined {
  let best: { story: T; similarity: number } | undefined;
  for (const story of candidates) {
    if (!story.centroid) continue;
    const similarity = dot(story.centroid, vector);
    if (!best || similarity > best.similarity) best = { story, similarity };
  }
  return best && { ...best, joins: best.similarity >= threshold };
}

export type ReplayItem = { id: string; publishedAt: Date; vector: ArrayLike<number> };
export type ReplayPolicy = { windowDays: number; threshold: number };

/**
 * Runs story assignment over items in the order given (their arrival order) without a database:
 * the same window, the same pick, the same running centroid as assignStory. Returns the story
 * index of every item.
 */
export function replayAssignment(items: readonly ReplayItem[], policy: ReplayPolicy): Map<string, number> {
  type Story = { index: number; centroid: number[]; count: number; firstPublishedAt: Date; lastPublishedAt: Date };
  const stories: Story[] = [];
  const storyOf = new Map<string, number>();
  for (const item of items) {
    // inWindow, with the bounds computed once per item rather than once per story.
    const { notBefore, notAfter } = storyWindow(item.publishedAt, policy.windowDays);
    const candidates = stories.filter((s) => s.lastPublishedAt >= notBefore && s.firstPublishedAt <= notAfter);
    const pick = pickStory(candidates, item.vector, policy.threshold);
    if (pick?.joins) {
      const s = pick.story;
      s.centroid = addToCentroid(s.centroid, s.count, item.vector);
      s.count += 1;
      if (item.publishedAt < s.firstPublishedAt) s.firstPublishedAt = item.publishedAt;
      if (item.publishedAt > s.lastPublishedAt) s.lastPublishedAt = item.publishedAt;
      storyOf.set(item.id, s.index);
    } else {
      const index = stories.length;
      stories.push({
        index,
        centroid: normalize(item.vector),
        count: 1,
        firstPublishedAt: item.publishedAt,
        lastPublishedAt: item.publishedAt,
      });
      storyOf.set(item.id, index);
    }
  }
  return storyOf;
}

export type PairScores = {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  goldPairs: number;
};

/**
 * Pairwise clustering scores: over all pairs of items, a pair put in one story is a true positive
 * when both items cover the same labelled event. Precision is 1 when nothing was grouped (no claim
 * was made), recall is 1 when the labels have no pairs.
 */
export function pairwiseScores(
  predicted: ReadonlyMap<string, number | string>,
  gold: ReadonlyMap<string, string>,
): PairScores {
  const pairs = (sizes: Iterable<number>) => [...sizes].reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
  const countBy = (key: (id: string) => string) => {
    const counts = new Map<string, number>();
    for (const id of gold.keys()) counts.set(key(id), (counts.get(key(id)) ?? 0) + 1);
    return counts.values();
  };
  const story = (id: string) => String(predicted.get(id) ?? `unassigned:${id}`);
  const truePairs = pairs(countBy((id) => `${story(id)}\u0000${gold.get(id)}`));
  const predictedPairs = pairs(countBy(story));
  const goldPairs = pairs(countBy((id) => gold.get(id)!));
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = goldPairs === 0 ? 1 : truePairs / goldPairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, goldPairs };
}

/**
 * B-cubed scores: per item, the share of its predicted story that shares its event (precision) and
 * the share of its event that landed in its story (recall), averaged over items. Unlike pairwise
 * scores, one big event does not outweigh many small ones.
 */
export function bcubedScores(
  predicted: ReadonlyMap<string, number | string>,
  gold: ReadonlyMap<string, string>,
): { precision: number; recall: number; f1: number } {
  const story = (id: string) => String(predicted.get(id) ?? `unassigned:${id}`);
  const tally = (key: (id: string) => string) => {
    const counts = new Map<string, number>();
    for (const id of gold.keys()) counts.set(key(id), (counts.get(key(id)) ?? 0) + 1);
    return counts;
  };
  const both = tally((id) => `${story(id)}\u0000${gold.get(id)}`);
  const byStory = tally(story);
  const byEvent = tally((id) => gold.get(id)!);
  let precision = 0;
  let recall = 0;
  for (const id of gold.keys()) {
    const shared = both.get(`${story(id)}\u0000${gold.get(id)}`)!;
    precision += shared / byStory.get(story(id))!;
    recall += shared / byEvent.get(gold.get(id)!)!;
  }
  const n = gold.size || 1;
  precision /= n;
  recall /= n;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Thresholds from `from` to `to` inclusive in steps of `step`, rounded so printed values are clean. */
export function thresholdGrid(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i++) out.push(Math.round((from + i * step) * 1000) / 1000);
  return out;
}

export type EventReplayItem = ReplayItem & { signature: EventSignature };
/** windowDays null: every earlier story is a candidate (the evaluation's no-window line). */
export type EventReplayPolicy = { windowDays: number | null; model?: SameEventModel };

/** replayAssignment with the same-event decision (same-event.ts), as assignStory makes it when no STORY_SIMILARITY is set. */
export function replayEventAssignment(
  items: readonly EventReplayItem[],
  policy: EventReplayPolicy,
): Map<string, number> {
  type Story = {
    index: number;
    centroid: number[];
    count: number;
    signature: EventSignature;
    firstPublishedAt: Date;
    lastPublishedAt: Date;
  };
  const stories: Story[] = [];
  const storyOf = new Map<string, number>();
  for (const item of items) {
    const span = policy.windowDays === null ? null : storyWindow(item.publishedAt, policy.windowDays);
    const candidates = span
      ? stories.filter((s) => s.lastPublishedAt >= span.notBefore && s.firstPublishedAt <= span.notAfter)
      : stories;
    const pick = pickSameEvent(candidates, item, policy.model);
    if (pick?.joins) {
      const s = pick.story;
      s.centroid = addToCentroid(s.centroid, s.count, item.vector);
      s.count += 1;
      s.signature = mergeSignatures([s.signature, item.signature]);
      if (item.publishedAt < s.firstPublishedAt) s.firstPublishedAt = item.publishedAt;
      if (item.publishedAt > s.lastPublishedAt) s.lastPublishedAt = item.publishedAt;
      storyOf.set(item.id, s.index);
    } else {
      const index = stories.length;
      stories.push({
        index,
        centroid: normalize(item.vector),
        count: 1,
        signature: item.signature,
        firstPublishedAt: item.publishedAt,
        lastPublishedAt: item.publishedAt,
      });
      storyOf.set(item.id, index);
    }
  }
  return storyOf;
}
