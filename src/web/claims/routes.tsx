import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { rss2 } from '../../syndication/rss.ts';
import { AppError } from '../../errors.ts';
import { idParam, isHtmx, pageParam, renderFragment, renderPage, requestPath } from '../http/render.ts';
import { figureTitle, FigurePage } from '../../../views/pages/figure-page.tsx';
import {
  count,
  FigureItems,
  FiguresPage,
  figuresFeedHref,
  figuresHref,
  type FiguresQuery,
} from '../../../views/pages/figures-page.tsx';
import * as FigureIndex from '../../claims/figure-index.ts';
import { sourceName } from '../../../views/partials/figure-chart.tsx';
import { formatValue, METRIC_LABELS, VERDICT_LABELS } from '../../claims/format.ts';
import type { Context } from 'hono';
import * as Ledger from '../../claims/ledger.ts';
import { reviewOf, type FigureReview } from '../../crosscheck/figure-review.ts';
import { METRICS } from '../../claims/extract/types.ts';
import { figureVerdict } from '../../claims/compare.ts';
import { describeTimeKey } from '../../claims/time.ts';
import { cached } from '../http/cached.ts';
import { sharedPages } from '../http/shared-pages.ts';
import { FIGURES_PAGE, keptFigures } from './kept-figures.ts';

export function claimRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  // The chips count every figure of every measure: kept for COUNTS_CACHE_SECONDS, not grouped per request.
  const measures = cached(() => FigureIndex.measures(deps.db), { ttlMs: deps.config.COUNTS_CACHE_SECONDS * 1000 });
  const listFigures = (q: FiguresQuery, p: number) =>
    FigureIndex.list(deps.db, {
      filter: q.filter,
      metric: q.metric ?? undefined,
      subject: q.subject ?? undefined,
      limit: FIGURES_PAGE,
      offset: (p - 1) * FIGURES_PAGE,
    });
  const kept = keptFigures(deps);
  const shared = sharedPages();

  /** The ledger as a list, filterable by verdict, measure and subject; "More" appends the next page. */
  app.get('/figures', async (c) => {
    const query = figuresQuery(c);
    const p = pageParam(c.req.query('p'));
    const { page, kept: isKept } = await kept.list(query, p);
    const props = {
      items: page.items,
      statuses: page.statuses,
      now: deps.now(),
      moreHref: page.more ? figuresHref(query, { p: p + 1 }) : null,
    };
    const fragment = isHtmx(c) && p > 1;
    const chips = fragment ? [] : await measures();
    const view = () =>
      fragment ? <FigureItems {...props} /> : <FiguresPage {...props} query={query} measures={chips} />;
    const path = figuresHref(query, { p });
    if (isKept && !c.get('user') && requestPath(c) === path)
      return shared(c, { path, fragment, version: page, render: view });
    return fragment ? renderFragment(c, view()) : renderPage(c, view());
  });

  /**
   * The same list as RSS, so a reader can follow new contradictions (`?filter=contested`) in a feed
   * reader. An item's guid names the figure's latest claim: a new statement is a new item.
   */
  app.get('/figures.xml', async (c) => {
    const query = figuresQuery(c);
    const { items } = await listFigures(query, 1);
    const base = deps.config.PUBLIC_URL || new URL(c.req.url).origin;
    c.header('Content-Type', 'application/rss+xml; charset=utf-8');
    return c.body(
      figuresRss({
        base,
        items,
        title: `Crosscheck figures${query.filter === 'all' ? '' : `: ${query.filter}`}`,
        selfPath: figuresFeedHref(query),
        pagePath: figuresHref(query),
      }),
    );
  });

  app.get('/figures/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const figure = id === undefined ? null : await kept.figure(id);
    if (!figure) throw new AppError('not_found', 'No such figure.', { status: 404 });
    const { found } = figure;
    // The identity rules changed and this figure's claims moved: its old address follows them.
    const successor = found.claims.length === 0 ? await Ledger.successorOf(deps.db, found.figure.figureId) : null;
    if (successor !== null) return c.redirect(`/figures/${successor}`, 301);
    const claimsPage = pageParam(c.req.query('p'));
    const user = c.get('user');
    const path = `/figures/${id}${claimsPage > 1 ? `?p=${claimsPage}` : ''}`;
    const view = (review: FigureReview, replyTo: number | null) => (
      <FigurePage {...found} review={review} replyTo={replyTo} claimsPage={claimsPage} now={deps.now()} />
    );
    if (!user && requestPath(c) === path)
      return shared(c, { path, fragment: false, version: figure, render: () => view(figure.review, null) });
    const review = await reviewOf(deps.db, found.figure.figureId, user?.userId ?? null);
    // ?reply_to=<comment>: the stance form replies under that comment (the "respond" link under a comment's figure).
    return renderPage(c, view(review, idParam(c.req.query('reply_to')) ?? null));
  });

  app.get('/api/figures/:id', async (c) => {
    const { figure, claims } = await figureOr404(deps, c.req.param('id'));
    return c.json({
      figure: { ...figure, time: describeTimeKey(figure.periodKey) },
      verdict: figureVerdict(claims),
      claims: claims.map(publicClaim),
    });
  });

  app.get('/api/claims', async (c) => {
    const metric = c.req.query('metric');
    if (metric && !(METRICS as readonly string[]).includes(metric))
      throw new AppError('bad_request', `Unknown metric "${metric}". One of: ${METRICS.join(', ')}.`, { status: 400 });
    const limit = Math.min(Number(c.req.query('limit') ?? 100) || 100, 500);
    const offset = Math.min(Math.max(0, Number(c.req.query('offset') ?? 0) || 0), 1_000_000);
    const claims = await Ledger.find(deps.db, {
      subject: c.req.query('subject') || undefined,
      metric: metric || undefined,
      period: c.req.query('period'),
      limit,
      offset,
    });
    return c.json({ claims: claims.map(publicClaim) });
  });

  /** RSS of a figure's values, newest first, so readers can watch a metric in their feed reader. */
  app.get('/figures/:id/feed.xml', async (c) => {
    const { figure, claims } = await figureOr404(deps, c.req.param('id'));
    const base = deps.config.PUBLIC_URL || new URL(c.req.url).origin;
    c.header('Content-Type', 'application/rss+xml; charset=utf-8');
    return c.body(
      rss2({
        title: `Crosscheck figure: ${figureTitle(figure)}`,
        link: `${base}/figures/${figure.figureId}`,
        description: `Every source's value for ${figure.subject}'s ${METRIC_LABELS[figure.metric] ?? figure.metric}`,
        items: [...claims].reverse().map((cl) => ({
          title: `${sourceName(cl)}: ${formatValue(cl)}`,
          link: `${base}/figures/${figure.figureId}#claim-${cl.claimId}`,
          guid: `crosscheck-claim-${cl.claimId}`,
          date: cl.statedAt,
          description: cl.quote,
        })),
      }),
    );
  });

  return app;
}

