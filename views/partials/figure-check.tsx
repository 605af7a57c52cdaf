import type { FigureCheck } from '../../src/crosscheck/check.ts';
import { formatValue, METRIC_LABELS } from '../../src/claims/format.ts';
import type { LedgerClaim } from '../../src/claims/ledger.ts';
import { hostOf } from './article-list.tsx';
import { sourceName } from './figure-chart.tsx';

/** A check as the preview and a posted comment show it (claimId/figureId once stored). */
export type FigureCheckView = Pick<FigureCheck, 'outcome' | 'support' | 'conflicts' | 'byEstimate' | 'evidenceUrl'> & {
  claim: {
    quote: string;
    subject: string | null;
    metric: string;
    value: number;
    value_high: number | null;
    unit: string;
    per: string | null;
    period: string | null;
    direction: string | null;
    hedged: boolean;
  };
  figureId?: number | null;
};

/** "Figures in your comment": each figure with what the ledger says about it. */
export function FigureChecks(props: { checks: FigureCheckView[]; posted?: boolean }) {
  if (props.checks.length === 0) return null;
  return (
    <section class="figure-checks" aria-label="Figures checked against the ledger">
      <p class="preview-label">
        Figures {props.posted ? 'in this comment' : 'in your comment'}, checked against the ledger
      </p>
      <ul>
        {props.checks.map((c) => (
          <FigureCheckItem check={c} />
        ))}
      </ul>
    </section>
  );
}

export function FigureCheckItem(props: { check: FigureCheckView }) {
  const c = props.check;
  const cl = c.claim;
  const what = `${cl.subject ?? 'unattributed'} · ${METRIC_LABELS[cl.metric] ?? cl.metric} · ${formatValue({ value: cl.value, valueHigh: cl.value_high, unit: cl.unit, per: cl.per, direction: cl.direction, hedged: cl.hedged })}${cl.period ? ` · ${cl.period}` : ''}`;
  return (
    <li class={`figure-check ${c.outcome}`}>
      <q>{cl.quote}</q> <span class="what">{c.figureId ? <a href={`/figures/${c.figureId}`}>{what}</a> : what}</span>{' '}
      <Verdict check={c} />
    </li>
  );
}

function Verdict(props: { check: FigureCheckView }) {
  const c = props.check;
  switch (c.outcome) {
    case 'supported':
      return (
        <span class="verdict">
          <span class="badge agree">{c.byEstimate ? 'supported by an estimate' : 'supported'}</span> by{' '}
          <Source claim={c.support[0]} />
        </span>
      );
    case 'conflicts':
      return (
        <span class="verdict">
          <span class="badge conflict">conflicts</span> with{' '}
          {c.conflicts.slice(0, 2).map((s, i) => (
            <>
              {i ? '; ' : ''}
              <Source claim={s} value />
            </>
          ))}
        </span>
      );
    case 'cited':
      return (
        <span class="verdict">
          <span class="badge neutral">cites</span>{' '}
          <a href={c.evidenceUrl!} rel="noopener nofollow ugc">
            {hostOf(c.evidenceUrl!)}
          </a>{' '}
          (no article in the ledger states it yet)
        </span>
      );
    case 'unsourced':
      return (
        <span class="verdict">
          <span class="badge conflict">unsupported</span> no source found — add a link to where this figure comes from
        </span>
      );
    default:
      return (
        <span class="verdict">
          <span class="badge neutral">not checked</span> say whose figure this is (a company, a market) so it can be
          looked up
        </span>
      );
  }
}

/** "AINews, “~$30.00+ (est.)”" linked to the highlighted quote in its article. */
function Source(props: { claim: LedgerClaim; value?: boolean }) {
  const s = props.claim;
  const href =
    s.source.kind === 'article'
      ? `/articles/${s.source.articleId}#claim-${s.claimId}`
      : `/comments/${s.source.commentId}`;
  return (
    <a href={href} title={s.quote}>
      {sourceName(s)}
      {props.value ? (
        `: ${formatValue(s)}${s.period ? ` (${s.period})` : ''}`
      ) : (
        <>
          , <q>{s.quote}</q>
        </>
      )}
    </a>
  );
}
