/**
 * The front page as a read model, per process: for each tab (Top, New) and topic, the list of
 * stories as last ranked, kept PAGE_REFRESH_SECONDS and re-ranked in the background once half
 * of that has passed (cached.ts), so a request slices a kept list instead of ranking 500 stories.
 * Points and comment counts are read from story_discussions, which votes and comments keep current.
 */
import type { AppDeps } from '../deps.ts';
import { cachedByKey } from '../http/cached.ts';
import * as Ranking from '../../stories/ranking.ts';
import * as Stories from '../../stories/stories.ts';

export const PAGE_SIZE = 30;

export type FrontTab = 'top' | 'new';

/** Top: every ranked candidate, paged by slicing. New: its first page (later pages go by ?before=). */
export type FrontList = { entries: Ranking.RankedEntry[]; rankedAt: Date };

export function frontLists(deps: Pick<AppDeps, 'db' | 'config' | 'now'>) {
  const ttlMs = deps.config.PAGE_REFRESH_SECONDS * 1000;
  const load = async (tab: FrontTab, tag: string | undefined): Promise<FrontList> => {
    const rankedAt = deps.now();
    const entries =
      tab === 'top'
        ? await Ranking.hot(deps.db, { now: rankedAt, tag })
        : await Ranking.withActivity(deps.db, await Stories.latest(deps.db, { limit: PAGE_SIZE, tag }));
    return { entries, rankedAt };
  };
  // One list per "tab:topic"; topics are the fixed TAGS, so there are few lists.
  const kept = cachedByKey(
    (key: string) => {
      const [tab, tag] = key.split(':');
      return load(tab as FrontTab, tag || undefined);
    },
    { ttlMs, refreshAfterMs: ttlMs / 2, maxKeys: 100 },
  );
  return (tab: FrontTab, tag: string | null): Promise<FrontList> => kept(`${tab}:${tag ?? ''}`);
}
