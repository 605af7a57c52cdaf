import { METRIC_LABELS } from '../../src/claims/format.ts';
import type { CommentStance } from '../../src/crosscheck/stances.ts';
import { hostOf } from './article-list.tsx';

const STANCE_TEXT = { supports: 'Supports', disputes: 'Disputes', context: 'Adds context to' } as const;

/**
 * Above a reply posted as a stance on a figure: which way it goes, on which figure, and its
 * evidence link, so the thread shows what the figure page counts (not just the reply's text).
 */
export function CommentStances(props: { stances: CommentStance[] }) {
  if (props.stances.length === 0) return null;
  return (
    <>
      {props.stances.map((s) => (
        <p class={`comment-stance stance-${s.stance}`} data-stance={s.stance}>
          <span class="stance-label">{STANCE_TEXT[s.stance]}</span>{' '}
          <a href={`/figures/${s.figureId}#stances`}>
            {s.subject} · {METRIC_LABELS[s.measure] ?? s.measure}
            {s.period ? ` · ${s.period}` : ''}
          </a>
          {s.evidenceUrl ? (
            <>
              {' '}
              · evidence:{' '}
              <a class="evidence" href={s.evidenceUrl} rel="noopener nofollow ugc" title={s.evidenceQuote ?? undefined}>
                {hostOf(s.evidenceUrl)}
              </a>
            </>
          ) : (
            <span class="meta"> · no evidence link</span>
          )}
        </p>
      ))}
    </>
  );
}
