import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';

/**
 * A community of `stories` stories for bench:pages, written set-based (generate_series) so 100,000
 * stories seed in minutes: 3 articles of ~2 KB each from 200 feeds, 500 users, stories/2 comments
 * (story 1, the newest, has 5,000 in 1,000 threads; story 2 has 50), 2 claims per story in
 * 0.6 figures per story, figure 1 holding 2,000 claims of three values. Times end now.
 */
export type Seeded = {
  stories: number;
  articles: number;
  comments: number;
  claims: number;
  figures: number;
  story5k: number;
  story50: number;
  bigFigure: number;
};

const ALPHABET = `'0123456789abcdefghijklmnopqrstuvwxyz'`;
/** A comment path segment (src/discussion/tree.ts: base 36, six wide) for values below 36^4. */
const b36 = (x: string) =>
  `('00' || ${[46656, 1296, 36, 1].map((d) => `substr(${ALPHABET}, ((${x}) / ${d}) % 36 + 1, 1)`).join(' || ')})`;
const ENTITIES = `ARRAY['Nvidia','OpenAI','Microsoft','Google','Meta','AMD','Anthropic','Oracle']`;
const TOPICS = `ARRAY['capex rises','revenue beats estimates','cuts token prices','raises funding','signs GPU deal','expands data centers']`;
const METRICS = `ARRAY['capex','revenue','valuation','cost_per_token','usage']`;

