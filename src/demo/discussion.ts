/**
 * The bundled demo discussion (discussion.json): the readers' thread under the CNN piece "The hard
 * part is about to begin…", imported as comments on that article's story at start-up when
 * DEMO_DATA is on. Idempotent: a second run finds the thread and does nothing.
 */
import { readFile } from 'node:fs/promises';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import * as Accounts from '../accounts/accounts.ts';
import { articleSources, articles } from '../articles/articles.sql.ts';
import { feeds } from '../feeds/feeds.sql.ts';
import { BUNDLED_DEMO_FEED } from '../ingest/fetchers.ts';
import type { Db } from '../db/client.ts';
import { comments } from '../discussion/comments.sql.ts';
import * as Comments from '../discussion/comments.ts';
import { recordCommentFigures } from '../crosscheck/comment-figures.ts';
import { extractBatch } from '../claims/extract-jobs.ts';
import { inProcessExtractor } from '../claims/extractor.ts';
import type { Logger } from '../log.ts';
import { ensureStoryFor } from '../stories/standalone.ts';

export type DemoThread = { article: string; opening: string; comments: string[] };

/**
 * Who wrote what, read from the text: comment 2 answers "Zara", comment 3 praises Zara and answers
 * "Sable" (who raised the SEC angle), comment 5 answers "NeuralNate" about the FTC point of
 * comment 3, and comment 2 calls him "Nate". The rest address nobody: new top-level voices.
 * `parent` is the index of the comment replied to.
 */
export const DEMO_THREAD: { author: string; parent: number | null; minutesAfter: number }[] = [
  { author: 'Zara', parent: null, minutesAfter: 34 },
  { author: 'Sable', parent: 0, minutesAfter: 51 },
  { author: 'NeuralNate', parent: 1, minutesAfter: 68 },
  { author: 'tokenomics', parent: null, minutesAfter: 92 },
  { author: 'Sable', parent: 2, minutesAfter: 117 },
  { author: 'alignment_tax', parent: null, minutesAfter: 149 },
  { author: 'quant_ops', parent: null, minutesAfter: 203 },
];

const DAY_MS = 86_400_000;
const threadFile = new URL('./discussion.json', import.meta.url);

export async function loadDemoThread(): Promise<DemoThread> {
  return JSON.parse(await readFile(threadFile, 'utf8')) as DemoThread;
}

/**
 * The seed comments were cut off at a fixed length, some mid-sentence or mid-word. Where one
 * stops mid-sentence, end it like someone trailing off: drop a dangling comma or a visibly cut
 * word ("post-sc") and add an ellipsis. Complete text is left alone.
 */
export function tidyCutText(text: string): string {
  const trimmed = text.trim();
  if (/[.!?…"')\]]$/.test(trimmed)) return trimmed;
  const withoutCutWord = trimmed.replace(/\s+\S*-[A-Za-z]{1,2}$/, '');
  return `${withoutCutWord.replace(/[\s,;:—-]+$/, '')}…`;
}

/** Imports the thread once the demo article has been ingested; returns how many comments were added. */
export async function importDemoDiscussion(db: Db, log: Logger): Promise<number> {
  const thread = await loadDemoThread();
  const [article] = await db
    .select({ articleId: articles.articleId, publishedAt: articles.publishedAt })
    .from(articles)
    .where(like(articles.url, `%/articles/${thread.article}%`))
    .limit(1);
  if (!article) {
    log.warn('demo discussion skipped: its article has not been ingested', { article: thread.article });
    return 0;
  }
  const storyId = await ensureStoryFor(db, article.articleId);
  const authors = await demoAuthors(db, article.publishedAt);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(comments)
    .where(
      and(
        eq(comments.storyId, storyId),
        inArray(
          comments.authorId,
          [...authors.values()].map((a) => a.userId),
        ),
      ),
    );
  if (n > 0) return 0;
  // The readers' figures are checked against the demo articles' figures: extract those first (the
  // deterministic extractor, in-process; those jobs are then done and enrichment skips them).
  // Only the demo feed's articles: start-up must not wait on anyone else's backlog.
  const demoArticles = await db
    .select({ id: articleSources.articleId })
    .from(articleSources)
    .innerJoin(feeds, eq(feeds.feedId, articleSources.feedId))
    .where(eq(feeds.url, BUNDLED_DEMO_FEED));
  const articleIds = demoArticles.map((a) => a.id);
  while (
    (
      await extractBatch({
        db,
        extractor: inProcessExtractor,
        log,
        owner: 'demo-import',
        batchSize: 16,
        leaseSeconds: 60,
        maxAttempts: 3,
        articleIds,
      })
    ).claimed
  );
  const posted: number[] = [];
  for (const [i, text] of thread.comments.entries()) {
    const plan = DEMO_THREAD[i] ?? { author: 'Zara', parent: null, minutesAfter: 240 + i * 10 };
    const now = new Date(article.publishedAt.getTime() + plan.minutesAfter * 60_000);
    const parentId = plan.parent === null ? null : posted[plan.parent];
    const comment = await Comments.post(db, {
      storyId,
      parentId,
      author: authors.get(plan.author)!,
      text: tidyCutText(text),
      now,
    });
    await recordCommentFigures(db, comment, { now }); // the readers' figures, checked against the demo articles
    posted.push(comment.commentId);
  }
  log.info('demo discussion imported', { storyId, comments: posted.length });
  return posted.length;
}

/** Demo authors exist (created once, long before the article) and have no password: nobody can log in as them. */
async function demoAuthors(db: Db, articleTime: Date): Promise<Map<string, Accounts.CurrentUser>> {
  const out = new Map<string, Accounts.CurrentUser>();
  for (const name of new Set(DEMO_THREAD.map((p) => p.author))) {
    const user =
      (await Accounts.byUsername(db, name)) ??
      (await Accounts.create(db, {
        username: name,
        password: null,
        role: 'commenter',
        createdAt: new Date(articleTime.getTime() - 400 * DAY_MS),
      }));
    out.set(name, Accounts.toCurrentUser(user, articleTime));
  }
  return out;
}