function figuresRss(opts: {
  base: string;
  items: FigureIndex.FigureSummary[];
  title: string;
  selfPath: string;
  pagePath: string;
}): string {
  return rss2({
    title: opts.title,
    link: opts.base + opts.pagePath,
    description: 'Figures in AI-industry news, most recently stated first',
    selfUrl: opts.base + opts.selfPath,
    items: opts.items.map(({ figure, claims, verdict, lastStatedAt, articles, comments }) => {
      const values = [...new Set(claims.map(formatValue))].join(' · ');
      const latest = claims.at(-1)!;
      return {
        title: `${figureTitle(figure)}: ${VERDICT_LABELS[verdict]}`,
        link: `${opts.base}/figures/${figure.figureId}`,
        guid: `crosscheck-figure-${figure.figureId}-claim-${latest.claimId}`,
        date: lastStatedAt,
        description: `${values} (${count(articles, 'article')}, ${count(comments, 'comment')}). Latest: “${latest.quote}”`,
      };
    }),
  });
}

/** /figures' query string, checked: an unknown filter or measure is a 400 that lists the valid ones. */
function figuresQuery(c: Context): FiguresQuery {
  const filter = c.req.query('filter') || 'all';
  if (!(FigureIndex.FIGURE_FILTERS as readonly string[]).includes(filter))
    throw new AppError('bad_request', `Unknown filter "${filter}". One of: ${FigureIndex.FIGURE_FILTERS.join(', ')}.`, {
      status: 400,
    });
  const metric = c.req.query('metric') || null;
  if (metric && !(metric in METRIC_LABELS))
    throw new AppError(
      'bad_request',
      `Unknown measure "${metric}". One of: ${Object.keys(METRIC_LABELS).join(', ')}.`,
      { status: 400 },
    );
  const subject = c.req.query('subject')?.trim().slice(0, 100) || null;
  return { filter: filter as FiguresQuery['filter'], metric, subject };
}

export async function figureOr404(deps: Pick<AppDeps, 'db'>, raw: string | undefined) {
  const id = idParam(raw);
  const found = id === undefined ? undefined : await Ledger.figureById(deps.db, id);
  if (!found) throw new AppError('not_found', 'No such figure.', { status: 404 });
  return found;
}

function publicClaim(c: Ledger.LedgerClaim) {
  return {
    id: c.claimId,
    figure_id: c.figureId,
    quote: c.quote,
    start: c.startOffset,
    end: c.endOffset,
    metric: c.metric,
    subject: c.subject,
    value: c.value,
    value_high: c.valueHigh,
    unit: c.unit,
    per: c.per,
    period: c.period,
    direction: c.direction,
    hedged: c.hedged,
    time_kind: c.timeKind,
    time_key: c.timeKey,
    stated_at: c.statedAt.toISOString(),
    extractor_version: c.extractorVersion,
    source: c.source,
  };
}
