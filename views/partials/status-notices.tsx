import type { StatusNotice } from '../../src/crosscheck/notices.ts';
import { METRIC_LABELS } from '../../src/claims/format.ts';
import { StatusBadge } from './figure-status.tsx';
import { TimeAgo } from './time-ago.tsx';

/** "A figure you commented on or watch changed status", for the inbox. */
export function StatusNotices(props: { notices: StatusNotice[]; now: Date }) {
  if (props.notices.length === 0) return null;
  return (
    <section class="status-notices" aria-labelledby="status-notices-title">
      <h2 id="status-notices-title">Figure status changes</h2>
      <ol class="inbox">
        {props.notices.map((n) => (
          <li class={n.read ? 'inbox-item' : 'inbox-item unread'}>
            <p class="meta">
              <a href={`/figures/${n.figureId}#status`}>
                {n.subject} · {METRIC_LABELS[n.measure] ?? n.measure}
                {n.period ? ` · ${n.period}` : ''}
              </a>{' '}
              is now <StatusBadge status={n.toStatus} always /> (was {n.fromStatus}) ·{' '}
              {n.moderatorName ? `by moderator ${n.moderatorName}` : 'by the automatic check'} ·{' '}
              <TimeAgo date={n.createdAt} now={props.now} />
              {n.read ? null : <span class="new-marker">new</span>}
            </p>
            <p>{n.reason}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
