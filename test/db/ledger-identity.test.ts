import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../src/accounts/accounts.ts';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { figureVerdict } from '../../src/claims/compare.ts';
import { extractClaims } from '../../src/claims/extract/extract.ts';
import * as Ledger from '../../src/claims/ledger.ts';
import { checkText } from '../../src/crosscheck/check.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { makeUser, postChecked } from '../support/crosscheck.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { testApp } from '../support/app.ts';
import { item } from '../support/items.ts';
import { seedStory } from '../support/web-client.ts';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

/**
 * The ledger files real-text claims by canonical subject, measure and resolved time: each test
 * states figures in articles published on given days, through the extractor, and asks which
 * figure each landed in.
 */
describe.each(drivers)('figure identity in the ledger on %s', (driver) => {
  let t: TestDatabase;
  let feedId: number;
  let next = 1;
  const file = async (text: string, published: string, title = '') => {
    const n = next++;
    await upsertFeedItems(t.db, feedId, [item(n, { title, contentText: text, publishedAt: at(published) })]);
    const [{ articleId }] = await t.db.query.articles.findMany({
      where: (a, { eq }) => eq(a.canonicalUrl, `https://news.example/${n}`),
    });
    return Ledger.replaceClaims(t.db, { articleId }, extractClaims(text, { title }), {
      extractorVersion: 't',
      statedAt: at(published),
    });
  };
  const figureOf = async (text: string, published: string, title = '') =>
    (await file(text, published, title))[0].figureId;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    feedId = (await Feeds.add(t.db, { url: 'https://news.example/feed.xml' })).feedId;
  });
  afterAll(() => t?.close());

  it('when "this year" is said in 2024 and in 2026, then they never meet; "this year" in 2025 meets "2025"', async () => {
    const in2024 = await figureOf('Acme Robotics revenue will be $5 billion this year.', '2024-03-01');
    const in2026 = await figureOf('Acme Robotics revenue will be $5 billion this year.', '2026-03-01');
    const in2025 = await figureOf('Acme Robotics revenue will be $5 billion this year.', '2025-03-01');
    const written = await figureOf('Acme Robotics revenue will be $5 billion in 2025.', '2024-11-01');
    expect(new Set([in2024, in2026, in2025]).size).toBe(3);
    expect(written).toBe(in2025);
  });

  it("when a known company's fiscal quarter is named, then it meets the same months written as calendar time", async () => {
    const fiscal = await figureOf('Nvidia revenue was $30 billion in the second quarter of fiscal 2025.', '2024-08-28');
    const months = await figureOf('Nvidia revenue was $30 billion for the quarter ended July 28.', '2024-08-29');
    expect(months).toBe(fiscal);
  });

  it("when a fiscal quarter offset from the calendar is written as calendar months, then it is that quarter's figure; the neighbouring quarter stays apart", async () => {
    const q2 = await figureOf('Nvidia revenue was $46.7 billion in Q2 FY2026.', '2025-08-27');
    const q3 = await figureOf('Nvidia revenue was $57 billion in Q3 FY2026.', '2025-11-19');
    const calendar = await figureOf('Nvidia revenue was $57 billion in July–September 2025.', '2025-11-20');
    expect(calendar).toBe(q3);
    expect(q2).not.toBe(q3);
    // Calendar quarters of a calendar-year company never overlap: they stay two figures.
    const intelQ2 = await figureOf('Intel revenue was $12.9 billion in Q2 2025.', '2025-07-25');
    const intelQ3 = await figureOf('Intel revenue was $13.7 billion in Q3 2025.', '2025-10-24');
    expect(intelQ3).not.toBe(intelQ2);
  });

  it('when one outlet writes Alphabet and another Google, then both are one figure', async () => {
    const a = await figureOf('Alphabet capital expenditures in 2026 will be $180 billion.', '2026-02-05');
    const g = await figureOf('Google capital expenditures in 2026 will be $180 billion.', '2026-02-06');
    expect(a).toBe(g);
  });

  it('when an article gives a flow with no period, then it is filed beside the latest period as undated and never contradicts', async () => {
    const dated = await figureOf('Contoso revenue was $12 billion in Q3 2025.', '2025-10-20');
    const [undated] = await file('Contoso revenue was $19 billion.', '2025-10-22');
    expect(undated.figureId).toBe(dated);
    expect(undated.timeKind).toBe('undated');
    const found = await Ledger.figureById(t.db, dated!);
    expect(found!.claims.map((c) => c.value).sort()).toEqual([12e9, 19e9]);
    expect(figureVerdict(found!.claims)).toBe('one-source');
    // The page says what is compared, names the article behind each value and lists the undated value apart.
    const html = await (await testApp(t.db).request(`/figures/${dated}`)).text();
    expect(html).toContain('Compared here: Contoso · revenue · Jul–Sep 2025.');
    expect(html).not.toContain('class="badge conflict">contradicts');
    expect(html).toContain('Undated values');
    expect(html.indexOf('$19B')).toBeGreaterThan(html.indexOf('Undated values'));
    expect(html).not.toContain('sources contradict each other');
  });

  it('when two articles state one figure beyond the tolerance, then the page says which values, how far apart and the tolerance', async () => {
    const id = await figureOf('Initech revenue was $10 billion in Q1 2025.', '2025-04-20', 'Initech results');
    await figureOf('Initech revenue was $14 billion in Q1 2025.', '2025-04-21', 'Initech beats');
    const html = await (await testApp(t.db).request(`/figures/${id}`)).text();
    expect(html).toContain('sources contradict each other');
    expect(html).toContain(
      'Why &quot;contradict&quot;: Initech results says $10B, Initech beats says $14B: 29 % apart, beyond the 10 % tolerance.',
    );
  });

  it('when an undated value arrives before any dated one, then the dated figure takes it over when it appears', async () => {
    const [undated] = await file('Fabrikam revenue was $7 billion.', '2025-08-05');
    const dated = await figureOf('Fabrikam revenue was $7 billion in Q2 2025.', '2025-08-06');
    const [moved] = await Ledger.forArticle(t.db, undated.articleId!);
    expect(moved.figureId).toBe(dated);
  });

  it('when levels are stated days apart, then they meet; months apart, they are different figures', async () => {
    const first = await figureOf('Anthropic was valued at $61.5 billion.', '2025-03-03');
    const days = await figureOf('Anthropic was valued at $61.5 billion.', '2025-03-12');
    const months = await figureOf('Anthropic was valued at $183 billion.', '2025-09-03');
    expect(days).toBe(first);
    expect(months).not.toBe(first);
  });

  it('when a level is restated months later with the same value, then it is that figure; another value then is a new figure', async () => {
    const round = await figureOf('Cohere was valued at $6.8 billion.', '2024-07-22');
    const restated = await figureOf('Cohere, last valued at $6.8 billion, is hiring.', '2024-11-20');
    const later = await figureOf('Cohere was valued at $5.5 billion.', '2025-01-15');
    // Within the tolerance of agreement, but not the same number: another round, not a restatement.
    const near = await figureOf('Cohere was valued at $6.3 billion.', '2025-03-05');
    expect(restated).toBe(round);
    expect(later).not.toBe(round);
    expect(near).not.toBe(round);
  });

  it('when statements of a level follow each other weeks apart, then each joins the nearest statement, not only the first', async () => {
    const a = await figureOf('Perplexity has 30 million weekly users.', '2025-01-02');
    const b = await figureOf('Perplexity has 31 million weekly users.', '2025-01-28');
    const c = await figureOf('Perplexity has 32 million weekly users.', '2025-02-20');
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('when conflicting values of a level follow each other weeks apart, then they are no chain: each new value needs every statement of a figure within the window', async () => {
    const dec = await figureOf('Claude has 300 million weekly users.', '2025-12-01');
    const jan = await figureOf('Claude has 400 million weekly users.', '2025-12-28');
    const feb = await figureOf('Claude has 500 million weekly users.', '2026-01-22');
    // 400 million is within the window of 300 million (a contradiction to show); 500 million is
    // 52 days after 300 million: a new figure, not a third rival value.
    expect(jan).toBe(dec);
    expect(feb).not.toBe(dec);
  });

  it("when a company's model cost is stated of the company, then it is the model's figure with that number; another number stays the company's", async () => {
    const model = await figureOf('DeepSeek-V3 was trained for $5.6 million.', '2025-01-20');
    const company = await figureOf(
      'DeepSeek said one of its latest AI models cost just $5.6 million to train.',
      '2025-01-27',
    );
    const other = await figureOf('DeepSeek said its models cost $12 million to train.', '2025-01-27');
    expect(company).toBe(model);
    expect(other).not.toBe(model);
    // The other way round: the maker's statement comes first, the model's figure takes it in when it appears.
    const [early] = await file('DeepSeek said one of its models cost $0.29 million to train.', '2025-09-17');
    const r1 = await figureOf('DeepSeek-R1 cost $294,000 to train.', '2025-09-18');
    const [now] = await Ledger.forArticle(t.db, early.articleId!);
    expect(now.figureId).toBe(r1);
  });

  it("when a model's training cost is stated years apart, then it is one figure, and a different value contradicts it", async () => {
    const first = await figureOf('DeepSeek-V3 cost $5.6 million to train.', '2025-01-02');
    const again = await figureOf('DeepSeek-V3 cost $5.6 million to train.', '2026-03-31');
    const [other] = await file('DeepSeek-V3 cost $1.6 billion to train.', '2025-06-01');
    expect(again).toBe(first);
    expect(other.figureId).toBe(first);
    const figure = await Ledger.figureById(t.db, first!);
    expect(figureVerdict(figure!.claims)).toBe('contested');
  });

  it('when a net profit is stated for a quarter and again without a period, then the undated one is filed beside that quarter', async () => {
    const quarter = await figureOf('TSMC saw July-September net profit rise to T$452.3 billion.', '2025-10-16');
    const undated = await figureOf('TSMC posted net income of T$452.3 billion.', '2025-10-17');
    const [{ timeKind }] = await file('TSMC posted net income of T$452.3 billion.', '2025-10-18');
    expect(undated).toBe(quarter);
    expect(timeKind).toBe('undated');
  });

  it('when a growth rate gives no period and no basis, then it is not filed beside a quarter-on-quarter figure', async () => {
    const sequential = await figureOf('Contoso cloud revenue grew 5% QoQ in Q2 2025.', '2025-08-01');
    const yearly = await figureOf('Contoso cloud revenue grew 56% in Q2 2025 from a year earlier.', '2025-08-01');
    // Another number, so no outlet's restatement: only the reading of a bare rate files it.
    const bare = await figureOf('Contoso cloud revenue grew 54%.', '2025-08-02');
    expect(bare).not.toBe(sequential);
    expect(bare).toBe(yearly);
  });

  it('when a rate said to be year on year has the number of a sequential figure, then it is no echo of it', async () => {
    const sequential = await figureOf('Contoso server revenue grew 12% QoQ in Q2 2025.', '2025-08-01');
    const [yearly] = await file('Contoso server revenue grew 12% year over year in the quarter.', '2025-08-02');
    expect(yearly.figureId).not.toBe(sequential);
  });

  it('when a statement gives no time and other outlets gave the same number for a relative span that week, then it is their figure', async () => {
    const plan = await figureOf(
      'Globex will spend $500 billion on data centers over the next four years.',
      '2025-01-22',
    );
    const undated = await figureOf('Globex will spend $500 billion on data centers.', '2025-01-23');
    expect(undated).toBe(plan);
  });

  it('when an outlet counts users without saying how often and others gave the same number as monthly users that month, then it is their figure; another number stays apart', async () => {
    const monthly = await figureOf('The Gemini app has 900 million monthly active users.', '2026-05-19');
    const bare = await figureOf('Gemini app users reached 900 million, Google said.', '2026-05-20');
    const other = await figureOf('Gemini has 650 million users.', '2026-05-20');
    const weekly = await figureOf('The Gemini app has 900 million weekly active users.', '2026-05-21');
    expect(bare).toBe(monthly);
    expect(other).not.toBe(monthly);
    expect(weekly).not.toBe(monthly);
  });

  it('when the count without its frequency arrives first, then the count stated with it takes it in', async () => {
    const [bare] = await file('Meta AI users reached 1 billion, the company said.', '2025-05-28');
    const monthly = await figureOf('Meta AI has 1 billion monthly active users.', '2025-05-29');
    expect(bare.figureId).not.toBe(monthly);
    const [now] = await Ledger.forArticle(t.db, bare.articleId!);
    expect(now.figureId).toBe(monthly);
  });

  it('when a level is promised "by the end of this year" or "by the end of 2024", then it is held at that year end', async () => {
    const [a] = await file('Initrode will have 350,000 GPUs by the end of this year.', '2024-01-19');
    const [b] = await file('By the end of 2024, Initrode will have 350,000 GPUs.', '2024-01-20');
    expect([a.timeKind, a.timeKey]).toEqual(['asof', '@2024-12-31']);
    expect(b.figureId).toBe(a.figureId);
  });

  it('when an outlet leaves the period to the reader and states the number others gave for a named quarter that week, then it is their figure', async () => {
    const named = await figureOf('Broadcom AI semiconductor revenue was $5.2 billion in Q3 FY2025.', '2025-09-04');
    // "Q4" read on that day would be another quarter; the same number said the next day is this one restated.
    const inferred = await figureOf('Broadcom AI semiconductor revenue hit $5.2 billion in Q4.', '2025-09-05');
    // Another number with an inferred period stays where its period puts it.
    const other = await figureOf('Broadcom AI semiconductor revenue hit $6.2 billion in Q4.', '2025-09-05');
    expect(inferred).toBe(named);
    expect(other).not.toBe(named);
  });

  it('when the outlet that leaves the period to the reader comes first, then the figure stated in full takes it in when it appears', async () => {
    const [guessed] = await file('Marvell data center revenue hit $1.49 billion in Q4.', '2025-08-29');
    const named = await figureOf('Marvell data center revenue was $1.49 billion in Q2 FY2026.', '2025-08-30');
    expect(guessed.figureId).not.toBe(named);
    const [now] = await Ledger.forArticle(t.db, guessed.articleId!);
    expect(now.figureId).toBe(named);
    expect(await Ledger.successorOf(t.db, guessed.figureId!)).toBe(named);
  });

  it("when a figure stated for a full year has the number an outlet gave for a guessed quarter, then the quarter's statement stays where it was", async () => {
    // A year and a quarter are different quantities even where a headline mislabels one as the other.
    const [quarterly] = await file('Lumentum revenue was $2.87 billion in the quarter.', '2025-08-20');
    const yearly = await figureOf('Lumentum revenue was $2.87 billion in fiscal 2026.', '2025-08-21');
    const [now] = await Ledger.forArticle(t.db, quarterly.articleId!);
    expect(now.figureId).toBe(quarterly.figureId);
    expect(now.figureId).not.toBe(yearly);
    // And the other way round: a year left to the reader is no echo of a quarter named in full.
    const quarter = await figureOf('Lumentum revenue was $3.41 billion in Q2 2025.', '2025-08-20');
    const [year] = await file('Lumentum revenue for the full year was $3.41 billion.', '2025-08-21');
    expect(year.figureId).not.toBe(quarter);
  });

  it('when a quarter is written "Q2’FY21", then it is that fiscal quarter, not the fiscal year', () => {
    const [claim] = extractClaims('For Q2’FY21, NVIDIA booked $3.87B in revenue.');
    expect(claim.period).toBe('Q2 FY2021');
  });

  it('when a passage names no subject but states the number other outlets gave for that period that month, then it joins their figure, whichever arrives first', async () => {
    // A call transcript's "Revenue of $13.3 billion" arrives before any outlet has named the company.
    const [early] = await file(
      'Q2 was another record quarter. Revenue of $13.3 billion was up 15% sequentially.',
      '2025-08-27',
    );
    expect(early.figureId).toBeNull();
    const named = await figureOf('AMD revenue was $13.3 billion in Q2 2025.', '2025-08-28');
    const [late] = await file('Revenue in Q2 came to $13.3 billion, a record.', '2025-08-29');
    expect(late.figureId).toBe(named);
    expect(late.subject).toBeNull();
    const [adopted] = await Ledger.forArticle(t.db, early.articleId!);
    expect([adopted.figureId, adopted.timeKey]).toEqual([
      named,
      (await Ledger.forArticle(t.db, late.articleId!))[0].timeKey,
    ]);
  });

  it('when a subjectless number is held by two companies, or differs in the third digit, or is a bare change, then it joins nothing', async () => {
    await figureOf('Intel revenue was $7.41 billion in Q3 2025.', '2025-10-20');
    await figureOf('Meta revenue was $7.41 billion in Q3 2025.', '2025-10-21');
    const [ambiguous] = await file('Third-quarter revenue was $7.41 billion.', '2025-10-22');
    await figureOf('Broadcom revenue was $33.1 billion in Q3 2025.', '2025-10-20');
    const [nearby] = await file('Third-quarter revenue was $33.0 billion.', '2025-10-22');
    await figureOf('Broadcom revenue rose 26% year over year in Q3 2025.', '2025-10-20');
    const [bare] = await file('Sales were up 26%.', '2025-10-22');
    expect([ambiguous.figureId, nearby.figureId, bare.figureId]).toEqual([null, null, null]);
  });

  it('when a level is given with its comparison base ("up from $300 billion earlier"), then the base is kept but joins no figure', async () => {
    const stored = await file(
      'Databricks is now valued at $62 billion, up from $43 billion earlier this year.',
      '2024-12-18',
    );
    expect(stored.map((c) => c.value)).toEqual([62e9, 43e9]);
    expect(stored[0].figureId).not.toBeNull();
    expect(stored[1].figureId).toBeNull();
  });

  it('when a funding sentence names an investor, then the company receiving the money is the subject', async () => {
    const [claim] = await file('Amazon will invest another $4 billion in Anthropic.', '2024-11-22');
    expect(claim.subject).toBe('Anthropic (from Amazon)');
    const [round] = await file('Anthropic raised $3.5 billion in a round led by Lightspeed.', '2025-03-04');
    expect(round.subject).toBe('Anthropic');
  });

  it('when a value is the comparison base of a growth rate, then it is the earlier period, not a rival value', async () => {
    const claims = await file(
      'Northwind revenue rose 50% to $3.9 billion in Q2 2025 from $2.6 billion a year earlier.',
      '2025-08-01',
    );
    const [now, base] = [claims.find((c) => c.value === 3.9e9)!, claims.find((c) => c.value === 2.6e9)!];
    expect(now.timeKey).toBe('2025-04..2025-06');
    expect(base.timeKey).toBe('2024-04..2024-06');
    expect(base.figureId).not.toBe(now.figureId);
  });

  it('when the identity rules re-file a claim, then its old figure redirects to the new one', async () => {
    const [old] = await file('Globex revenue was $9 billion in 2024.', '2025-02-01');
    // Re-extraction under other rules moves the claim at the same place to another figure.
    const moved = await Ledger.replaceClaims(
      t.db,
      { articleId: old.articleId! },
      extractClaims('Globex revenue was $9 billion in 2023.'),
      { extractorVersion: 't2', statedAt: at('2025-02-01') },
    );
    expect(moved[0].figureId).not.toBe(old.figureId);
    expect(await Ledger.successorOf(t.db, old.figureId!)).toBe(moved[0].figureId);
    const res = await testApp(t.db).request(`/figures/${old.figureId}`);
    expect([res.status, res.headers.get('location')]).toEqual([301, `/figures/${moved[0].figureId}`]);
  });
});

