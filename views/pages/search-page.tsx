import type { FigureSummary } from '../../src/claims/figure-index.ts';
import type { CurrentStatus } from '../../src/crosscheck/figure-status.ts';
import type { SearchHit } from '../../src/search/search.ts';
import { Layout } from '../layout.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';
import { FigureRow, figuresHref } from './figures-page.tsx';

type MatchingFigures = {
  items: FigureSummary[];
  more: boolean;
  query: { metric: string | null; subject: string | null };
};
export type SearchProps = {
  q: string;
  hits: SearchHit[];
  now: Date;
  embedder: string | null;
  figures?: MatchingFigures | null;
  /** Review status of the matching figures (badges, as on /figures). */
  statuses?: Map<number, CurrentStatus>;
};

/** Live results: the input asks htmx for just the results fragment as the reader types. */
export function SearchPage(props: SearchProps) {
  return (
    <Layout title={props.q ? `Search: ${props.q}` : 'Search'}>
      <h1>Search</h1>
      <form class="search" action="/search" method="get" role="search">
        <label class="visually-hidden" for="q">
          Search articles
        </label>
        <input
          id="q"
          type="search"
          name="q"
          value={props.q}
          placeholder="e.g. capex, inference cost per token, Broadcom"
          autocomplete="off"
          hx-get="/search"
          hx-trigger="input changed delay:300ms, search"
          hx-target="#results"
          hx-push-url="true"
        />
        <button type="submit">Search</button>
      </form>
      <div id="results" class="search-results" aria-live="polite">
        <SearchResults {...props} />
      </div>
    </Layout>
  );
}

export function SearchResults(props: SearchProps) {
  if (!props.q)
    return (
      <p class="meta">
        Full-text search over every article, combined with semantic neighbours
        {props.embedder ? ` (${props.embedder})` : ''}.
      </p>
    );
  const figures = props.figures?.items ?? [];
  if (props.hits.length === 0 && figures.length === 0) return <p class="empty">Nothing matches “{props.q}”.</p>;
  return (
    <>
      {figures.length > 0 ? <FigureMatches figures={props.figures!} statuses={props.statuses} now={props.now} /> : null}
      {figures.length > 0 && props.hits.length > 0 ? <h2>Articles</h2> : null}
      <ArticleHits {...props} />
    </>
  );
}

/** Figures whose subject (or measure) the search names, with their values and verdicts. */
function FigureMatches(props: { figures: MatchingFigures; statuses?: Map<number, CurrentStatus>; now: Date }) {
  const { items, more, query } = props.figures;
  return (
    <section class="search-figures">
      <h2>Figures</h2>
      <ul class="figure-list">
        {items.map((s) => (
          <FigureRow summary={s} status={props.statuses?.get(s.figure.figureId)} now={props.now} />
        ))}
      </ul>
      {more ? <a href={figuresHref({ filter: 'all', ...query })}>All matching figures</a> : null}
    </section>
  );
}

function ArticleHits(props: SearchProps) {
  if (props.hits.length === 0) return null;
  return (
    <ol class="articles">
      {props.hits.map((h) => (
        <li class="article">
          <a class="title" href={h.storyId ? `/stories/${h.storyId}` : `/articles/${h.articleId}`}>
            {h.title}
          </a>
          <div class="meta">
            <TimeAgo date={h.publishedAt} now={props.now} /> · matched by {h.via.join(' and ')}
            {h.similarity !== null ? ` (similarity ${h.similarity.toFixed(2)})` : ''}
          </div>
          {h.summary ? <p class="summary">{h.summary}</p> : null}
        </li>
      ))}
    </ol>
  );
}
