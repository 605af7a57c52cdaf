import type { ParkedJob } from '../../src/admin/admin.ts';
import type { Backlog } from '../../src/enrich/jobs.ts';
import type { EnrichStats } from '../../src/enrich/runner.ts';
import type { Feed } from '../../src/feeds/feeds.ts';
import { Layout } from '../layout.tsx';
import { CsrfField } from '../partials/csrf-field.tsx';
import { FeedStatus } from '../partials/feed-status.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';

export type AdminPageProps = {
  backlog: { embed: Backlog; claims: Backlog };
  parked: ParkedJob[];
  unhealthy: Feed[];
  stats: EnrichStats | null;
  embedder: string;
  now: Date;
};

/** The operator's page: enrichment backlog and throughput, parked jobs to retry, failing feeds to re-enable. */
export function AdminPage(props: AdminPageProps) {
  const s = props.stats;
  return (
    <Layout title="Admin">
      <h1>Admin</h1>
      <p>
        <a href="/admin/feeds">Feeds</a>: add, upload OPML, enable, disable and delete feeds.
      </p>
      <h2>Enrichment</h2>
      <p class="meta">
        Embedder in this process: {props.embedder}. Live counters also on <code>/metrics</code> (loopback, or with the{' '}
        <code>METRICS_TOKEN</code> bearer token).
      </p>
      <table class="ledger">
        <thead>
          <tr>
            <th scope="col">job</th>
            <th scope="col">pending</th>
            <th scope="col">running</th>
            <th scope="col">done</th>
            <th scope="col">parked</th>
          </tr>
        </thead>
        <tbody>
          {(['embed', 'claims'] as const).map((k) => (
            <tr>
              <td>{k}</td>
              <td>{props.backlog[k].pending}</td>
              <td>{props.backlog[k].running}</td>
              <td>{props.backlog[k].done}</td>
              <td>{props.backlog[k].parked}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {s
          ? `This process: ${s.done} jobs done in ${s.batches} batches, ${s.busySeconds.toFixed(1)} s busy (${s.busySeconds ? (s.done / s.busySeconds).toFixed(1) : '0'} jobs/s), ${s.failed} retried, ${s.parked} parked.`
          : 'This process runs no enrichment (POOL_SIZE=0).'}
      </p>
      <h2>Parked jobs ({props.parked.length})</h2>
      {props.parked.length === 0 ? (
        <p class="empty">None.</p>
      ) : (
        <ul class="coverage">
          {props.parked.map((j) => (
            <li>
              <strong>{j.kind}</strong> of <a href={`/articles/${j.articleId}`}>{j.title}</a> · {j.attempts} attempts ·{' '}
              <TimeAgo date={j.updatedAt} now={props.now} />
              <div class="error">{j.lastError}</div>
              <form method="post" action={`/admin/jobs/${j.jobId}/retry`}>
                <CsrfField />
                <button type="submit" class="secondary">
                  Retry
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h2>
        Failing and disabled feeds ({props.unhealthy.length}, all on <a href="/admin/feeds">Feeds</a>)
      </h2>
      {props.unhealthy.length === 0 ? (
        <p class="empty">None.</p>
      ) : (
        <ul class="coverage">
          {props.unhealthy.map((f) => (
            <li>
              <a href={`/feeds/${f.feedId}`}>{f.title || f.url}</a> <FeedStatus feed={f} now={props.now} />
              <div class="error">{f.disabledReason ?? f.lastError}</div>
              {f.disabledAt ? (
                <form method="post" action={`/admin/feeds/${f.feedId}/enable`}>
                  <CsrfField />
                  <input type="hidden" name="back" value="/admin" />
                  <button type="submit" class="secondary">
                    Re-enable
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
