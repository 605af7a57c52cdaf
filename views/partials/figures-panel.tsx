import type { Finding } from '../../src/claims/consistency.ts';
import { formatValue, METRIC_LABELS } from '../../src/claims/format.ts';
import type { LedgerClaim } from '../../src/claims/ledger.ts';

export type FigureChip = { claim: LedgerClaim; contested: boolean };

/** "Figures in this story": compact chips linked to the quote in its article and to the figure's page. */
export function FiguresPanel(props: { chips: FigureChip[]; findings: Finding[] }) {
  if (props.chips.length === 0) return null;
  return (
    <section class="figures-panel" aria-labelledby="figures">
      <h2 id="figures">Figures in this story ({props.chips.length})</h2>
      {props.findings.length ? (
        <ul class="findings">
          {props.findings.map((f) => (
            <li class="badge conflict">⚠ {f.message}</li>
          ))}
        </ul>
      ) : null}
      <ul class="chips">
        {props.chips.map(({ claim: c, contested }) => (
          <li class={contested ? 'chip contested' : 'chip'}>
            <a href={c.source.kind === 'article' ? `/articles/${c.source.articleId}#claim-${c.claimId}` : `/comments/${c.source.commentId}`} title={c.quote}>
              {c.subject ?? 'unattributed'} · {METRIC_LABELS[c.metric] ?? c.metric} · <strong>{formatValue(c)}</strong>
              {c.period ? ` · ${c.period}` : ''}
            </a>
            {c.figureId ? (
              <a class="figure-link" href={`/figures/${c.figureId}`} aria-label="All sources for this figure">
                {contested ? ' ⚠ contradicted' : ' ↗'}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
