import { compare, figureVerdict, sameSource, type FigureVerdict } from '../../src/claims/compare.ts';
import { formatValue, METRIC_LABELS, VERDICT_LABELS } from '../../src/claims/format.ts';
import type { Figure, LedgerClaim } from '../../src/claims/ledger.ts';
import type { FigureReview } from '../../src/crosscheck/figure-review.ts';
import { Layout } from '../layout.tsx';
import { StancesSection, StatusSection, WatchButton, type StanceFormState } from '../partials/figure-review.tsx';
import { StatusBadge } from '../partials/figure-status.tsx';
import { FigureChart, sourceName } from '../partials/figure-chart.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';

export type FigurePageProps = { figure: Figure; claims: LedgerClaim[]; now: Date; review?: FigureReview; stanceForm?: StanceFormState; replyTo?: number | null };

export const figureTitle = (f: Figure) => `${f.subject} · ${METRIC_LABELS[f.measure] ?? f.measure}${f.period ? ` · ${f.period}` : ''}`;

/** Every source's value side by side, earliest first: who published it first, who repeated or contradicted it. */
export function FigurePage(props: FigurePageProps) {
  const first = props.claims[0];
  const verdict = figureVerdict(props.claims.map(asComparable));
  return (
    <Layout title={figureTitle(props.figure)} feedUrl={`/figures/${props.figure.figureId}/feed.xml`}>
      <h1>
        {figureTitle(props.figure)} {props.review ? <StatusBadge status={props.review.status.status} reason={props.review.status.change?.reason} /> : null}
      </h1>
      <p class="verdict">
        <VerdictBadge verdict={verdict} />{' '}
        <a href={`/figures/${props.figure.figureId}/feed.xml`}>Watch this figure (RSS)</a> · <a href={`/api/figures/${props.figure.figureId}`}>JSON</a> · <a href="/figures">All figures</a>
      </p>
      {props.review ? <WatchButton figureId={props.figure.figureId} watching={props.review.watching} /> : null}
      <FigureChart claims={props.claims} />
      <table class="ledger">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Value</th>
            <th scope="col">Stated</th>
            <th scope="col">Quote</th>
            <th scope="col">vs. first</th>
          </tr>
        </thead>
        <tbody>
          {props.claims.map((c, i) => (
            <tr id={`claim-${c.claimId}`}>
              <td>{c.source.kind === 'article' ? <a href={`/articles/${c.source.articleId}#claim-${c.claimId}`}>{sourceName(c)}</a> : <a href={`/comments/${c.source.commentId}`}>{sourceName(c)}</a>}</td>
              <td class="value">{formatValue(c)}{c.hedged ? <span class="hedge" title="estimate, approximation or unrealised figure"> hedged</span> : null}</td>
              <td><TimeAgo date={c.statedAt} now={props.now} /></td>
              <td><q>{c.quote}</q></td>
              <td>{i === 0 ? 'first' : <VersusFirst first={first} claim={c} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.review ? (
        <>
          <StatusSection review={props.review} now={props.now} />
          <StancesSection figureId={props.figure.figureId} review={props.review} now={props.now} form={props.stanceForm} parentId={props.replyTo} />
        </>
      ) : null}
    </Layout>
  );
}

/** How a later claim relates to the first: a repeat, a contradiction, the same source again, or not comparable. */
function VersusFirst(props: { first: LedgerClaim; claim: LedgerClaim }) {
  const verdict = compare(asComparable(props.first), asComparable(props.claim));
  if (verdict === 'agree') return <>repeats</>;
  if (verdict === 'incomparable') return <>other unit</>;
  return sameSource(props.first, props.claim) ? <>same source, other value</> : <span class="badge conflict">contradicts</span>;
}

const VERDICT_CLASS = { 'one-source': 'neutral', agree: 'agree', contested: 'conflict' } as const;

export function VerdictBadge(props: { verdict: FigureVerdict }) {
  return <span class={`badge ${VERDICT_CLASS[props.verdict]}`}>{VERDICT_LABELS[props.verdict]}</span>;
}

export const asComparable = (c: LedgerClaim) => ({ value: c.value, valueHigh: c.valueHigh, unit: c.unit, per: c.per, direction: c.direction, hedged: c.hedged, articleId: c.articleId, commentId: c.commentId });
