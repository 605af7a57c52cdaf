import type { Db } from '../db/client.ts';
import { hotScore } from '../discussion/ranking.ts';
import * as Votes from '../discussion/votes.ts';
import { latest, type StoryListEntry } from './stories.ts';

export type RankedEntry = StoryListEntry & { points: number; comments: number };

/** How far back the front page looks for hot stories; older ones have decayed out anyway. */
const CANDIDATES = 500;
const HOUR_MS = 3_600_000;

/** Votes and comment counts beside each entry (entries without a story have none yet). */
export async function withActivity(db: Db, entries: StoryListEntry[]): Promise<RankedEntry[]> {
  const activity = await Votes.activityOf(
    db,
    entries.flatMap((e) => (e.storyId === null ? [] : [e.storyId])),
  );
  return entries.map((e) => {
    const a = e.storyId === null ? undefined : activity.get(e.storyId);
    return { ...e, points: a?.votes ?? 0, comments: a?.comments ?? 0 };
  });
}

/**
 * The front page: the newest CANDIDATES stories ranked by hotScore (votes, comments, number of
 * sources, age since first coverage), ties broken by latest coverage. The whole ranked list, which
 * the web layer keeps per process and pages by slicing (?p=2).
 */
export async function hot(db: Db, opts: { now: Date; tag?: string }): Promise<RankedEntry[]> {
  return (await withActivity(db, await latest(db, { limit: CANDIDATES, tag: opts.tag })))
    .map((e) => ({
      e,
      score: hotScore({
        points: e.points + 1,
        comments: e.comments,
        sources: e.sourceCount,
        ageHours: (opts.now.getTime() - e.firstPublishedAt.getTime()) / HOUR_MS,
      }),
    }))
    .sort((a, b) => b.score - a.score || b.e.lastPublishedAt.getTime() - a.e.lastPublishedAt.getTime())
    .map((r) => r.e);
}
