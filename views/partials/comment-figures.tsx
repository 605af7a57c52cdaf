import { formatValue, METRIC_LABELS } from '../../src/claims/format.ts';
import type { CommentFigure } from '../../src/crosscheck/discussion-figures.ts';
import { hostOf } from './article-list.tsx';
import { StatusBadge } from './figure-status.tsx';
import { measureOf } from '../../src/claims/figure-key.ts';

const OUTCOME_TEXT: Record<string, string> = {
  supported: 'an article states it',
  conflicts: 'articles state it differently',
  cited: 'cites a source',
  unsourced: 'no source found',
  unattributed: 'names nobody, not checked',
};

/** Under a comment: each figure it states, how its check came out, and its figure's review badge. */
export function CommentFigures(props: { figures: CommentFigure[] }) {
  if (props.figures.length === 0) return null;
  return (
    <ul class="comment-figures" aria-label="Figures in this comment">
      {props.figures.map((f) => (
        <li class={`chip check-${f.outcome ?? 'none'}`} data-figure={f.figureId ?? undefined}>
          {f.figureId ? (
            <a href={`/figures/${f.figureId}`} title={f.quote}>
              {f.subject} · {METRIC_LABELS[measureOf(f)] ?? measureOf(f)} · <strong>{formatValue(f)}</strong>
            </a>
          ) : (
            <span title={f.quote}>
              {METRIC_LABELS[measureOf(f)] ?? measureOf(f)} · <strong>{formatValue(f)}</strong>
            </span>
          )}{' '}
          <span class="meta">
            {f.outcome ? OUTCOME_TEXT[f.outcome] : ''}
            {f.outcome === 'cited' && f.evidenceUrl ? (
              <>
                {' '}
                (
                <a href={f.evidenceUrl} rel="noopener nofollow ugc">
                  {hostOf(f.evidenceUrl)}
                </a>
                )
              </>
            ) : null}
          </span>{' '}
          <StatusBadge status={f.status} reason={f.statusReason} />
          {f.figureId ? (
            <>
              {' '}
              <a
                class="respond"
                href={`/figures/${f.figureId}?reply_to=${f.commentId}#stances`}
                title="Reply with a stance on this figure: supports, disputes or adds context, with evidence"
              >
                respond
              </a>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
