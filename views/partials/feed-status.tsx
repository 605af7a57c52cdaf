import type { Feed } from '../../src/feeds/feeds.ts';
import { TimeAgo, TimeUntil } from './time-ago.tsx';

/** A feed's health at a glance: ok, failing (with the last error), or disabled (with why). */
export function FeedStatus(props: { feed: Feed; now: Date }) {
  const f = props.feed;
  if (f.disabledAt)
    return (
      <span class="status disabled" title={f.disabledReason ?? ''}>
        disabled
      </span>
    );
  if (f.consecutiveErrors > 0)
    return (
      <span class="status failing" title={f.lastError ?? ''}>
        failing ×{f.consecutiveErrors}
      </span>
    );
  if (!f.lastFetchedAt) return <span class="status pending">not fetched yet</span>;
  return <span class="status ok">ok</span>;
}

export function FeedFacts(props: { feed: Feed; now: Date }) {
  const f = props.feed;
  const at = (d: Date | null) => (d ? <TimeAgo date={d} now={props.now} /> : 'never');
  return (
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <FeedStatus feed={f} now={props.now} />
      </dd>
      <dt>Feed URL</dt>
      <dd>
        <code>{f.url}</code>
      </dd>
      <dt>Last fetched</dt>
      <dd>{at(f.lastFetchedAt)}</dd>
      <dt>Last success</dt>
      <dd>{at(f.lastSuccessAt)}</dd>
      <dt>Next fetch</dt>
      <dd>{f.disabledAt ? 'not scheduled (disabled)' : <TimeUntil date={f.nextFetchAt} now={props.now} />}</dd>
      {f.lastError ? (
        <>
          <dt>Last error</dt>
          <dd class="error">
            {f.lastError}{' '}
            {f.lastErrorAt ? (
              <>
                (<TimeAgo date={f.lastErrorAt} now={props.now} />)
              </>
            ) : null}
          </dd>
        </>
      ) : null}
      {f.disabledAt ? (
        <>
          <dt>Disabled</dt>
          <dd class="error">
            {f.disabledReason} — re-enable with <code>npx crosscheck feeds enable {f.feedId}</code>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
