import {
  compare,
  figureVerdict,
  firstConflict,
  HEDGED_TOLERANCE,
  sameSource,
  scaled,
  storedComparable,
  TOLERANCE,
  type FigureVerdict,
} from '../../src/claims/compare.ts';
import { canonicalEntity } from '../../src/claims/entities.ts';
import { fiscalYearEnd } from '../../src/claims/fiscal-calendars.ts';
import { LEVEL_WINDOW_DAYS } from '../../src/claims/figure-key.ts';
import { describeTimeKey } from '../../src/claims/time.ts';
import { formatValue, METRIC_LABELS, VERDICT_LABELS } from '../../src/claims/format.ts';
import type { Figure, LedgerClaim } from '../../src/claims/ledger.ts';
import type { FigureReview } from '../../src/crosscheck/figure-review.ts';
import { Layout } from '../layout.tsx';
import { StancesSection, StatusSection, WatchButton, type StanceFormState } from '../partials/figure-review.tsx';
import { StatusBadge } from '../partials/figure-status.tsx';
import { FigureChart, sourceName } from '../partials/figure-chart.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';

export type FigurePageProps = {
  figure: Figure;
  claims: LedgerClaim[];
  now: Date;
  review?: FigureReview;
  stanceForm?: StanceFormState;
  replyTo?: number | null;
  /** Which page of the claims table (CLAIMS_PER_PAGE rows, dated then undated); the verdict and chart use every claim. */
  claimsPage?: number;
};

export const CLAIMS_PER_PAGE = 100;

/** What the figure is: entity · measure · resolved time ("Nvidia · revenue · May–Jul 2024"). */
export const figureTitle = (f: Figure) =>
  `${f.subject} · ${METRIC_LABELS[f.measure] ?? f.measure} · ${describeTimeKey(f.periodKey)}`;

/**
 * Every source's value side by side, earliest first: who published it first, who repeated or
 * contradicted it. Values stated with no period (undated) and comments are listed but never make
 * the verdict (compare.ts); a contradiction is explained: which values, how far apart, the tolerance.
 * The table shows CLAIMS_PER_PAGE claims at a time; the verdict, its explanation and the chart read all.
 */
export function FigurePage(props: FigurePageProps) {
  const dated = props.claims.filter((c) => c.timeKind !== 'undated');
  const undated = props.claims.filter((c) => c.timeKind === 'undated');
  const first = dated[0] ?? props.claims[0];
  const verdict = figureVerdict(props.claims.map(storedComparable));
  const conflict = firstConflict(props.claims.map((c) => ({ ...storedComparable(c), claim: c })));
  const page = Math.min(props.claimsPage ?? 1, Math.max(1, Math.ceil(props.claims.length / CLAIMS_PER_PAGE)));
  const [from, to] = [(page - 1) * CLAIMS_PER_PAGE, page * CLAIMS_PER_PAGE];
  const shownUndated = undated.slice(Math.max(0, from - dated.length), Math.max(0, to - dated.length));
  return (
    <Layout title={figureTitle(props.figure)} feedUrl={`/figures/${props.figure.figureId}/feed.xml`}>
      <h1>
        {figureTitle(props.figure)}{' '}
        {props.review ? (
          <StatusBadge status={props.review.status.status} reason={props.review.status.change?.reason} />
        ) : null}
      </h1>
      <p class="verdict">
        <VerdictBadge verdict={verdict} />{' '}
        <a href={`/figures/${props.figure.figureId}/feed.xml`}>Watch this figure (RSS)</a> ·{' '}
        <a href={`/api/figures/${props.figure.figureId}`}>JSON</a> · <a href="/figures">All figures</a>
      </p>
      <p class="figure-identity">{identityNote(props.figure, props.claims)}</p>
      {conflict ? <p class="conflict-note">{explainConflict(conflict[0].claim, conflict[1].claim)}</p> : null}
      {props.review ? <WatchButton figureId={props.figure.figureId} watching={props.review.watching} /> : null}
      <FigureChart claims={dated} />
      <ClaimPager figureId={props.figure.figureId} page={page} total={props.claims.length} />
      {from < dated.length ? <ClaimTable claims={dated.slice(from, to)} first={first} now={props.now} /> : null}
      {shownUndated.length ? (
        <>
          <h2>Undated values</h2>
          <p class="meta">
            These sources state the figure without a period; they are filed beside the latest period of{' '}
            {props.figure.subject}'s {METRIC_LABELS[props.figure.measure] ?? props.figure.measure} and never count
            towards agreement or contradiction.
          </p>
          <ClaimTable claims={shownUndated} first={first} now={props.now} />
        </>
      ) : null}
      <ClaimPager figureId={props.figure.figureId} page={page} total={props.claims.length} />
      {props.review ? (
        <>
          <StatusSection review={props.review} now={props.now} />
          <StancesSection
            figureId={props.figure.figureId}
            review={props.review}
            now={props.now}
            form={props.stanceForm}
            parentId={props.replyTo}
          />
        </>
      ) : null}
    </Layout>
  );
}

