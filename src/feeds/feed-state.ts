import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/sql.ts';
import { feeds, type Feed } from './feeds.sql.ts';

/**
 * Claims up to `limit` due, enabled, unleased feeds for `owner` for `leaseSeconds`.
 * SKIP LOCKED lets several processes (on several machines) claim concurrently without
 * ever polling the same feed twice; a lease that outlives its process simply expires.
 */
export async function claimDue(db: Db, owner: string, opts: { limit: number; leaseSeconds: number }): Promise<Feed[]> {
  const claimed = await queryRows<{ feed_id: number }>(
    db,
    sql`UPDATE feeds SET lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${opts.leaseSeconds})
        WHERE feed_id IN (
          SELECT feed_id FROM feeds
          WHERE disabled_at IS NULL AND next_fetch_at <= now()
            AND (lease_until IS NULL OR lease_until < now())
          ORDER BY next_fetch_at, feed_id
          LIMIT ${opts.limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING feed_id`,
  );
  if (claimed.length === 0) return [];
  const ids = claimed.map((r) => Number(r.feed_id));
  const rows = await db
    .select()
    .from(feeds)
    .where(sql`${feeds.feedId} in ${ids}`);
  return rows.sort((a, b) => a.nextFetchAt.getTime() - b.nextFetchAt.getTime() || a.feedId - b.feedId);
}

/**
 * Due feeds that another owner's unexpired lease keeps from being claimed (a poll in progress
 * elsewhere, or a killed process's lease that has not expired yet), and when the last lease ends.
 */
export async function leasedElsewhere(db: Db, owner: string): Promise<{ count: number; until: Date | null }> {
  // Epoch milliseconds: the drivers return timestamps in raw queries in different shapes.
  const [row] = await queryRows<{ count: number; until_ms: number | null }>(
    db,
    sql`SELECT count(*)::int AS count, round(extract(epoch from max(lease_until)) * 1000)::float8 AS until_ms FROM feeds
        WHERE disabled_at IS NULL AND next_fetch_at <= now() AND lease_until > now() AND lease_owner IS DISTINCT FROM ${owner}`,
  );
  const untilMs = row?.until_ms === null || row?.until_ms === undefined ? null : Number(row.until_ms);
  return { count: Number(row?.count ?? 0), until: untilMs === null ? null : new Date(untilMs) };
}

export type FetchOutcome =
  | {
      kind: 'ok';
      etag: string | null;
      lastModified: string | null;
      ttlMinutes: number | null;
      title?: string;
      siteUrl?: string | null;
      description?: string | null;
      nextFetchAt: Date;
      bodyHash?: string | null;
    }
  | { kind: 'not-modified'; etag: string | null; lastModified: string | null; nextFetchAt: Date }
  | { kind: 'error'; message: string; parseFailure: boolean; nextFetchAt: Date; disableAfter: number; gone?: boolean };

/** Records what a poll found and releases the lease; only the owner's lease is released. */
export async function recordOutcome(db: Db, feed: Feed, owner: string, outcome: FetchOutcome): Promise<void> {
  const common = {
    lastFetchedAt: sql`now()`,
    nextFetchAt: outcome.nextFetchAt,
    leaseOwner: null,
    leaseUntil: null,
    updatedAt: sql`now()`,
  };
  const where = and(eq(feeds.feedId, feed.feedId), eq(feeds.leaseOwner, owner));
  if (outcome.kind === 'error') {
    const parseFailures = outcome.parseFailure ? feed.parseFailures + 1 : feed.parseFailures;
    const disable = outcome.gone || (outcome.parseFailure && parseFailures >= outcome.disableAfter);
    const reason = outcome.gone
      ? `${outcome.message}: the publisher has removed this feed.` // the feed page says how to re-enable it
      : `Disabled after ${parseFailures} consecutive parse failures: ${outcome.message}`;
    await db
      .update(feeds)
      .set({
        ...common,
        consecutiveErrors: sql`${feeds.consecutiveErrors} + 1`,
        parseFailures,
        lastError: outcome.message,
        lastErrorAt: sql`now()`,
        ...(disable ? { disabledAt: sql`now()`, disabledReason: reason } : {}),
      })
      .where(where);
    return;
  }
  await recordOutcomes(db, [{ feed, owner, outcome }]);
}

