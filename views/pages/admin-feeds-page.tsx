import type { AdminFeed } from '../../src/admin/feed-admin.ts';
import { Layout } from '../layout.tsx';
import { AdminFeedRow, AdminNoticeLine, type AdminNotice } from '../partials/admin-feed-row.tsx';
import { CsrfField } from '../partials/csrf-field.tsx';

/** The largest OPML upload, as the page states it (the app's body limit, 256 KiB, enforces it). */
export const OPML_MAX_BYTES = 256 * 1024;

export type AdminFeedsPageProps = {
  feeds: AdminFeed[];
  now: Date;
  addNotice?: AdminNotice | null;
  addValues?: { url?: string; title?: string };
  importNotice?: AdminNotice | null;
  /** A row's outcome after a form posted without JavaScript (the row shows it, with the typed reason). */
  row?: { feedId: number; notice: AdminNotice; reason?: string } | null;
  /** What happened to something no longer listed (a deleted feed). */
  pageNotice?: AdminNotice | null;
};

/** /admin/feeds: every feed with its status and actions, and the forms to add one or upload OPML. */
export function AdminFeedsPage(props: AdminFeedsPageProps) {
  return (
    <Layout title="Feeds · Admin">
      <p class="meta">
        <a href="/admin">Admin</a> › Feeds
      </p>
      <h1>Feeds</h1>
      <AdminNoticeLine notice={props.pageNotice} />
      <p class="meta">
        Every change here is one line of the public <a href="/moderation/log">moderation log</a>. URLs are shown as the
        public sees them: a user name and password in a feed’s URL are used to fetch it, never shown.
      </p>
      <div class="admin-forms">
        <AddFeedForm notice={props.addNotice} values={props.addValues} />
        <ImportForm notice={props.importNotice} />
      </div>
      <h2>Subscribed feeds</h2>
      {props.feeds.length === 0 ? <p class="empty">No feeds yet.</p> : null}
      <ol class="admin-feeds" id="feed-list">
        {props.feeds.map((a) => {
          const row = props.row?.feedId === a.feed.feedId ? props.row : null;
          return <AdminFeedRow a={a} now={props.now} notice={row?.notice} reason={row?.reason} />;
        })}
      </ol>
    </Layout>
  );
}

export function AddFeedForm(props: { notice?: AdminNotice | null; values?: { url?: string; title?: string } }) {
  return (
    <form
      method="post"
      action="/admin/feeds"
      id="add-feed"
      class="admin-form"
      hx-post="/admin/feeds"
      hx-target="this"
      hx-swap="outerHTML"
    >
      <h2>Add a feed</h2>
      <CsrfField />
      <label>
        URL{' '}
        <input
          type="url"
          name="url"
          required
          value={props.values?.url ?? ''}
          placeholder="https://example.com/feed.xml"
        />
      </label>
      <label>
        Title{' '}
        <input
          type="text"
          name="title"
          value={props.values?.title ?? ''}
          placeholder="optional: the feed’s own title otherwise"
        />
      </label>
      <button type="submit">Add feed</button>
      <AdminNoticeLine notice={props.notice} />
    </form>
  );
}

export function ImportForm(props: { notice?: AdminNotice | null }) {
  return (
    <form
      method="post"
      action="/admin/feeds/import"
      enctype="multipart/form-data"
      id="import-opml"
      class="admin-form"
      hx-post="/admin/feeds/import"
      hx-encoding="multipart/form-data"
      hx-target="this"
      hx-swap="outerHTML"
    >
      <h2>Upload OPML</h2>
      <CsrfField />
      <label>
        OPML file (up to {OPML_MAX_BYTES / 1024} KiB){' '}
        <input type="file" name="opml" accept=".opml,.xml,text/x-opml,text/xml,application/xml" required />
      </label>
      <button type="submit">Subscribe to every feed</button>
      <AdminNoticeLine notice={props.notice} />
    </form>
  );
}
