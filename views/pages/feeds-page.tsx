import type { Feed } from '../../src/feeds/feeds.ts';
import { Layout } from '../layout.tsx';
import { FeedStatus } from '../partials/feed-status.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';

export function FeedsPage(props: { feeds: Feed[]; now: Date }) {
  return (
    <Layout title="Sources">
      <h1>Sources</h1>
      <p>
        Every feed Crosscheck follows, with its fetch status. <a href="/feeds.opml">Export as OPML</a>.
      </p>
      <table class="feeds">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
            <th scope="col">Last fetched</th>
          </tr>
        </thead>
        <tbody>
          {props.feeds.map((f) => (
            <tr>
              <td>
                <a href={`/feeds/${f.feedId}`}>{f.title || f.url}</a>
              </td>
              <td>
                <FeedStatus feed={f} now={props.now} />
              </td>
              <td>{f.lastFetchedAt ? <TimeAgo date={f.lastFetchedAt} now={props.now} /> : 'never'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