/** A successful poll's outcome for one feed, as `recordOutcomes` takes it. */
export type SuccessRecord = {
  feed: Feed;
  owner: string;
  outcome: Extract<FetchOutcome, { kind: 'ok' | 'not-modified' }>;
  movedTo?: string | null;
};

/**
 * Records many successful polls in one statement (a poll's group commit), each row releasing only
 * its owner's lease. A feed that answered through permanent redirects only (`movedTo`) takes its
 * new URL, as readers do, unless another subscription already has that URL.
 */
export async function recordOutcomes(db: Db, records: SuccessRecord[]): Promise<void> {
  if (records.length === 0) return;
  const moving = new Set<string>();
  const rows = [...records]
    .sort((a, b) => a.feed.feedId - b.feed.feedId)
    .map(({ feed, owner, outcome, movedTo }) => {
      // Two feeds moving to one URL in one write: the first takes it (the URL is unique).
      const moved_to = movedTo && movedTo !== feed.url && !moving.has(movedTo) ? (moving.add(movedTo), movedTo) : null;
      const ok = outcome.kind === 'ok' ? outcome : undefined;
      return {
        feed_id: feed.feedId,
        owner,
        ok: Boolean(ok),
        etag: outcome.etag,
        last_modified: outcome.lastModified,
        next_fetch_at: outcome.nextFetchAt.toISOString(),
        ttl_minutes: ok?.ttlMinutes ?? null,
        title: ok?.title && !feed.title ? ok.title : null,
        site_url: ok?.siteUrl || null,
        description: ok?.description || null,
        body_hash: ok?.bodyHash ?? null,
        moved_to,
      };
    });
  await db.execute(
    sql`UPDATE feeds f SET
          last_fetched_at = now(), next_fetch_at = v.next_fetch_at, lease_owner = NULL, lease_until = NULL, updated_at = now(),
          etag = v.etag, last_modified = v.last_modified, last_success_at = now(),
          consecutive_errors = 0, parse_failures = 0, last_error = NULL,
          ttl_minutes = CASE WHEN v.ok THEN v.ttl_minutes ELSE f.ttl_minutes END,
          body_hash = CASE WHEN v.ok THEN v.body_hash ELSE f.body_hash END,
          title = coalesce(v.title, f.title),
          site_url = coalesce(v.site_url, f.site_url),
          description = coalesce(v.description, f.description),
          url = CASE WHEN v.moved_to IS NOT NULL AND NOT EXISTS (SELECT 1 FROM feeds o WHERE o.url = v.moved_to) THEN v.moved_to ELSE f.url END
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS v(feed_id int, owner text, ok boolean, etag text, last_modified text, next_fetch_at timestamptz, ttl_minutes int, title text, site_url text, description text, body_hash text, moved_to text)
        WHERE f.feed_id = v.feed_id AND f.lease_owner = v.owner`,
  );
}

/** Claims one feed if it is due and unleased (start-up refreshes the bundled demo feed this way). */
export async function claimOne(db: Db, owner: string, feedId: number, leaseSeconds: number): Promise<Feed | undefined> {
  const [row] = await db
    .update(feeds)
    .set({ leaseOwner: owner, leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(
      and(
        eq(feeds.feedId, feedId),
        sql`${feeds.disabledAt} is null and ${feeds.nextFetchAt} <= now() and (${feeds.leaseUntil} is null or ${feeds.leaseUntil} < now())`,
      ),
    )
    .returning();
  return row;
}
