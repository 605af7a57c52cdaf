import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresOfDiscussion } from '../../src/crosscheck/discussion-figures.ts';
import { importDemoDiscussion } from '../../src/demo/discussion.ts';
import { queryRows } from '../../src/db/sql.ts';
import { silentLogger } from '../../src/log.ts';
import { ensureDemoFeed } from '../../src/main.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { testScheduleDeps } from '../support/ingest.ts';
import { WebClient, unescapeHtml } from '../support/web-client.ts';

describe.each(drivers)('the demo thread’s figures, checked against the demo articles, on %s', (driver) => {
  let t: TestDatabase;
  let storyId: number;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await ensureDemoFeed(t, testScheduleDeps(t.db), silentLogger);
    await importDemoDiscussion(t.db, silentLogger);
    storyId = (await t.db.query.stories.findFirst())!.storyId;
  });
  afterAll(() => t?.close());

  it('when the demo thread is imported, then the articles’ figures are in the ledger first and every commenter figure is checked against them', async () => {
    const [{ n }] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from claims where article_id is not null`,
    );
    expect(n).toBeGreaterThan(40);
    const figures = await figuresOfDiscussion(t.db, storyId);
    const row = (quote: string, subject: string) => figures.find((f) => f.quote === quote && f.subject === subject);
    // "Every lab claims inference got 10x cheaper this quarter but capex is up 50%"
    expect(row('50%', 'labs')).toMatchObject({
      metric: 'capex',
      direction: 'up',
      outcome: 'unsourced',
      status: 'unsupported',
    });
    expect(row('10x', 'labs')).toMatchObject({
      metric: 'price_change',
      direction: 'down',
      hedged: true,
      outcome: 'unsourced',
    });
    // "OpenAI's reported inference costs per token dropped roughly 90% year-over-year"
    expect(row('90%', 'OpenAI')).toMatchObject({
      metric: 'price_change',
      period: 'YoY',
      hedged: true,
      outcome: 'unsourced',
      status: 'unsupported',
    });
    expect(row('60%', 'Databricks')).toMatchObject({ outcome: 'unsourced' });
    // "you can distil models down 10x in size": nobody named, in a thread about nobody in particular.
    expect(figures.find((f) => f.metric === 'parameters')).toMatchObject({
      subject: null,
      outcome: 'unattributed',
      figureId: null,
    });
  });

  it('when a reader opens the demo story, then the commenters’ figures show under their comments and in the story’s figures panel', async () => {
    const html = unescapeHtml(await (await new WebClient(testApp(t.db)).get(`/stories/${storyId}`)).text());
    expect(html).toContain('Figures in the discussion (5)');
    expect(html).toMatch(/labs · growth · <strong>↑ 50%<\/strong>/);
    expect(html).toMatch(/OpenAI · price change · <strong>~↓ 90%<\/strong>/);
    expect(html).toContain('no source found');
  });
});