export async function seedPages(db: Db, stories: number): Promise<Seeded> {
  const S = stories;
  const A = 3 * S;
  const F = Math.max(10, Math.round(0.6 * S));
  const C = Math.max(5_050, Math.round(S / 2));
  const K = 2 * S;
  const run = (q: SQL) => db.execute(q);
  const raw = (text: string) => run(sql.raw(text));
  await raw(
    `INSERT INTO feeds (url, title, next_fetch_at) SELECT 'https://bench' || g || '.example/feed.xml', 'Bench source ' || g, '2100-01-01' FROM generate_series(1, 200) g`,
  );
  await raw(`INSERT INTO users (username, role) SELECT 'reader' || g, 'commenter' FROM generate_series(1, 500) g`);
  await raw(`INSERT INTO stories (story_id, title, article_count, first_published_at, last_published_at)
    SELECT g, (${ENTITIES})[1 + g % 8] || ' ' || (${TOPICS})[1 + (g / 8) % 6] || ' (#' || g || ')', 3,
           now() - g * interval '3 minutes' - interval '40 minutes', now() - g * interval '3 minutes'
    FROM generate_series(1, ${S}) g`);
  await raw(`SELECT setval('stories_story_id_seq', ${S})`);
  await raw(`INSERT INTO articles (article_id, canonical_url, url, title, summary, content_html, content_text, content_hash, published_at, story_id)
    SELECT a, 'https://bench.example/a/' || a, 'https://bench.example/a/' || a, st.title || ' — report ' || k, 'What happened, in brief (' || a || ').',
           '<p>' || body || '</p>', body, md5(a::text), st.last_published_at - k * interval '20 minutes', st.story_id
    FROM generate_series(1, ${A}) a
    CROSS JOIN LATERAL (SELECT (a - 1) / 3 + 1 AS s, (a - 1) % 3 AS k) x
    JOIN stories st ON st.story_id = x.s
    CROSS JOIN LATERAL (SELECT repeat((${ENTITIES})[1 + (a * 7) % 8] || ' said its ' || (${METRICS})[1 + a % 5]
      || ' would keep rising this year as demand for accelerators and data centers grows. ', 16) AS body) b`);
  await raw(`SELECT setval('articles_article_id_seq', ${A})`);
  await raw(`UPDATE stories SET lead_article_id = 3 * (story_id - 1) + 1`);
  await raw(`INSERT INTO article_sources (feed_id, article_id, item_key, link, content_hash)
    SELECT 1 + (a * 7) % 200, a, 'item-' || a, 'https://bench.example/a/' || a, md5(a::text) FROM generate_series(1, ${A}) a`);
  // Story 1: 1,000 threads of 1 + 4 comments; story 2: 10 threads of 1 + 4; the rest one level deep.
  const threads = (story: number, first: number, tops: number) => [
    `
    INSERT INTO comments (comment_id, story_id, parent_id, path, depth, author_id, body, body_html, reply_seq, upvotes, score, created_at)
    SELECT ${first} + t - 1, ${story}, NULL, ${b36('t')}, 0, 1 + t % 500, 'Is the ' || t || ' figure right? The filing says otherwise.',
           '<p>Is the ' || t || ' figure right? The filing says otherwise.</p>', 4, t % 7, 0.1 * (t % 7), now() - interval '30 minutes' + t * interval '1 millisecond'
    FROM generate_series(1, ${tops}) t`,
    `
    INSERT INTO comments (comment_id, story_id, parent_id, path, depth, author_id, body, body_html, upvotes, score, created_at)
    SELECT ${first + tops} + (t - 1) * 4 + r - 1, ${story}, ${first} + t - 1, ${b36('t')} || '.' || ${b36('r')}, 1, 1 + (t + r) % 500,
           'Reply ' || r || ': the quarter matters here.', '<p>Reply ' || r || ': the quarter matters here.</p>', r % 3, 0.1 * (r % 3),
           now() - interval '20 minutes' + t * interval '1 millisecond'
    FROM generate_series(1, ${tops}) t, generate_series(1, 4) r`,
  ];
  for (const q of [...threads(1, 1, 1000), ...threads(2, 5001, 10)]) await raw(q);
  const rest = C - 5050;
  if (rest > 0) {
    const per = Math.ceil(rest / (S - 2));
    await raw(`INSERT INTO comments (comment_id, story_id, parent_id, path, depth, author_id, body, body_html, created_at)
      SELECT 5051 + n, 3 + n / ${per}, NULL, ${b36(`1 + n % ${per}`)}, 0, 1 + n % 500, 'Source?', '<p>Source?</p>', now() - interval '10 minutes'
      FROM generate_series(0, ${rest - 1}) n`);
  }
  await raw(`SELECT setval('comments_comment_id_seq', ${C})`);
  await raw(`INSERT INTO story_discussions (story_id, top_level_seq, comment_count, votes, last_comment_at)
    SELECT story_id, count(*) FILTER (WHERE depth = 0), count(*), (story_id * 7) % 23, max(created_at) FROM comments GROUP BY story_id`);
  await raw(`INSERT INTO figures (figure_id, subject_key, measure, subject, metric, period_key, period)
    SELECT g, 'bench-' || g, m, (${ENTITIES})[1 + g % 8] || ' ' || g, m, '2025-01..2025-03', 'Q1 2025'
    FROM generate_series(1, ${F}) g CROSS JOIN LATERAL (SELECT (${METRICS})[1 + g % 5] AS m) x`);
  await raw(`SELECT setval('figures_figure_id_seq', ${F})`);
  // Figure 1: 2,000 articles state it, in three values (two agree, one contradicts); the rest spread.
  await raw(`INSERT INTO claims (article_id, figure_id, quote, start_offset, end_offset, metric, subject, value, unit, hedged, extractor_version, stated_at, time_kind, time_key)
    SELECT 1 + (c * 13) % ${A}, CASE WHEN c <= 2000 THEN 1 ELSE 2 + c % ${F - 1} END, 'spent $' || v || ' billion', 0, 20, f.metric, f.subject,
           v * 1e9, 'USD', false, 'bench', now() - c * interval '1 minute', 'interval', '2025-01..2025-03'
    FROM generate_series(1, ${K}) c
    CROSS JOIN LATERAL (SELECT (ARRAY[10, 10.5, 14])[1 + c % 3] AS v) x
    JOIN figures f ON f.figure_id = CASE WHEN c <= 2000 THEN 1 ELSE 2 + c % ${F - 1} END`);
  await raw('ANALYZE');
  return { stories: S, articles: A, comments: C, claims: K, figures: F, story5k: 1, story50: 2, bigFigure: 1 };
}
