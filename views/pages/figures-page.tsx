import type { FigureFilter, FigureSummary } from '../../src/claims/figure-index.ts';
import { formatValue, METRIC_LABELS } from '../../src/claims/format.ts';
import type { CurrentStatus } from '../../src/crosscheck/figure-status.ts';
import { Layout } from '../layout.tsx';
import { StatusBadge } from '../partials/figure-status.tsx';
import { MoreItem } from '../partials/more-link.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';
import { figureTitle, VerdictBadge } from './figure-page.tsx';

export type FiguresQuery = { filter: FigureFilter; metric: string | null; subject: string | null };
export type FigureItemsProps = {
  items: FigureSummary[];
  statuses: Map<number, CurrentStatus>;
  now: Date;
  moreHref: string | null;
};
export type FiguresPageProps = FigureItemsProps & {
  query: FiguresQuery;
  measures: { measure: string; figures: number }[];
};

const FILTER_TABS: [FigureFilter, string][] = [
  ['all', 'All'],
  ['contested', 'Contested'],
  ['agreed', 'Agreed'],
];
const SHOWN_VALUES = 4;

/** `/figures` with the query's other parts kept: the tabs, chips and "More" all build on it. */
export function figuresHref(q: FiguresQuery, change: Partial<FiguresQuery> & { p?: number } = {}): string {
  const next = { ...q, ...change };
  const params = new URLSearchParams();
  if (next.filter !== 'all') params.set('filter', next.filter);
  if (next.metric) params.set('metric', next.metric);
  if (next.subject) params.set('subject', next.subject);
  if (change.p && change.p > 1) params.set('p', String(change.p));
  const search = params.toString();
  return search ? `/figures?${search}` : '/figures';
}

/** The same list as RSS (src/web/claims/routes.tsx). */
export const figuresFeedHref = (q: FiguresQuery) => figuresHref(q).replace(/^\/figures/, '/figures.xml');

/** The figure ledger as a list: what is being claimed, by how many sources, and where they disagree. */
export function FiguresPage(props: FiguresPageProps) {
  const q = props.query;
  return (
    <Layout title="Figures" feedUrl={figuresFeedHref(q)}>
      <h1>Figures</h1>
      <p class="lede">
        Every figure found in the news and in discussions, one line per subject, measure and period. Contested figures
        are those whose sources contradict each other.
      </p>
      <p class="meta">
        <a href={figuresFeedHref(q)}>Follow this list (RSS)</a>
      </p>
      <nav class="tabs" aria-label="Show figures">
        {FILTER_TABS.map(([filter, label]) => (
          <a href={figuresHref(q, { filter })} aria-current={q.filter === filter ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {/* Counts are of all figures: a verdict tab would need every figure compared to count its own. */}
      <nav class="tabs tags" aria-label="Filter by measure">
        <a href={figuresHref(q, { metric: null })} aria-current={q.metric ? undefined : 'page'}>
          all measures
        </a>
        {props.measures.map((m) => (
          <a href={figuresHref(q, { metric: m.measure })} aria-current={q.metric === m.measure ? 'page' : undefined}>
            {METRIC_LABELS[m.measure] ?? m.measure} {q.filter === 'all' ? <span class="count">{m.figures}</span> : null}
          </a>
        ))}
      </nav>
      <form class="search" method="get" action="/figures" role="search">
        {q.filter !== 'all' ? <input type="hidden" name="filter" value={q.filter} /> : null}
        {q.metric ? <input type="hidden" name="metric" value={q.metric} /> : null}
        <label class="visually-hidden" for="figure-subject">
          Subject
        </label>
        <input
          id="figure-subject"
          type="search"
          name="subject"
          value={q.subject ?? ''}
          maxlength={100}
          placeholder="Subject: OpenAI, hyperscalers, GPUs…"
        />
        <button type="submit">Filter</button>
      </form>
      {props.items.length === 0 ? (
        <p class="empty">
          {q.filter === 'all' && !q.metric && !q.subject
            ? 'No figures yet: they appear once articles have been read for claims.'
            : 'No figures match.'}
        </p>
      ) : (
        <ol class="figure-list">
          <FigureItems {...props} />
        </ol>
      )}
    </Layout>
  );
}

/** The rows alone: the page's list, and what "More" fetches (HX-Request) to append. */
export function FigureItems(props: FigureItemsProps) {
  return (
    <>
      {props.items.map((s) => (
        <FigureRow summary={s} status={props.statuses.get(s.figure.figureId)} now={props.now} />
      ))}
      <MoreItem href={props.moreHref} />
    </>
  );
}

/** One figure as a list row: title, verdict, review status when known, values and counts (also on /search). */
export function FigureRow(props: { summary: FigureSummary; status?: CurrentStatus; now: Date }) {
  const { figure, claims, verdict } = props.summary;
  const values = [...new Set(claims.map(formatValue))];
  return (
    <li class="figure-row" data-figure={figure.figureId}>
      <a class="figure-title" href={`/figures/${figure.figureId}`}>
        {figureTitle(figure)}
      </a>{' '}
      <VerdictBadge verdict={verdict} />{' '}
      {props.status ? <StatusBadge status={props.status.status} reason={props.status.change?.reason} /> : null}
      <div class="values">
        {values.slice(0, SHOWN_VALUES).join(' · ')}
        {values.length > SHOWN_VALUES ? ` · and ${values.length - SHOWN_VALUES} more` : ''}
      </div>
      <div class="meta">
        {count(props.summary.articles, 'article')} · {count(props.summary.comments, 'comment')} · last stated{' '}
        <TimeAgo date={props.summary.lastStatedAt} now={props.now} />
      </div>
    </li>
  );
}

/** "1 article", "2 comments". */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