describe.each(drivers)('figures in comments checked against the ledger on %s', (driver) => {
  let t: TestDatabase;
  let storyId: number;
  let ada: CurrentUser;
  const now = at('2025-10-30');

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    const feed = await Feeds.add(t.db, { url: 'https://news.example/feed.xml' });
    await upsertFeedItems(t.db, feed.feedId, [
      item(1, {
        title: 'Nvidia results',
        contentText: 'Nvidia said data center revenue grew 112% in the quarter YoY.',
        publishedAt: at('2025-08-28'),
      }),
    ]);
    const [a] = await t.db.query.articles.findMany();
    await Ledger.replaceClaims(t.db, { articleId: a.articleId }, extractClaims(a.contentText, { title: a.title }), {
      extractorVersion: 't',
      statedAt: a.publishedAt,
    });
    storyId = await seedStory(t.db, 'Nvidia results beat estimates');
    ada = await makeUser(t.db, 'ada');
  });
  afterAll(() => t?.close());

  it('when a comment restates an article figure in other words, then it is supported by that article', async () => {
    const { checks } = await postChecked(t.db, {
      storyId,
      author: ada,
      text: 'Nvidia data center revenue grew 112% year over year, per the article.',
      now,
    });
    expect(checks.map((c) => c.outcome)).toEqual(['supported']);
    expect(checks[0].support[0]).toMatchObject({ value: 112, source: { kind: 'article' } });
  });

  it('when a comment names nobody ("Honestly …"), then it takes the thread\'s subject, never "Honestly"', async () => {
    const [check] = await checkText(t.db, 'Honestly data center revenue grew 112% year over year.', {
      threadSubjects: ['Nvidia (data center)'],
      now,
    });
    expect(check.claim.subject).toBe('Nvidia (data center)');
    expect(check.outcome).toBe('supported');
  });

  it('when a comment gives another value, then it conflicts and names the article it conflicts with', async () => {
    const [check] = await checkText(t.db, 'Nvidia data center revenue grew 40% year over year.', { now });
    expect(check.outcome).toBe('conflicts');
    expect(check.conflicts[0].source).toMatchObject({ kind: 'article', title: 'Nvidia results' });
  });
});
