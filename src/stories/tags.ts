import { eq, inArray, sql } from 'drizzle-orm';
import { articles } from '../articles/articles.sql.ts';
import { claims } from '../claims/claims.sql.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { stories } from './stories.sql.ts';

/**
 * Story topics for the front page filter (`/?tag=capex`). Derived from the metrics of the story's
 * figures and from words in its headlines and summaries; once a moderator edits a story's tags,
 * they are the moderator's and derivation leaves them alone.
 */
export const TAGS = ['capex', 'pricing', 'chips', 'models', 'revenue', 'funding', 'power', 'policy'] as const;
export type Tag = (typeof TAGS)[number];

const FROM_METRIC: Record<string, Tag> = {
  capex: 'capex',
  cost_per_token: 'pricing',
  price_change: 'pricing',
  revenue: 'revenue',
  revenue_growth: 'revenue',
  valuation: 'funding',
  funding: 'funding',
  gpu_count: 'chips',
  training_compute: 'models',
  training_cost: 'models',
  parameters: 'models',
  power: 'power',
};
const FROM_WORDS: [Tag, RegExp][] = [
  ['capex', /\b(capex|capital (expenditure|spending)|data ?cent(er|re)s?|infrastructure spend)/i],
  ['pricing', /\b(price[sd]?|pricing|per (million|1m) tokens|cost per token|cheaper)\b/i],
  ['chips', /\b(gpus?|chips?|accelerators?|nvidia|tpus?|asics?|semiconductor|broadcom|amd)\b/i],
  ['models', /\b(model (release|launch)|parameters?|training run|frontier model|llms?|gpt-\d|claude|gemini|llama)\b/i],
  ['funding', /\b(funding|raised|valuation|investors?|venture capital|ipo)\b/i],
  ['power', /\b(power|electricity|energy|gigawatts?|megawatts?|grid)\b/i],
  [
    'policy',
    /\b(regulat\w*|policy|sec|ftc|antitrust|eu ai act|congress\w*|export controls?|liability directive|lawsuit)\b/i,
  ],
];

export function deriveTags(input: { texts: string[]; metrics: string[] }): Tag[] {
  const found = new Set<Tag>();
  for (const m of input.metrics) if (FROM_METRIC[m]) found.add(FROM_METRIC[m]);
  const text = input.texts.join('\n');
  for (const [tag, re] of FROM_WORDS) if (re.test(text)) found.add(tag);
  return TAGS.filter((t) => found.has(t));
}

export function parseTags(raw: string): Tag[] {
  const words = raw
    .split(/[\s,]+/)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  const unknown = words.filter((w) => !(TAGS as readonly string[]).includes(w));
  if (unknown.length)
    throw new AppError(
      'bad_tags',
      `Unknown tag ${unknown.map((u) => `"${u}"`).join(', ')}. Tags: ${TAGS.join(', ')}.`,
      { status: 422 },
    );
  return TAGS.filter((t) => words.includes(t));
}

/** Re-derives a story's tags from its articles and their figures, unless a moderator set them. */
export async function refreshTags(db: Db, storyId: number): Promise<void> {
  const [story] = await db.select({ editedAt: stories.tagsEditedAt }).from(stories).where(eq(stories.storyId, storyId));
  if (!story || story.editedAt) return;
  const rows = await db
    .select({ id: articles.articleId, title: articles.title, summary: articles.summary })
    .from(articles)
    .where(eq(articles.storyId, storyId));
  const metrics = rows.length
    ? await db
        .selectDistinct({ metric: claims.metric })
        .from(claims)
        .where(
          inArray(
            claims.articleId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const tags = deriveTags({
    texts: rows.flatMap((r) => [r.title, r.summary ?? '']),
    metrics: metrics.map((m) => m.metric),
  });
  await db.update(stories).set({ tags }).where(eq(stories.storyId, storyId));
}

/** A moderator's edit: the tags become fixed (derivation no longer touches them). */
export async function setTags(db: Db, storyId: number, tags: Tag[], now: Date): Promise<Tag[]> {
  await db
    .update(stories)
    .set({ tags, tagsEditedAt: now, updatedAt: sql`now()` })
    .where(eq(stories.storyId, storyId));
  return tags;
}
