import { REASON_LABELS } from '../../src/moderation/flags.ts';
import type { QueueItem } from '../../src/moderation/queue.ts';
import { Layout } from '../layout.tsx';
import { QueueRow, type ActionDraft } from '../partials/moderation-row.tsx';
import { ErrorFragment } from './error-page.tsx';

export const QUEUE_REASONS = [
  'unsupported',
  'citation_needed',
  'failed_verification',
  'outdated',
  'misread_unit_period',
  'off_topic',
  'unkind',
  'spam',
  'duplicate',
  'broken_link',
] as const;

export type ModerationPageProps = {
  items: QueueItem[];
  total: number;
  reason: string | null;
  offset: number;
  pageSize: number;
  now: Date;
  error?: string | null;
  /** A refused action's form, refilled in its row. */
  draft?: ActionDraft & { key: string };
};

/** The moderators' queue: unsupported figures and flagged items, most urgent first (src/moderation/ranking.ts). */
export function ModerationPage(props: ModerationPageProps) {
  const next = props.offset + props.pageSize < props.total ? props.offset + props.pageSize : null;
  const q = (extra: Record<string, string>) =>
    `/moderation?${new URLSearchParams({ ...(props.reason ? { reason: props.reason } : {}), ...extra })}`;
  return (
    <Layout title="Moderation queue">
      <h1>Moderation queue</h1>
      <p class="meta">
        {props.total} {props.total === 1 ? 'item' : 'items'}, ranked by flags, reach, disagreement and age. Every action
        needs a reason and appears in the public <a href="/moderation/log">moderation log</a>.
      </p>
      <nav class="filters" aria-label="Filter by reason">
        <a href="/moderation" aria-current={props.reason ? undefined : 'page'}>
          all
        </a>
        {QUEUE_REASONS.map((r) => (
          <a href={`/moderation?reason=${r}`} aria-current={props.reason === r ? 'page' : undefined}>
            {REASON_LABELS[r]}
          </a>
        ))}
      </nav>
      {props.error ? <ErrorFragment message={props.error} /> : null}
      <QueueState keys={props.items.map((i) => i.key)} reason={props.reason} />
      {props.items.length ? (
        <ol class="queue" id="queue">
          {props.items.map((item) => (
            <QueueRow q={item} now={props.now} draft={props.draft?.key === item.key ? props.draft : null} />
          ))}
        </ol>
      ) : (
        <p class="empty">Nothing to review{props.reason ? ' for this reason' : ''}.</p>
      )}
      {next !== null ? (
        <p>
          <a href={q({ offset: String(next) })}>Next {props.pageSize}</a>
        </p>
      ) : null}
    </Layout>
  );
}

/**
 * Which rows the page shows, sent with every action (hx-include), so the answer can bring in the
 * next item not yet on the page; replaced out of band each time.
 */
export function QueueState(props: { keys: string[]; reason: string | null; oob?: boolean }) {
  return (
    <div id="queue-state" hx-swap-oob={props.oob ? 'true' : undefined}>
      <input type="hidden" name="shown" value={props.keys.join(',')} />
      {props.reason ? <input type="hidden" name="filter" value={props.reason} /> : null}
    </div>
  );
}
