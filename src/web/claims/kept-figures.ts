/**
 * /figures and figure pages kept per process for PAGE_REFRESH_SECONDS (re-read in the background
 * once half of it has passed), like the front page: a page of the ledger list per filter, measure
 * and page number (a subject typed by a reader is read per request), and a figure with every claim
 * and its public review, for up to MAX_FIGURES figures at once.
 */
import type { AppDeps } from '../deps.ts';
import { cachedByKey } from '../http/cached.ts';
import * as FigureIndex from '../../claims/figure-index.ts';
import * as Ledger from '../../claims/ledger.ts';
import { statusesOf } from '../../crosscheck/figure-status.ts';
import { reviewOf } from '../../crosscheck/figure-review.ts';
import type { FiguresQuery } from '../../../views/pages/figures-page.tsx';

export const FIGURES_PAGE = 30;
/** Figures kept at once: a large figure's claims are a few MB of rows. */
const MAX_FIGURES = 100;
/** List pages kept at once (filters × measures × the first pages readers open). */
const MAX_LISTS = 500;

export type KeptList = Awaited<ReturnType<typeof FigureIndex.list>> & {
  statuses: Awaited<ReturnType<typeof statusesOf>>;
};
export type KeptFigure = {
  found: NonNullable<Awaited<ReturnType<typeof Ledger.figureById>>>;
  /** The review as a reader who is not signed in sees it. */
  review: Awaited<ReturnType<typeof reviewOf>>;
};

export function keptFigures(deps: Pick<AppDeps, 'db' | 'config'>) {
  const ttlMs = deps.config.PAGE_REFRESH_SECONDS * 1000;
  const keep = { ttlMs, refreshAfterMs: ttlMs / 2 };
  const readList = async (q: FiguresQuery, p: number): Promise<KeptList> => {
    const page = await FigureIndex.list(deps.db, {
      filter: q.filter,
      metric: q.metric ?? undefined,
      subject: q.subject ?? undefined,
      limit: FIGURES_PAGE,
      offset: (p - 1) * FIGURES_PAGE,
    });
    return {
      ...page,
      statuses: await statusesOf(
        deps.db,
        page.items.map((i) => i.figure.figureId),
      ),
    };
  };
  const lists = cachedByKey(
    (key: string) => {
      const { q, p } = JSON.parse(key) as { q: FiguresQuery; p: number };
      return readList(q, p);
    },
    { ...keep, maxKeys: MAX_LISTS },
  );
  const figures = cachedByKey(
    async (figureId: number): Promise<KeptFigure | null> => {
      const found = await Ledger.figureById(deps.db, figureId);
      return found ? { found, review: await reviewOf(deps.db, figureId, null) } : null;
    },
    { ...keep, maxKeys: MAX_FIGURES },
  );
  return {
    /** A page of the list; `kept` is false for a subject search, read afresh. */
    async list(q: FiguresQuery, p: number): Promise<{ page: KeptList; kept: boolean }> {
      if (q.subject) return { page: await readList(q, p), kept: false };
      return { page: await lists(JSON.stringify({ q, p })), kept: true };
    },
    figure: figures,
  };
}
