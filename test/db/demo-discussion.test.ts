import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import * as Thread from '../../src/discussion/thread.ts';
import { DEMO_THREAD, importDemoDiscussion, loadDemoThread, tidyCutText } from '../../src/demo/discussion.ts';
import { silentLogger } from '../../src/log.ts';
import { ensureDemoFeed } from '../../src/main.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { testScheduleDeps } from '../support/ingest.ts';
import { WebClient } from '../support/web-client.ts';

describe('tidyCutText', () => {
  it('when a seed comment stops mid-sentence, then it ends with an ellipsis, a visibly cut word dropped; complete text is untouched', () => {
    expect(tidyCutText('what it looks like post-sc')).toBe('what it looks like…');
    expect(tidyCutText('not record datacenter buildouts,')).toBe('not record datacenter buildouts…');
    expect(tidyCutText('pressure from the FTC on data')).toBe('pressure from the FTC on data…');
    expect(tidyCutText('the cost per token.')).toBe('the cost per token.');
    expect(tidyCutText('why are capex exploding?')).toBe('why are capex exploding?');
  });
});

describe.each(drivers)('demo discussion on %s', (driver) => {
  let t: TestDatabase;
  let firstImport: number;
  // Imported once here, so every case (each only reads) finds the thread whatever ran before it.
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await ensureDemoFeed(t, testScheduleDeps(t.db), silentLogger);
    firstImport = await importDemoDiscussion(t.db, silentLogger);
  });
  afterAll(() => t?.close());

  it('when imported twice, then the seven comments exist once, threaded as the text reads, on the CNN article’s story', async () => {
    expect(firstImport).toBe(7);
    expect(await importDemoDiscussion(t.db, silentLogger)).toBe(0);
    const seed = await loadDemoThread();
    const story = (await t.db.query.stories.findFirst())!;
    expect(story.title).toMatch(/hard part is about to begin/i);
    const page = await Thread.page(t.db, { storyId: story.storyId, sort: 'old' });
    expect(page.commentCount).toBe(7);
    const [zara, tokenomics, alignment, quant] = page.threads;
    expect([zara, tokenomics, alignment, quant].map((n) => n.row.authorName)).toEqual([
      'Zara',
      'tokenomics',
      'alignment_tax',
      'quant_ops',
    ]);
    const sable = zara.children[0];
    const nate = sable.children[0];
    expect([sable.row.authorName, nate.row.authorName, nate.children[0].row.authorName]).toEqual([
      'Sable',
      'NeuralNate',
      'Sable',
    ]);
    expect(sable.row.body.startsWith('Zara, you')).toBe(true);
    expect(nate.children[0].row.body.startsWith('NeuralNate, the FTC angle')).toBe(true);
    expect(zara.row.body).toBe(tidyCutText(seed.comments[0]));
    expect(DEMO_THREAD).toHaveLength(seed.comments.length);
  });

  it('when someone tries to log in as a demo author, then they cannot', async () => {
    expect(await Accounts.authenticate(t.db, 'Zara', '')).toBeNull();
    expect((await Accounts.byUsername(t.db, 'NeuralNate'))?.passwordHash).toBeNull();
  });

  it('when the story page is opened, then the thread reads in order with names and replies', async () => {
    const story = (await t.db.query.stories.findFirst())!;
    const html = await (await new WebClient(testApp(t.db)).get(`/stories/${story.storyId}?sort=old`)).text();
    expect(html).toContain('(7 comments)');
    expect(html.indexOf('>Zara<')).toBeLessThan(html.indexOf('>Sable<'));
    expect(html.indexOf('>Sable<')).toBeLessThan(html.indexOf('>NeuralNate<'));
    expect(html).toContain('what their internal cost-per-token actually looks like…');
  });
});
