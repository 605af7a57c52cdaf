import { ACTION_LABELS, type LogEntry } from '../../src/moderation/log.ts';
import { Layout } from '../layout.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';

export type ModerationLogProps = { entries: LogEntry[]; page: number; pages: number; now: Date };

/** Every moderator action, newest first: who, what, on what, why. Public, as on Lobsters. */
export function ModerationLogPage(props: ModerationLogProps) {
  return (
    <Layout title="Moderation log" feedUrl="/moderation/log.xml">
      <h1>Moderation log</h1>
      <p class="meta">
        Every action moderators take, with their reason. <a href="/moderation/log.xml">RSS</a>
      </p>
      {props.entries.length ? (
        <table class="moderation-log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Moderator</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr id={`action-${e.actionId}`}>
                <td data-label="When">
                  <TimeAgo date={e.createdAt} now={props.now} />
                </td>
                <td data-label="Moderator">{e.moderatorName ?? '[deleted]'}</td>
                <td data-label="Action">
                  {ACTION_LABELS[e.action] ?? e.action}
                  {e.detail ? <span class="meta"> ({e.detail})</span> : null}
                </td>
                <td data-label="Target">{e.targetPath ? <a href={e.targetPath}>{e.targetLabel}</a> : e.targetLabel}</td>
                <td data-label="Reason">{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">No moderation actions yet.</p>
      )}
      <nav class="pager" aria-label="Pages">
        {props.page > 1 ? <a href={`/moderation/log?page=${props.page - 1}`}>← Newer</a> : null}
        {props.pages > 1 ? (
          <span class="meta">
            {' '}
            page {props.page} of {props.pages}{' '}
          </span>
        ) : null}
        {props.page < props.pages ? <a href={`/moderation/log?page=${props.page + 1}`}>Older →</a> : null}
      </nav>
    </Layout>
  );
}
