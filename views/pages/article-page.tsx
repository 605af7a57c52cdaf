import { raw } from 'hono/html';
import type { Article, ArticleSource } from '../../src/articles/articles.ts';
import type { StoredClaim } from '../../src/claims/ledger.ts';
import { formatValue, METRIC_LABELS } from '../../src/claims/format.ts';
import { placeholdInsecureImages } from '../../src/ingest/sanitize-images.ts';
import type { CurrentStatus } from '../../src/crosscheck/figure-status.ts';
import { Layout } from '../layout.tsx';
import { StatusBadge } from '../partials/figure-status.tsx';
import { FlagLink } from '../partials/flag-link.tsx';
import { usePage } from '../page-context.ts';
import { hostOf } from '../partials/article-list.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';

export type ArticlePageProps = {
  article: Article & { sources: ArticleSource[]; revisions: number };
  claims?: StoredClaim[];
  /** Review status of each claim's figure (badges on the chips). */
  statuses?: Map<number, CurrentStatus>;
  now: Date;
};

/**
 * The article with its stored, already-sanitised HTML (sanitised at ingestion, never raw feed HTML);
 * http: images, which the CSP would block, become links saying so (src/ingest/sanitize-images.ts).
 */
export function ArticlePage(props: ArticlePageProps) {
  const a = props.article;
  const viewer = usePage().user;
  return (
    <Layout title={a.title} description={a.summary ?? undefined}>
      <article class="article-full">
        <header>
          <h1>{a.title}</h1>
          <p class="meta">
            {a.author ? <>{a.author} · </> : null}
            <TimeAgo date={a.publishedAt} now={props.now} />
            {a.url ? (
              <>
                {' '}
                ·{' '}
                <a href={a.url} rel="noopener nofollow ugc">
                  Read on {hostOf(a.url)}
                </a>
              </>
            ) : null}
            {a.revisions > 0 ? <> · edited {a.revisions}× since first seen</> : null}
          </p>
          {a.storyId ? (
            <p class="meta">
              <a href={`/stories/${a.storyId}`}>All coverage of this story and its discussion</a>
            </p>
          ) : null}
        </header>
        <div class="content">{raw(placeholdInsecureImages(a.contentHtml))}</div>
        {props.claims?.length ? (
          <section aria-labelledby="figures">
            <h2 id="figures">Figures in this article ({props.claims.length})</h2>
            <ul class="chips">
              {props.claims.map((c) => (
                <li class="chip">
                  <a href={`#claim-${c.claimId}`} title={c.quote}>
                    {c.subject ?? 'unattributed'} · {METRIC_LABELS[c.metric] ?? c.metric} ·{' '}
                    <strong>{formatValue(c)}</strong>
                    {c.period ? ` · ${c.period}` : ''}
                  </a>
                  {c.figureId ? (
                    <a class="figure-link" href={`/figures/${c.figureId}`}>
                      {' '}
                      ↗
                    </a>
                  ) : null}
                  {c.figureId && props.statuses?.get(c.figureId) ? (
                    <>
                      {' '}
                      <StatusBadge
                        status={props.statuses.get(c.figureId)!.status}
                        reason={props.statuses.get(c.figureId)!.change?.reason}
                      />
                    </>
                  ) : null}
                  {viewer ? (
                    <>
                      {' '}
                      <FlagLink kind="claim" id={c.claimId} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <footer>
          <h2>Sources</h2>
          <ul class="sources">
            {a.sources.map((s) => (
              <li>
                <a href={`/feeds/${s.feedId}`}>{s.feedTitle}</a> · first seen{' '}
                <TimeAgo date={s.firstSeenAt} now={props.now} />
                {s.link ? (
                  <>
                    {' '}
                    ·{' '}
                    <a href={s.link} rel="noopener nofollow ugc">
                      link
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </footer>
      </article>
    </Layout>
  );
}
