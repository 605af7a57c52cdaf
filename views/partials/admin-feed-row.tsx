import type { AdminFeed } from '../../src/admin/feed-admin.ts';
import { CsrfField } from './csrf-field.tsx';
import { TimeAgo, TimeUntil } from './time-ago.tsx';

/** The outcome of an action, shown where it happened (a row, the add form, the upload form). */
export type AdminNotice = { ok: boolean; message: string; warning?: string | null; details?: string[] };

export function AdminNoticeLine(props: { notice?: AdminNotice | null }) {
  const n = props.notice;
  if (!n) return null;
  return (
    <div class="admin-notice">
      <p class={n.ok ? 'notice' : 'error'} role={n.ok ? 'status' : 'alert'}>
        {n.message}
      </p>
      {n.warning ? (
        <p class="warning" role="alert">
          Warning: {n.warning}
        </p>
      ) : null}
      {n.details?.length ? (
        <ul class="meta">
          {n.details.map((d) => (
            <li>{d}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** `new`, `ok`, `failing×N`, `disabled`, `leased until …`: the words of `crosscheck feeds list`. */
export function AdminFeedStatus(props: { a: AdminFeed; now: Date }) {
  const s = props.a.status;
  if (s.kind === 'failing') return <span class="status failing">failing×{s.failures}</span>;
  if (s.kind === 'leased')
    return (
      <span class="status pending">
        leased until <TimeUntil date={s.until} now={props.now} />
      </span>
    );
  return <span class={`status ${s.kind === 'new' ? 'pending' : s.kind}`}>{s.kind}</span>;
}

/** One feed on /admin/feeds with its actions; htmx swaps the whole row after each. */
export function AdminFeedRow(props: { a: AdminFeed; now: Date; notice?: AdminNotice | null; reason?: string }) {
  const { feed: f } = props.a;
  const id = `feed-${f.feedId}`;
  const action = (verb: string) => `/admin/feeds/${f.feedId}/${verb}`;
  const hx = (verb: string) => ({ 'hx-post': action(verb), 'hx-target': `#${id}`, 'hx-swap': 'outerHTML' });
  return (
    <li class="admin-feed" id={id} data-feed-id={f.feedId}>
      <header>
        <a href={`/feeds/${f.feedId}`}>{f.title || f.url}</a> <AdminFeedStatus a={props.a} now={props.now} />{' '}
        <span class="meta">
          #{f.feedId} · {props.a.items} items · last fetch{' '}
          {f.lastFetchedAt ? <TimeAgo date={f.lastFetchedAt} now={props.now} /> : 'never'}
        </span>
      </header>
      <p class="meta feed-url">
        <code>{f.url}</code>
        {props.a.hasCredentials ? (
          <span
            class="badge neutral"
            title="The URL carries a user name and password; they are used to fetch it but never shown."
          >
            with credentials
          </span>
        ) : null}
      </p>
      {f.disabledAt ? <p class="error">Disabled: {f.disabledReason}</p> : null}
      {f.lastError ? (
        <p class="error">
          Last error: {f.lastError}{' '}
          {f.lastErrorAt ? (
            <>
              (<TimeAgo date={f.lastErrorAt} now={props.now} />)
            </>
          ) : null}
        </p>
      ) : null}
      <AdminNoticeLine notice={props.notice} />
      <div class="feed-actions">
        {f.disabledAt ? (
          <form method="post" action={action('enable')} {...hx('enable')}>
            <CsrfField />
            <button type="submit" class="secondary">
              Enable
            </button>
          </form>
        ) : (
          <form method="post" action={action('disable')} {...hx('disable')}>
            <CsrfField />
            <label>
              Reason{' '}
              <input
                type="text"
                name="reason"
                required
                maxlength={500}
                value={props.reason ?? ''}
                placeholder="shown in the moderation log"
              />
            </label>{' '}
            <button type="submit" class="secondary">
              Disable
            </button>
          </form>
        )}
        <a class="delete" href={action('delete')} hx-get={action('delete')} hx-target={`#${id}`} hx-swap="outerHTML">
          Delete…
        </a>
      </div>
    </li>
  );
}
