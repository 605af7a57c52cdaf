import type { UserSanction } from '../../src/moderation/moderation.sql.ts';
import { TimeAgo } from './time-ago.tsx';

/** Warnings and suspensions of the signed-in user, with the moderators' reasons (also in the public log). */
export function ModeratorNotes(props: { sanctions: UserSanction[]; now: Date }) {
  if (props.sanctions.length === 0) return null;
  return (
    <section class="moderator-notes" aria-labelledby="moderator-notes-title">
      <h2 id="moderator-notes-title">From the moderators</h2>
      <ol class="inbox">
        {props.sanctions.map((s) => (
          <li class={s.seenAt ? 'inbox-item' : 'inbox-item unread'}>
            <p class="meta">
              {s.kind === 'warning' ? 'Warning' : `Suspended until ${s.until!.toUTCString()}`} ·{' '}
              <TimeAgo date={s.createdAt} now={props.now} />
              {s.seenAt ? null : <span class="new-marker">new</span>}
            </p>
            <p>{s.reason}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
