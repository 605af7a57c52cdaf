/**
 * The front page as a read model, per process: for each tab (Top, New) and topic, the list of
 * stories as last ranked, kept FRONT_PAGE_REFRESH_SECONDS and re-ranked in the background once half
 * of that has passed (cached.ts), so a request slices a kept list instead of ranking 500 stories.
 * Points and comment counts are read from story_discussions, which votes and comments keep current.
 */
import type { AppDeps } from '../deps.ts';
import { cached } from '../http/cached.ts';
import * as Ranking from '../../stories/ranking.ts';
import * as Stories from '../../stories/stories.ts';

export const PAGE_SIZE = 30;

export type FrontTab = 'top' | 'new';

/** Top: every ranked candidate, paged by slicing. New: its first page (later pages go by ?before=). */
export type FrontList = { entries: Ranking.RankedEntry[]; rankedAt: Date };

export function frontLists(deps: Pick<AppDeps, 'db' | 'config' | 'now'>) {
  const ttlMs = deps.config.FRONT_PAGE_REFRESH_SECONDS * 1000;
  const lists = new Map<string, () => Promise<FrontList>>();
  const load = async (tab: FrontTab, tag: string | undefined): Promise<FrontList> => {
    const rankedAt = deps.now();
    const entries =
      tab === 'top'
        ? await Ranking.hot(deps.db, { now: rankedAt, tag })
        : await Ranking.withActivity(deps.db, await Stories.latest(deps.db, { limit: PAGE_SIZE, tag }));
    return { entries, rankedAt };
  };
  /** The kept list of a tab and topic (topics are the fixed TAGS, so there are few lists). */
  return (tab: FrontTab, tag: string | null): Promise<FrontList> => {
    const key = `${tab}:${tag ?? ''}`;
    let list = lists.get(key);
    if (!list) {
      list = cached(() => load(tab, tag ?? undefined), { ttlMs, refreshAfterMs: ttlMs / 2 });
      lists.set(key, list);
    }
    return list();
  };
}
