import type { Finding } from '../../src/claims/consistency.ts';
import { formatValue, METRIC_LABELS } from '../../src/claims/format.ts';
import type { StoryFigureChip } from '../../src/claims/story-figures.ts';
import type { CommentFigure } from '../../src/crosscheck/discussion-figures.ts';
import { StatusBadge } from './figure-status.tsx';
import { FlagLink } from './flag-link.tsx';
import { usePage } from '../page-context.ts';
import { measureOf } from '../../src/claims/figure-key.ts';

export type FigureChip = StoryFigureChip;

/**
 * "Figures in this story": compact chips linked to the quote in its article and to the figure's
 * page, with review badges; then the figures commenters stated, with theirs.
 */
export function FiguresPanel(props: { chips: FigureChip[]; findings: Finding[]; discussion?: CommentFigure[] }) {
  const discussion = props.discussion ?? [];
  const viewer = usePage().user;
  if (props.chips.length === 0 && discussion.length === 0) return null;
  return (
    <section class="figures-panel" aria-labelledby="figures">
      <h2 id="figures">Figures in this story ({props.chips.length + discussion.length})</h2>
      {props.findings.length ? (
        <ul class="findings">
          {props.findings.map((f) => (
            <li class="badge conflict">⚠ {f.message}</li>
          ))}
        </ul>
      ) : null}
      {props.chips.length ? (
        <>
          <h3>From the articles ({props.chips.length})</h3>
          <ul class="chips">
            {props.chips.map(({ claim: c, contested, status, statusReason }) => (
              <li class={contested ? 'chip contested' : 'chip'} data-figure={c.figureId ?? undefined}>
                <a
                  href={
                    c.source.kind === 'article'
                      ? `/articles/${c.source.articleId}#claim-${c.claimId}`
                      : `/comments/${c.source.commentId}`
                  }
                  title={c.quote}
                >
                  {c.subject ?? 'unattributed'} · {METRIC_LABELS[measureOf(c)] ?? measureOf(c)} ·{' '}
                  <strong>{formatValue(c)}</strong>
                  {c.period ? ` · ${c.period}` : ''}
                </a>
                {c.figureId ? (
                  <a class="figure-link" href={`/figures/${c.figureId}`} aria-label="All sources for this figure">
                    {contested ? ' ⚠ contradicted' : ' ↗'}
                  </a>
                ) : null}{' '}
                <StatusBadge status={status} reason={statusReason} />
                {viewer && c.source.kind === 'article' ? (
                  <>
                    {' '}
                    <FlagLink kind="claim" id={c.claimId} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {discussion.length ? (
        <>
          <h3 id="discussion-figures">Figures in the discussion ({discussion.length})</h3>
          <ul class="chips">
            {discussion.map((c) => (
              <li class="chip" data-figure={c.figureId ?? undefined}>
                <a href={`/comments/${c.commentId}`} title={c.quote}>
                  {c.subject ?? 'unattributed'} · {METRIC_LABELS[measureOf(c)] ?? measureOf(c)} ·{' '}
                  <strong>{formatValue(c)}</strong>
                  {c.period ? ` · ${c.period}` : ''}
                </a>
                {c.figureId ? (
                  <a class="figure-link" href={`/figures/${c.figureId}`} aria-label="All sources for this figure">
                    {' ↗'}
                  </a>
                ) : null}{' '}
                <StatusBadge status={c.status} reason={c.statusReason} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