/** Earlier and later claims of a figure too large for one page; nothing for a figure that fits. */
function ClaimPager(props: { figureId: number; page: number; total: number }) {
  const pages = Math.ceil(props.total / CLAIMS_PER_PAGE);
  if (pages <= 1) return null;
  const href = (p: number) => `/figures/${props.figureId}${p > 1 ? `?p=${p}` : ''}`;
  const last = Math.min(props.total, props.page * CLAIMS_PER_PAGE);
  return (
    <nav class="pager" aria-label="Pages of claims">
      {props.page > 1 ? <a href={href(props.page - 1)}>← Earlier</a> : null}
      <span class="meta">
        {' '}
        claims {(props.page - 1) * CLAIMS_PER_PAGE + 1}–{last} of {props.total}{' '}
      </span>
      {props.page < pages ? <a href={href(props.page + 1)}>Later →</a> : null}
    </nav>
  );
}

function ClaimTable(props: { claims: LedgerClaim[]; first: LedgerClaim; now: Date }) {
  const first = props.first;
  return (
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
        {props.claims.map((c) => (
          <tr id={`claim-${c.claimId}`}>
            <td>
              {c.source.kind === 'article' ? (
                <>
                  <a href={`/articles/${c.source.articleId}#claim-${c.claimId}`}>{c.source.title}</a>{' '}
                  <span class="meta">({sourceName(c)})</span>
                </>
              ) : (
                <a href={`/comments/${c.source.commentId}`}>{sourceName(c)}</a>
              )}
            </td>
            <td class="value">
              {formatValue(c)}
              {c.hedged ? (
                <span class="hedge" title="estimate, approximation or unrealised figure">
                  {' '}
                  hedged
                </span>
              ) : null}
            </td>
            <td>
              <TimeAgo date={c.statedAt} now={props.now} />
            </td>
            <td>
              <q>{c.quote}</q>
            </td>
            <td>
              {c === first ? (
                'first'
              ) : c.timeKind === 'undated' ? (
                'undated, not compared'
              ) : c.commentId != null ? (
                'comment, checked apart'
              ) : (
                <VersusFirst first={first} claim={c} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Nvidia's revenue over May–Jul 2024 (Nvidia's fiscal year ends in January)": what is compared, in words. */
function identityNote(f: Figure, claims: LedgerClaim[]): string {
  const entity = canonicalEntity(f.subject);
  const end = fiscalYearEnd(entity);
  const when = f.periodKey.startsWith('@')
    ? `${describeTimeKey(f.periodKey)}, within ${LEVEL_WINDOW_DAYS} days`
    : describeTimeKey(f.periodKey);
  const fiscal = end
    ? ` ${entity}'s fiscal year ends in ${MONTH_NAMES[end - 1]}; fiscal periods are shown as calendar months.`
    : claims.some((c) => /\b(?:FY|fiscal)/i.test(c.period ?? ''))
      ? ` ${f.subject}'s fiscal calendar is not known here: fiscal years are read as calendar years.`
      : '';
  return `Compared here: ${f.subject} · ${METRIC_LABELS[f.measure] ?? f.measure} · ${when}.${fiscal}`;
}

/** Which two values contradict, how far apart they are and the tolerance they exceed. */
function explainConflict(a: LedgerClaim, b: LedgerClaim): string {
  const [x, y] = [scaled(storedComparable(a)), scaled(storedComparable(b))];
  const gap = x && y ? Math.max(0, y.low - x.high, x.low - y.high) / Math.max(Math.abs(x.high), Math.abs(y.high)) : 0;
  const tolerance = a.hedged || b.hedged ? HEDGED_TOLERANCE : TOLERANCE;
  const name = (c: LedgerClaim) => (c.source.kind === 'article' ? c.source.title : sourceName(c));
  return `Why "contradict": ${name(a)} says ${formatValue(a)}, ${name(b)} says ${formatValue(b)}: ${Math.round(gap * 100)} % apart, beyond the ${Math.round(tolerance * 100)} % tolerance${a.hedged || b.hedged ? ' for estimates' : ''}.`;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** How a later claim relates to the first: a repeat, a contradiction, the same source again, or not comparable. */
function VersusFirst(props: { first: LedgerClaim; claim: LedgerClaim }) {
  const verdict = compare(storedComparable(props.first), storedComparable(props.claim));
  if (verdict === 'agree') return <>repeats</>;
  if (verdict === 'incomparable') return <>other unit</>;
  return sameSource(props.first, props.claim) ? (
    <>same source, other value</>
  ) : (
    <span class="badge conflict">contradicts</span>
  );
}

const VERDICT_CLASS = { 'one-source': 'neutral', agree: 'agree', contested: 'conflict' } as const;

export function VerdictBadge(props: { verdict: FigureVerdict }) {
  return <span class={`badge ${VERDICT_CLASS[props.verdict]}`}>{VERDICT_LABELS[props.verdict]}</span>;
}
